//! `cchc criteria show`: the year's criteria tree, as JSON or as an indented list.
//! `cchc criteria approve`: the chairman's approval, shown before it is done, under the same
//! rule as the app; `cchc criteria approval-rule`: whether a score without evidence may be
//! approved.

use std::io::IsTerminal;

use cchc_core::people::{self, Actor};
use cchc_core::scoring::approval::{self, Preview};
use cchc_core::scoring::criteria::{self, Level};
use cchc_core::scoring::sheet::{Node, Sheet};
use cchc_core::scoring::workflow::Scope;
use cchc_core::{Error, Store};
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

/// The chairman's log-in: approving is his alone, so the CLI asks who is at the keyboard.
/// The password comes from CCHC_PASSWORD, else it is asked without echo on a terminal, else
/// read from the first line of standard input.
fn chairman(store: &Store, user: &str) -> Result<Actor, Error> {
    let password = match std::env::var("CCHC_PASSWORD") {
        Ok(p) => p,
        Err(_) if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(format!("Mật khẩu của {user}: "))
                .map_err(|e| Error::invalid(format!("Không đọc được mật khẩu: {e}")))?
        }
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| Error::invalid(format!("Không đọc được mật khẩu: {e}")))?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    Ok(people::login(&store.conn, user, &password)?.actor())
}

fn print_preview(p: &Preview) {
    if p.items.is_empty() {
        println!("Không có điểm nào đang chờ duyệt.");
        return;
    }
    println!("Điểm tự chấm đang chờ duyệt:");
    for i in &p.items {
        let mut line = format!(
            "  {} {} — tự chấm {}/{}",
            i.full_code,
            i.title,
            i.self_score.display(),
            i.max.display()
        );
        if i.lacks_evidence {
            line.push_str("; CHƯA CÓ TÀI LIỆU KIỂM CHỨNG");
        }
        if i.held {
            line.push_str(" (không duyệt)");
        }
        println!("{line}");
    }
    if let Some(w) = &p.warning {
        println!("Lưu ý: {w}");
    }
    println!("{}", p.question);
}

pub fn approve(
    store: &mut Store,
    year: i32,
    user: &str,
    code: Option<&str>,
    yes: bool,
    json: bool,
) -> Result<(), Error> {
    let actor = chairman(store, user)?;
    let conn = &mut store.conn;
    let scope = match code {
        Some(c) => Scope::Criterion(criteria::id_by_code(conn, year, c)?),
        None => Scope::Sheet(year),
    };
    let preview = approval::preview(conn, scope)?;
    if !yes {
        if json {
            crate::print_json(&preview)?;
        } else {
            print_preview(&preview);
            println!("Chưa duyệt gì. Chạy lại với --yes để duyệt đúng các tiêu chí trên.");
        }
        return Ok(());
    }
    let shown: Vec<i64> = preview.items.iter().map(|i| i.criterion_id).collect();
    let done = approval::approve_leaves(conn, &actor, scope, Some(&shown))?;
    if json {
        crate::print_json(&done)?;
    } else {
        print_preview(&preview);
        println!("{}", done.message);
    }
    Ok(())
}

pub fn approval_rule(store: &mut Store, set: Option<&str>) -> Result<(), Error> {
    let rule = match set.map(|s| s.trim().to_lowercase()) {
        None => approval::rule(&store.conn)?,
        Some(v) => {
            let allow = match v.as_str() {
                "yes" | "co" | "có" | "on" => true,
                "no" | "khong" | "không" | "off" => false,
                _ => {
                    return Err(Error::invalid(format!(
                        "“{v}” không hợp lệ: ghi yes (cho duyệt) hoặc no (không duyệt)."
                    )))
                }
            };
            approval::set_rule(&mut store.conn, &Actor::command_line(), allow)?
        }
    };
    println!("{}", rule.description);
    Ok(())
}
