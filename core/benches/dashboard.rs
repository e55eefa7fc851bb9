//! Tổng quan for a commune with 10 years of data: about 2 000 tasks, 1 500 sessions and 120
//! monthly one-stop periods of 100 procedures each. The target: under 50 ms.

use cchc_core::commune::{self, CommuneInput};
use cchc_core::onestop::batches::{self, BatchInput, CountRow};
use cchc_core::onestop::Counts;
use cchc_core::people::Actor;
use cchc_core::plan::tasks::{self, TaskInput, TaskStatus};
use cchc_core::sessions::{self, SessionForm, SessionInput, SessionKind};
use cchc_core::{dashboard, db, setup, summary};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use rusqlite::Connection;

const FIRST: i32 = 2017;
const LAST: i32 = 2026;

fn ten_years() -> Connection {
    let mut conn = db::open_in_memory().expect("database");
    let actor = Actor::command_line();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: LAST,
    };
    setup::initialise(&mut conn, &input, None).expect("set-up");
    let today = NaiveDate::from_ymd_opt(LAST, 11, 22).expect("date");
    let deadlines = [
        "Quý I/{Y}",
        "Quý II/{Y}",
        "Tháng 10/{Y}",
        "Hằng tháng",
        "Thường xuyên",
        "Hằng quý",
    ];
    for year in FIRST..=LAST {
        if year != LAST {
            commune::add_year(&mut conn, &actor, year).expect("year");
        }
        for i in 0..200 {
            let done = i % 5 != 0;
            let t = TaskInput {
                number: String::new(),
                content: format!("Nhiệm vụ cải cách hành chính số {i} năm {year}"),
                area_id: (i % 8) + 1,
                lead_officer_id: None,
                coordinators: "Các bộ phận chuyên môn".into(),
                deadline: deadlines[i as usize % deadlines.len()].replace("{Y}", &year.to_string()),
                product: "Báo cáo".into(),
                status: if done {
                    TaskStatus::Done
                } else {
                    TaskStatus::InProgress
                },
                completed_on: done.then(|| NaiveDate::from_ymd_opt(year, 1, 10).expect("date")),
                result: String::new(),
                reason: String::new(),
                solution: String::new(),
                start: None,
            };
            tasks::save(&mut conn, &actor, year, None, &t, today).expect("task");
        }
        for i in 0..150u32 {
            let s = SessionInput {
                kind: if i % 3 == 0 {
                    SessionKind::Cchc
                } else {
                    SessionKind::Pbgdpl
                },
                held_on: NaiveDate::from_ymd_opt(year, i % 10 + 1, i % 28 + 1).expect("date"),
                place: "Nhà văn hóa thôn".into(),
                village: format!("Thôn {}", i % 15),
                form: SessionForm::VillageMeeting,
                form_other: String::new(),
                content: format!("Phổ biến pháp luật lần {i}"),
                laws: vec!["Luật Đất đai 2024".into()],
                audience: "Nhân dân".into(),
                attendees: 40,
                presenter_officer_id: None,
                presenter: "Báo cáo viên".into(),
                materials: vec![],
                task_id: None,
                notes: String::new(),
            };
            sessions::save(&mut conn, &actor, None, &s, today).expect("session");
        }
        for month in 1..=12u32 {
            let from = NaiveDate::from_ymd_opt(year, month, 1).expect("date");
            let to = cchc_core::plan::deadline::last_day_of_month(year, month).expect("date");
            let rows = (0..100)
                .map(|p| CountRow {
                    procedure_code: format!("1.{p:06}"),
                    procedure_name: format!("Thủ tục {p}"),
                    field: "Hộ tịch".into(),
                    counts: Counts {
                        received_direct: 5,
                        received_online: 4,
                        received_bcci: 1,
                        resolved_early: 3,
                        resolved_on_time: 7,
                        ..Counts::default()
                    },
                })
                .collect();
            batches::save(&mut conn, &actor, &BatchInput { from, to, rows }).expect("batch");
        }
    }
    conn
}

fn bench(c: &mut Criterion) {
    let conn = ten_years();
    let actor = Actor::command_line();
    let today = NaiveDate::from_ymd_opt(LAST, 11, 22).expect("date");
    c.bench_function("overview_10_years", |b| {
        b.iter(|| dashboard::for_year(&conn, &actor, LAST, today).expect("dashboard"))
    });
    c.bench_function("summary_10_years", |b| {
        b.iter(|| summary::for_year(&conn, LAST, today).expect("summary"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
