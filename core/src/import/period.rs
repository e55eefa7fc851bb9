//! The period of one-stop statistics as files write it: in a title row ("Từ ngày 01/01/2026
//! đến ngày 31/03/2026", "từ ngày 1 tháng 1 năm 2026 …"), or per row in our exports' "Từ
//! ngày", "Đến ngày" and "Kỳ thống kê" ("Tháng 3/2026", "01/01/2026 – 31/03/2026") columns;
//! and the field a group row names ("I. LĨNH VỰC HỘ TỊCH" → "Hộ tịch").

use chrono::NaiveDate;

use super::is_roman;
use super::workbook::Cell;
use crate::plan::deadline::{last_day_of_month, parse_date};
use crate::text;

/// The dates written in a (folded) text: "01/01/2026", "1-1-2026", "01/01/2026-31/03/2026",
/// "ngày 1 tháng 1 năm 2026".
pub(crate) fn dates_in(folded: &str, default_year: i32) -> Vec<NaiveDate> {
    let tokens: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':' | '–' | '—'))
        .flat_map(|t| {
            if t.contains('/') {
                t.split('-').collect::<Vec<_>>()
            } else {
                vec![t]
            }
        })
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_digit()))
        .collect();
    let num = |t: Option<&&str>| t.and_then(|t| t.parse::<u32>().ok());
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for t in &tokens {
        if t.contains(['/', '-', '.']) && t.chars().any(|c| c.is_ascii_digit()) {
            if let Some(d) = parse_date(t, default_year) {
                out.push(d);
            }
        }
    }
    if out.is_empty() {
        // "ngày 1 tháng 1 năm 2026"
        for i in 0..words.len() {
            if words.get(i + 1) == Some(&"thang") && words.get(i + 3) == Some(&"nam") {
                let d = num(words.get(i));
                let m = num(words.get(i + 2));
                let y = num(words.get(i + 4));
                if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                        out.push(date);
                    }
                }
            }
        }
    }
    out
}

/// The period a title row gives: "Từ ngày 01/01/2026 đến ngày 31/03/2026" (cells of a row are
/// read together). Returns the row and the dates.
pub(super) fn in_title(
    rows: &[Vec<Cell>],
    header_top: usize,
    year: i32,
) -> Option<(usize, NaiveDate, NaiveDate)> {
    for (r, row) in rows.iter().enumerate().take(header_top) {
        let joined = row
            .iter()
            .map(|c| c.text())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let f = text::fold(&joined)
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "/.-".contains(c) {
                    c
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let padded = format!(" {f} ");
        let Some(start) = padded.find(" tu ngay ").or_else(|| padded.find(" tu ")) else {
            continue;
        };
        let rest = &padded[start..];
        if !rest.contains(" den ") {
            continue;
        }
        let dates = dates_in(rest, year);
        if let [from, to, ..] = dates.as_slice() {
            return Some((r, *from, *to));
        }
    }
    None
}

/// A period label as the one-stop export writes it: "Tháng 3/2026" or "01/01/2026 – 31/03/2026".
pub(super) fn from_label(label: &str, year: i32) -> Option<(NaiveDate, NaiveDate)> {
    let f = text::fold(label);
    if let Some(rest) = f.strip_prefix("thang ") {
        let (m, y) = rest.trim().split_once('/')?;
        let (m, y): (u32, i32) = (m.trim().parse().ok()?, y.trim().parse().ok()?);
        let from = NaiveDate::from_ymd_opt(y, m, 1)?;
        return Some((from, last_day_of_month(y, m)?));
    }
    match dates_in(&f, year).as_slice() {
        [from, to] if from <= to => Some((*from, *to)),
        _ => None,
    }
}

/// The field a group row names: "I. LĨNH VỰC HỘ TỊCH" → "Hộ tịch".
pub(super) fn group_label(raw: &str) -> String {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| is_roman(w) || w.trim_end_matches(['.', ')']).parse::<u32>().is_ok())
    {
        words.remove(0);
    }
    let folded: Vec<String> = words.iter().take(2).map(|w| text::fold(w)).collect();
    if folded.len() == 2 && folded[0] == "linh" && folded[1].trim_end_matches(':') == "vuc" {
        let rest: Vec<&str> = words[2..]
            .iter()
            .copied()
            .skip_while(|w| w.chars().all(|c| !c.is_alphanumeric()))
            .collect();
        if !rest.is_empty() {
            words = rest;
        }
    }
    let s = text::clean_line(&words.join(" "));
    if s.chars().any(char::is_lowercase) {
        s
    } else {
        let lower = s.to_lowercase();
        let mut c = lower.chars();
        match c.next() {
            Some(first) => first.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_titles() {
        let f = |s: &str| dates_in(&text::fold(s), 2026);
        assert_eq!(
            f("Từ ngày 01/01/2026 đến ngày 31/03/2026"),
            vec![d(2026, 1, 1), d(2026, 3, 31)]
        );
        assert_eq!(
            f("từ ngày 1/1/2026 đến ngày 31/3/2026"),
            vec![d(2026, 1, 1), d(2026, 3, 31)]
        );
        assert_eq!(
            f("(01/01/2026-31/03/2026)"),
            vec![d(2026, 1, 1), d(2026, 3, 31)]
        );
        assert_eq!(
            f("Từ ngày 15 tháng 12 năm 2025 đến ngày 14 tháng 3 năm 2026"),
            vec![d(2025, 12, 15), d(2026, 3, 14)]
        );
        assert!(f("Kỳ báo cáo quý I").is_empty());
    }

    #[test]
    fn group_labels_read_plainly() {
        assert_eq!(group_label("LĨNH VỰC HỘ TỊCH"), "Hộ tịch");
        assert_eq!(group_label("I. Chứng thực"), "Chứng thực");
        assert_eq!(group_label("Lĩnh vực: Đất đai"), "Đất đai");
        assert_eq!(group_label("Lĩnh vực"), "Lĩnh vực");
        assert_eq!(group_label("II"), "");
    }
    #[test]
    fn labels_of_exported_periods() {
        assert_eq!(
            from_label("Tháng 3/2026", 2026),
            Some((d(2026, 3, 1), d(2026, 3, 31)))
        );
        assert_eq!(
            from_label("15/12/2025 – 14/03/2026", 2026),
            Some((d(2025, 12, 15), d(2026, 3, 14)))
        );
        assert_eq!(from_label("Quý I", 2026), None);
    }
}
