//! Importing the officers list: name, position, department. A row is the officer with the same
//! name and position (two officers may share a name); a row without a position, or an officer
//! recorded without one, is matched by the name when only one officer has it. The officers
//! list keeps no date of birth, so a column of them is listed as not imported.

use std::collections::HashMap;

use super::identity::{same_text, Claims};
use super::{diff, is_empty_row, is_total, Action, Ctx, Severity};
use crate::error::Result;
use crate::officers::{self, OfficerInput};
use crate::text;

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let existing = officers::list(ctx.conn)?;
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (ix, o) in existing.iter().enumerate() {
        by_name
            .entry(text::fold(&o.full_name))
            .or_default()
            .push(ix);
    }
    let has_position = ctx.layout.columns.contains_key("position");
    let has_department = ctx.layout.columns.contains_key("department");
    let mut claims = Claims::default();
    let mut new_rows: HashMap<(String, String), usize> = HashMap::new();
    let sheet = ctx.sheet;
    let total = sheet.rows.len();
    for (i, row) in sheet.rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_total(row) {
            continue;
        }
        let name = ctx.cell(row, "name").text();
        if name.is_empty() {
            ctx.problem(i, Some("name"), Severity::Error, "Thiếu họ và tên.");
            continue;
        }
        let position = ctx.cell(row, "position").text();
        let same_name = by_name.get(&text::fold(&name)).cloned().unwrap_or_default();
        let candidates: Vec<usize> = if position.is_empty() {
            same_name
        } else {
            let exact: Vec<usize> = same_name
                .iter()
                .copied()
                .filter(|ix| same_text(&existing[*ix].position) == same_text(&position))
                .collect();
            if exact.is_empty() {
                // An officer recorded without a position takes the one the file gives.
                same_name
                    .iter()
                    .copied()
                    .filter(|ix| existing[*ix].position.is_empty())
                    .collect()
            } else {
                exact
            }
        };
        if candidates.len() > 1 {
            let which: Vec<String> = candidates
                .iter()
                .map(|ix| {
                    let o = &existing[*ix];
                    if o.position.is_empty() {
                        o.full_name.clone()
                    } else {
                        format!("{} ({})", o.full_name, o.position)
                    }
                })
                .collect();
            ctx.problem(
                i,
                Some(if position.is_empty() {
                    "name"
                } else {
                    "position"
                }),
                Severity::Error,
                format!(
                    "Dòng này khớp với {} người đã có: {}. Hãy ghi chức vụ để phân biệt.",
                    candidates.len(),
                    which.join(", ")
                ),
            );
            continue;
        }
        let found = candidates.first().map(|ix| &existing[*ix]);
        match found {
            Some(o) => {
                if let Some(first) = claims.claim(o.id, i) {
                    ctx.problem(
                        i,
                        Some("name"),
                        Severity::Error,
                        format!(
                            "Dòng này và dòng {} cùng là {}; mỗi người chỉ ghi một dòng.",
                            first + 1,
                            o.full_name
                        ),
                    );
                    continue;
                }
            }
            None => {
                let key = (text::fold(&name), same_text(&position));
                if let Some(first) = new_rows.insert(key, i) {
                    ctx.problem(
                        i,
                        Some("name"),
                        Severity::Error,
                        format!(
                            "Trùng họ tên và chức vụ với dòng {}; mỗi người chỉ ghi một dòng.",
                            first + 1
                        ),
                    );
                    continue;
                }
            }
        }
        let input = OfficerInput {
            full_name: name.clone(),
            position: if has_position && !position.is_empty() {
                position
            } else {
                found.map(|o| o.position.clone()).unwrap_or_default()
            },
            department: if has_department {
                ctx.cell(row, "department").text()
            } else {
                found.map(|o| o.department.clone()).unwrap_or_default()
            },
            active: found.is_none_or(|o| o.active),
        };
        let mut changes = Vec::new();
        if let Some(o) = found {
            diff(
                &mut changes,
                "Họ và tên",
                &o.full_name,
                &text::clean_line(&input.full_name),
            );
            diff(
                &mut changes,
                "Chức vụ",
                &o.position,
                &text::clean_line(&input.position),
            );
            diff(
                &mut changes,
                "Bộ phận",
                &o.department,
                &text::clean_line(&input.department),
            );
        }
        let action = match found {
            Some(_) if changes.is_empty() => Action::Unchanged,
            Some(_) => Action::Update,
            None => Action::Create,
        };
        if action != Action::Unchanged {
            if let Err(e) = officers::save_in(ctx.conn, ctx.actor, found.map(|o| o.id), &input) {
                ctx.problem(i, None, Severity::Error, e.to_string());
                continue;
            }
        }
        ctx.plan_changes(i, action, name, changes);
    }
    Ok(())
}
