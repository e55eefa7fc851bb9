//! Finding the table in a sheet as real files have it: title rows and merged cells above, the
//! header found by its content, one to three header rows with merged group cells (a column is
//! known by its whole header path, group › sub-header), columns in any order with the names of
//! `columns` (case, diacritics, slashes, commas and line breaks ignored), and a row of column
//! numbers under the header ("(1) (2) (3)=(4)+(5)") whose relations become checks. Also: the
//! columns that hold data but are not imported, so that the dry run can say so.

use std::collections::HashMap;

use serde::Serialize;

use super::workbook::{column_letter, Cell, Sheet};
use crate::error::{Error, Result};
use crate::text;

/// A column an import knows: its key, its name for messages, and the names it goes by.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    /// As people write them; "Group › Sub" for a sub-header under a group (see `columns`).
    pub names: &'static [&'static str],
    pub required: bool,
    /// Groups the column must not sit under ("quá hạn" under "đang giải quyết" is no result).
    pub not_under: &'static [&'static str],
}

/// A relation the file states between its columns: `total` = sum of `parts` ("(3=4+5)").
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub total: usize,
    pub parts: Vec<usize>,
    /// As written, for messages: "(3)=(4)+(5)".
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub sheet: usize,
    /// 0-based index of the first header row.
    pub header_top: usize,
    /// 0-based index of the (last) header row.
    pub header_row: usize,
    /// 0-based index of the first data row.
    pub data_start: usize,
    pub columns: HashMap<&'static str, usize>,
    /// Each column's header as written, "Group › Sub"; empty where there is none.
    pub headers: Vec<String>,
    pub relations: Vec<Relation>,
}

/// A column that holds data and that the import does not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UnusedColumn {
    pub sheet: String,
    /// "F", as Excel shows it.
    pub column: String,
    /// The header as written ("Group › Sub"); empty when the column has none.
    pub header: String,
}

/// A header label as compared: folded, "(1)" and "(3=4+5)" left out, every run of
/// punctuation, slashes and line breaks one space.
pub fn norm(label: &str) -> String {
    let folded = text::fold(label);
    let mut kept = String::with_capacity(folded.len());
    let mut rest = folded.as_str();
    while let Some(open) = rest.find('(') {
        kept.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(')') {
            Some(close) => {
                let inside = &after[..close];
                let numbering = inside.chars().any(|c| c.is_ascii_digit())
                    && inside
                        .chars()
                        .all(|c| c.is_ascii_digit() || "=+-*x() .,".contains(c));
                if !numbering {
                    kept.push(' ');
                    kept.push_str(inside);
                    kept.push(' ');
                }
                rest = &after[close + 1..];
            }
            None => {
                kept.push_str(after);
                rest = "";
            }
        }
    }
    kept.push_str(rest);
    let mut out = String::with_capacity(kept.len());
    for word in kept.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A field's names, normalised once per search: each as its path segments.
struct Names {
    patterns: Vec<Vec<String>>,
    not_under: Vec<String>,
}

fn prepare(fields: &[Field]) -> Vec<Names> {
    fields
        .iter()
        .map(|f| Names {
            patterns: f
                .names
                .iter()
                .map(|n| n.split('›').map(norm).filter(|s| !s.is_empty()).collect())
                .filter(|p: &Vec<String>| !p.is_empty())
                .collect(),
            not_under: f.not_under.iter().map(|n| norm(n)).collect(),
        })
        .collect()
}

fn within(label: &str, phrase: &str) -> bool {
    label == phrase
        || label.starts_with(&format!("{phrase} "))
        || label.ends_with(&format!(" {phrase}"))
        || label.contains(&format!(" {phrase} "))
}

/// The label is the name, or starts with it and adds a few words ("Trực tuyến toàn trình"),
/// for names long enough not to be a word. A long title that happens to start with a name
/// ("Từ ngày 01/01/2026 đến ngày …") is no header.
fn names_it(label: &str, name: &str) -> bool {
    label == name
        || (name.len() >= 5
            && label.starts_with(name)
            && label[name.len()..].starts_with(' ')
            && label[name.len()..]
                .split(' ')
                .filter(|w| !w.is_empty())
                .count()
                <= 3)
}

/// How well a column's header path fits a field: the length of the best matching name, 0
/// when none does or when the column sits under a group the field must not be under.
fn score(path: &[String], names: &Names) -> usize {
    let Some((last, above)) = path.split_last() else {
        return 0;
    };
    if above
        .iter()
        .any(|g| names.not_under.iter().any(|n| within(g, n)))
    {
        return 0;
    }
    let mut best = 0;
    for pattern in &names.patterns {
        let s = match pattern.as_slice() {
            [one] => {
                // The sub-header alone, or exactly the groups above it and it read as one.
                let mut joined = last.clone();
                let mut s = if names_it(&joined, one) { one.len() } else { 0 };
                for g in above.iter().rev() {
                    joined = format!("{g} {joined}");
                    if joined == *one {
                        s = s.max(one.len());
                    }
                }
                s
            }
            [groups @ .., sub] => {
                if !names_it(last, sub) {
                    0
                } else {
                    // Each group named, in order, by a label above.
                    let mut at = 0;
                    let mut ok = true;
                    for g in groups {
                        match above[at..].iter().position(|l| within(l, g)) {
                            Some(p) => at += p + 1,
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    if ok {
                        groups.iter().map(String::len).sum::<usize>() + sub.len() + 1
                    } else {
                        0
                    }
                }
            }
            [] => 0,
        };
        best = best.max(s);
    }
    best
}

/// Each field to the column that fits it best; a column serves one field.
fn assign(
    paths: &[Vec<String>],
    fields: &[Field],
    names: &[Names],
) -> (HashMap<&'static str, usize>, usize) {
    let mut all: Vec<(usize, usize, usize)> = Vec::new();
    for (col, path) in paths.iter().enumerate() {
        if path.is_empty() {
            continue;
        }
        for (f, n) in names.iter().enumerate() {
            let s = score(path, n);
            if s > 0 {
                all.push((s, col, f));
            }
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = HashMap::new();
    let mut used = vec![false; paths.len()];
    let mut total = 0;
    for (s, col, f) in all {
        let key = fields[f].key;
        if !out.contains_key(key) && !used[col] {
            used[col] = true;
            out.insert(key, col);
            total += s;
        }
    }
    (out, total)
}

/// The labels of header rows `top..top + height`, each carried right over the cells its
/// merged cell spans (an empty cell with a sub-header under it and the same group above).
fn paths(
    rows: &[Vec<Cell>],
    top: usize,
    height: usize,
    width: usize,
) -> Vec<Vec<(String, String)>> {
    let mut carried: Vec<Vec<String>> = Vec::with_capacity(height);
    let mut out: Vec<Vec<(String, String)>> = vec![Vec::new(); width];
    for i in 0..height {
        let row = &rows[top + i];
        let mut line: Vec<String> = Vec::with_capacity(width);
        for c in 0..width {
            let own = row.get(c).map(Cell::text).unwrap_or_default();
            let label = if !own.is_empty() {
                own
            } else if c > 0 && !line[c - 1].is_empty() {
                let below =
                    (i + 1..height).any(|j| rows[top + j].get(c).is_some_and(|x| !x.is_empty()));
                let same_group = i == 0 || carried[i - 1][c] == carried[i - 1][c - 1];
                if below && same_group {
                    line[c - 1].clone()
                } else {
                    String::new()
                }
            } else {
                String::new()
            };
            line.push(label);
        }
        for (c, label) in line.iter().enumerate() {
            if label.is_empty() {
                continue;
            }
            let n = norm(label);
            if n.is_empty() || out[c].last().is_some_and(|(_, last)| *last == n) {
                continue;
            }
            out[c].push((label.clone(), n));
        }
        carried.push(line);
    }
    out
}

/// A row of column numbers: "(1) (2) (3)=(4)+(5)", or 1, 2, 3 … rising from the left.
pub(crate) fn numbers_row(row: &[Cell]) -> bool {
    let mut last: Option<i64> = None;
    let mut count = 0;
    for c in row.iter().filter(|c| !c.is_empty()) {
        let n = match c {
            Cell::Number(n) if n.fract() == 0.0 => *n as i64,
            Cell::Text(t) => match relation_numbers(t) {
                Some((n, _)) => n,
                None => return false,
            },
            _ => return false,
        };
        if last.is_some_and(|l| n <= l) {
            return false;
        }
        last = Some(n);
        count += 1;
    }
    count >= 2
}

/// "(4)=(5)+(6)+(7)", "3=4+5", "(1)": the column's number and the numbers it adds up.
fn relation_numbers(t: &str) -> Option<(i64, Vec<i64>)> {
    // Most cells are names or counts: refuse them before building anything.
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "()=+".contains(c))
    {
        return None;
    }
    let bare: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '(' && *c != ')')
        .collect();
    if bare.is_empty()
        || !bare
            .chars()
            .all(|c| c.is_ascii_digit() || c == '=' || c == '+')
    {
        return None;
    }
    let mut sides = bare.split('=');
    let own: i64 = sides.next()?.parse().ok()?;
    let parts: Vec<i64> = match sides.next() {
        Some(right) => right
            .split('+')
            .map(|p| p.parse().ok())
            .collect::<Option<Vec<i64>>>()?,
        None => Vec::new(),
    };
    if sides.next().is_some() {
        return None;
    }
    Some((own, parts))
}

/// "(3=4+5)" inside a header label.
fn relation_in_label(label: &str) -> Option<(i64, Vec<i64>, String)> {
    let open = label.find('(')?;
    let close = label[open..].find(')')? + open;
    let inside = &label[open..=close];
    let (own, parts) = relation_numbers(inside)?;
    (!parts.is_empty()).then(|| (own, parts, inside.to_string()))
}

/// The relations stated by the number rows and by the header labels.
fn relations(
    rows: &[Vec<Cell>],
    number_rows: std::ops::Range<usize>,
    headers: &[String],
    width: usize,
) -> Vec<Relation> {
    let mut by_number: HashMap<i64, usize> = HashMap::new();
    let mut stated: Vec<(i64, Vec<i64>, String)> = Vec::new();
    for r in number_rows.clone() {
        for (c, cell) in rows[r].iter().enumerate() {
            let t = cell.text();
            if let Some((own, parts)) = relation_numbers(&t) {
                by_number.entry(own).or_insert(c);
                if !parts.is_empty() {
                    stated.push((own, parts, t));
                }
            }
        }
    }
    if number_rows.is_empty() {
        // Without a number row, columns are numbered from the table's first column.
        let first = headers.iter().position(|h| !h.is_empty()).unwrap_or(0);
        for c in first..width {
            by_number.insert((c - first + 1) as i64, c);
        }
    }
    for h in headers {
        if let Some(r) = relation_in_label(h) {
            if !stated.iter().any(|s| s.0 == r.0) {
                stated.push(r);
            }
        }
    }
    stated
        .into_iter()
        .filter_map(|(own, parts, text)| {
            let total = *by_number.get(&own)?;
            let parts = parts
                .iter()
                .map(|p| by_number.get(p).copied())
                .collect::<Option<Vec<usize>>>()?;
            (!parts.contains(&total)).then_some(Relation { total, parts, text })
        })
        .collect()
}

/// Columns looked at: real tables are narrow, a stray cell far to the right is not a column.
const MAX_WIDTH: usize = 256;
/// Rows searched for the header.
const MAX_TOP: usize = 40;

struct Candidate {
    /// Fields found, how well, then the earliest header row, then the fewest rows above it
    /// (a title merged over the table is no group).
    rank: (usize, usize, std::cmp::Reverse<usize>, usize),
    layout: Layout,
}

/// Finds the sheet and the header that fit `fields` best in the first rows of each sheet.
pub fn find(sheets: &[Sheet], fields: &[Field]) -> Result<Layout> {
    let names = prepare(fields);
    let mut best: Option<Candidate> = None;
    for (s, sheet) in sheets.iter().enumerate() {
        let width = sheet
            .rows
            .iter()
            .take(MAX_TOP + 3)
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .min(MAX_WIDTH);
        for top in 0..sheet.rows.len().min(MAX_TOP) {
            if sheet.rows[top].iter().all(Cell::is_empty) || numbers_row(&sheet.rows[top]) {
                continue;
            }
            for height in 1..=3 {
                if top + height > sheet.rows.len()
                    || (height > 1 && numbers_row(&sheet.rows[top + height - 1]))
                {
                    break;
                }
                let labelled = paths(&sheet.rows, top, height, width);
                let normed: Vec<Vec<String>> = labelled
                    .iter()
                    .map(|p| p.iter().map(|(_, n)| n.clone()).collect())
                    .collect();
                let (columns, score) = assign(&normed, fields, &names);
                let required = fields
                    .iter()
                    .filter(|f| f.required)
                    .all(|f| columns.contains_key(f.key));
                if !required || columns.len() < 2 {
                    continue;
                }
                let header_row = top + height - 1;
                let rank = (columns.len(), score, std::cmp::Reverse(header_row), top);
                if best.as_ref().is_some_and(|b| rank <= b.rank) {
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
                let headers: Vec<String> = labelled
                    .iter()
                    .map(|p| {
                        p.iter()
                            .map(|(raw, _)| text::clean_line(raw))
                            .collect::<Vec<_>>()
                            .join(" › ")
                    })
                    .collect();
                let relations = relations(&sheet.rows, header_row + 1..data_start, &headers, width);
                best = Some(Candidate {
                    rank,
                    layout: Layout {
                        sheet: s,
                        header_top: top,
                        header_row,
                        data_start,
                        columns,
                        headers,
                        relations,
                    },
                });
            }
        }
    }
    best.map(|b| b.layout).ok_or_else(|| {
        let wanted: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.label).collect();
        Error::invalid(format!(
            "Không tìm thấy dòng tiêu đề của bảng: cần có các cột {}. Hãy kiểm tra tên cột trong tệp.",
            wanted.join(", ")
        ))
    })
}

/// The columns of the table that hold data below the header and that no field reads.
pub fn unused(sheet: &Sheet, layout: &Layout) -> Vec<UnusedColumn> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let used: Vec<usize> = layout.columns.values().copied().collect();
    (0..width)
        .filter(|c| !used.contains(c))
        .filter(|c| {
            sheet.rows[layout.data_start.min(sheet.rows.len())..]
                .iter()
                .any(|row| row.get(*c).is_some_and(|x| !x.is_empty()))
        })
        .map(|c| UnusedColumn {
            sheet: sheet.name.clone(),
            column: column_letter(c),
            header: layout.headers.get(c).cloned().unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_as_people_write_them() {
        assert_eq!(norm("Lĩnh vực/Tiêu chí"), "linh vuc tieu chi");
        assert_eq!(norm("LĨNH VỰC, TIÊU CHÍ"), "linh vuc tieu chi");
        assert_eq!(norm("Thời gian\nhoàn thành"), "thoi gian hoan thanh");
        assert_eq!(norm("Số đầu kỳ (3=4+5)"), "so dau ky");
        assert_eq!(norm("(1)"), "");
        assert_eq!(norm("Trực tuyến (DVCTT)"), "truc tuyen dvctt");
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "Sheet1".into(),
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|t| {
                            if t.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text(t.to_string())
                            }
                        })
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn overdue_under_pending_is_never_a_late_result() {
        let s = sheet(&[
            &["Tên TTHC", "Đã giải quyết", "", "Đang giải quyết", ""],
            &["", "Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"],
            &["Đăng ký khai sinh", "10", "1", "3", "2"],
        ]);
        let l = find(&[s], super::super::columns::TTHC).unwrap();
        assert_eq!((l.header_top, l.header_row, l.data_start), (0, 1, 2));
        assert_eq!(l.columns["resolved_on_time"], 1);
        assert_eq!(l.columns["resolved_late"], 2);
        assert_eq!(l.columns["in_progress_not_due"], 3);
        assert_eq!(l.columns["in_progress_overdue"], 4);
        assert_eq!(l.headers[4], "Đang giải quyết › Quá hạn");
        // The same words with the groups the other way round.
        let s = sheet(&[
            &["Tên TTHC", "Đang giải quyết", "", "Đã giải quyết", ""],
            &["", "Quá hạn", "Trong hạn", "Quá hạn", "Trong hạn"],
            &["Đăng ký khai sinh", "2", "3", "1", "10"],
        ]);
        let l = find(&[s], super::super::columns::TTHC).unwrap();
        assert_eq!(l.columns["in_progress_overdue"], 1);
        assert_eq!(l.columns["in_progress_not_due"], 2);
        assert_eq!(l.columns["resolved_late"], 3);
        assert_eq!(l.columns["resolved_on_time"], 4);
        // Three rows, pending records first under "Kết quả giải quyết": its "Tổng số" is the
        // pending total, never the resolved one.
        let s = sheet(&[
            &["Tên TTHC", "Kết quả giải quyết", "", "", ""],
            &["", "Hồ sơ đang giải quyết", "", "Hồ sơ giải quyết xong", ""],
            &["", "Tổng số", "Quá hạn", "Tổng số", "Trễ hạn"],
            &["Đăng ký khai sinh", "3", "1", "12", "2"],
        ]);
        let l = find(&[s], super::super::columns::TTHC).unwrap();
        assert_eq!(l.header_row, 2);
        assert_eq!(l.columns["in_progress"], 1);
        assert_eq!(l.columns["in_progress_overdue"], 2);
        assert_eq!(l.columns["resolved_total"], 3);
        assert_eq!(l.columns["resolved_late"], 4);
    }

    #[test]
    fn a_column_without_a_field_that_holds_data_is_unused() {
        let s = sheet(&[
            &["STT", "Họ và tên", "Chức vụ", "Ghi chú riêng", ""],
            &["1", "Lê Văn Bình", "Công chức", "x", "y"],
        ]);
        let l = find(std::slice::from_ref(&s), super::super::columns::OFFICERS).unwrap();
        let u = unused(&s, &l);
        assert_eq!(
            u.iter()
                .map(|u| (u.column.as_str(), u.header.as_str()))
                .collect::<Vec<_>>(),
            vec![("D", "Ghi chú riêng"), ("E", "")]
        );
    }

    #[test]
    fn column_numbers_and_relations() {
        let t = |s: &str| Cell::Text(s.into());
        assert!(numbers_row(&[
            t("(1)"),
            t("(2)"),
            t("(3)=(4)+(5)"),
            t("(4)"),
            t("(5)")
        ]));
        assert!(numbers_row(&[
            Cell::Number(1.0),
            Cell::Number(2.0),
            Cell::Number(3.0)
        ]));
        assert!(!numbers_row(&[Cell::Number(12.0), Cell::Number(3.0)]));
        assert!(!numbers_row(&[t("Đăng ký khai sinh"), Cell::Number(3.0)]));
        assert_eq!(
            relation_numbers("(4)=(5)+(6)+(7)"),
            Some((4, vec![5, 6, 7]))
        );
        assert_eq!(relation_numbers("3 = 4 + 5"), Some((3, vec![4, 5])));
        assert_eq!(
            relation_in_label("Số đầu kỳ (3=4+5)"),
            Some((3, vec![4, 5], "(3=4+5)".to_string()))
        );
    }
}
