//! One-stop (TTHC) statistics: records received and resolved per period, rates computed (never
//! typed), the yearly procedure catalogue, targets and the other yearly indicators.
//!
//! A period's records as the provinces' systems count them: carried over from the previous
//! period plus received in the period make the workload; of it, resolved (early, on time,
//! late) and still in progress (not yet due, overdue), returned or withdrawn. "Received"
//! means received in the period; the on-time rate is over resolved records.

pub mod batches;
pub mod yearly;

use serde::{Deserialize, Serialize};

/// Record counts of a period, for the whole one-stop or one procedure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "TthcCounts")]
pub struct Counts {
    pub received_direct: i64,
    pub received_online: i64,
    pub received_bcci: i64,
    /// Kỳ trước chuyển qua: records of earlier periods still to handle; not "received".
    #[serde(default)]
    pub carried_over: i64,
    pub resolved_early: i64,
    pub resolved_on_time: i64,
    pub resolved_late: i64,
    /// All records still in progress at the period's end, overdue ones included.
    pub in_progress: i64,
    /// Of `in_progress`, those past their due date (đang giải quyết quá hạn).
    #[serde(default)]
    pub in_progress_overdue: i64,
    /// Trả lại hoặc rút hồ sơ.
    pub returned: i64,
}

impl Counts {
    /// Received in the period (every channel); carried-over records are not counted here.
    pub fn received(&self) -> i64 {
        self.received_direct + self.received_online + self.received_bcci
    }

    /// The records to handle in the period: carried over plus received.
    pub fn workload(&self) -> i64 {
        self.carried_over + self.received()
    }

    /// In progress and not yet due.
    pub fn in_progress_not_due(&self) -> i64 {
        self.in_progress - self.in_progress_overdue
    }

    pub fn resolved(&self) -> i64 {
        self.resolved_early + self.resolved_on_time + self.resolved_late
    }

    /// (early + on time) / resolved.
    pub fn on_time_rate_pct(&self) -> Option<f64> {
        rate_pct(self.resolved_early + self.resolved_on_time, self.resolved())
    }

    /// online / received.
    pub fn online_rate_pct(&self) -> Option<f64> {
        rate_pct(self.received_online, self.received())
    }

    pub fn add(&mut self, o: &Counts) {
        self.received_direct += o.received_direct;
        self.received_online += o.received_online;
        self.received_bcci += o.received_bcci;
        self.carried_over += o.carried_over;
        self.resolved_early += o.resolved_early;
        self.resolved_on_time += o.resolved_on_time;
        self.resolved_late += o.resolved_late;
        self.in_progress += o.in_progress;
        self.in_progress_overdue += o.in_progress_overdue;
        self.returned += o.returned;
    }

    /// Two periods one after the other as one: what flows in the periods (received,
    /// resolved, returned) adds up; what is a stock at a period's edge does not: records
    /// carried over are those of the first period, records in progress those left at the end
    /// of the last.
    pub fn followed_by(&self, later: &Counts) -> Counts {
        let mut c = *self;
        c.add(later);
        c.carried_over = self.carried_over;
        c.in_progress = later.in_progress;
        c.in_progress_overdue = later.in_progress_overdue;
        c
    }

    /// Each figure with its name, in the order forms and exports show them.
    pub fn fields(&self) -> [(i64, &'static str); 10] {
        [
            (self.received_direct, "Tiếp nhận trực tiếp"),
            (self.received_online, "Tiếp nhận trực tuyến"),
            (self.received_bcci, "Tiếp nhận qua BCCI"),
            (self.carried_over, "Kỳ trước chuyển qua"),
            (self.resolved_early, "Giải quyết trước hạn"),
            (self.resolved_on_time, "Giải quyết đúng hạn"),
            (self.resolved_late, "Giải quyết quá hạn"),
            (self.in_progress, "Đang giải quyết"),
            (self.in_progress_overdue, "Đang giải quyết quá hạn"),
            (self.returned, "Trả lại, rút hồ sơ"),
        ]
    }
}

/// A percentage with one decimal, rounded half up as reports print it, except that a share
/// short of the whole never shows as 100% (1.999/2.000 is 99,9%, not 100%). None when there
/// is nothing to divide by.
pub fn rate_pct(part: i64, whole: i64) -> Option<f64> {
    if whole <= 0 {
        return None;
    }
    let mut permille = (part * 1000 + whole / 2) / whole;
    if part < whole && permille >= 1000 {
        permille = 999;
    }
    Some(permille as f64 / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_to_one_decimal_and_never_claim_100_too_early() {
        assert_eq!(rate_pct(1295, 1296), Some(99.9));
        assert_eq!(rate_pct(351, 351), Some(100.0));
        assert_eq!(rate_pct(1999, 2000), Some(99.9));
        assert_eq!(rate_pct(2, 3), Some(66.7));
        assert_eq!(rate_pct(1, 8), Some(12.5));
        assert_eq!(rate_pct(0, 5), Some(0.0));
        assert_eq!(rate_pct(0, 0), None);
        assert_eq!(crate::text::format_pct(rate_pct(0, 0)), "—");
        assert_eq!(crate::text::format_pct(rate_pct(1295, 1296)), "99,9%");
    }

    #[test]
    fn counts_add_up() {
        let c = Counts {
            received_direct: 10,
            received_online: 6,
            received_bcci: 4,
            resolved_early: 5,
            resolved_on_time: 14,
            resolved_late: 1,
            ..Counts::default()
        };
        assert_eq!((c.received(), c.resolved()), (20, 20));
        assert_eq!(c.on_time_rate_pct(), Some(95.0));
        assert_eq!(c.online_rate_pct(), Some(30.0));
        assert_eq!(Counts::default().on_time_rate_pct(), None);
    }

    #[test]
    fn periods_in_sequence_add_flows_not_stocks() {
        let jan = Counts {
            received_direct: 10,
            carried_over: 3,
            resolved_on_time: 9,
            in_progress: 4,
            in_progress_overdue: 1,
            ..Counts::default()
        };
        let feb = Counts {
            received_direct: 20,
            carried_over: 4,
            resolved_on_time: 22,
            in_progress: 2,
            ..Counts::default()
        };
        let q = jan.followed_by(&feb);
        assert_eq!((q.received(), q.resolved()), (30, 31));
        assert_eq!(q.carried_over, 3, "what came into January");
        assert_eq!(
            (q.in_progress, q.in_progress_overdue),
            (2, 0),
            "what February left"
        );
        assert_eq!(q.workload(), 33);
        assert_eq!(jan.in_progress_not_due(), 3);
    }
}

/// Everything the one-stop screen shows for a year.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "OneStopYear")]
pub struct YearView {
    pub year: i32,
    pub catalogue: yearly::Catalogue,
    pub targets: yearly::Targets,
    pub indicators: yearly::Indicators,
    pub satisfaction_pct: Option<f64>,
    pub batches: Vec<batches::Batch>,
    pub total: Counts,
    pub received: i64,
    pub resolved: i64,
    pub on_time_rate_pct: Option<f64>,
    pub online_rate_pct: Option<f64>,
    /// Rate minus target, in percentage points (negative: short of the target).
    pub on_time_gap: Option<f64>,
    pub online_gap: Option<f64>,
}

fn gap(rate: Option<f64>, target: f64) -> Option<f64> {
    rate.map(|r| ((r - target) * 10.0).round() / 10.0)
}

pub fn year_view(conn: &rusqlite::Connection, year: i32) -> crate::Result<YearView> {
    let batches = batches::of_year(conn, year)?;
    let total = batches::year_total(&batches);
    let targets = yearly::targets(conn, year)?;
    let indicators = yearly::indicators(conn, year)?;
    Ok(YearView {
        year,
        catalogue: yearly::catalogue(conn, year)?,
        satisfaction_pct: indicators.satisfaction_pct(),
        indicators,
        received: total.received(),
        resolved: total.resolved(),
        on_time_rate_pct: total.on_time_rate_pct(),
        online_rate_pct: total.online_rate_pct(),
        on_time_gap: gap(total.on_time_rate_pct(), targets.on_time_rate_pct),
        online_gap: gap(total.online_rate_pct(), targets.online_rate_pct),
        targets,
        batches,
        total,
    })
}
