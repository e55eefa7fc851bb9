//! The plan's rules end to end in core: saving, judging, counting, searching, rolling over.

use cchc_core::commune::{self, CommuneInput};
use cchc_core::people::Actor;
use cchc_core::plan::tasks::{self, TaskFilter, TaskInput, TaskStatus};
use cchc_core::plan::{reference, rollover};
use cchc_core::{audit, db, officers, setup, summary};
use chrono::NaiveDate;
use rusqlite::Connection;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn setup_2024() -> (Connection, Actor) {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2024,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    (conn, Actor::command_line())
}

fn input(content: &str, deadline: &str) -> TaskInput {
    TaskInput {
        number: String::new(),
        content: content.into(),
        area_id: 1,
        lead_officer_id: None,
        coordinators: String::new(),
        deadline: deadline.into(),
        product: String::new(),
        status: TaskStatus::NotStarted,
        completed_on: None,
        result: String::new(),
        reason: String::new(),
        solution: String::new(),
        start: None,
    }
}

fn task_count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn bad_tasks_get_a_clear_message_and_save_nothing() {
    let (mut conn, actor) = setup_2024();
    let today = d(2024, 6, 1);
    let audit_before = audit::list(&conn, &actor, 1, 0).unwrap().total;

    let err = tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("   ", "Quý II/2024"),
        today,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Nội dung nhiệm vụ không được để trống.");

    let err = tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Rà soát TTHC", "sớm nhất có thể"),
        today,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Không đọc được thời hạn “sớm nhất có thể”"),
        "{err}"
    );

    let mut early = input("Rà soát TTHC", "Quý II/2024");
    early.status = TaskStatus::Done;
    early.completed_on = Some(d(2023, 12, 20));
    let err = tasks::save(&mut conn, &actor, 2024, None, &early, today).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Ngày hoàn thành 20/12/2023 trước năm kế hoạch 2024: hãy nhập ngày từ 01/01/2024 trở đi."
    );

    let mut future = input("Rà soát TTHC", "Quý II/2024");
    future.status = TaskStatus::Done;
    future.completed_on = Some(d(2024, 7, 1));
    assert_eq!(
        tasks::save(&mut conn, &actor, 2024, None, &future, today)
            .unwrap_err()
            .kind(),
        "invalid"
    );

    let mut no_date = input("Rà soát TTHC", "Quý II/2024");
    no_date.status = TaskStatus::Done;
    assert_eq!(
        tasks::save(&mut conn, &actor, 2024, None, &no_date, today)
            .unwrap_err()
            .to_string(),
        "Nhiệm vụ đã hoàn thành cần có ngày hoàn thành."
    );

    let err = tasks::save(
        &mut conn,
        &actor,
        2019,
        None,
        &input("X", "Quý I/2019"),
        today,
    )
    .unwrap_err();
    assert_eq!(err.kind(), "not_found");

    assert_eq!(task_count(&conn), 0);
    assert_eq!(
        audit::list(&conn, &actor, 1, 0).unwrap().total,
        audit_before
    );
}

#[test]
fn done_after_the_deadline_is_done_late_and_counters_follow() {
    let (mut conn, actor) = setup_2024();
    let today = d(2024, 8, 20);
    let a = tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Ban hành kế hoạch CCHC", "Trước 15/01/2024"),
        today,
    )
    .unwrap();
    let b = tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Rà soát VBQPPL", "Quý II/2024"),
        today,
    )
    .unwrap();
    tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Đánh giá CBCC", "Tháng 12/2024"),
        today,
    )
    .unwrap();
    assert_eq!((a.number.as_str(), b.number.as_str()), ("1", "2"));

    let f = tasks::figures(&conn, 2024, today).unwrap();
    assert_eq!((f.total, f.done, f.overdue), (3, 0, 2));

    let a = tasks::mark_done(&mut conn, &actor, a.id, d(2024, 1, 12), today).unwrap();
    assert_eq!(a.status, TaskStatus::Done);
    let b = tasks::mark_done(&mut conn, &actor, b.id, d(2024, 7, 5), today).unwrap();
    assert_eq!(b.status, TaskStatus::DoneLate);
    assert_eq!(b.status_label, "Hoàn thành trễ hạn");
    assert!(!b.overdue);

    let f = tasks::figures(&conn, 2024, today).unwrap();
    assert_eq!((f.total, f.done, f.overdue), (3, 2, 0));
    let s = summary::for_year(&conn, 2024, today).unwrap();
    assert_eq!((s.tasks.total, s.tasks.done, s.tasks.overdue), (3, 2, 0));

    let log = audit::list(&conn, &actor, 10, 0).unwrap();
    assert!(
        log.entries[0]
            .detail
            .contains("trạng thái Chưa thực hiện → Hoàn thành trễ hạn"),
        "{:?}",
        log.entries[0]
    );
}

#[test]
fn recurring_tasks_count_by_occurrences_due_so_far() {
    let (mut conn, actor) = setup_2024();
    let today = d(2024, 7, 10);
    let t = tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Báo cáo CCHC định kỳ", "Hằng quý"),
        today,
    )
    .unwrap();
    assert_eq!(t.occurrences.len(), 4);
    assert!(t.overdue, "Q1 and Q2 are past and not done");
    assert!(!t.counted_done);
    assert_eq!(t.next_due, Some(d(2024, 3, 31)));

    tasks::set_occurrence(&mut conn, &actor, t.id, 1, Some(d(2024, 3, 30)), today).unwrap();
    let t = tasks::set_occurrence(&mut conn, &actor, t.id, 2, Some(d(2024, 7, 2)), today).unwrap();
    assert!(t.counted_done, "every occurrence due so far is done");
    assert!(!t.overdue);
    assert_eq!(t.next_due, Some(d(2024, 9, 30)));
    assert_eq!(
        t.status,
        TaskStatus::NotStarted,
        "its own status is untouched"
    );

    // Editing the deadline keeps what was done for the same periods.
    let mut edit = input("Báo cáo CCHC định kỳ", "Hằng tháng");
    edit.number = t.number.clone();
    let t = tasks::save(&mut conn, &actor, 2024, Some(t.id), &edit, today).unwrap();
    assert_eq!(t.occurrences.len(), 12);
    assert_eq!(t.occurrences[2].completed_on, Some(d(2024, 3, 30)));
    assert!(t.overdue, "January, February, April, May... are not done");

    let err = tasks::set_occurrence(&mut conn, &actor, t.id, 1, Some(d(2023, 12, 31)), today)
        .unwrap_err();
    assert_eq!(err.kind(), "invalid");
    assert_eq!(
        tasks::set_occurrence(&mut conn, &actor, t.id, 99, None, today)
            .unwrap_err()
            .kind(),
        "not_found"
    );
}

#[test]
fn ongoing_is_judged_at_year_end_and_dropped_is_not_overdue() {
    let (mut conn, actor) = setup_2024();
    let t = tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Niêm yết TTHC", "Thường xuyên"),
        d(2024, 5, 1),
    )
    .unwrap();
    assert!(!t.overdue);
    assert!(tasks::get(&conn, t.id, d(2025, 1, 2)).unwrap().overdue);
    assert!(!tasks::get(&conn, t.id, d(2024, 12, 31)).unwrap().overdue);

    let mut dropped = input("Tổ chức hội thi", "Quý I/2024");
    dropped.status = TaskStatus::Dropped;
    dropped.completed_on = Some(d(2024, 3, 1));
    dropped.reason = "Không bố trí được kinh phí".into();
    let t = tasks::save(&mut conn, &actor, 2024, None, &dropped, d(2024, 5, 1)).unwrap();
    assert!(!t.overdue && !t.counted_done);
    assert_eq!(
        t.completed_on, None,
        "an unfinished task has no completion date"
    );
}

#[test]
fn search_ignores_diacritics_and_filters_combine() {
    let (mut conn, actor) = setup_2024();
    let today = d(2024, 4, 1);
    let lan = officers::save(
        &mut conn,
        &actor,
        None,
        &officers::OfficerInput {
            full_name: "Nguyễn Thị Lan Anh".into(),
            position: String::new(),
            department: String::new(),
            active: true,
        },
    )
    .unwrap();
    let mut a = input("Ban hành Kế hoạch tuyên truyền CCHC", "Tháng 1/2024");
    a.lead_officer_id = Some(lan.id);
    tasks::save(&mut conn, &actor, 2024, None, &a, today).unwrap();
    let mut b = input("Rà soát thủ tục hành chính", "Quý III/2024");
    b.area_id = 3;
    tasks::save(&mut conn, &actor, 2024, None, &b, today).unwrap();

    let find = |f: TaskFilter| -> Vec<String> {
        tasks::search(&conn, 2024, &f, today)
            .unwrap()
            .into_iter()
            .map(|t| t.content)
            .collect()
    };
    assert_eq!(
        find(TaskFilter {
            query: "ke hoach tuyen truyen".into(),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        find(TaskFilter {
            query: "lan anh".into(),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        find(TaskFilter {
            area_id: Some(3),
            ..Default::default()
        }),
        vec!["Rà soát thủ tục hành chính"]
    );
    assert_eq!(
        find(TaskFilter {
            officer_id: Some(lan.id),
            ..Default::default()
        })
        .len(),
        1
    );
    assert_eq!(
        find(TaskFilter {
            overdue_only: true,
            ..Default::default()
        }),
        vec!["Ban hành Kế hoạch tuyên truyền CCHC"]
    );
    assert_eq!(
        find(TaskFilter {
            status: Some(TaskStatus::Done),
            ..Default::default()
        })
        .len(),
        0
    );
}

#[test]
fn due_soon_lists_open_tasks_within_seven_days() {
    let (mut conn, actor) = setup_2024();
    let today = d(2024, 12, 24);
    tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Đánh giá CBCC", "31/12/2024"),
        today,
    )
    .unwrap();
    tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Báo cáo năm", "Trước 15/01/2025"),
        today,
    )
    .unwrap();
    tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Hôm nay", "24/12/2024"),
        today,
    )
    .unwrap();
    let soon: Vec<_> = tasks::due_soon(&conn, 2024, today, 7)
        .unwrap()
        .into_iter()
        .map(|t| t.content)
        .collect();
    assert_eq!(soon, vec!["Hôm nay", "Đánh giá CBCC"]);
}

#[test]
fn next_year_starts_from_this_year_with_dates_moved_on() {
    let (mut conn, actor) = setup_2024();
    let today = d(2024, 12, 1);
    reference::save(&mut conn, &actor, 2024, "5/kh-ubnd", Some(d(2024, 1, 15))).unwrap();
    let mut done = input("Ban hành kế hoạch", "Trước 15/01/2024");
    done.status = TaskStatus::Done;
    done.completed_on = Some(d(2024, 1, 10));
    done.result = "Đã ban hành".into();
    tasks::save(&mut conn, &actor, 2024, None, &done, today).unwrap();
    tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Kiểm tra", "29/02/2024"),
        today,
    )
    .unwrap();
    tasks::save(
        &mut conn,
        &actor,
        2024,
        None,
        &input("Báo cáo", "Hằng quý"),
        today,
    )
    .unwrap();
    assert_eq!(
        reference::get(&conn, 2024).unwrap().citation().unwrap(),
        "Kế hoạch số 05/KH-UBND ngày 15/01/2024"
    );

    let r = rollover::start_next_year(&mut conn, &actor, 2024, today).unwrap();
    assert_eq!((r.year, r.copied), (2025, 3));
    assert_eq!(commune::years(&conn).unwrap(), vec![2025, 2024]);
    let next = tasks::list(&conn, 2025, today).unwrap();
    let deadlines: Vec<_> = next.iter().map(|t| t.deadline_text.as_str()).collect();
    assert_eq!(
        deadlines,
        vec!["Trước 15/01/2025", "28/02/2025", "Hằng quý"]
    );
    assert_eq!(next[0].due, d(2025, 1, 15));
    assert!(next.iter().all(|t| t.status == TaskStatus::NotStarted
        && t.completed_on.is_none()
        && t.result.is_empty()));
    assert_eq!(next[2].occurrences[0].due, d(2025, 3, 31));
    assert!(next[2].occurrences.iter().all(|o| o.completed_on.is_none()));

    let err = rollover::start_next_year(&mut conn, &actor, 2024, today).unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert_eq!(tasks::list(&conn, 2025, today).unwrap().len(), 3);
}
