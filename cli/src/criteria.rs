//! `cchc criteria show`: the year's criteria tree, as JSON or as an indented list.

use cchc_core::scoring::criteria::Level;
use cchc_core::scoring::sheet::{Node, Sheet};
use serde::Serialize;

/// One node of `criteria show --json`: `code` is the full code the CLI takes ("I.1.1").
#[derive(Serialize)]
pub struct JsonNode {
    code: String,
    printed_code: String,
    title: String,
    max_points: f64,
    kind: cchc_core::scoring::criteria::Kind,
    not_applicable: bool,
    max_mismatch: bool,
    self_points: f64,
    state: Option<String>,
    evidence_count: Option<i64>,
    children: Vec<JsonNode>,
    levels: Vec<JsonLevel>,
}

#[derive(Serialize)]
struct JsonLevel {
    label: String,
    points: f64,
}

fn level(l: &Level) -> JsonLevel {
    JsonLevel {
        label: l.label.clone(),
        points: l.points.as_f64(),
    }
}

pub fn json(nodes: &[Node]) -> Vec<JsonNode> {
    nodes
        .iter()
        .map(|n| JsonNode {
            code: n.full_code.clone(),
            printed_code: n.code.clone(),
            title: n.title.clone(),
            max_points: n.max_points.as_f64(),
            kind: n.kind,
            not_applicable: n.not_applicable,
            max_mismatch: n.max_mismatch,
            self_points: n.self_points.as_f64(),
            state: n.leaf.as_ref().map(|l| l.state.code().to_string()),
            evidence_count: n.leaf.as_ref().map(|l| l.evidence_count),
            children: json(&n.children),
            levels: n.levels.iter().map(level).collect(),
        })
        .collect()
}

pub fn print(sheet: &Sheet) {
    if sheet.status == "no_criteria" {
        println!("Năm {} chưa có bộ tiêu chí.", sheet.year);
        return;
    }
    println!("{} — năm {}", sheet.title, sheet.year);
    println!(
        "Điểm tối đa {}; tự chấm {}; {}",
        sheet.max_total.display(),
        sheet.self_total.display(),
        sheet.status_label
    );
    fn walk(nodes: &[Node], depth: usize) {
        for n in nodes {
            let mut line = format!(
                "{}{} {} — tối đa {}",
                "  ".repeat(depth),
                n.full_code,
                n.title,
                n.max_points.display()
            );
            if let Some(l) = &n.leaf {
                let score = l
                    .self_score
                    .map(|p| p.display())
                    .unwrap_or_else(|| "chưa chấm".into());
                line.push_str(&format!(
                    "; tự chấm {score} ({})",
                    l.state_label.to_lowercase()
                ));
            }
            if n.not_applicable {
                line.push_str("; không áp dụng");
            }
            if n.max_mismatch {
                line.push_str("; CẢNH BÁO: tiêu chí con cộng lại khác điểm tối đa");
            }
            println!("{line}");
            walk(&n.children, depth + 1);
        }
    }
    walk(&sheet.nodes, 0);
}
