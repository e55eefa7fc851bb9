//! Plan tasks: saving them with their rules (a readable deadline, a completion date inside the
//! plan's year and not in the future, done after the deadline meaning "hoàn thành trễ hạn", a
//! recurring task entered mid-year followed from a chosen period), and loading them judged by
//! `progress`, the one rule every screen, count and report uses.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::deadline::{self, DeadlineKind};
use super::progress::{self, Standing};
pub use super::tracking::{Earlier, Start};
use super::{areas, reference};
use crate::audit;
use crate::error::{Error, Result};
use crate::officers;
use crate::people::Actor;
use crate::summary::TaskFigures;
use crate::text;
use crate::version::{self, Record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
    DoneLate,
    /// Không thực hiện: decided not to carry it out (with a reason).
    Dropped,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 5] = [
        TaskStatus::NotStarted,
        TaskStatus::InProgress,
        TaskStatus::Done,
        TaskStatus::DoneLate,
        TaskStatus::Dropped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
            TaskStatus::DoneLate => "done_late",
            TaskStatus::Dropped => "dropped",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::DoneLate => "Hoàn thành trễ hạn",
            TaskStatus::Dropped => "Không thực hiện",
        }
    }

    pub fn from_code(code: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_finished(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::DoneLate)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusOption {
    pub value: TaskStatus,
    pub label: &'static str,
}

pub fn status_options() -> Vec<StatusOption> {
    TaskStatus::ALL
        .into_iter()
        .map(|s| StatusOption {
            value: s,
            label: s.label(),
        })
        .collect()
}

/// A task as a form or an import gives it.
#[derive(Debug, Clone, Deserialize)]
pub struct TaskInput {
    /// As printed ("3", "2.1"); empty takes the next number.
    #[serde(default)]
    pub number: String,
    pub content: String,
    pub area_id: i64,
    #[serde(default)]
    pub lead_officer_id: Option<i64>,
    #[serde(default)]
    pub coordinators: String,
    pub deadline: String,
    #[serde(default)]
    pub product: String,
    pub status: TaskStatus,
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub solution: String,
    /// A recurring task only: from which period it is followed and how the earlier ones went.
    /// None keeps what the task had (a new task: every period of the year is followed).
    #[serde(default)]
    pub start: Option<Start>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OccurrenceView {
    pub seq: i64,
    pub label: String,
    pub due: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    /// False for a period before the one the task is followed from.
    pub tracked: bool,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskView {
    pub id: i64,
    /// Raised by every change; a form sends it back so a stale save is refused.
    pub version: i64,
    pub year: i32,
    pub number: String,
    pub content: String,
    pub area_id: i64,
    pub area_name: String,
    pub lead_officer_id: Option<i64>,
    pub lead_officer_name: Option<String>,
    pub coordinators: String,
    pub deadline_text: String,
    pub deadline_kind: DeadlineKind,
    pub due: NaiveDate,
    pub product: String,
    pub status: TaskStatus,
    pub status_label: String,
    pub completed_on: Option<NaiveDate>,
    pub result: String,
    pub reason: String,
    pub solution: String,
    /// A recurring task entered mid-year: periods due before this day are not tracked.
    pub tracked_from: Option<NaiveDate>,
    pub occurrences: Vec<OccurrenceView>,
    /// The one bucket it is counted in (`progress`): done, in progress, not started, not done.
    pub standing: Standing,
    /// "Hoàn thành", "Hoàn thành trễ hạn", "Hoàn thành các kỳ đến hạn", "Đang thực hiện"…
    pub standing_label: String,
    /// Counts as done: finished, or recurring with every tracked occurrence due so far done.
    pub counted_done: bool,
    /// Not done and past its deadline (for recurring: an occurrence past due and not done).
    pub overdue: bool,
    /// The next date it must meet; None once finished or dropped.
    pub next_due: Option<NaiveDate>,
    pub days_left: Option<i64>,
}

fn check_completion(date: NaiveDate, year: i32, today: NaiveDate) -> Result<()> {
    if date.year() < year {
        return Err(Error::invalid(format!(
            "Ngày hoàn thành {} trước năm kế hoạch {year}: hãy nhập ngày từ 01/01/{year} trở đi.",
            date.format("%d/%m/%Y")
        )));
    }
    if date > today {
        return Err(Error::invalid(format!(
            "Ngày hoàn thành {} sau ngày hôm nay ({}): chỉ ghi nhận việc đã làm xong.",
            date.format("%d/%m/%Y"),
            today.format("%d/%m/%Y")
        )));
    }
    Ok(())
}

/// A finished task needs its completion date; done after the deadline is "hoàn thành trễ hạn",
/// done by it is "hoàn thành". An unfinished task has no completion date.
fn settle(
    chosen: TaskStatus,
    completed_on: Option<NaiveDate>,
    due: NaiveDate,
    year: i32,
    today: NaiveDate,
) -> Result<(TaskStatus, Option<NaiveDate>)> {
    if !chosen.is_finished() {
        return Ok((chosen, None));
    }
    let date = completed_on
        .ok_or_else(|| Error::invalid("Nhiệm vụ đã hoàn thành cần có ngày hoàn thành."))?;
    check_completion(date, year, today)?;
    let status = if date > due {
        TaskStatus::DoneLate
    } else {
        TaskStatus::Done
    };
    Ok((status, Some(date)))
}

const SELECT: &str =
    "SELECT t.id, t.year, t.number, t.content, t.area_id, a.name, t.lead_officer_id,
        o.full_name, t.coordinators, t.deadline_text, t.deadline_kind, t.due_date, t.product,
        t.status, t.completed_on, t.result, t.reason, t.solution, t.tracked_from, t.version
    FROM task t
    JOIN reform_area a ON a.id = t.area_id
    LEFT JOIN officer o ON o.id = t.lead_officer_id";
const ORDER: &str = " ORDER BY a.position, a.id, t.position, t.id";

fn conversion(col: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        col,
        rusqlite::types::Type::Text,
        format!("giá trị “{what}” không hợp lệ").into(),
    )
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<TaskView> {
    let kind: String = r.get(10)?;
    let status: String = r.get(13)?;
    let status = TaskStatus::from_code(&status).ok_or_else(|| conversion(13, &status))?;
    Ok(TaskView {
        id: r.get(0)?,
        year: r.get(1)?,
        number: r.get(2)?,
        content: r.get(3)?,
        area_id: r.get(4)?,
        area_name: r.get(5)?,
        lead_officer_id: r.get(6)?,
        lead_officer_name: r.get(7)?,
        coordinators: r.get(8)?,
        deadline_text: r.get(9)?,
        deadline_kind: DeadlineKind::from_code(&kind).ok_or_else(|| conversion(10, &kind))?,
        due: r.get(11)?,
        product: r.get(12)?,
        status,
        status_label: status.label().to_string(),
        completed_on: r.get(14)?,
        result: r.get(15)?,
        reason: r.get(16)?,
        solution: r.get(17)?,
        tracked_from: r.get(18)?,
        version: r.get(19)?,
        occurrences: Vec::new(),
        standing: Standing::NotStarted,
        standing_label: String::new(),
        counted_done: false,
        overdue: false,
        next_due: None,
        days_left: None,
    })
}

fn load_occurrences(conn: &Connection, tasks: &mut [TaskView]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, label, due_date, completed_on FROM task_occurrence WHERE task_id = ?1 ORDER BY seq",
    )?;
    for t in tasks.iter_mut().filter(|t| t.deadline_kind.is_recurring()) {
        t.occurrences = stmt
            .query_map([t.id], |r| {
                Ok(OccurrenceView {
                    seq: r.get(0)?,
                    label: r.get(1)?,
                    due: r.get(2)?,
                    completed_on: r.get(3)?,
                    tracked: true,
                    overdue: false,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(())
}

/// Every task of the year's plan, in plan order (area, then position), judged as of `today`:
/// for a day in the past, as the plan stood at the end of that day.
pub fn list(conn: &Connection, year: i32, today: NaiveDate) -> Result<Vec<TaskView>> {
    crate::commune::require_year(conn, year)?;
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE t.year = ?1{ORDER}"))?;
    let mut tasks = stmt
        .query_map([year], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    load_occurrences(conn, &mut tasks)?;
    Ok(tasks
        .into_iter()
        .map(|t| progress::judge(t, today))
        .collect())
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<TaskView> {
    let mut task = conn
        .query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy nhiệm vụ số {id}.")))?;
    load_occurrences(conn, std::slice::from_mut(&mut task))?;
    Ok(progress::judge(task, today))
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TaskFilter {
    #[serde(default)]
    pub area_id: Option<i64>,
    #[serde(default)]
    pub officer_id: Option<i64>,
    #[serde(default)]
    pub status: Option<TaskStatus>,
    /// Searched without diacritics in number, content, product, officer and coordinators.
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub overdue_only: bool,
}

pub fn search(
    conn: &Connection,
    year: i32,
    filter: &TaskFilter,
    today: NaiveDate,
) -> Result<Vec<TaskView>> {
    let needle = text::fold(&filter.query);
    Ok(list(conn, year, today)?
        .into_iter()
        .filter(|t| filter.area_id.is_none_or(|a| t.area_id == a))
        .filter(|t| {
            filter
                .officer_id
                .is_none_or(|o| t.lead_officer_id == Some(o))
        })
        .filter(|t| filter.status.is_none_or(|s| t.status == s))
        .filter(|t| !filter.overdue_only || t.overdue)
        .filter(|t| {
            needle.is_empty() || {
                let hay = format!(
                    "{} {} {} {} {}",
                    t.number,
                    t.content,
                    t.product,
                    t.lead_officer_name.as_deref().unwrap_or(""),
                    t.coordinators
                );
                text::fold(&hay).contains(&needle)
            }
        })
        .collect())
}

/// The summary's `tasks` block: tasks, not occurrences, as of `today`.
pub fn figures(conn: &Connection, year: i32, today: NaiveDate) -> Result<TaskFigures> {
    Ok(progress::figures(&list(conn, year, today)?))
}

/// Open tasks whose next deadline falls within `days` days from today (today included).
pub fn due_soon(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    days: i64,
) -> Result<Vec<TaskView>> {
    let mut soon: Vec<_> = list(conn, year, today)?
        .into_iter()
        .filter(|t| t.days_left.is_some_and(|d| (0..=days).contains(&d)))
        .collect();
    soon.sort_by_key(|t| t.next_due);
    Ok(soon)
}

struct Cleaned {
    number: String,
    content: String,
    coordinators: String,
    product: String,
    result: String,
    reason: String,
    solution: String,
    deadline: deadline::Deadline,
    status: TaskStatus,
    completed_on: Option<NaiveDate>,
}

fn clean(conn: &Connection, year: i32, input: &TaskInput, today: NaiveDate) -> Result<Cleaned> {
    let content = text::clean_text(&input.content);
    if content.is_empty() {
        return Err(Error::invalid("Nội dung nhiệm vụ không được để trống."));
    }
    areas::get(conn, input.area_id)?;
    if let Some(id) = input.lead_officer_id {
        officers::get(conn, id)?;
    }
    let deadline = deadline::parse(&input.deadline, year)?;
    let (status, completed_on) =
        settle(input.status, input.completed_on, deadline.due, year, today)?;
    Ok(Cleaned {
        number: text::clean_line(&input.number),
        content,
        coordinators: text::clean_line(&input.coordinators),
        product: text::clean_line(&input.product),
        result: text::clean_text(&input.result),
        reason: text::clean_text(&input.reason),
        solution: text::clean_text(&input.solution),
        deadline,
        status,
        completed_on,
    })
}

fn next_number(conn: &Connection, year: i32) -> Result<String> {
    let mut stmt = conn.prepare("SELECT number FROM task WHERE year = ?1")?;
    let highest = stmt
        .query_map([year], |r| r.get::<_, String>(0))?
        .filter_map(|n| n.ok()?.parse::<i64>().ok())
        .max()
        .unwrap_or(0);
    Ok((highest + 1).to_string())
}

/// Rewrites a recurring task's occurrences for its deadline, keeping what was already done
/// for the same period.
fn write_occurrences(conn: &Connection, task_id: i64, dl: &deadline::Deadline) -> Result<()> {
    let mut kept = std::collections::HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT due_date, completed_on FROM task_occurrence WHERE task_id = ?1 AND completed_on IS NOT NULL",
        )?;
        let rows = stmt.query_map([task_id], |r| {
            Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, NaiveDate>(1)?))
        })?;
        for row in rows {
            let (due, done) = row?;
            kept.insert(due, done);
        }
    }
    conn.execute("DELETE FROM task_occurrence WHERE task_id = ?1", [task_id])?;
    for (i, o) in dl.occurrences.iter().enumerate() {
        conn.execute(
            "INSERT INTO task_occurrence (task_id, seq, label, due_date, completed_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![task_id, i as i64 + 1, o.label, o.due, kept.get(&o.due)],
        )?;
    }
    Ok(())
}

fn short(content: &str) -> String {
    let first: String = content.chars().take(80).collect();
    if first.len() < content.len() {
        format!("{first}…")
    } else {
        first
    }
}

/// Adds a task to the year's plan (`id` None) or edits one; all or nothing.
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    id: Option<i64>,
    input: &TaskInput,
    today: NaiveDate,
) -> Result<TaskView> {
    let tx = conn.transaction()?;
    let task = save_in(&tx, actor, year, id, input, today)?;
    tx.commit()?;
    Ok(task)
}

/// `save` inside the caller's transaction (imports and the demo add many tasks at once).
pub(crate) fn save_in(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    id: Option<i64>,
    input: &TaskInput,
    today: NaiveDate,
) -> Result<TaskView> {
    reference::ensure(conn, year)?;
    let c = clean(conn, year, input, today)?;
    let now = crate::clock::now_text();
    let (id, detail) = match id {
        None => {
            let number = if c.number.is_empty() {
                next_number(conn, year)?
            } else {
                c.number.clone()
            };
            conn.execute(
                "INSERT INTO task (year, number, position, content, area_id, lead_officer_id,
                    coordinators, deadline_text, deadline_kind, due_date, product, status,
                    completed_on, result, reason, solution, updated_at)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM task WHERE year = ?1),
                    ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                params![
                    year,
                    number,
                    c.content,
                    input.area_id,
                    input.lead_officer_id,
                    c.coordinators,
                    c.deadline.text,
                    c.deadline.kind.code(),
                    c.deadline.due,
                    c.product,
                    c.status.code(),
                    c.completed_on,
                    c.result,
                    c.reason,
                    c.solution,
                    now
                ],
            )?;
            let id = conn.last_insert_rowid();
            (
                id,
                format!(
                    "Thêm nhiệm vụ {number} vào kế hoạch năm {year}: {}",
                    short(&c.content)
                ),
            )
        }
        Some(id) => {
            let before = get(conn, id, today)?;
            if before.year != year {
                return Err(Error::invalid(format!(
                    "Nhiệm vụ {} thuộc kế hoạch năm {}, không phải năm {year}.",
                    before.number, before.year
                )));
            }
            let number = if c.number.is_empty() {
                before.number.clone()
            } else {
                c.number.clone()
            };
            conn.execute(
                "UPDATE task SET number = ?1, content = ?2, area_id = ?3, lead_officer_id = ?4,
                    coordinators = ?5, deadline_text = ?6, deadline_kind = ?7, due_date = ?8,
                    product = ?9, status = ?10, completed_on = ?11, result = ?12, reason = ?13,
                    solution = ?14, updated_at = ?15
                 WHERE id = ?16",
                params![
                    number,
                    c.content,
                    input.area_id,
                    input.lead_officer_id,
                    c.coordinators,
                    c.deadline.text,
                    c.deadline.kind.code(),
                    c.deadline.due,
                    c.product,
                    c.status.code(),
                    c.completed_on,
                    c.result,
                    c.reason,
                    c.solution,
                    now,
                    id
                ],
            )?;
            version::bump(conn, Record::Task, id, actor)?;
            let mut changes = Vec::new();
            if before.status != c.status {
                changes.push(format!(
                    "trạng thái {} → {}",
                    before.status.label(),
                    c.status.label()
                ));
            }
            if before.completed_on != c.completed_on {
                changes.push(format!(
                    "ngày hoàn thành {}",
                    c.completed_on
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_else(|| "(bỏ trống)".into())
                ));
            }
            if before.deadline_text != c.deadline.text {
                changes.push(format!(
                    "thời hạn “{}” → “{}”",
                    before.deadline_text, c.deadline.text
                ));
            }
            if before.content != c.content {
                changes.push("nội dung".into());
            }
            if before.lead_officer_id != input.lead_officer_id {
                changes.push("người chủ trì".into());
            }
            if changes.is_empty() {
                changes.push("thông tin khác".into());
            }
            (
                id,
                format!("Sửa nhiệm vụ {number} (năm {year}): {}", changes.join("; ")),
            )
        }
    };
    write_occurrences(conn, id, &c.deadline)?;
    let detail = match super::tracking::apply(conn, id, &c.deadline, input.start, today)? {
        Some(tracking) => format!("{detail}; {tracking}"),
        None => detail,
    };
    audit::record(conn, actor, "task.save", "task", Some(id), &detail)?;
    get(conn, id, today)
}

/// Marks a task done on `completed_on`; after its deadline it becomes "hoàn thành trễ hạn".
pub fn mark_done(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    completed_on: NaiveDate,
    today: NaiveDate,
) -> Result<TaskView> {
    let t = get(conn, id, today)?;
    let input = TaskInput {
        number: t.number,
        content: t.content,
        area_id: t.area_id,
        lead_officer_id: t.lead_officer_id,
        coordinators: t.coordinators,
        deadline: t.deadline_text,
        product: t.product,
        status: TaskStatus::Done,
        completed_on: Some(completed_on),
        result: t.result,
        reason: t.reason,
        solution: t.solution,
        start: None,
    };
    save(conn, actor, t.year, Some(id), &input, today)
}

/// Records (or clears, with None) the completion of one occurrence of a recurring task.
pub fn set_occurrence(
    conn: &mut Connection,
    actor: &Actor,
    task_id: i64,
    seq: i64,
    completed_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<TaskView> {
    let task = get(conn, task_id, today)?;
    let occ = task
        .occurrences
        .iter()
        .find(|o| o.seq == seq)
        .ok_or_else(|| {
            Error::NotFound(format!("Nhiệm vụ {} không có kỳ thứ {seq}.", task.number))
        })?;
    if let Some(d) = completed_on {
        check_completion(d, task.year, today)?;
    }
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE task_occurrence SET completed_on = ?1 WHERE task_id = ?2 AND seq = ?3",
        params![completed_on, task_id, seq],
    )?;
    version::bump(&tx, Record::Task, task_id, actor)?;
    let what = match completed_on {
        Some(d) => format!("hoàn thành ngày {}", d.format("%d/%m/%Y")),
        None => "bỏ đánh dấu hoàn thành".into(),
    };
    audit::record(
        &tx,
        actor,
        "task.occurrence",
        "task",
        Some(task_id),
        &format!(
            "Nhiệm vụ {} (năm {}), {}: {what}",
            task.number, task.year, occ.label
        ),
    )?;
    let view = get(&tx, task_id, today)?;
    tx.commit()?;
    Ok(view)
}

pub fn delete(conn: &mut Connection, actor: &Actor, id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let t = get(&tx, id, crate::clock::today())?;
    tx.execute("DELETE FROM task WHERE id = ?1", [id])?;
    audit::record(
        &tx,
        actor,
        "task.delete",
        "task",
        Some(id),
        &format!(
            "Xóa nhiệm vụ {} khỏi kế hoạch năm {}: {}",
            t.number,
            t.year,
            short(&t.content)
        ),
    )?;
    tx.commit()?;
    Ok(())
}

/// The start-up notice: how many tasks of the current year's plan are overdue, if any.
pub fn overdue_notice(conn: &Connection, today: NaiveDate) -> Result<Option<String>> {
    let Some(commune) = crate::commune::get(conn)? else {
        return Ok(None);
    };
    let year = commune.current_year;
    let overdue = list(conn, year, today)?
        .iter()
        .filter(|t| t.overdue)
        .count();
    Ok((overdue > 0).then(|| {
        format!(
            "Kế hoạch CCHC năm {year} của {} có {overdue} nhiệm vụ quá hạn.",
            commune.display_name
        )
    }))
}
