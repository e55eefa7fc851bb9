//! Starting next year's plan from this year's: the same tasks, their deadlines moved a year on,
//! statuses, completion dates and results reset; the plan document's texts carried forward.

use chrono::NaiveDate;
use serde::Serialize;

use super::deadline;
use super::tasks::{self, TaskInput, TaskStatus};
use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Rollover {
    pub year: i32,
    pub copied: usize,
}

pub fn start_next_year(
    conn: &mut rusqlite::Connection,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
) -> Result<Rollover> {
    let next = commune::check_year(year + 1)?;
    let source = tasks::list(conn, year, today)?;
    if source.is_empty() {
        return Err(Error::invalid(format!(
            "Kế hoạch năm {year} chưa có nhiệm vụ nào để chuyển sang năm {next}."
        )));
    }
    let tx = conn.transaction()?;
    tx.execute("INSERT OR IGNORE INTO work_year (year) VALUES (?1)", [next])?;
    let existing: i64 = tx.query_row("SELECT count(*) FROM task WHERE year = ?1", [next], |r| {
        r.get(0)
    })?;
    if existing > 0 {
        return Err(Error::Conflict(format!(
            "Kế hoạch năm {next} đã có {existing} nhiệm vụ; không lập lại để tránh trùng lặp."
        )));
    }
    for t in &source {
        let input = TaskInput {
            number: t.number.clone(),
            content: t.content.clone(),
            area_id: t.area_id,
            lead_officer_id: t.lead_officer_id,
            coordinators: t.coordinators.clone(),
            deadline: deadline::shift_text_one_year(&t.deadline_text),
            product: t.product.clone(),
            status: TaskStatus::NotStarted,
            completed_on: None,
            result: String::new(),
            reason: String::new(),
            solution: String::new(),
            start: None,
        };
        tasks::save_in(&tx, actor, next, None, &input, today).map_err(|e| {
            Error::invalid(format!(
                "Không chuyển được nhiệm vụ {} sang năm {next}: {e}",
                t.number
            ))
        })?;
    }
    // The plan document's own texts (purpose, organisation) start from this year's.
    super::texts::carry_forward(&tx, actor, year)?;
    audit::record(
        &tx,
        actor,
        "plan.rollover",
        "plan",
        Some(next.into()),
        &format!(
            "Lập kế hoạch năm {next} từ kế hoạch năm {year}: {} nhiệm vụ",
            source.len()
        ),
    )?;
    tx.commit()?;
    Ok(Rollover {
        year: next,
        copied: source.len(),
    })
}
