//! Importing the province's criteria set: the hierarchy from the printed codes (I/II… fields,
//! 1/2… criteria, 1.1 and 1.1.1 sub-criteria, a)/b) below a numbered one; codes restart in each
//! field), the maximum of each node, the evidence asked for, and rows without a code that start
//! with "-", "+" or "•" as the scoring levels of the leaf above them. Full codes ("I.1.1", as
//! our exports and the scoring sheet print them) place a row by their segments. A criterion is
//! its full code: the dry run says per row what is new, what changes (old → new) and what the
//! set would lose; two rows with one full code are an error, never a guess.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::{diff, is_empty_row, is_roman, is_total, values, Action, Change, Ctx, Severity};
use crate::error::Result;
use crate::scoring::criteria::{self, full_code, Kind, Level, NodeInput, SetInput};
use crate::scoring::Points;
use crate::text;

struct Flat {
    row: usize,
    level: usize,
    parent: Option<usize>,
    node: NodeInput,
    /// The full code, once the row is placed.
    full: String,
}

/// A full code as exports print it: a Roman field then dotted segments ("I.1.1", "III.2.a").
fn full_segments(code: &str) -> Option<Vec<String>> {
    let c = code.trim().trim_end_matches(['.', ')']);
    let parts: Vec<String> = c.split('.').map(|p| p.trim().to_string()).collect();
    (parts.len() >= 2 && is_roman(&parts[0]) && parts.iter().all(|p| !p.is_empty()))
        .then_some(parts)
}

/// How deep a printed code sits: fields 0, "1" 1, "1.1" 2, "1.1.1" 3; letters one below the
/// deepest numbered node above them.
fn level(code: &str, last_numeric: usize) -> usize {
    let c = code.trim().trim_end_matches(['.', ')']);
    if is_roman(c) {
        0
    } else if c.chars().next().is_some_and(|ch| ch.is_ascii_digit()) {
        1 + c.matches('.').count()
    } else {
        last_numeric + 1
    }
}

/// "Ban hành đúng thời hạn: 1", "Đạt 100%: 2; từ 80% đến dưới 100%: 1; dưới 80%: 0".
fn parse_levels(text_: &str, points_cell: Option<f64>) -> Option<Vec<Level>> {
    let body = text_.trim_start_matches(['-', '+', '•', ' ']).trim();
    let parts: Vec<&str> = body
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    for part in &parts {
        let (label, points) = match part.rfind(':') {
            Some(at) => (
                part[..at].trim(),
                values::decimal(&super::workbook::Cell::Text(part[at + 1..].to_string()))?,
            ),
            None if parts.len() == 1 => (part.trim_end_matches('.').trim(), points_cell?),
            None => return None,
        };
        out.push(Level {
            label: text::clean_line(label),
            points: Points::from_f64(points).ok()?,
        });
    }
    Some(out)
}

fn tree(flat: &[Flat], parent: Option<usize>) -> Vec<NodeInput> {
    flat.iter()
        .enumerate()
        .filter(|(_, f)| f.parent == parent)
        .map(|(i, f)| NodeInput {
            children: tree(flat, Some(i)),
            ..f.node.clone()
        })
        .collect()
}

fn levels_text(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| format!("{}: {}", l.label, l.points.display()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Normal => "Tiêu chí",
        Kind::Bonus => "Điểm thưởng",
        Kind::Penalty => "Điểm trừ",
    }
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let rows = ctx.sheet.rows.clone();
    let total = rows.len();
    let has_evidence = ctx.layout.columns.contains_key("evidence");
    let existing = criteria::rows(ctx.conn, ctx.year)?;
    let recorded: HashMap<&str, &criteria::Row> =
        existing.iter().map(|r| (r.full_code.as_str(), r)).collect();
    let mut flat: Vec<Flat> = Vec::new();
    let mut last_numeric = 1;
    let mut field_kind = Kind::Normal;
    let mut any_levels = false;
    for (i, row) in rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_total(row) {
            continue;
        }
        let code = ctx.cell(row, "code").text();
        let title = ctx.cell(row, "title").text();
        let max_cell = ctx.cell(row, "max").clone();
        if code.is_empty() {
            if title.starts_with(['-', '+', '•']) {
                let Some(last) = flat.last_mut() else {
                    ctx.problem(
                        i,
                        Some("title"),
                        Severity::Error,
                        "Mức điểm đứng trước mọi tiêu chí.",
                    );
                    continue;
                };
                match parse_levels(&title, values::decimal(&max_cell)) {
                    Some(levels) => {
                        any_levels = true;
                        last.node.levels.extend(levels);
                    }
                    None => ctx.problem(i, Some("title"), Severity::Error, format!(
                        "Không đọc được mức điểm “{title}”: ghi dạng “Tên mức: điểm” (ví dụ “Ban hành chậm: 0,5”)."
                    )),
                }
            } else if !title.is_empty() {
                ctx.plan(i, Action::Skip, format!("Dòng không có mã số: {title}"));
            }
            continue;
        }
        let Some(max) = values::decimal(&max_cell) else {
            ctx.problem(
                i,
                Some("max"),
                Severity::Error,
                format!(
                    "Tiêu chí {code}: điểm tối đa “{}” không phải là số; ghi bằng chữ số, ví dụ 10 hoặc 0,5.",
                    max_cell.text()
                ),
            );
            continue;
        };
        if max > 1000.0 {
            ctx.problem(
                i,
                Some("max"),
                Severity::Error,
                format!(
                    "Tiêu chí {code}: điểm tối đa {} quá lớn; cả bộ tiêu chí thường là 100 điểm.",
                    text::format_decimal(max, 2)
                ),
            );
            continue;
        }
        if max < 0.0 {
            ctx.problem(
                i,
                Some("max"),
                Severity::Error,
                format!(
                    "Tiêu chí {code}: điểm tối đa {} là số âm; ghi điểm tối đa là số từ 0 trở lên (điểm trừ cũng ghi số dương, trong nhóm “Điểm trừ”).",
                    text::format_decimal(max, 2)
                ),
            );
            continue;
        }
        let max_points = match Points::from_f64(max) {
            Ok(p) => p,
            Err(e) => {
                ctx.problem(
                    i,
                    Some("max"),
                    Severity::Error,
                    format!("Tiêu chí {code}: {e}"),
                );
                continue;
            }
        };
        // A full code places the row by its segments (our export's hidden column, or a full
        // code in the STT column); a printed code by its shape.
        let hint = ctx.cell(row, "key").text();
        let by_full = if full_segments(&hint).is_some() || (!hint.is_empty() && is_roman(&hint)) {
            Some((hint.trim_end_matches(['.', ')']).to_string(), code.clone()))
        } else {
            full_segments(&code)
                .map(|parts| (parts.join("."), parts.last().cloned().unwrap_or_default()))
        };
        let (lvl, parent, printed) = match &by_full {
            Some((full, printed)) => {
                let parts: Vec<&str> = full.split('.').collect();
                let lvl = parts.len() - 1;
                let parent_full = parts[..lvl].join(".");
                let parent = flat.iter().rposition(|f| f.full == parent_full);
                (lvl, parent, printed.clone())
            }
            None => {
                let lvl = level(&code, last_numeric);
                if code.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                    last_numeric = lvl;
                }
                (
                    lvl,
                    flat.iter().rposition(|f| f.level + 1 == lvl),
                    code.clone(),
                )
            }
        };
        if lvl == 0 {
            let t = text::fold(&title);
            let named = text::fold(&ctx.cell(row, "kind").text());
            field_kind = if named.contains("thuong") {
                Kind::Bonus
            } else if named.contains("tru") {
                Kind::Penalty
            } else if t.contains("diem thuong") {
                Kind::Bonus
            } else if t.contains("diem tru") {
                Kind::Penalty
            } else {
                Kind::Normal
            };
            last_numeric = 0;
        }
        if lvl > 0 && parent.is_none() {
            ctx.problem(
                i,
                Some("code"),
                Severity::Error,
                format!(
                "Tiêu chí {code} không nằm dưới lĩnh vực hoặc tiêu chí nào; hãy kiểm tra mã số."
            ),
            );
            continue;
        }
        let mut chain: Vec<String> = Vec::new();
        let mut at = parent;
        while let Some(p) = at {
            chain.insert(0, flat[p].node.code.clone());
            at = flat[p].parent;
        }
        chain.push(printed.clone());
        let refs: Vec<&str> = chain.iter().map(String::as_str).collect();
        let full = match &by_full {
            Some((full, _)) => full.clone(),
            None => full_code(&refs),
        };
        if let Some(first) = flat.iter().find(|f| f.full == full) {
            ctx.problem(
                i,
                Some("code"),
                Severity::Error,
                format!(
                    "Mã {full} đã có ở dòng {}: hai dòng không thể là một tiêu chí. Hãy sửa mã số.",
                    first.row + 1
                ),
            );
            continue;
        }
        // The printed code kept as recorded when the full code is the same criterion's.
        let code_kept = match recorded.get(full.as_str()) {
            Some(old) if full_segments(&code).is_some() => old.code.clone(),
            _ => printed,
        };
        flat.push(Flat {
            row: i,
            level: lvl,
            parent,
            node: NodeInput {
                code: code_kept,
                title,
                max_points,
                kind: field_kind,
                evidence_required: if has_evidence {
                    ctx.cell(row, "evidence").text()
                } else {
                    recorded
                        .get(full.as_str())
                        .map(|r| r.evidence_required.clone())
                        .unwrap_or_default()
                },
                levels: Vec::new(),
                children: Vec::new(),
            },
            full,
        });
    }
    if flat.is_empty() {
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Error,
            "Bảng không có lĩnh vực, tiêu chí nào.",
        );
        return Ok(());
    }
    // A file without any scoring level (the self-scoring sheet) keeps the recorded levels.
    if !any_levels {
        for f in flat.iter_mut() {
            if let Some(old) = recorded.get(f.full.as_str()) {
                f.node.levels = old.levels.clone();
            }
        }
    }
    let mut plans: Vec<(usize, Action, String, Vec<Change>)> = Vec::new();
    let mut changed = false;
    for f in &flat {
        let summary = format!("{} {}", f.full, text::clean_line(&f.node.title));
        match recorded.get(f.full.as_str()) {
            Some(old) => {
                let mut c = Vec::new();
                diff(&mut c, "Tên", &old.title, &text::clean_line(&f.node.title));
                diff(
                    &mut c,
                    "Điểm tối đa",
                    &old.max.display(),
                    &f.node.max_points.display(),
                );
                let parent_kind = f.parent.map(|p| flat[p].node.kind);
                let kind = match parent_kind {
                    Some(k) if k != Kind::Normal => k,
                    _ => f.node.kind,
                };
                diff(&mut c, "Loại", kind_label(old.kind), kind_label(kind));
                diff(
                    &mut c,
                    "Mức điểm",
                    &levels_text(&old.levels),
                    &levels_text(&f.node.levels),
                );
                diff(
                    &mut c,
                    "Tài liệu kiểm chứng",
                    &old.evidence_required,
                    &text::clean_text(&f.node.evidence_required),
                );
                let parent_full = f.parent.map(|p| flat[p].full.clone());
                let old_parent = old.parent_id.and_then(|id| {
                    existing
                        .iter()
                        .find(|r| r.id == id)
                        .map(|r| r.full_code.clone())
                });
                diff(
                    &mut c,
                    "Thuộc",
                    &old_parent.unwrap_or_default(),
                    &parent_full.unwrap_or_default(),
                );
                changed |= !c.is_empty();
                let action = if c.is_empty() {
                    Action::Unchanged
                } else {
                    Action::Update
                };
                plans.push((f.row, action, summary, c));
            }
            None => {
                changed = true;
                plans.push((f.row, Action::Create, summary, Vec::new()));
            }
        }
    }
    let dropped: Vec<&str> = existing
        .iter()
        .filter(|r| !flat.iter().any(|f| f.full == r.full_code))
        .map(|r| r.full_code.as_str())
        .collect();
    if !dropped.is_empty() {
        changed = true;
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Warning,
            format!(
                "Bộ tiêu chí năm {} đang có {} mục không có trong tệp ({}); nhập tệp này sẽ thay cả bộ và bỏ các mục đó.",
                ctx.year,
                dropped.len(),
                dropped.iter().take(10).copied().collect::<Vec<_>>().join(", ")
            ),
        );
    }
    if changed && !ctx.problems.iter().any(|p| p.severity == Severity::Error) {
        let nodes = tree(&flat, None);
        // The set's own title and decision stay as recorded.
        let (title, decision): (String, String) = ctx
            .conn
            .query_row(
                "SELECT title, decision FROM criteria_set WHERE year = ?1",
                [ctx.year],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or_default();
        let input = SetInput {
            title,
            decision,
            nodes,
        };
        if let Err(e) = criteria::replace_set_in(ctx.conn, ctx.actor, ctx.year, &input) {
            ctx.problem(ctx.layout.header_row, None, Severity::Error, e.to_string());
            return Ok(());
        }
    }
    for (row, action, summary, c) in plans {
        ctx.plan_changes(row, action, summary, c);
    }
    Ok(())
}
