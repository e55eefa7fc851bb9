//! A freshly set-up commune: Tổng quan's first steps with their state until they are done,
//! and reports that warn before printing a document of zeros.

use cchc_core::commune::CommuneInput;
use cchc_core::first_steps::{self, StepKey};
use cchc_core::people::{self, Actor, NewAccount, Role};
use cchc_core::plan::reference;
use cchc_core::plan::tasks::{self, TaskInput, TaskStatus};
use cchc_core::report::{empty, ReportKind};
use cchc_core::{dashboard, db, demo, officers, setup};
use chrono::NaiveDate;
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 20).unwrap()
}

fn fresh() -> (Connection, Actor) {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Tân Thành".into(),
        province: "Thái Nguyên".into(),
        superior: "Sở Nội vụ tỉnh Thái Nguyên".into(),
        current_year: 2026,
    };
    let admin = NewAccount {
        full_name: "Lò Thị Hạnh".into(),
        position: "Công chức Văn phòng - Thống kê".into(),
        department: String::new(),
        username: "hanh".into(),
        password: "matkhau123".into(),
        role: Role::Admin,
    };
    setup::initialise(&mut conn, &input, Some(&admin)).unwrap();
    let actor = people::login(&conn, "hanh", "matkhau123").unwrap().actor();
    (conn, actor)
}

fn done(conn: &Connection) -> Vec<(StepKey, bool)> {
    first_steps::for_year(conn, 2026)
        .unwrap()
        .steps
        .into_iter()
        .map(|s| (s.key, s.done))
        .collect()
}

#[test]
fn a_fresh_commune_is_shown_where_to_start_until_it_is_done() {
    let (mut conn, admin) = fresh();
    let d = dashboard::for_year(&conn, &admin, 2026, today()).unwrap();
    assert!(!d.first_steps.all_done);
    assert_eq!(
        d.first_steps
            .steps
            .iter()
            .map(|s| (s.key, s.done, s.state.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (StepKey::PlanReference, false, "Chưa ghi số kế hoạch"),
            (StepKey::PlanTasks, false, "Chưa có nhiệm vụ nào"),
            (StepKey::CriteriaSet, false, "Chưa có bộ tiêu chí"),
            (
                StepKey::Accounts,
                false,
                "Chưa có tài khoản Chủ tịch UBND xã"
            ),
        ]
    );
    // No criteria set last year: the step does not offer to copy one.
    assert!(!d.first_steps.steps[2].title.contains("sao chép"));

    reference::save(
        &mut conn,
        &admin,
        2026,
        "5/KH-UBND",
        NaiveDate::from_ymd_opt(2026, 1, 15),
    )
    .unwrap();
    let task = TaskInput {
        number: String::new(),
        content: "Ban hành Kế hoạch CCHC năm 2026".into(),
        area_id: 1,
        lead_officer_id: None,
        coordinators: String::new(),
        deadline: "Quý I/2026".into(),
        product: String::new(),
        status: TaskStatus::NotStarted,
        completed_on: None,
        result: String::new(),
        reason: String::new(),
        solution: String::new(),
        start: None,
    };
    tasks::save(&mut conn, &admin, 2026, None, &task, today()).unwrap();
    let chairman = NewAccount {
        full_name: "Hà Văn Đông".into(),
        position: "Chủ tịch UBND xã".into(),
        department: String::new(),
        username: "dong".into(),
        password: "matkhau123".into(),
        role: Role::Chairman,
    };
    people::create_account(&mut conn, &admin, &chairman).unwrap();
    assert_eq!(
        done(&conn),
        vec![
            (StepKey::PlanReference, true),
            (StepKey::PlanTasks, true),
            (StepKey::CriteriaSet, false),
            (StepKey::Accounts, true),
        ]
    );
    let steps = first_steps::for_year(&conn, 2026).unwrap();
    assert_eq!(
        steps.steps[0].state,
        "Đã có: Kế hoạch số 05/KH-UBND ngày 15/01/2026"
    );
    assert_eq!(steps.steps[1].state, "Đã có 1 nhiệm vụ");
    assert!(officers::list(&conn).unwrap().len() >= 2);
}

#[test]
fn the_demo_commune_has_done_its_first_steps() {
    let mut conn = db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    demo::load(&mut conn, dir.path(), 2026, today()).unwrap();
    let steps = first_steps::for_year(&conn, 2026).unwrap();
    assert!(steps.all_done, "{steps:?}");
    assert!(steps.steps[2].title.contains("sao chép từ năm 2025"));
    // And no report of the demo year's past periods is empty.
    let warnings = empty::all(&conn, 2026, today()).unwrap();
    assert!(
        warnings
            .iter()
            .all(|w| w.period == "q3" || w.period == "q4"),
        "{warnings:?}"
    );
}

#[test]
fn reports_of_an_empty_period_warn_before_they_are_made() {
    let (conn, _) = fresh();
    let w = empty::warning(&conn, ReportKind::Annual, 2026, "q1", today()).unwrap();
    assert_eq!(
        w.as_deref(),
        Some("Quý I/2026 chưa có nhiệm vụ của kế hoạch, buổi tuyên truyền, số liệu một cửa: báo cáo sẽ là văn bản toàn số 0 hoặc bỏ trống.")
    );
    let w = empty::warning(&conn, ReportKind::Annual, 2026, "q4", today()).unwrap();
    assert_eq!(
        w.as_deref(),
        Some(
            "Quý IV/2026 bắt đầu từ ngày 15/09/2026, sau ngày hôm nay: chưa có số liệu của kỳ này."
        )
    );
    for kind in [
        ReportKind::Plan,
        ReportKind::Scoring,
        ReportKind::Evidence,
        ReportKind::Sessions,
        ReportKind::PlanDocument,
    ] {
        assert!(
            empty::warning(&conn, kind, 2026, "h1", today())
                .unwrap()
                .is_some(),
            "{kind:?}"
        );
    }
    let all = empty::all(&conn, 2026, today()).unwrap();
    assert_eq!(
        all.len(),
        7 + 1 + 1 + 7 + 1 + 1,
        "every report and period of an empty year (the plan document too)"
    );
}
