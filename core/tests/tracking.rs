//! Recurring tasks entered in the middle of the year: the form's question (from which period
//! the task is followed, how the earlier periods went), the import's column and its default,
//! and overdue counting only what was really due and not done.

use std::path::{Path, PathBuf};

use cchc_core::commune::CommuneInput;
use cchc_core::import::{self, Action, Kind, Severity};
use cchc_core::people::Actor;
use cchc_core::plan::progress::Standing;
use cchc_core::plan::tasks::{self, Earlier, Start, TaskInput, TaskStatus};
use cchc_core::plan::tracking;
use cchc_core::{audit, db, setup};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn commune() -> (Connection, Actor) {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    (conn, Actor::command_line())
}

fn monthly(start: Option<Start>) -> TaskInput {
    TaskInput {
        number: String::new(),
        content: "Cập nhật tin bài trên Trang thông tin điện tử".into(),
        area_id: 7,
        lead_officer_id: None,
        coordinators: String::new(),
        deadline: "Hằng tháng".into(),
        product: String::new(),
        status: TaskStatus::InProgress,
        completed_on: None,
        result: String::new(),
        reason: String::new(),
        solution: String::new(),
        start,
    }
}

#[test]
fn a_monthly_task_added_on_30_november_is_not_overdue_for_january() {
    let (mut conn, actor) = commune();
    let today = d(11, 30);
    // What the form asks: 12 periods, 10 past, followed from November by default.
    let preview = tracking::preview("Hằng tháng", 2026, today).unwrap();
    assert_eq!(preview.passed, 10);
    let suggested = preview.suggested.unwrap();
    assert_eq!(
        suggested,
        Start {
            from_seq: 11,
            earlier: Earlier::NotTracked
        }
    );
    let t = tasks::save(
        &mut conn,
        &actor,
        2026,
        None,
        &monthly(Some(suggested)),
        today,
    )
    .unwrap();
    assert!(!t.overdue, "November is due today, not past");
    assert_eq!(t.tracked_from, Some(d(11, 1)));
    assert_eq!(t.occurrences.iter().filter(|o| !o.tracked).count(), 10);
    assert_eq!(t.next_due, Some(d(11, 30)));
    assert_eq!(tasks::figures(&conn, 2026, today).unwrap().overdue, 0);
    assert!(tasks::overdue_notice(&conn, today).unwrap().is_none());
    // A day later November was due and not done: that one is overdue, January never is.
    let next = tasks::get(&conn, t.id, d(12, 1)).unwrap();
    assert!(next.overdue);
    assert_eq!(
        next.occurrences
            .iter()
            .filter(|o| o.overdue)
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>(),
        vec!["Tháng 11/2026"]
    );
    let log = audit::list(&conn, &actor, 1, 0).unwrap();
    assert!(
        log.entries[0]
            .detail
            .contains("theo dõi từ kỳ Tháng 11/2026; 10 kỳ trước không theo dõi"),
        "{}",
        log.entries[0].detail
    );

    // Without an answer every period is followed, and January is overdue: what the question
    // is there to avoid.
    let all = tasks::save(&mut conn, &actor, 2026, None, &monthly(None), today).unwrap();
    assert!(all.overdue);
    assert_eq!(all.occurrences.iter().filter(|o| o.overdue).count(), 10);
}

#[test]
fn earlier_periods_can_be_recorded_as_done() {
    let (mut conn, actor) = commune();
    let today = d(8, 10);
    let start = Start {
        from_seq: 8,
        earlier: Earlier::Done,
    };
    let t = tasks::save(&mut conn, &actor, 2026, None, &monthly(Some(start)), today).unwrap();
    assert_eq!(t.tracked_from, None);
    assert!(t.occurrences[..7]
        .iter()
        .all(|o| o.completed_on == Some(o.due)));
    assert!(t.occurrences[7..].iter().all(|o| o.completed_on.is_none()));
    assert_eq!(
        t.standing,
        Standing::Done,
        "every period due so far is done"
    );
    assert_eq!(t.standing_label, "Hoàn thành các kỳ đến hạn");
    assert!(!t.overdue);

    // Editing later without an answer keeps what was decided.
    let mut edit = monthly(None);
    edit.number = t.number.clone();
    edit.product = "Tin bài".into();
    let t = tasks::save(&mut conn, &actor, 2026, Some(t.id), &edit, today).unwrap();
    assert!(t.occurrences[..7].iter().all(|o| o.completed_on.is_some()));
}

#[test]
fn an_impossible_start_is_refused_and_saves_nothing() {
    let (mut conn, actor) = commune();
    let today = d(5, 2);
    let before: i64 = conn
        .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap();
    for (start, message) in [
        (
            Start {
                from_seq: 13,
                earlier: Earlier::NotTracked,
            },
            "có 12 kỳ; không có kỳ thứ 13",
        ),
        (
            Start {
                from_seq: 9,
                earlier: Earlier::Done,
            },
            "Kỳ Tháng 8/2026 chưa đến hạn",
        ),
    ] {
        let err =
            tasks::save(&mut conn, &actor, 2026, None, &monthly(Some(start)), today).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains(message), "{err}");
    }
    let after: i64 = conn
        .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after);
}

fn plan_file(dir: &Path, tracked: &[&str]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut header = vec![
        "STT",
        "Nội dung nhiệm vụ",
        "Lĩnh vực",
        "Thời hạn",
        "Trạng thái",
    ];
    if !tracked.is_empty() {
        header.push("Theo dõi từ");
    }
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("1", "Báo cáo CCHC định kỳ gửi Sở Nội vụ", "Hằng quý"),
        (
            "2",
            "Cập nhật tin bài trên Trang thông tin điện tử",
            "Hằng tháng",
        ),
        ("3", "Rà soát thủ tục hành chính", "Quý IV/2026"),
    ];
    for (r, (n, content, deadline)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *n).unwrap();
        ws.write_string(r, 1, *content).unwrap();
        ws.write_string(r, 2, "Cải cách thủ tục hành chính")
            .unwrap();
        ws.write_string(r, 3, *deadline).unwrap();
        ws.write_string(r, 4, "Đang thực hiện").unwrap();
        if let Some(t) = tracked.get(r as usize - 1) {
            ws.write_string(r, 5, *t).unwrap();
        }
    }
    let path = dir.join("ke-hoach.xlsx");
    wb.save(&path).unwrap();
    path
}

fn import(conn: &mut Connection, path: &Path, today: NaiveDate) -> import::Outcome {
    let request = import::Request {
        kind: Kind::Tasks,
        path,
        year: 2026,
        today,
        dry_run: false,
        period: None,
    };
    import::run(conn, &Actor::command_line(), &request, &mut |_, _| {}).unwrap()
}

#[test]
fn an_imported_plan_mid_year_is_followed_from_the_running_period_and_says_so() {
    let (mut conn, _) = commune();
    let dir = tempfile::tempdir().unwrap();
    let today = d(9, 20);
    let path = plan_file(dir.path(), &[]);
    let out = import(&mut conn, &path, today);
    assert!(out.applied, "{:?}", out.problems);
    let warnings: Vec<_> = out
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 2, "the two recurring tasks: {warnings:?}");
    assert!(warnings[0].message.contains("theo dõi từ kỳ Quý III/2026"));
    assert!(warnings[1].message.contains("theo dõi từ kỳ Tháng 9/2026"));
    let f = tasks::figures(&conn, 2026, today).unwrap();
    assert_eq!(f.overdue, 0, "nothing followed is past its deadline yet");

    // A second import of the same file changes nothing and warns of nothing new.
    let again = import(&mut conn, &path, today);
    assert_eq!(again.unchanged, 3, "{:?}", again.rows);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
}

#[test]
fn the_import_column_says_how_the_earlier_periods_went() {
    let (mut conn, _) = commune();
    let dir = tempfile::tempdir().unwrap();
    let today = d(9, 20);
    let path = plan_file(
        dir.path(),
        &["Từ đầu năm", "Các kỳ trước đã thực hiện", "Tháng 10/2026"],
    );
    let out = import(&mut conn, &path, today);
    assert!(out.applied, "{:?}", out.problems);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let list = tasks::list(&conn, 2026, today).unwrap();
    let quarterly = &list[0];
    assert!(
        quarterly.overdue,
        "followed from the start: Q1 and Q2 were due"
    );
    let monthly = &list[1];
    assert_eq!(monthly.standing, Standing::Done);
    assert_eq!(
        monthly
            .occurrences
            .iter()
            .filter(|o| o.completed_on.is_some())
            .count(),
        8
    );
    assert_eq!(
        list[2].tracked_from, None,
        "a dated task follows no periods"
    );
    let again = import(&mut conn, &path, today);
    assert_eq!(again.unchanged, 3, "{:?}", again.rows);

    // An unreadable column is an error naming the cell; nothing is written.
    let bad = plan_file(dir.path(), &["sớm"]);
    let (mut fresh, _) = commune();
    let out = import(&mut fresh, &bad, today);
    assert!(!out.applied);
    let err = out
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap();
    assert_eq!((err.row, err.column.as_str()), (2, "F"));
    assert!(err.message.contains("Theo dõi từ"), "{}", err.message);
    assert!(out.rows.iter().all(|r| r.action != Action::Unchanged));
    assert!(tasks::list(&fresh, 2026, today).unwrap().is_empty());
}
