//! The key figures of a year, one struct for the overview screen and `cchc summary --json`.
//! Each area fills its block from its own tables; the field names are a contract, keep them.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::commune;
use crate::error::Result;

#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct Summary {
    pub year: i32,
    pub commune: String,
    pub province: String,
    pub tasks: TaskFigures,
    pub sessions: SessionFigures,
    pub tthc: TthcFigures,
    pub scoring: ScoringFigures,
}

/// The plan's tasks on a day, from `plan::progress` (the one rule): done + in_progress +
/// not_started + not_done = total; `done_late` is part of `done`, `overdue` part of
/// in_progress + not_started.
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct TaskFigures {
    pub total: i64,
    pub done: i64,
    pub done_late: i64,
    pub in_progress: i64,
    pub not_started: i64,
    /// Không thực hiện (dropped).
    pub not_done: i64,
    pub overdue: i64,
}

/// Sessions held in the calendar year (`from`–`to`); reports use the cut-off periods instead.
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct SessionFigures {
    pub count: i64,
    pub attendees: i64,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct TthcFigures {
    /// Received in the period (every channel); records carried over are in `carried_over`.
    pub received: i64,
    pub online: i64,
    pub bcci: i64,
    pub resolved_early: i64,
    pub resolved_on_time: i64,
    pub resolved_late: i64,
    pub in_progress: i64,
    /// Carried over from the periods before (workload, not received).
    pub carried_over: i64,
    /// Of `in_progress`, those already overdue.
    pub in_progress_overdue: i64,
    /// (early + on time) / resolved, rounded to one decimal; null when nothing was resolved.
    pub on_time_rate_pct: Option<f64>,
    /// online / received, rounded to one decimal; null when nothing was received.
    pub online_rate_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct ScoringFigures {
    pub max_total: f64,
    pub self_total: f64,
    /// "no_criteria", "not_started", "draft", "submitted", "approved" or "appraised".
    pub status: String,
}

/// The year's figures as of `today`; an unknown year is refused with the years there are.
pub fn for_year(conn: &Connection, year: i32, today: NaiveDate) -> Result<Summary> {
    let commune = commune::require(conn)?;
    commune::require_year(conn, year)?;
    Ok(Summary {
        year,
        commune: commune.display_name,
        province: commune.province,
        tasks: crate::plan::tasks::figures(conn, year, today)?,
        sessions: session_figures(conn, year)?,
        tthc: tthc_figures(conn, year)?,
        scoring: scoring_figures(conn, year, today)?,
    })
}

fn session_figures(conn: &Connection, year: i32) -> Result<SessionFigures> {
    let period = crate::period::resolve("cal-year", year)?;
    let list = crate::sessions::in_period(conn, &period)?;
    Ok(SessionFigures {
        count: list.len() as i64,
        attendees: list.iter().map(|s| s.attendees).sum(),
        from: Some(period.from),
        to: Some(period.to),
    })
}

fn tthc_figures(conn: &Connection, year: i32) -> Result<TthcFigures> {
    let batches = crate::onestop::batches::of_year(conn, year)?;
    let t = crate::onestop::batches::year_total(&batches);
    Ok(TthcFigures {
        received: t.received(),
        online: t.received_online,
        bcci: t.received_bcci,
        resolved_early: t.resolved_early,
        resolved_on_time: t.resolved_on_time,
        resolved_late: t.resolved_late,
        in_progress: t.in_progress,
        carried_over: t.carried_over,
        in_progress_overdue: t.in_progress_overdue,
        on_time_rate_pct: t.on_time_rate_pct(),
        online_rate_pct: t.online_rate_pct(),
    })
}

fn scoring_figures(conn: &Connection, year: i32, today: NaiveDate) -> Result<ScoringFigures> {
    let sheet = crate::scoring::sheet::sheet(conn, year, today)?;
    Ok(ScoringFigures {
        max_total: sheet.max_total.as_f64(),
        self_total: sheet.self_total.as_f64(),
        status: sheet.status,
    })
}
