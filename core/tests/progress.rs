//! The plan's figures add up, for any plan and any day: done + in progress + not started +
//! not done = total, and every place that prints them (the summary, the plan screen's
//! figures and list, Tổng quan's chart by area, the annual and plan reports' text) says the
//! same numbers. Plans are generated: dated, monthly, quarterly and half-yearly tasks, ongoing
//! ones, dropped ones, tasks done on time, late or after the period, periods done or not,
//! recurring tasks entered mid-year.

use cchc_core::commune::CommuneInput;
use cchc_core::dashboard;
use cchc_core::people::Actor;
use cchc_core::plan::progress::Standing;
use cchc_core::plan::tasks::{self, Earlier, Start, TaskFilter, TaskInput, TaskStatus};
use cchc_core::report::doc::Block;
use cchc_core::report::{self, Format, ReportKind, Request};
use cchc_core::summary::{self, TaskFigures};
use cchc_core::{db, setup};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;

const YEAR: i32 = 2026;

fn day(ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(YEAR, ordinal.clamp(1, 365)).unwrap()
}

const DEADLINES: [&str; 12] = [
    "15/01/2026",
    "Trước 31/03/2026",
    "Tháng 5/2026",
    "Quý II/2026",
    "Quý IV/2026",
    "6 tháng đầu năm",
    "9 tháng",
    "Hằng tháng",
    "Trước ngày 15 hằng tháng",
    "Hằng quý",
    "Định kỳ 6 tháng",
    "Thường xuyên",
];

/// One generated task: its deadline, what happened to it, and when.
#[derive(Debug, Clone)]
struct Gen {
    area: i64,
    deadline: usize,
    /// 0 not started, 1 in progress, 2 done, 3 dropped.
    status: u8,
    /// Day of the year it was done (for a finished task), maybe after its deadline.
    done_on: u32,
    /// Each period of a recurring task: done or not, and how many days before or after its
    /// deadline.
    periods: Vec<(bool, i64)>,
    /// Entered mid-year: followed from this period, the earlier ones done or not tracked.
    start: Option<(i64, bool)>,
}

fn gen_task() -> impl Strategy<Value = Gen> {
    (
        1i64..=8,
        0usize..DEADLINES.len(),
        0u8..4,
        1u32..=365,
        prop::collection::vec((any::<bool>(), -20i64..20), 12),
        prop::option::of((1i64..=12, any::<bool>())),
    )
        .prop_map(|(area, deadline, status, done_on, periods, start)| Gen {
            area,
            deadline,
            status,
            done_on,
            periods,
            start,
        })
}

fn plan(conn: &mut Connection, gens: &[Gen]) {
    let actor = Actor::command_line();
    // Everything is recorded at the end of the year; the figures are judged at earlier days.
    let end = day(365);
    for (i, g) in gens.iter().enumerate() {
        let text = DEADLINES[g.deadline];
        let status = [
            TaskStatus::NotStarted,
            TaskStatus::InProgress,
            TaskStatus::Done,
            TaskStatus::Dropped,
        ][g.status as usize];
        let occurrences = cchc_core::plan::deadline::parse(text, YEAR)
            .unwrap()
            .occurrences
            .len() as i64;
        let start = g.start.and_then(|(seq, done)| {
            (occurrences > 0).then(|| Start {
                from_seq: seq.min(occurrences),
                earlier: if done {
                    Earlier::Done
                } else {
                    Earlier::NotTracked
                },
            })
        });
        let input = TaskInput {
            number: String::new(),
            content: format!("Nhiệm vụ thử số {i}"),
            area_id: g.area,
            lead_officer_id: None,
            coordinators: String::new(),
            deadline: text.into(),
            product: String::new(),
            status,
            completed_on: status.is_finished().then(|| day(g.done_on)),
            result: String::new(),
            reason: String::new(),
            solution: String::new(),
            start,
        };
        let t = tasks::save(conn, &actor, YEAR, None, &input, end).unwrap();
        for (o, (done, shift)) in t.occurrences.iter().zip(&g.periods) {
            if !done || o.completed_on.is_some() {
                continue;
            }
            let on = if *shift >= 0 {
                o.due.checked_add_days(Days::new(*shift as u64))
            } else {
                o.due.checked_sub_days(Days::new(shift.unsigned_abs()))
            }
            .unwrap()
            .clamp(day(1), end);
            tasks::set_occurrence(conn, &actor, t.id, o.seq, Some(on), end).unwrap();
        }
    }
}

fn adds_up(f: &TaskFigures) -> bool {
    f.done + f.in_progress + f.not_started + f.not_done == f.total
        && f.overdue <= f.in_progress + f.not_started
        && f.done_late <= f.done
}

/// The numbers after a phrase in a report's text: "đã hoàn thành 12/20" → 12.
fn number_after(text: &str, phrase: &str) -> i64 {
    text.find(phrase)
        .map(|i| {
            text[i + phrase.len()..]
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap()
        })
        .unwrap_or(0)
}

/// The figures a report's first sentence about the plan prints.
fn printed(text: &str) -> TaskFigures {
    let start = text.find("Kế hoạch có ").expect("the plan's sentence");
    let s = &text[start..];
    let s = &s[..s.find('.').map_or(s.len(), |i| i + 1)];
    TaskFigures {
        total: number_after(s, "Kế hoạch có"),
        done: number_after(s, "đã hoàn thành"),
        done_late: number_after(s, "trong đó"),
        in_progress: number_after(s, "đang thực hiện"),
        not_started: number_after(s, "chưa thực hiện"),
        not_done: number_after(s, "không thực hiện"),
        overdue: number_before(s, " nhiệm vụ đã quá hạn"),
    }
}

/// The number just before a phrase: "2 nhiệm vụ đã quá hạn" → 2.
fn number_before(text: &str, phrase: &str) -> i64 {
    text.find(phrase)
        .map(|i| {
            let digits: String = text[..i]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.chars().rev().collect::<String>().parse().unwrap()
        })
        .unwrap_or(0)
}

fn paragraphs(conn: &Connection, kind: ReportKind, period: &str, today: NaiveDate) -> Vec<String> {
    let req = Request {
        kind,
        year: YEAR,
        period: period.into(),
        date: today,
        settings: report::settings::get(conn, kind).unwrap(),
        format: Format::Pdf,
    };
    report::build(conn, &req, today)
        .unwrap()
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text),
            _ => None,
        })
        .collect()
}

fn check_day(conn: &Connection, as_of: NaiveDate) -> Result<(), TestCaseError> {
    let s = summary::for_year(conn, YEAR, as_of).unwrap();
    prop_assert!(adds_up(&s.tasks), "summary on {as_of}: {:?}", s.tasks);

    // The plan screen: its figures and its list agree task by task.
    let list = tasks::search(conn, YEAR, &TaskFilter::default(), as_of).unwrap();
    let count = |st: Standing| list.iter().filter(|t| t.standing == st).count() as i64;
    prop_assert_eq!(
        (
            count(Standing::Done),
            count(Standing::InProgress),
            count(Standing::NotStarted),
            count(Standing::NotDone),
        ),
        (
            s.tasks.done,
            s.tasks.in_progress,
            s.tasks.not_started,
            s.tasks.not_done
        )
    );
    prop_assert!(list
        .iter()
        .all(|t| t.counted_done == (t.standing == Standing::Done)));
    prop_assert!(list
        .iter()
        .all(|t| !t.overdue || matches!(t.standing, Standing::InProgress | Standing::NotStarted)));
    prop_assert_eq!(
        list.iter().filter(|t| t.overdue).count() as i64,
        s.tasks.overdue
    );

    // Tổng quan: the chart's segments add up to each area's total, the areas to the plan.
    let d = dashboard::for_year(conn, &Actor::command_line(), YEAR, as_of).unwrap();
    let mut sum = TaskFigures::default();
    for a in &d.progress_by_area {
        let f = &a.figures;
        prop_assert!(adds_up(f), "{}: {f:?}", a.area);
        prop_assert_eq!(f.done + a.on_track + f.overdue + f.not_done, f.total);
        sum.total += f.total;
        sum.done += f.done;
        sum.in_progress += f.in_progress;
        sum.not_started += f.not_started;
        sum.not_done += f.not_done;
        sum.overdue += f.overdue;
        sum.done_late += f.done_late;
    }
    prop_assert_eq!(&sum, &s.tasks);
    Ok(())
}

fn check_reports(conn: &Connection, today: NaiveDate) -> Result<(), TestCaseError> {
    let plan = paragraphs(conn, ReportKind::Plan, "year", today);
    let f = printed(&plan.join(" "));
    let expected = summary::for_year(conn, YEAR, today).unwrap().tasks;
    prop_assert_eq!(&f, &expected, "plan report on {}", today);
    for period in report::PERIOD_CODES {
        let p = report::report_period(YEAR, period).unwrap();
        let as_of = today.min(p.to);
        let expected = summary::for_year(conn, YEAR, as_of).unwrap().tasks;
        let paras = paragraphs(conn, ReportKind::Annual, period, today);
        let f = printed(&paras.join(" "));
        prop_assert_eq!(&f, &expected, "annual report {} on {}", period, today);
        prop_assert!(adds_up(&f));
        // Each area's "Hoàn thành d/n nhiệm vụ" adds up to the plan's done and total.
        let (mut done, mut total) = (0, 0);
        for para in paras.iter().filter(|p| p.starts_with("Hoàn thành ")) {
            let (d, n) = para["Hoàn thành ".len()..]
                .split_once(' ')
                .and_then(|(share, _)| share.split_once('/'))
                .unwrap();
            done += d.parse::<i64>().unwrap();
            total += n.parse::<i64>().unwrap();
        }
        // Section II leaves out direction and management (its tasks are in section I).
        let by_area = dashboard::for_year(conn, &Actor::command_line(), YEAR, as_of).unwrap();
        let printed_areas = by_area
            .progress_by_area
            .iter()
            .filter(|a| !cchc_core::text::fold(&a.area).contains("chi dao"));
        let want = printed_areas.fold((0, 0), |(d, n), a| {
            (d + a.figures.done, n + a.figures.total)
        });
        prop_assert_eq!((done, total), want, "{}", period);
    }
    Ok(())
}

fn commune() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: YEAR,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    conn
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn figures_add_up_everywhere_on_every_day(
        gens in prop::collection::vec(gen_task(), 1..14),
        days in prop::collection::vec(1u32..=365, 3),
    ) {
        let mut conn = commune();
        plan(&mut conn, &gens);
        for code in report::PERIOD_CODES {
            let p = report::report_period(YEAR, code).unwrap();
            check_day(&conn, p.from)?;
            check_day(&conn, p.to)?;
        }
        for d in &days {
            check_day(&conn, day(*d))?;
        }
        check_reports(&conn, day(days[0]))?;
    }
}

#[test]
fn the_demo_six_month_report_counts_each_task_once() {
    let mut conn = db::open_in_memory().unwrap();
    let evidence = tempfile::tempdir().unwrap();
    let late = NaiveDate::from_ymd_opt(YEAR, 11, 22).unwrap();
    cchc_core::demo::load(&mut conn, evidence.path(), YEAR, late).unwrap();
    for period in ["6m", "9m"] {
        let text = paragraphs(&conn, ReportKind::Annual, period, late).join(" ");
        let f = printed(&text);
        assert_eq!(f.total, 20);
        assert!(adds_up(&f), "{period}: {f:?}");
    }
    let f = printed(&paragraphs(&conn, ReportKind::Annual, "6m", late).join(" "));
    assert_eq!((f.done, f.in_progress, f.not_started), (10, 9, 1));
}
