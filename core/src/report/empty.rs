//! Whether a report would be a formal document of zeros: a period with nothing recorded, a
//! period that has not begun, a plan with no tasks, a year without a criteria set. The screen
//! and the CLI warn before printing one; the rule of what counts as empty is here only.

use serde::Serialize;

use super::{annual, report_period, Ctx, ReportKind, PERIOD_CODES};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

fn count(conn: &Connection, sql: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(sql, [year], |r| r.get(0))?)
}

/// The warning to give before printing `kind` for `year` and `period` (a code of
/// `PERIOD_CODES`; ignored by reports without a period), or None when it has something to say.
pub fn warning(
    conn: &Connection,
    kind: ReportKind,
    year: i32,
    period: &str,
    today: NaiveDate,
) -> Result<Option<String>> {
    crate::commune::require_year(conn, year)?;
    let p = report_period(year, if kind.has_period() { period } else { "year" })?;
    let tasks = count(conn, "SELECT count(*) FROM task WHERE year = ?1", year)?;
    let ctx = Ctx {
        conn,
        year,
        period: p.clone(),
        today,
        commune: crate::commune::require(conn)?,
    };
    let not_begun = (kind.has_period() && p.from > today).then(|| {
        format!(
            "{} bắt đầu từ ngày {}, sau ngày hôm nay: chưa có số liệu của kỳ này.",
            p.name,
            p.from.format("%d/%m/%Y")
        )
    });
    let sessions = crate::sessions::in_period(conn, &p)?.len();
    let missing: Vec<&str> = match kind {
        ReportKind::Annual => {
            let (records, _) = annual::tthc_in_period(&ctx)?;
            let mut m = Vec::new();
            if tasks == 0 {
                m.push("nhiệm vụ của kế hoạch");
            }
            if sessions == 0 {
                m.push("buổi tuyên truyền");
            }
            if records.received() == 0 && records.resolved() == 0 {
                m.push("số liệu một cửa");
            }
            // Something recorded is worth a report; only a period with nothing is empty.
            if m.len() < 3 {
                m.clear();
            }
            m
        }
        ReportKind::Sessions => {
            if sessions == 0 {
                vec!["buổi tuyên truyền, phổ biến pháp luật"]
            } else {
                vec![]
            }
        }
        ReportKind::Plan | ReportKind::PlanDocument => {
            if tasks == 0 {
                vec!["nhiệm vụ của kế hoạch"]
            } else {
                vec![]
            }
        }
        ReportKind::Scoring => {
            let scored = count(
                conn,
                "SELECT count(*) FROM score s JOIN criterion c ON c.id = s.criterion_id
                 WHERE c.year = ?1 AND s.self_hundredths IS NOT NULL",
                year,
            )?;
            if !crate::scoring::criteria::set_exists(conn, year)? {
                vec!["bộ tiêu chí"]
            } else if scored == 0 {
                vec!["điểm tự chấm"]
            } else {
                vec![]
            }
        }
        ReportKind::Evidence => {
            let linked = count(
                conn,
                "SELECT count(*) FROM evidence_link l JOIN criterion c ON c.id = l.target_id
                 WHERE l.target_kind = 'criterion' AND c.year = ?1",
                year,
            )?;
            if linked == 0 {
                vec!["tài liệu kiểm chứng gắn với tiêu chí"]
            } else {
                vec![]
            }
        }
    };
    let scope = if kind.has_period() {
        p.name.clone()
    } else {
        format!("Năm {year}")
    };
    Ok(match (not_begun, missing.is_empty()) {
        (Some(w), _) => Some(w),
        (None, true) => None,
        (None, false) => Some(format!(
            "{scope} chưa có {}: báo cáo sẽ là văn bản toàn số 0 hoặc bỏ trống.",
            missing.join(", ")
        )),
    })
}

/// A report and period that would print empty, with the warning.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EmptyReport {
    pub kind: ReportKind,
    /// A code of `PERIOD_CODES` ("year" for reports without a period).
    pub period: String,
    pub warning: String,
}

/// Every report and period of `year` that would print empty, for the screen to warn with.
pub fn all(conn: &Connection, year: i32, today: NaiveDate) -> Result<Vec<EmptyReport>> {
    let mut out = Vec::new();
    for kind in ReportKind::ALL {
        let codes: Vec<&str> = if kind.has_period() {
            PERIOD_CODES.to_vec()
        } else {
            vec!["year"]
        };
        for code in codes {
            if let Some(w) = warning(conn, kind, year, code, today)? {
                out.push(EmptyReport {
                    kind,
                    period: code.to_string(),
                    warning: w,
                });
            }
        }
    }
    Ok(out)
}
