//! Importing the province's criteria set: the hierarchy from the printed codes (I/II… fields,
//! 1/2… criteria, 1.1 and 1.1.1 sub-criteria, a)/b) below a numbered one; codes restart in each
//! field), the maximum of each node, the evidence asked for, and rows without a code that start
//! with "-", "+" or "•" as the scoring levels of the leaf above them.

use super::header::Field;
use super::{is_empty_row, is_roman, is_total, values, Action, Ctx, Severity};
use crate::error::Result;
use crate::scoring::criteria::{self, full_code, Kind, Level, NodeInput, SetInput};
use crate::scoring::Points;
use crate::text;

pub(super) const FIELDS: &[Field] = &[
    Field {
        key: "code",
        label: "STT",
        names: &["stt", "tt", "ma so", "ma", "so tt", "ma tieu chi"],
        required: true,
    },
    Field {
        key: "title",
        label: "Lĩnh vực, tiêu chí",
        names: &[
            "noi dung",
            "ten tieu chi",
            "tieu chi",
            "linh vuc/tieu chi/tieu chi thanh phan",
            "linh vuc, tieu chi, tieu chi thanh phan",
            "linh vuc, tieu chi",
            "noi dung tieu chi",
            "linh vuc",
        ],
        required: true,
    },
    Field {
        key: "max",
        label: "Điểm tối đa",
        names: &["diem toi da", "diem chuan", "diem", "thang diem"],
        required: true,
    },
    Field {
        key: "evidence",
        label: "Tài liệu kiểm chứng",
        names: &[
            "tai lieu kiem chung",
            "tai lieu kiem chung yeu cau",
            "huong dan cham",
            "ghi chu",
        ],
        required: false,
    },
];

struct Flat {
    row: usize,
    level: usize,
    parent: Option<usize>,
    node: NodeInput,
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

/// (full code, title, max, kind, levels) of every node, to tell an unchanged re-import.
fn signature(nodes: &[NodeInput], chain: &mut Vec<String>, out: &mut Vec<String>) {
    for n in nodes {
        chain.push(n.code.clone());
        let refs: Vec<&str> = chain.iter().map(String::as_str).collect();
        let levels: Vec<String> = n
            .levels
            .iter()
            .map(|l| format!("{}={}", l.label, l.points.0))
            .collect();
        out.push(format!(
            "{}|{}|{}|{:?}|{}",
            full_code(&refs),
            text::clean_line(&n.title),
            n.max_points.0,
            n.kind,
            levels.join(";")
        ));
        signature(&n.children, chain, out);
        chain.pop();
    }
}

fn existing_signature(ctx: &Ctx) -> Result<Vec<String>> {
    let rows = criteria::rows(ctx.conn, ctx.year)?;
    fn nodes(rows: &[criteria::Row], parent: Option<i64>) -> Vec<NodeInput> {
        rows.iter()
            .filter(|r| r.parent_id == parent)
            .map(|r| NodeInput {
                code: r.code.clone(),
                title: r.title.clone(),
                max_points: r.max,
                kind: r.kind,
                evidence_required: r.evidence_required.clone(),
                levels: r.levels.clone(),
                children: nodes(rows, Some(r.id)),
            })
            .collect()
    }
    let mut out = Vec::new();
    signature(&nodes(&rows, None), &mut Vec::new(), &mut out);
    Ok(out)
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let rows = ctx.sheet.rows.clone();
    let total = rows.len();
    let mut flat: Vec<Flat> = Vec::new();
    let mut last_numeric = 1;
    let mut field_kind = Kind::Normal;
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
                    Some(levels) => last.node.levels.extend(levels),
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
                    "Tiêu chí {code}: điểm tối đa “{}” không phải là số.",
                    max_cell.text()
                ),
            );
            continue;
        };
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
        let lvl = level(&code, last_numeric);
        if code.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            last_numeric = lvl;
        }
        if lvl == 0 {
            let t = text::fold(&title);
            field_kind = if t.contains("diem thuong") {
                Kind::Bonus
            } else if t.contains("diem tru") {
                Kind::Penalty
            } else {
                Kind::Normal
            };
            last_numeric = 0;
        }
        let parent = flat.iter().rposition(|f| f.level + 1 == lvl);
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
        flat.push(Flat {
            row: i,
            level: lvl,
            parent,
            node: NodeInput {
                code: code.clone(),
                title,
                max_points,
                kind: field_kind,
                evidence_required: ctx.cell(row, "evidence").text(),
                levels: Vec::new(),
                children: Vec::new(),
            },
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
    let nodes = tree(&flat, None);
    let mut new_sig = Vec::new();
    signature(&nodes, &mut Vec::new(), &mut new_sig);
    let unchanged =
        criteria::set_exists(ctx.conn, ctx.year)? && existing_signature(ctx)? == new_sig;
    let action = if unchanged {
        Action::Unchanged
    } else if criteria::set_exists(ctx.conn, ctx.year)? {
        Action::Update
    } else {
        Action::Create
    };
    if !unchanged && !ctx.problems.iter().any(|p| p.severity == Severity::Error) {
        let input = SetInput {
            title: String::new(),
            decision: String::new(),
            nodes,
        };
        if let Err(e) = criteria::replace_set_in(ctx.conn, ctx.actor, ctx.year, &input) {
            ctx.problem(ctx.layout.header_row, None, Severity::Error, e.to_string());
            return Ok(());
        }
    }
    let rows: Vec<(usize, String)> = flat
        .iter()
        .map(|f| (f.row, format!("{} {}", f.node.code, f.node.title)))
        .collect();
    for (row, summary) in rows {
        ctx.plan(row, action, summary);
    }
    Ok(())
}
