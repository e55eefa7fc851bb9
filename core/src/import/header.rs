//! Finding the table in a sheet as real files have it: title rows and merged cells above, the
//! header row found by its content, columns known by their Vietnamese names in any order and
//! with common synonyms (case and diacritics ignored), a header spread over two rows with merged
//! group cells, and a row of column numbers "(1) (2) (3)" under it.

use std::collections::HashMap;

use super::workbook::{Cell, Sheet};
use crate::error::{Error, Result};
use crate::text;

/// A column an import knows: its key, its name for messages, and the names it goes by (folded).
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub names: &'static [&'static str],
    pub required: bool,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub sheet: usize,
    /// 0-based index of the (last) header row.
    pub header_row: usize,
    /// 0-based index of the first data row.
    pub data_start: usize,
    pub columns: HashMap<&'static str, usize>,
}

fn matches(label: &str, names: &[&str]) -> usize {
    // The longest name that the label is, or starts with; 0 when none.
    names
        .iter()
        .filter(|n| label == **n || (n.len() >= 5 && label.starts_with(&format!("{n} "))))
        .map(|n| n.len())
        .max()
        .unwrap_or(0)
}

/// Each column's candidate labels (a two-row header offers "group sub" and "sub").
fn assign(labels: &[Vec<String>], fields: &[Field]) -> HashMap<&'static str, usize> {
    let mut best: Vec<(usize, &'static str, usize)> = Vec::new();
    for (col, candidates) in labels.iter().enumerate() {
        for f in fields {
            let score = candidates
                .iter()
                .map(|l| matches(l, f.names))
                .max()
                .unwrap_or(0);
            if score > 0 {
                best.push((score, f.key, col));
            }
        }
    }
    best.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut out = HashMap::new();
    let mut used = std::collections::HashSet::new();
    for (_, key, col) in best {
        if !out.contains_key(key) && used.insert(col) {
            out.insert(key, col);
        }
    }
    out
}

fn folded(row: &[Cell]) -> Vec<String> {
    row.iter().map(|c| text::fold(&c.text())).collect()
}

/// Group labels of a merged header cell carried to the right over the cells it spans.
fn carried(row: &[Cell]) -> Vec<String> {
    let mut last = String::new();
    row.iter()
        .map(|c| {
            let t = text::fold(&c.text());
            if !t.is_empty() {
                last = t;
            }
            last.clone()
        })
        .collect()
}

fn numbers_row(row: &[Cell]) -> bool {
    let cells: Vec<String> = row
        .iter()
        .map(Cell::text)
        .filter(|t| !t.is_empty())
        .collect();
    !cells.is_empty()
        && cells.iter().all(|t| {
            let t = t.trim_start_matches('(').trim_end_matches(')');
            !t.is_empty()
                && t.chars().all(|c| {
                    c.is_ascii_digit() || c == '=' || c == '+' || c == '-' || c == 'x' || c == '*'
                })
        })
}

/// Finds the sheet and the header that fit `fields` best in the first rows of each sheet.
pub fn find(sheets: &[Sheet], fields: &[Field]) -> Result<Layout> {
    let mut best: Option<(usize, Layout)> = None;
    for (s, sheet) in sheets.iter().enumerate() {
        for r in 0..sheet.rows.len().min(40) {
            let one = folded(&sheet.rows[r]);
            let single: Vec<Vec<String>> = one.iter().map(|l| vec![l.clone()]).collect();
            let mut columns = assign(&single, fields);
            let mut header_row = r;
            if let Some(below) = sheet.rows.get(r + 1) {
                let group = carried(&sheet.rows[r]);
                let combined: Vec<Vec<String>> = below
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let sub = text::fold(&c.text());
                        let top = group.get(i).cloned().unwrap_or_default();
                        if sub.is_empty() {
                            vec![one.get(i).cloned().unwrap_or_default()]
                        } else {
                            vec![format!("{top} {sub}"), sub]
                        }
                    })
                    .collect();
                let two = assign(&combined, fields);
                if two.len() > columns.len() {
                    columns = two;
                    header_row = r + 1;
                }
            }
            let required = fields
                .iter()
                .filter(|f| f.required)
                .all(|f| columns.contains_key(f.key));
            if !required || columns.len() < 2 {
                continue;
            }
            let mut data_start = header_row + 1;
            while sheet
                .rows
                .get(data_start)
                .is_some_and(|row| numbers_row(row))
            {
                data_start += 1;
            }
            let better = best.as_ref().is_none_or(|(n, _)| columns.len() > *n);
            if better {
                best = Some((
                    columns.len(),
                    Layout {
                        sheet: s,
                        header_row,
                        data_start,
                        columns,
                    },
                ));
            }
        }
    }
    best.map(|(_, l)| l).ok_or_else(|| {
        let wanted: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.label).collect();
        Error::invalid(format!(
            "Không tìm thấy dòng tiêu đề của bảng: cần có các cột {}. Hãy kiểm tra tên cột trong tệp.",
            wanted.join(", ")
        ))
    })
}
