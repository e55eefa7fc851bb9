//! Dissemination sessions in core: validation, period cut-offs, totals, search, Biểu 09a.

use cchc_core::commune::CommuneInput;
use cchc_core::people::Actor;
use cchc_core::sessions::counters::{self, YearCounters};
use cchc_core::sessions::{
    self, totals, Material, SessionFilter, SessionForm, SessionInput, SessionKind,
};
use cchc_core::{audit, db, period, setup, summary};
use chrono::NaiveDate;
use rusqlite::Connection;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn setup_2026() -> (Connection, Actor) {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    cchc_core::commune::add_year(&mut conn, &Actor::command_line(), 2025).unwrap();
    (conn, Actor::command_line())
}

fn session(held_on: NaiveDate, form: SessionForm, attendees: i64) -> SessionInput {
    SessionInput {
        kind: SessionKind::Pbgdpl,
        held_on,
        place: "Nhà văn hóa thôn Nà Pài".into(),
        village: "Thôn Nà Pài".into(),
        form,
        form_other: String::new(),
        content: "Phổ biến Luật Hộ tịch".into(),
        laws: vec!["Luật Hộ tịch".into()],
        audience: "Nhân dân thôn".into(),
        attendees,
        presenter_officer_id: None,
        presenter: "Lê Văn Bình".into(),
        materials: vec![Material {
            kind: "Tờ gấp".into(),
            count: attendees,
        }],
        task_id: None,
        notes: String::new(),
    }
}

const TODAY: (i32, u32, u32) = (2026, 11, 22);
fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM outreach_session", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn bad_sessions_get_a_clear_message_and_save_nothing() {
    let (mut conn, actor) = setup_2026();
    let log_before = audit::list(&conn, &actor, 1, 0).unwrap().total;

    let err = sessions::save(
        &mut conn,
        &actor,
        None,
        &session(d(2026, 3, 5), SessionForm::VillageMeeting, -3),
        today(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Số người tham dự không được âm (đang là -3)."
    );

    let mut empty = session(d(2026, 3, 5), SessionForm::VillageMeeting, 40);
    empty.content = "  ".into();
    assert_eq!(
        sessions::save(&mut conn, &actor, None, &empty, today())
            .unwrap_err()
            .to_string(),
        "Nội dung tuyên truyền không được để trống."
    );

    let err = sessions::save(
        &mut conn,
        &actor,
        None,
        &session(d(2026, 12, 5), SessionForm::Conference, 40),
        today(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Ngày tổ chức 05/12/2026 sau ngày hôm nay"),
        "{err}"
    );

    let err = sessions::save(
        &mut conn,
        &actor,
        None,
        &session(d(2019, 3, 5), SessionForm::Conference, 40),
        today(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("thuộc năm 2019, chưa có trong các năm làm việc của xã (2025, 2026)"),
        "{err}"
    );

    let mut bad_material = session(d(2026, 3, 5), SessionForm::Leaflets, 0);
    bad_material.materials = vec![Material {
        kind: "Tờ gấp".into(),
        count: -1,
    }];
    assert_eq!(
        sessions::save(&mut conn, &actor, None, &bad_material, today())
            .unwrap_err()
            .kind(),
        "invalid"
    );

    assert_eq!(count(&conn), 0);
    assert_eq!(audit::list(&conn, &actor, 1, 0).unwrap().total, log_before);
}

#[test]
fn periods_cut_off_on_the_14th_and_totals_add_up() {
    let (mut conn, actor) = setup_2026();
    for (date, form, n) in [
        (d(2025, 12, 15), SessionForm::Conference, 65), // Q1 of 2026 by cut-off, 2025 by calendar
        (d(2026, 3, 14), SessionForm::VillageMeeting, 48), // last day of Q1
        (d(2026, 3, 15), SessionForm::LawQuiz, 120),    // first day of Q2
        (d(2026, 4, 10), SessionForm::Loudspeaker, 0),
    ] {
        sessions::save(&mut conn, &actor, None, &session(date, form, n), today()).unwrap();
    }
    let q1 = period::resolve("q1", 2026).unwrap();
    let q2 = period::resolve("q2", 2026).unwrap();
    let t1 = totals::of(&sessions::in_period(&conn, &q1).unwrap());
    let t2 = totals::of(&sessions::in_period(&conn, &q2).unwrap());
    assert_eq!((t1.sessions, t1.attendees), (2, 113));
    assert_eq!((t2.sessions, t2.attendees), (2, 120));
    let by_form: Vec<_> = t2
        .by_form
        .iter()
        .map(|t| (t.label.as_str(), t.sessions, t.attendees))
        .collect();
    assert_eq!(
        by_form,
        vec![
            ("Loa truyền thanh", 1, 0),
            ("Thi tìm hiểu pháp luật", 1, 120)
        ]
    );
    assert_eq!(t1.by_law[0].label, "Luật Hộ tịch");
    assert_eq!(t1.by_law[0].sessions, 2);
    assert_eq!(t1.materials[0].count, 113);

    let year =
        totals::of(&sessions::in_period(&conn, &period::resolve("year", 2026).unwrap()).unwrap());
    assert_eq!((year.sessions, year.attendees), (4, 233));
    // The summary counts the calendar year.
    let s = summary::for_year(&conn, 2026, today()).unwrap();
    assert_eq!((s.sessions.count, s.sessions.attendees), (3, 168));
}

#[test]
fn search_by_law_village_and_text_without_diacritics() {
    let (mut conn, actor) = setup_2026();
    sessions::save(
        &mut conn,
        &actor,
        None,
        &session(d(2026, 5, 1), SessionForm::Conference, 30),
        today(),
    )
    .unwrap();
    let mut other = session(d(2026, 6, 1), SessionForm::VillageMeeting, 20);
    other.village = "Thôn Khuổi Cuồng".into();
    other.laws = vec!["Luật Đất đai 2024".into()];
    other.content = "Phổ biến Luật Đất đai".into();
    other.kind = SessionKind::Cchc;
    sessions::save(&mut conn, &actor, None, &other, today()).unwrap();

    let year = period::resolve("cal-year", 2026).unwrap();
    let find = |f: SessionFilter| sessions::search(&conn, &year, &f).unwrap().len();
    assert_eq!(
        find(SessionFilter {
            law: "dat dai".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(SessionFilter {
            village: "khuoi cuong".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(SessionFilter {
            query: "ho tich".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(SessionFilter {
            kind: Some(SessionKind::Cchc),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(SessionFilter {
            form: Some(SessionForm::Conference),
            ..Default::default()
        }),
        1
    );
    assert_eq!(find(SessionFilter::default()), 2);
}

#[test]
fn form_09a_counts_pbgdpl_sessions_and_the_yearly_counters() {
    let (mut conn, actor) = setup_2026();
    for (date, form, n) in [
        (d(2026, 2, 1), SessionForm::Conference, 65),
        (d(2026, 2, 2), SessionForm::VillageMeeting, 48),
        (d(2026, 2, 3), SessionForm::Loudspeaker, 0),
        (d(2026, 2, 4), SessionForm::Website, 0),
        (d(2026, 2, 5), SessionForm::LawQuiz, 120),
    ] {
        sessions::save(&mut conn, &actor, None, &session(date, form, n), today()).unwrap();
    }
    let mut cchc = session(d(2026, 2, 6), SessionForm::Conference, 75);
    cchc.kind = SessionKind::Cchc;
    sessions::save(&mut conn, &actor, None, &cchc, today()).unwrap();
    counters::save(
        &mut conn,
        &actor,
        2026,
        &YearCounters {
            law_clubs: 2,
            club_members: 46,
            bookshelves: 15,
        },
    )
    .unwrap();
    assert_eq!(
        counters::save(
            &mut conn,
            &actor,
            2026,
            &YearCounters {
                law_clubs: -1,
                club_members: 0,
                bookshelves: 0
            }
        )
        .unwrap_err()
        .kind(),
        "invalid"
    );

    let f = totals::form_09a(&conn, &period::resolve("6m", 2026).unwrap(), 2026).unwrap();
    assert_eq!(
        (f.oral_sessions, f.oral_attendees),
        (2, 113),
        "the CCHC conference is not PBGDPL"
    );
    assert_eq!(f.loudspeaker_programmes, 1);
    assert_eq!(f.website_posts, 1);
    assert_eq!((f.law_quizzes, f.quiz_entrants), (1, 120));
    assert_eq!(
        f.counters,
        YearCounters {
            law_clubs: 2,
            club_members: 46,
            bookshelves: 15
        }
    );
    assert_eq!(f.free_materials[0].kind, "Tờ gấp");
    assert_eq!(f.free_materials[0].count, 233);
}

#[test]
fn edits_replace_laws_and_materials_and_are_audited() {
    let (mut conn, actor) = setup_2026();
    let s = sessions::save(
        &mut conn,
        &actor,
        None,
        &session(d(2026, 5, 1), SessionForm::Conference, 30),
        today(),
    )
    .unwrap();
    let mut edit = session(d(2026, 5, 1), SessionForm::Other, 35);
    edit.form_other = "Tọa đàm".into();
    edit.laws = vec![
        "Luật Hộ tịch".into(),
        " Luật  Hộ tịch ".into(),
        "Luật Cư trú".into(),
    ];
    let s = sessions::save(&mut conn, &actor, Some(s.id), &edit, today()).unwrap();
    assert_eq!(s.laws, vec!["Luật Hộ tịch", "Luật Cư trú"]);
    assert_eq!(s.form_label, "Tọa đàm");
    assert_eq!(s.attendees, 35);
    let log = audit::list(&conn, &actor, 2, 0).unwrap();
    assert!(
        log.entries[0]
            .detail
            .starts_with("Sửa buổi tọa đàm ngày 01/05/2026"),
        "{:?}",
        log.entries[0]
    );
    assert!(
        log.entries[1].detail.starts_with("Ghi nhận buổi hội nghị"),
        "{:?}",
        log.entries[1]
    );
    sessions::delete(&mut conn, &actor, s.id).unwrap();
    assert_eq!(count(&conn), 0);
}
