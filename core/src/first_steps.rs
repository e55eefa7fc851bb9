//! Where a freshly set-up commune starts: the plan's number, the plan's tasks, the criteria
//! set, the accounts of the chairman and the officers. Tổng quan shows them with their state
//! until every one is done, so that an empty commune has a path instead of zeros and dashes.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::plan::reference;
use crate::scoring::criteria;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "FirstStepKey")]
#[serde(rename_all = "snake_case")]
pub enum StepKey {
    /// The plan's document number and date.
    PlanReference,
    PlanTasks,
    CriteriaSet,
    Accounts,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "FirstStep")]
pub struct Step {
    pub key: StepKey,
    /// "Ghi số, ngày ban hành Kế hoạch CCHC năm 2026".
    pub title: String,
    /// Its state in words: "Đã có: Kế hoạch số 05/KH-UBND ngày 10/01/2026", "Chưa có".
    pub state: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FirstSteps {
    pub steps: Vec<Step>,
    pub all_done: bool,
}

/// The first steps of `year` and how far the commune has got with them.
pub fn for_year(conn: &Connection, year: i32) -> Result<FirstSteps> {
    let plan = reference::get(conn, year)?;
    let tasks: i64 = conn.query_row("SELECT count(*) FROM task WHERE year = ?1", [year], |r| {
        r.get(0)
    })?;
    let leaves: i64 = conn.query_row(
        "SELECT count(*) FROM score s JOIN criterion c ON c.id = s.criterion_id WHERE c.year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let has_set = criteria::set_exists(conn, year)? && leaves > 0;
    let (chairmen, others): (i64, i64) = conn.query_row(
        "SELECT count(*) FILTER (WHERE role = 'chairman'), count(*) FILTER (WHERE role <> 'chairman')
         FROM account WHERE active = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let last_year_set = criteria::set_exists(conn, year - 1)?;
    let steps = vec![
        Step {
            key: StepKey::PlanReference,
            title: format!("Ghi số, ngày ban hành Kế hoạch CCHC năm {year}"),
            state: match plan.citation() {
                Some(c) => format!("Đã có: {c}"),
                None => "Chưa ghi số kế hoạch".into(),
            },
            done: plan.citation().is_some(),
        },
        Step {
            key: StepKey::PlanTasks,
            title: format!(
                "Nhập các nhiệm vụ của kế hoạch năm {year} (thêm từng nhiệm vụ hoặc nhập từ Excel)"
            ),
            state: if tasks > 0 {
                format!("Đã có {tasks} nhiệm vụ")
            } else {
                "Chưa có nhiệm vụ nào".into()
            },
            done: tasks > 0,
        },
        Step {
            key: StepKey::CriteriaSet,
            title: if last_year_set {
                format!(
                    "Nhập bộ tiêu chí Chỉ số CCHC năm {year} của tỉnh (từ Excel) hoặc sao chép từ năm {}",
                    year - 1
                )
            } else {
                format!("Nhập bộ tiêu chí Chỉ số CCHC năm {year} của tỉnh (từ tệp Excel)")
            },
            state: if has_set {
                format!("Đã có bộ tiêu chí với {leaves} tiêu chí chấm điểm")
            } else {
                "Chưa có bộ tiêu chí".into()
            },
            done: has_set,
        },
        Step {
            key: StepKey::Accounts,
            title: "Tạo tài khoản cho Chủ tịch UBND xã và công chức phụ trách".into(),
            state: match (chairmen, others) {
                (0, _) => "Chưa có tài khoản Chủ tịch UBND xã".into(),
                (_, 0) => "Chưa có tài khoản công chức".into(),
                (c, o) => format!("Đã có {} tài khoản", c + o),
            },
            done: chairmen > 0 && others > 0,
        },
    ];
    Ok(FirstSteps {
        all_done: steps.iter().all(|s| s.done),
        steps,
    })
}
