//! Tổng quan: the year's key figures with what is behind the charts (plan progress by reform
//! area, one-stop records by period), what waits for the person logged in, and the first steps
//! of a commune that has just started.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::first_steps::{self, FirstSteps};
use crate::onestop::{self, yearly::Targets};
use crate::people::Actor;
use crate::plan::progress;
use crate::plan::tasks::{self, TaskView};
use crate::scoring::sheet::Node;
use crate::scoring::workflow::State;
use crate::scoring::Points;
use crate::summary::{self, Summary, TaskFigures};

/// A reform area's tasks, counted by the one rule (`plan::progress`).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AreaProgress {
    pub area: String,
    #[serde(flatten)]
    pub figures: TaskFigures,
    /// In progress or not started and not overdue. The chart stacks done, on_track, overdue
    /// and not_done, which add up to the area's total.
    pub on_track: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PeriodRecords {
    pub label: String,
    /// Received in the period.
    pub received: i64,
    pub online: i64,
    pub resolved: i64,
    /// Carried over from the period before: workload, not received.
    pub carried_over: i64,
    pub in_progress_overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldScore {
    pub code: String,
    pub title: String,
    pub max: Points,
    pub self_points: Points,
}

/// A leaf that waits for someone: the chairman's approval, or the officer's correction.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WaitingScore {
    pub full_code: String,
    pub title: String,
    pub state_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Dashboard {
    pub summary: Summary,
    pub targets: Targets,
    pub on_time_gap: Option<f64>,
    pub online_gap: Option<f64>,
    pub progress_by_area: Vec<AreaProgress>,
    pub records_by_period: Vec<PeriodRecords>,
    /// Open tasks due within 7 days, any owner.
    pub due_soon: Vec<TaskView>,
    /// The logged-in officer's own open tasks that are overdue or due within 7 days.
    pub my_tasks: Vec<TaskView>,
    pub score_by_field: Vec<FieldScore>,
    /// Leaves whose self-score is below its maximum, unscored, unproven or unapproved.
    pub points_at_risk: Points,
    /// For the chairman: scores waiting for approval. For others: their returned scores.
    pub waiting_scores: Vec<WaitingScore>,
    /// Shown until every step is done.
    pub first_steps: FirstSteps,
}

pub fn for_year(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
) -> Result<Dashboard> {
    let summary = summary::for_year(conn, year, today)?;
    let all = tasks::list(conn, year, today)?;
    // Tasks come in plan order, area by area.
    let mut progress: Vec<AreaProgress> = Vec::new();
    for group in all.chunk_by(|a, b| a.area_id == b.area_id) {
        let Some(first) = group.first() else { continue };
        let figures = progress::figures(group);
        progress.push(AreaProgress {
            area: first.area_name.clone(),
            on_track: figures.in_progress + figures.not_started - figures.overdue,
            figures,
        });
    }
    let view = onestop::year_view(conn, year)?;
    let records_by_period = view
        .batches
        .iter()
        .filter(|b| b.counted)
        .map(|b| PeriodRecords {
            label: b.label.clone(),
            received: b.total.received(),
            online: b.total.received_online,
            resolved: b.total.resolved(),
            carried_over: b.total.carried_over,
            in_progress_overdue: b.total.in_progress_overdue,
        })
        .collect();
    let officer_id = match actor.account_id {
        Some(id) => Some(crate::people::get_account(conn, id)?.officer_id),
        None => None,
    };
    let soon = |t: &TaskView| t.days_left.is_some_and(|d| d <= 7);
    let mut due_soon: Vec<TaskView> = all
        .iter()
        .filter(|t| t.days_left.is_some_and(|d| (0..=7).contains(&d)))
        .cloned()
        .collect();
    due_soon.sort_by_key(|t| t.next_due);
    let mut my_tasks: Vec<TaskView> = all
        .iter()
        .filter(|t| officer_id.is_some() && t.lead_officer_id == officer_id && soon(t))
        .cloned()
        .collect();
    my_tasks.sort_by_key(|t| t.next_due);
    let sheet = crate::scoring::sheet::sheet(conn, year, today)?;
    let score_by_field = sheet
        .nodes
        .iter()
        .filter(|n| n.kind == crate::scoring::criteria::Kind::Normal)
        .map(|n| FieldScore {
            code: n.full_code.clone(),
            title: n.title.clone(),
            max: n.effective_max,
            self_points: n.self_points,
        })
        .collect();
    let points_at_risk = sheet.at_risk.iter().map(|r| r.stand_to_lose).sum();
    let waiting_scores = waiting(&sheet.nodes, actor, officer_id);
    Ok(Dashboard {
        first_steps: first_steps::for_year(conn, year)?,
        score_by_field,
        points_at_risk,
        waiting_scores,
        summary,
        targets: view.targets,
        on_time_gap: view.on_time_gap,
        online_gap: view.online_gap,
        progress_by_area: progress,
        records_by_period,
        due_soon,
        my_tasks,
    })
}

fn waiting(nodes: &[Node], actor: &Actor, officer_id: Option<i64>) -> Vec<WaitingScore> {
    let chairman = actor.role.capabilities().approve;
    let mut out = Vec::new();
    fn walk(nodes: &[Node], f: &mut dyn FnMut(&Node)) {
        for n in nodes {
            f(n);
            walk(&n.children, f);
        }
    }
    walk(nodes, &mut |n| {
        if let Some(l) = &n.leaf {
            let mine = officer_id.is_some() && l.assignee_officer_id == officer_id;
            let wanted = if chairman {
                l.state == State::Submitted
            } else {
                mine && l.state == State::Returned
            };
            if wanted && !n.not_applicable {
                out.push(WaitingScore {
                    full_code: n.full_code.clone(),
                    title: n.title.clone(),
                    state_label: l.state_label.clone(),
                });
            }
        }
    });
    out
}
