//! Importing a plan's tasks as real plans print them: group rows (I, II …) naming the reform
//! area, STT restarting in each group, a lead unit or officer, deadlines in every shape the
//! plan module reads, a status column whatever it is called. A row is the task with the same
//! area and content (or the one its hidden key names), never the task with the same STT; a
//! column the file does not have keeps what was recorded.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::identity::{same_text, Claims};
use super::{diff, is_empty_row, is_roman, is_total, values, Action, Change, Ctx, Severity};
use crate::error::Result;
use crate::officers;
use crate::plan::areas;
use crate::plan::deadline;
use crate::plan::tasks::{self, Earlier, TaskInput, TaskStatus, TaskView};
use crate::plan::tracking;
use crate::text;

/// The kind code of tasks in the hidden key column.
pub(crate) const KEY_KIND: &str = "nv";

fn status(text: &str) -> Option<TaskStatus> {
    let t = text::fold(text);
    Some(if t.is_empty() || t.starts_with("chua") {
        TaskStatus::NotStarted
    } else if t.contains("khong thuc hien") || t.contains("khong trien khai") {
        TaskStatus::Dropped
    } else if t.contains("tre")
        || t.contains("cham")
        || t.contains("qua han") && t.contains("hoan thanh")
    {
        TaskStatus::DoneLate
    } else if t.starts_with("dang") {
        TaskStatus::InProgress
    } else if t.contains("hoan thanh") || t == "xong" || t == "da thuc hien" {
        TaskStatus::Done
    } else {
        return None;
    })
}

/// The reform area a group row or an area cell names: the one of that name, else the one
/// sharing the most words (at least two).
fn area_for(all: &[areas::Area], label: &str) -> Option<i64> {
    let folded = text::fold(label);
    if let Some(a) = all.iter().find(|a| text::fold(&a.name) == folded) {
        return Some(a.id);
    }
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !is_roman(&w.to_uppercase()))
        .map(str::to_string)
        .collect();
    all.iter()
        .filter(|a| a.active)
        .map(|a| {
            let name = text::fold(&a.name);
            (
                words
                    .iter()
                    .filter(|w| name.split(' ').any(|n| n == w.as_str()))
                    .count(),
                a.id,
            )
        })
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, _)| *n)
        .map(|(_, id)| id)
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// Whether a recurring task is already followed as the file's "Theo dõi từ" says.
fn same_tracking(t: &TaskView, dl: &deadline::Deadline, s: tracking::Start) -> bool {
    match s.earlier {
        Earlier::Done => t
            .occurrences
            .iter()
            .filter(|o| o.seq < s.from_seq)
            .all(|o| o.completed_on.is_some()),
        Earlier::NotTracked => t.tracked_from == tracking::tracked_from(dl, s),
    }
}

/// What an update of `old` to `new` changes, field by field, as the task would be saved.
fn changes(
    old: &TaskView,
    new: &TaskInput,
    status: TaskStatus,
    names: &dyn Fn(Option<i64>) -> String,
    area_name: &dyn Fn(i64) -> String,
) -> Vec<Change> {
    let mut out = Vec::new();
    let number = text::clean_line(&new.number);
    if !number.is_empty() {
        diff(&mut out, "STT", &old.number, &number);
    }
    diff(
        &mut out,
        "Nội dung",
        &old.content,
        &text::clean_text(&new.content),
    );
    diff(
        &mut out,
        "Lĩnh vực",
        &old.area_name,
        &area_name(new.area_id),
    );
    diff(
        &mut out,
        "Chủ trì",
        &names(old.lead_officer_id),
        &names(new.lead_officer_id),
    );
    diff(
        &mut out,
        "Phối hợp",
        &old.coordinators,
        &text::clean_line(&new.coordinators),
    );
    diff(
        &mut out,
        "Thời hạn",
        &old.deadline_text,
        &text::clean_line(&new.deadline),
    );
    diff(
        &mut out,
        "Sản phẩm",
        &old.product,
        &text::clean_line(&new.product),
    );
    diff(&mut out, "Trạng thái", old.status.label(), status.label());
    diff(
        &mut out,
        "Ngày hoàn thành",
        &day(old.completed_on),
        &day(new.completed_on),
    );
    diff(
        &mut out,
        "Kết quả",
        &old.result,
        &text::clean_text(&new.result),
    );
    diff(
        &mut out,
        "Lý do",
        &old.reason,
        &text::clean_text(&new.reason),
    );
    diff(
        &mut out,
        "Giải pháp",
        &old.solution,
        &text::clean_text(&new.solution),
    );
    out
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let all_areas = areas::list(ctx.conn)?;
    let people = officers::list(ctx.conn)?;
    let existing = tasks::list(ctx.conn, ctx.year, ctx.today)?;
    let mut by_identity: HashMap<(i64, String), Vec<usize>> = HashMap::new();
    let mut by_content: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_id: HashMap<i64, usize> = HashMap::new();
    for (ix, t) in existing.iter().enumerate() {
        let content = same_text(&t.content);
        by_identity
            .entry((t.area_id, content.clone()))
            .or_default()
            .push(ix);
        by_content.entry(content).or_default().push(ix);
        by_id.insert(t.id, ix);
    }
    let officer_name = |id: Option<i64>| {
        id.and_then(|id| people.iter().find(|o| o.id == id))
            .map(|o| o.full_name.clone())
            .unwrap_or_default()
    };
    let area_name = |id: i64| {
        all_areas
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let has = |k: &str| ctx.layout.columns.contains_key(k);
    let (has_number, has_lead, has_coordinators) =
        (has("number"), has("lead"), has("coordinators"));
    let (has_product, has_status, has_completed) =
        (has("product"), has("status"), has("completed"));
    let (has_result, has_reason, has_solution) = (has("result"), has("reason"), has("solution"));
    let mut claims = Claims::default();
    let mut new_rows: HashMap<(i64, String), usize> = HashMap::new();
    let mut area = None;
    // An area cell merged down over its tasks holds its name in the first row only.
    let mut area_above: Option<i64> = None;
    let sheet = ctx.sheet;
    let total = sheet.rows.len();
    for (i, row) in sheet.rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_total(row) {
            continue;
        }
        let number = ctx.cell(row, "number").text();
        let content = ctx.cell(row, "content").text();
        let deadline_cell = ctx.cell(row, "deadline").text();
        // A group row: "I. Công tác chỉ đạo…" with no deadline names the area of what follows.
        if deadline_cell.is_empty() && (is_roman(&number) || number.is_empty()) {
            let label = format!("{number} {content}");
            match area_for(&all_areas, &label) {
                Some(a) => {
                    area = Some(a);
                    area_above = None;
                    ctx.plan(
                        i,
                        Action::Skip,
                        format!("Nhóm lĩnh vực: {}", text::clean_line(&label)),
                    );
                }
                None => ctx.plan(
                    i,
                    Action::Skip,
                    format!("Dòng không phải nhiệm vụ: {}", text::clean_line(&label)),
                ),
            }
            continue;
        }
        if content.is_empty() {
            ctx.problem(
                i,
                Some("content"),
                Severity::Error,
                "Thiếu nội dung nhiệm vụ.",
            );
            continue;
        }
        let area_text = ctx.cell(row, "area").text();
        let named_area = if area_text.is_empty() {
            area_above
        } else {
            match area_for(&all_areas, &area_text) {
                Some(a) => Some(a),
                None => {
                    ctx.problem(
                        i,
                        Some("area"),
                        Severity::Error,
                        format!(
                            "Không có lĩnh vực “{area_text}” trong danh sách lĩnh vực CCHC của xã: ghi đúng tên một lĩnh vực (ví dụ “{}”) hoặc thêm lĩnh vực trong Cài đặt.",
                            all_areas.first().map(|a| a.name.as_str()).unwrap_or_default()
                        ),
                    );
                    continue;
                }
            }
        };
        area_above = named_area;
        let content_key = same_text(&content);

        // Which task this row is: its hidden key, else its area and content.
        let keyed = ctx
            .keyed(row, KEY_KIND)
            .and_then(|id| by_id.get(&id).copied());
        let known_area = named_area.or(area);
        let candidates: Vec<usize> = match (keyed, known_area) {
            (Some(ix), _) => vec![ix],
            (None, Some(a)) => by_identity
                .get(&(a, content_key.clone()))
                .cloned()
                .unwrap_or_default(),
            // No area anywhere in the file: the content alone, when it names one task.
            (None, None) => by_content.get(&content_key).cloned().unwrap_or_default(),
        };
        if candidates.len() > 1 {
            let which: Vec<String> = candidates
                .iter()
                .map(|ix| format!("số {} ({})", existing[*ix].number, existing[*ix].area_name))
                .collect();
            ctx.problem(
                i,
                Some("content"),
                Severity::Error,
                format!(
                    "Dòng này khớp với {} nhiệm vụ đã có cùng lĩnh vực và nội dung: {}. Không đoán: hãy sửa nội dung trong tệp hoặc trong kế hoạch cho khác nhau.",
                    candidates.len(),
                    which.join(", ")
                ),
            );
            continue;
        }
        let found = candidates.first().map(|ix| &existing[*ix]);
        let area_id = match (named_area, area, found) {
            (Some(a), _, _) => a,
            (None, Some(a), _) => a,
            (None, None, Some(t)) => t.area_id,
            (None, None, None) => {
                ctx.problem(
                    i,
                    Some("area"),
                    Severity::Warning,
                    "Không xác định được lĩnh vực; xếp vào lĩnh vực đầu tiên.",
                );
                all_areas.first().map(|a| a.id).unwrap_or(1)
            }
        };
        match found {
            Some(t) => {
                if let Some(first) = claims.claim(t.id, i) {
                    ctx.problem(
                        i,
                        Some("content"),
                        Severity::Error,
                        format!(
                            "Dòng này và dòng {} cùng là nhiệm vụ “{}” ({}); mỗi nhiệm vụ chỉ ghi một dòng.",
                            first + 1,
                            text::clean_line(&t.content),
                            t.area_name
                        ),
                    );
                    continue;
                }
            }
            None => {
                if let Some(first) = new_rows.insert((area_id, content_key.clone()), i) {
                    ctx.problem(
                        i,
                        Some("content"),
                        Severity::Error,
                        format!(
                            "Trùng lĩnh vực và nội dung với dòng {}; mỗi nhiệm vụ chỉ ghi một dòng.",
                            first + 1
                        ),
                    );
                    continue;
                }
            }
        }

        let state = if has_status {
            match status(&ctx.cell(row, "status").text()) {
                Some(s) => s,
                None => {
                    ctx.problem(i, Some("status"), Severity::Error, format!(
                        "Không hiểu trạng thái “{}”: ghi Chưa thực hiện, Đang thực hiện, Hoàn thành, Hoàn thành trễ hạn hoặc Không thực hiện.",
                        ctx.cell(row, "status").text()
                    ));
                    continue;
                }
            }
        } else {
            found.map(|t| t.status).unwrap_or(TaskStatus::NotStarted)
        };
        let dl = match deadline::parse(&deadline_cell, ctx.year) {
            Ok(d) => d,
            Err(e) => {
                ctx.problem(i, Some("deadline"), Severity::Error, e.to_string());
                continue;
            }
        };
        let due = dl.due;
        let start = match tracking::read(&ctx.cell(row, "tracked").text(), &dl, ctx.year, ctx.today)
        {
            Ok(s) => s,
            Err(message) => {
                ctx.problem(i, Some("tracked"), Severity::Error, message);
                continue;
            }
        };
        let completed_cell = ctx.cell(row, "completed").clone();
        let mut completed_on = if has_completed {
            values::date(&completed_cell, ctx.year).filter(|_| !completed_cell.is_empty())
        } else {
            found.and_then(|t| t.completed_on)
        };
        if has_completed && !completed_cell.is_empty() && completed_on.is_none() {
            ctx.problem(
                i,
                Some("completed"),
                Severity::Error,
                format!("Ngày hoàn thành “{}” không hợp lệ.", completed_cell.text()),
            );
            continue;
        }
        if state.is_finished() && completed_on.is_none() {
            completed_on = found
                .and_then(|t| t.completed_on)
                .or_else(|| Some(due.min(ctx.today)));
            if found.and_then(|t| t.completed_on).is_none() {
                ctx.problem(
                    i,
                    Some("completed"),
                    Severity::Warning,
                    "Không ghi ngày hoàn thành; lấy thời hạn làm ngày hoàn thành.",
                );
            }
        }
        let keep = |present: bool, file: String, old: fn(&TaskView) -> String| {
            if present {
                file
            } else {
                found.map(old).unwrap_or_default()
            }
        };
        let (lead_officer_id, coordinators) = if has_lead {
            let lead_text = ctx.cell(row, "lead").text();
            let lead = (!lead_text.is_empty())
                .then(|| {
                    let f = text::fold(&lead_text);
                    people
                        .iter()
                        .find(|o| text::fold(&o.full_name) == f)
                        .or_else(|| {
                            people.iter().find(|o| {
                                !o.position.is_empty() && text::fold(&o.position).contains(&f)
                            })
                        })
                })
                .flatten();
            let mut coordinators = keep(
                has_coordinators,
                ctx.cell(row, "coordinators").text(),
                |t| t.coordinators.clone(),
            );
            if lead.is_none() && !lead_text.is_empty() {
                let prefix = format!("Chủ trì: {lead_text}");
                if !coordinators.starts_with(&prefix) {
                    coordinators = if coordinators.is_empty() {
                        prefix
                    } else {
                        format!("{prefix}; {coordinators}")
                    };
                }
            }
            (lead.map(|o| o.id), coordinators)
        } else {
            (
                found.and_then(|t| t.lead_officer_id),
                keep(
                    has_coordinators,
                    ctx.cell(row, "coordinators").text(),
                    |t| t.coordinators.clone(),
                ),
            )
        };
        let number = if has_number {
            if is_roman(&number) {
                String::new()
            } else {
                number
            }
        } else {
            String::new()
        };
        let input = TaskInput {
            number,
            content: content.clone(),
            area_id,
            lead_officer_id,
            coordinators,
            deadline: deadline_cell.clone(),
            product: keep(has_product, ctx.cell(row, "product").text(), |t| {
                t.product.clone()
            }),
            status: state,
            completed_on: if state.is_finished() {
                completed_on
            } else {
                None
            },
            result: keep(has_result, ctx.cell(row, "result").text(), |t| {
                t.result.clone()
            }),
            reason: keep(has_reason, ctx.cell(row, "reason").text(), |t| {
                t.reason.clone()
            }),
            solution: keep(has_solution, ctx.cell(row, "solution").text(), |t| {
                t.solution.clone()
            }),
            start,
        };
        let mut input = input;
        // A new recurring task entered mid-year without saying how its past periods went: it
        // is followed from the running period, and the preview says so.
        if input.start.is_none() && found.is_none() && !state.is_finished() {
            if let Some(s) = tracking::suggested(&dl, ctx.today) {
                let first = &dl.occurrences[(s.from_seq - 1) as usize].label;
                ctx.problem(i, Some("tracked"), Severity::Warning, format!(
                    "Nhiệm vụ lặp lại nhập giữa năm: theo dõi từ kỳ {first}, {} kỳ trước không theo dõi (không tính quá hạn). Muốn khác, ghi cột “Theo dõi từ”: “Từ đầu năm” hoặc “Các kỳ trước đã thực hiện”.",
                    s.from_seq - 1
                ));
                input.start = Some(s);
            }
        }
        // As the plan module settles it: finished after the deadline is "trễ hạn".
        let settled = match input.completed_on {
            Some(d) if state.is_finished() && d > due => TaskStatus::DoneLate,
            Some(_) if state.is_finished() => TaskStatus::Done,
            _ => state,
        };
        let (action, change_list) = match found {
            Some(t) => {
                let mut c = changes(t, &input, settled, &officer_name, &area_name);
                if let Some(s) = input.start.filter(|s| !same_tracking(t, &dl, *s)) {
                    c.push(Change {
                        field: "Theo dõi từ".into(),
                        old: day(t.tracked_from),
                        new: match s.earlier {
                            Earlier::Done => "các kỳ trước đã thực hiện".into(),
                            Earlier::NotTracked => day(tracking::tracked_from(&dl, s)),
                        },
                    });
                }
                if c.is_empty() {
                    (Action::Unchanged, c)
                } else {
                    (Action::Update, c)
                }
            }
            None => (Action::Create, Vec::new()),
        };
        if action != Action::Unchanged {
            if let Err(e) = tasks::save_in(
                ctx.conn,
                ctx.actor,
                ctx.year,
                found.map(|t| t.id),
                &input,
                ctx.today,
            ) {
                ctx.problem(i, None, Severity::Error, e.to_string());
                continue;
            }
        }
        let shown_number = if input.number.is_empty() {
            found.map(|t| t.number.clone()).unwrap_or_default()
        } else {
            input.number.clone()
        };
        ctx.plan_changes(
            i,
            action,
            format!("{} {}", shown_number, text::clean_line(&content))
                .trim()
                .to_string(),
            change_list,
        );
    }
    Ok(())
}
