//! Where each task of the plan stands on a given day, and the figures every screen, report and
//! export prints from it. One rule, so that "đã hoàn thành 10/20; đang thực hiện 8" can never
//! count a task twice: every task is in exactly one of done, in progress, not started and not
//! done (không thực hiện), and the four add up to the plan's total for any day of any period.
//! Overdue is a flag on the unfinished ones, not a fifth bucket.

use chrono::NaiveDate;
use serde::Serialize;

use super::tasks::{TaskStatus, TaskView};
use crate::summary::TaskFigures;
use crate::text::format_pct;

/// The one bucket a task is counted in on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Finished; or recurring with every tracked period due so far done.
    Done,
    InProgress,
    NotStarted,
    /// Không thực hiện: decided not to carry it out.
    NotDone,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::Done => "Hoàn thành",
            Standing::InProgress => "Đang thực hiện",
            Standing::NotStarted => "Chưa thực hiện",
            Standing::NotDone => "Không thực hiện",
        }
    }
}

/// A task as it stood at the end of `as_of`: what was finished later was not finished yet.
/// A task finished after that day is taken as in progress then (it was being worked on).
fn rewind(t: &mut TaskView, as_of: NaiveDate) {
    if t.completed_on.is_some_and(|d| d > as_of) {
        t.completed_on = None;
        t.status = TaskStatus::InProgress;
        t.status_label = t.status.label().to_string();
    }
    for o in &mut t.occurrences {
        if o.completed_on.is_some_and(|d| d > as_of) {
            o.completed_on = None;
        }
    }
}

/// Judges a loaded task as of `as_of`: its standing, whether it is overdue, its next deadline.
/// For a recurring task only the tracked periods count (those due on or after the day it is
/// followed from); the periods before it are neither due nor overdue.
pub(crate) fn judge(mut t: TaskView, as_of: NaiveDate) -> TaskView {
    rewind(&mut t, as_of);
    let finished = t.status.is_finished();
    let dropped = t.status == TaskStatus::Dropped;
    let open = !finished && !dropped;
    let tracked_from = t.tracked_from;
    for o in &mut t.occurrences {
        o.tracked = tracked_from.is_none_or(|from| o.due >= from);
        o.overdue = open && o.tracked && o.completed_on.is_none() && o.due < as_of;
    }
    let recurring = t.deadline_kind.is_recurring();
    let (standing, overdue, next_due) = if dropped {
        (Standing::NotDone, false, None)
    } else if finished {
        (Standing::Done, false, None)
    } else if recurring {
        let tracked: Vec<_> = t.occurrences.iter().filter(|o| o.tracked).collect();
        let due_so_far: Vec<_> = tracked.iter().filter(|o| o.due <= as_of).collect();
        let all_done =
            !due_so_far.is_empty() && due_so_far.iter().all(|o| o.completed_on.is_some());
        let started = t.status == TaskStatus::InProgress
            || t.occurrences.iter().any(|o| o.completed_on.is_some());
        let standing = if all_done {
            Standing::Done
        } else if started {
            Standing::InProgress
        } else {
            Standing::NotStarted
        };
        let next = tracked
            .iter()
            .find(|o| o.completed_on.is_none())
            .map(|o| o.due);
        (standing, tracked.iter().any(|o| o.overdue), next)
    } else {
        let standing = if t.status == TaskStatus::NotStarted {
            Standing::NotStarted
        } else {
            Standing::InProgress
        };
        (standing, t.due < as_of, Some(t.due))
    };
    t.standing = standing;
    t.standing_label = match standing {
        Standing::Done if finished => t.status_label.clone(),
        Standing::Done => "Hoàn thành các kỳ đến hạn".to_string(),
        s => s.label().to_string(),
    };
    t.counted_done = standing == Standing::Done;
    t.overdue = overdue;
    t.next_due = next_due;
    t.days_left = next_due.map(|d| (d - as_of).num_days());
    t
}

/// The figures of a list of judged tasks (a plan, an area, a filter's result).
pub fn figures(tasks: &[TaskView]) -> TaskFigures {
    let count = |s: Standing| tasks.iter().filter(|t| t.standing == s).count() as i64;
    TaskFigures {
        total: tasks.len() as i64,
        done: count(Standing::Done),
        done_late: tasks
            .iter()
            .filter(|t| t.status == TaskStatus::DoneLate)
            .count() as i64,
        in_progress: count(Standing::InProgress),
        not_started: count(Standing::NotStarted),
        not_done: count(Standing::NotDone),
        overdue: tasks.iter().filter(|t| t.overdue).count() as i64,
    }
}

/// "16/20 (80%)".
pub fn share(part: i64, whole: i64) -> String {
    match crate::onestop::rate_pct(part, whole) {
        Some(p) => format!("{part}/{whole} ({})", format_pct(Some(p))),
        None => format!("{part}/{whole}"),
    }
}

/// The figures as a report prints them: "Kế hoạch có 20 nhiệm vụ; đã hoàn thành 16/20 (80%),
/// trong đó 1 nhiệm vụ hoàn thành trễ hạn; đang thực hiện 2 nhiệm vụ; chưa thực hiện 1 nhiệm
/// vụ; không thực hiện 1 nhiệm vụ; 2 nhiệm vụ đã quá hạn nhưng chưa hoàn thành." Buckets
/// with nothing in them are left out, so the printed numbers always add up to the total.
pub fn sentence(f: &TaskFigures) -> String {
    if f.total == 0 {
        return "Kế hoạch chưa có nhiệm vụ nào.".to_string();
    }
    let mut s = format!(
        "Kế hoạch có {} nhiệm vụ; đã hoàn thành {}",
        f.total,
        share(f.done, f.total)
    );
    if f.done_late > 0 {
        s.push_str(&format!(
            ", trong đó {} nhiệm vụ hoàn thành trễ hạn",
            f.done_late
        ));
    }
    for (n, what) in [
        (f.in_progress, "đang thực hiện"),
        (f.not_started, "chưa thực hiện"),
        (f.not_done, "không thực hiện"),
    ] {
        if n > 0 {
            s.push_str(&format!("; {what} {n} nhiệm vụ"));
        }
    }
    if f.overdue > 0 {
        s.push_str(&format!(
            "; {} nhiệm vụ đã quá hạn nhưng chưa hoàn thành",
            f.overdue
        ));
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::deadline::{self, DeadlineKind};
    use crate::plan::tasks::OccurrenceView;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn task(deadline_text: &str, status: TaskStatus) -> TaskView {
        let dl = deadline::parse(deadline_text, 2026).unwrap();
        TaskView {
            version: 1,
            id: 1,
            year: 2026,
            number: "1".into(),
            content: "Nhiệm vụ".into(),
            area_id: 1,
            area_name: "Lĩnh vực".into(),
            lead_officer_id: None,
            lead_officer_name: None,
            coordinators: String::new(),
            deadline_text: dl.text.clone(),
            deadline_kind: dl.kind,
            due: dl.due,
            product: String::new(),
            status,
            status_label: status.label().into(),
            completed_on: None,
            result: String::new(),
            reason: String::new(),
            solution: String::new(),
            tracked_from: None,
            occurrences: dl
                .occurrences
                .iter()
                .enumerate()
                .map(|(i, o)| OccurrenceView {
                    seq: i as i64 + 1,
                    label: o.label.clone(),
                    due: o.due,
                    completed_on: None,
                    tracked: true,
                    overdue: false,
                })
                .collect(),
            standing: Standing::NotStarted,
            standing_label: String::new(),
            counted_done: false,
            overdue: false,
            next_due: None,
            days_left: None,
        }
    }

    #[test]
    fn a_recurring_task_up_to_date_is_done_and_not_also_in_progress() {
        let mut t = task("Hằng quý", TaskStatus::InProgress);
        t.occurrences[0].completed_on = Some(d(3, 29));
        let j = judge(t, d(6, 14));
        assert_eq!(j.standing, Standing::Done);
        assert_eq!(j.standing_label, "Hoàn thành các kỳ đến hạn");
        let f = figures(&[j]);
        assert_eq!((f.done, f.in_progress), (1, 0));
    }

    #[test]
    fn a_period_judges_what_was_done_by_its_end() {
        let mut t = task("Quý I/2026", TaskStatus::Done);
        t.completed_on = Some(d(7, 1));
        let then = judge(t.clone(), d(6, 14));
        assert_eq!(then.standing, Standing::InProgress);
        assert!(then.overdue, "due 31/03, not done by 14/06");
        assert_eq!(then.completed_on, None);
        assert_eq!(judge(t, d(7, 2)).standing, Standing::Done);

        let mut r = task("Hằng tháng", TaskStatus::InProgress);
        r.occurrences[0].completed_on = Some(d(2, 10));
        assert!(judge(r.clone(), d(2, 5)).overdue, "January not done by 5/2");
        assert!(!judge(r, d(2, 12)).overdue);
    }

    #[test]
    fn periods_before_tracking_are_neither_due_nor_overdue() {
        let mut t = task("Hằng tháng", TaskStatus::InProgress);
        t.tracked_from = Some(d(11, 1));
        let j = judge(t.clone(), d(11, 30));
        assert!(!j.overdue);
        assert_eq!(j.standing, Standing::InProgress);
        assert_eq!(j.next_due, Some(d(11, 30)));
        assert_eq!(j.occurrences.iter().filter(|o| o.tracked).count(), 2);
        let j = judge(t.clone(), d(12, 2));
        assert!(j.overdue, "November was tracked, due and not done");
        t.occurrences[10].completed_on = Some(d(11, 29));
        assert_eq!(judge(t, d(12, 2)).standing, Standing::Done);
    }

    #[test]
    fn dropped_is_not_done_and_never_overdue() {
        let j = judge(task("Quý I/2026", TaskStatus::Dropped), d(12, 1));
        assert_eq!(
            (j.standing, j.overdue, j.next_due),
            (Standing::NotDone, false, None)
        );
        assert_eq!(j.deadline_kind, DeadlineKind::Quarter);
    }

    #[test]
    fn the_sentence_adds_up_and_leaves_out_empty_buckets() {
        let f = TaskFigures {
            total: 20,
            done: 16,
            done_late: 1,
            in_progress: 2,
            not_started: 1,
            not_done: 1,
            overdue: 2,
        };
        assert_eq!(
            sentence(&f),
            "Kế hoạch có 20 nhiệm vụ; đã hoàn thành 16/20 (80%), trong đó 1 nhiệm vụ hoàn thành trễ hạn; \
             đang thực hiện 2 nhiệm vụ; chưa thực hiện 1 nhiệm vụ; không thực hiện 1 nhiệm vụ; \
             2 nhiệm vụ đã quá hạn nhưng chưa hoàn thành."
        );
        let g = TaskFigures {
            total: 3,
            done: 3,
            ..TaskFigures::default()
        };
        assert_eq!(
            sentence(&g),
            "Kế hoạch có 3 nhiệm vụ; đã hoàn thành 3/3 (100%)."
        );
    }
}
