//! A recurring task ("Hằng tháng", "Hằng quý") entered after some of its periods have passed:
//! from which period it is followed, and how the earlier ones went (done, or not tracked), so
//! that a monthly task typed in on 30/11 is not "quá hạn" for January at once and the overdue
//! count holds only what was really due and not done. The form asks (with `preview`), an
//! import reads the "Theo dõi từ" column or takes the suggestion and says so.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::deadline::{self, Deadline, DeadlineKind, Occurrence};
use crate::error::{Error, Result};
use crate::text;

/// How the periods before the first one followed are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Earlier {
    /// They were done: each is recorded as done on its deadline.
    Done,
    /// Nobody knows: they are not tracked (neither due nor overdue).
    NotTracked,
}

/// For a recurring task entered after some of its periods have passed: the first period
/// followed and what happened before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "TrackingStart")]
pub struct Start {
    /// The first period followed, as `OccurrenceView::seq` (1: the whole year).
    pub from_seq: i64,
    pub earlier: Earlier,
}

/// The start suggested for a recurring task entered on `today`: followed from the period that
/// is running, the earlier ones not tracked. None when no period has passed yet or all have
/// (a past year's plan is entered as it went).
pub fn suggested(dl: &Deadline, today: NaiveDate) -> Option<Start> {
    if !dl.kind.is_recurring() {
        return None;
    }
    let passed = dl.occurrences.iter().filter(|o| o.due < today).count();
    (passed > 0 && passed < dl.occurrences.len()).then_some(Start {
        from_seq: passed as i64 + 1,
        earlier: Earlier::NotTracked,
    })
}

/// What a task form shows while a deadline is typed: what the deadline means and, for a
/// recurring one with periods already past, the question to ask and its suggested answer.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DeadlinePreview {
    pub text: String,
    pub kind: DeadlineKind,
    pub recurring: bool,
    pub due: NaiveDate,
    /// "Hạn 30/06/2026" or "12 kỳ, kỳ cuối hạn 31/12/2026".
    pub meaning: String,
    pub occurrences: Vec<Occurrence>,
    /// Periods whose deadline is already past today.
    pub passed: usize,
    /// Set when the form must ask from which period the task is followed.
    pub suggested: Option<Start>,
}

pub fn preview(text: &str, year: i32, today: NaiveDate) -> Result<DeadlinePreview> {
    let dl = deadline::parse(text, year)?;
    let recurring = dl.kind.is_recurring();
    let meaning = if recurring {
        format!(
            "{} kỳ, kỳ cuối hạn {}",
            dl.occurrences.len(),
            dl.due.format("%d/%m/%Y")
        )
    } else if dl.kind == DeadlineKind::Ongoing {
        format!(
            "Thực hiện thường xuyên, đánh giá vào {}",
            dl.due.format("%d/%m/%Y")
        )
    } else {
        format!("Hạn {}", dl.due.format("%d/%m/%Y"))
    };
    Ok(DeadlinePreview {
        passed: dl.occurrences.iter().filter(|o| o.due < today).count(),
        suggested: suggested(&dl, today),
        text: dl.text,
        kind: dl.kind,
        recurring,
        due: dl.due,
        meaning,
        occurrences: dl.occurrences,
    })
}

/// The first day of the period a text like "Tháng 11/2026", "11/2026", "Quý IV/2026" or a date
/// names.
fn period_start(text: &str, year: i32) -> Option<NaiveDate> {
    let t = text.trim();
    let is_month_year = t
        .split_once('/')
        .is_some_and(|(m, y)| m.trim().parse::<u32>().is_ok() && y.trim().len() == 4);
    let named = if is_month_year && t.matches('/').count() == 1 {
        format!("Tháng {t}")
    } else {
        t.to_string()
    };
    let dl = deadline::parse(&named, year).ok()?;
    match dl.kind {
        DeadlineKind::Date => Some(dl.due),
        DeadlineKind::Month => dl.due.with_day(1),
        DeadlineKind::Quarter => NaiveDate::from_ymd_opt(dl.due.year(), dl.due.month() - 2, 1),
        _ => None,
    }
}

/// Reads the import column "Theo dõi từ" for a recurring task: a period ("Tháng 11/2026",
/// "11/2026", "Quý IV/2026", a date) followed from there, earlier periods not tracked; "Từ đầu
/// năm" (every period); or "Các kỳ trước đã thực hiện" (followed from the running period, the
/// earlier ones done). Empty gives None. The error is the sentence to show.
pub fn read(
    cell: &str,
    dl: &Deadline,
    year: i32,
    today: NaiveDate,
) -> std::result::Result<Option<Start>, String> {
    let t = text::clean_line(cell);
    if t.is_empty() || !dl.kind.is_recurring() {
        return Ok(None);
    }
    let f = text::fold(&t);
    if f.contains("dau nam") || f == "ca nam" || f == "tat ca" {
        return Ok(Some(Start {
            from_seq: 1,
            earlier: Earlier::NotTracked,
        }));
    }
    if f.contains("da thuc hien") || f.contains("hoan thanh") {
        let passed = dl.occurrences.iter().filter(|o| o.due < today).count();
        return Ok(Some(Start {
            from_seq: passed as i64 + 1,
            earlier: Earlier::Done,
        }));
    }
    let from = period_start(&t, year).ok_or_else(|| {
        format!(
            "Không hiểu “{t}” ở cột Theo dõi từ: ghi một kỳ (Tháng 11/{year}, Quý IV/{year}), “Từ đầu năm” hoặc “Các kỳ trước đã thực hiện”."
        )
    })?;
    let seq = dl
        .occurrences
        .iter()
        .position(|o| o.due >= from)
        .ok_or_else(|| {
            format!(
                "“{t}” ở cột Theo dõi từ nằm sau kỳ cuối của thời hạn “{}”.",
                dl.text
            )
        })?;
    Ok(Some(Start {
        from_seq: seq as i64 + 1,
        earlier: Earlier::NotTracked,
    }))
}

/// The day tracking starts from for `start` (None: every period is tracked).
pub fn tracked_from(dl: &Deadline, start: Start) -> Option<NaiveDate> {
    if start.earlier == Earlier::Done || start.from_seq <= 1 {
        return None;
    }
    let last_earlier = dl.occurrences.get((start.from_seq - 2) as usize)?;
    last_earlier.due.checked_add_days(Days::new(1))
}

/// Writes `start` for a saved recurring task (its occurrences already written) inside the
/// caller's transaction; returns what the audit entry says about it. A task that is not
/// recurring follows no periods, so its start is cleared.
pub(crate) fn apply(
    conn: &Connection,
    task_id: i64,
    dl: &Deadline,
    start: Option<Start>,
    today: NaiveDate,
) -> Result<Option<String>> {
    if !dl.kind.is_recurring() {
        conn.execute(
            "UPDATE task SET tracked_from = NULL WHERE id = ?1",
            [task_id],
        )?;
        return Ok(None);
    }
    let Some(start) = start else {
        return Ok(None);
    };
    let n = dl.occurrences.len() as i64;
    if !(1..=n).contains(&start.from_seq) {
        return Err(Error::invalid(format!(
            "Thời hạn “{}” có {n} kỳ; không có kỳ thứ {} để bắt đầu theo dõi.",
            dl.text, start.from_seq
        )));
    }
    let first = (start.from_seq - 1) as usize;
    let earlier = &dl.occurrences[..first];
    let from_label = &dl.occurrences[first].label;
    let Some(last_earlier) = earlier.last() else {
        conn.execute(
            "UPDATE task SET tracked_from = NULL WHERE id = ?1",
            [task_id],
        )?;
        return Ok(Some("theo dõi mọi kỳ của năm".into()));
    };
    match start.earlier {
        Earlier::NotTracked => {
            let from = tracked_from(dl, start);
            conn.execute(
                "UPDATE task SET tracked_from = ?1 WHERE id = ?2",
                params![from, task_id],
            )?;
            Ok(Some(format!(
                "theo dõi từ kỳ {from_label}; {} kỳ trước không theo dõi",
                earlier.len()
            )))
        }
        Earlier::Done => {
            if last_earlier.due > today {
                return Err(Error::invalid(format!(
                    "Kỳ {} chưa đến hạn ({}): chỉ ghi “đã thực hiện” cho các kỳ đã qua.",
                    last_earlier.label,
                    last_earlier.due.format("%d/%m/%Y")
                )));
            }
            conn.execute(
                "UPDATE task SET tracked_from = NULL WHERE id = ?1",
                [task_id],
            )?;
            conn.execute(
                "UPDATE task_occurrence SET completed_on = due_date
                 WHERE task_id = ?1 AND seq < ?2 AND completed_on IS NULL",
                params![task_id, start.from_seq],
            )?;
            Ok(Some(format!(
                "{} kỳ trước kỳ {from_label} ghi nhận đã thực hiện",
                earlier.len()
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_task_entered_mid_year_is_suggested_from_the_running_period() {
        let monthly = deadline::parse("Hằng tháng", 2026).unwrap();
        assert_eq!(
            suggested(&monthly, d(11, 30)),
            Some(Start {
                from_seq: 11,
                earlier: Earlier::NotTracked
            })
        );
        assert_eq!(suggested(&monthly, d(1, 15)), None, "nothing has passed");
        let after = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        assert_eq!(suggested(&monthly, after), None, "the year is over");
        let dated = deadline::parse("Quý II/2026", 2026).unwrap();
        assert_eq!(suggested(&dated, d(11, 30)), None);
    }

    #[test]
    fn the_preview_says_what_a_deadline_means() {
        let p = preview("Hằng quý", 2026, d(8, 1)).unwrap();
        assert!(p.recurring);
        assert_eq!(p.meaning, "4 kỳ, kỳ cuối hạn 31/12/2026");
        assert_eq!(p.passed, 2);
        assert_eq!(p.suggested.map(|s| s.from_seq), Some(3));
        let p = preview("Quý II/2026", 2026, d(8, 1)).unwrap();
        assert_eq!((p.meaning.as_str(), p.suggested), ("Hạn 30/06/2026", None));
        assert_eq!(preview("sớm", 2026, d(8, 1)).unwrap_err().kind(), "invalid");
    }

    #[test]
    fn the_import_column_names_a_period_or_what_happened() {
        let today = d(11, 30);
        let monthly = deadline::parse("Hằng tháng", 2026).unwrap();
        let from = |cell: &str| read(cell, &monthly, 2026, today).map(|s| s.map(|s| s.from_seq));
        assert_eq!(from("Tháng 11/2026"), Ok(Some(11)));
        assert_eq!(from("11/2026"), Ok(Some(11)));
        assert_eq!(from("Quý IV/2026"), Ok(Some(10)));
        assert_eq!(from("15/10/2026"), Ok(Some(10)));
        assert_eq!(from("Từ đầu năm"), Ok(Some(1)));
        assert_eq!(from(""), Ok(None));
        let done = read("Các kỳ trước đã thực hiện", &monthly, 2026, today).unwrap();
        assert_eq!(
            done,
            Some(Start {
                from_seq: 11,
                earlier: Earlier::Done
            })
        );
        assert!(from("sớm").unwrap_err().contains("Theo dõi từ"));
        let day15 = deadline::parse("Trước ngày 15 hằng tháng", 2026).unwrap();
        assert_eq!(
            read("Tháng 11/2026", &day15, 2026, today).map(|s| s.map(|s| s.from_seq)),
            Ok(Some(11)),
            "November's occurrence is due on the 15th, inside November"
        );
    }
}
