//! The annotated copy of a checked workbook: the user's sheets with the same rows and columns
//! (values as read: text, numbers, dates), each problem cell filled in a warning colour with a
//! Vietnamese note saying what is wrong and what is expected, and a first sheet listing every
//! problem with a link to its cell. An .xls or .ods file gets an .xlsx copy: the copy is written
//! from the values read, so it never depends on the source format, and the source is never
//! touched.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Note, Url, Workbook, Worksheet};
use serde::Serialize;

use super::workbook::{self, Cell};
use super::{Outcome, Severity};
use crate::error::{Error, Result};
use crate::export::book::{self, Xl};

/// What `annotate` wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "AnnotatedCopy")]
pub struct Annotated {
    /// Problems listed (and unused columns noted).
    pub problems: usize,
    /// Cells filled and noted.
    pub cells: usize,
    /// The user's sheets copied.
    pub sheets: usize,
}

const LIST_SHEET: &str = "Danh sách lỗi";
/// Light red for errors, light yellow for warnings, as Excel's own "bad" and "neutral".
const ERROR_FILL: u32 = 0xFFC7CE;
const WARNING_FILL: u32 = 0xFFEB9C;

/// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, not blank.
fn sheet_name(raw: &str, taken: &[String]) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim().to_string();
    let base: String = if cleaned.is_empty() {
        "Trang".into()
    } else {
        cleaned.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        let keep = 31usize.saturating_sub(suffix.chars().count());
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

/// "C" → 2.
fn column_index(letters: &str) -> Option<u16> {
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut n: u32 = 0;
    for c in letters.chars() {
        n = n
            .checked_mul(26)?
            .checked_add(u32::from(c as u8 - b'A') + 1)?;
    }
    u16::try_from(n - 1).ok().filter(|c| *c < 16_384)
}

/// A note on one cell: its messages and whether one of them is an error.
#[derive(Default)]
struct Mark {
    error: bool,
    lines: Vec<String>,
}

/// Refuses an annotated copy written over the workbook it annotates: the user's own file is
/// never touched. Two paths naming one existing file (another spelling, a link, another case
/// on Windows) are the same file.
pub fn refuse_source(source: &Path, out: &Path) -> Result<()> {
    let same = match (source.canonicalize(), out.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        // A copy that does not exist yet cannot be the source, which does.
        _ => source == out,
    };
    if same {
        return Err(Error::invalid(
            "Tệp đánh dấu lỗi phải khác tệp đang nhập: hãy chọn tên khác để không ghi đè tệp của bạn.",
        ));
    }
    Ok(())
}

/// Writes the annotated copy of `source` (the workbook `outcome` was checked from) to `out`,
/// an .xlsx path in an existing folder other than `source`.
pub fn annotate(source: &Path, outcome: &Outcome, out: &Path) -> Result<Annotated> {
    refuse_source(source, out)?;
    book::check_target(out)?;
    let sheets = workbook::read(source)?;
    let mut taken = vec![LIST_SHEET.to_string()];
    let names: Vec<String> = sheets
        .iter()
        .map(|s| {
            let n = sheet_name(&s.name, &taken);
            taken.push(n.clone());
            n
        })
        .collect();
    let name_of = |sheet: &str| {
        sheets
            .iter()
            .position(|s| s.name == sheet)
            .map(|i| names[i].clone())
    };

    // Every mark, by sheet then (row, column), both 0-based.
    let mut marks: BTreeMap<String, BTreeMap<(u32, u16), Mark>> = BTreeMap::new();
    let mut listed: Vec<(String, u32, u16, Severity, String)> = Vec::new();
    for p in &outcome.problems {
        let Some(sheet) = name_of(&p.sheet) else {
            continue;
        };
        let row = u32::try_from(p.row.saturating_sub(1))
            .unwrap_or(0)
            .min(1_048_575);
        let col = column_index(&p.column).unwrap_or(0);
        let mark = marks
            .entry(sheet.clone())
            .or_default()
            .entry((row, col))
            .or_default();
        mark.error |= p.severity == Severity::Error;
        mark.lines.push(match p.severity {
            Severity::Error => format!("Lỗi: {}", p.message),
            Severity::Warning => format!("Lưu ý: {}", p.message),
        });
        listed.push((sheet, row, col, p.severity, p.message.clone()));
    }
    let header_row = u32::try_from(outcome.header_row.saturating_sub(1)).unwrap_or(0);
    for u in &outcome.unused_columns {
        let (Some(sheet), Some(col)) = (name_of(&u.sheet), column_index(&u.column)) else {
            continue;
        };
        let message = if u.header.is_empty() {
            format!(
                "Cột {} có dữ liệu nhưng không có tiêu đề, nên không được nhập.",
                u.column
            )
        } else {
            format!(
                "Cột {} “{}” có dữ liệu nhưng không được nhập: phần mềm không dùng cột này.",
                u.column, u.header
            )
        };
        let mark = marks
            .entry(sheet.clone())
            .or_default()
            .entry((header_row, col))
            .or_default();
        mark.lines.push(format!("Lưu ý: {message}"));
        listed.push((sheet, header_row, col, Severity::Warning, message));
    }

    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_font_name("Times New Roman");
    let plain = Format::new()
        .set_font_name("Times New Roman")
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let header = bold
        .clone()
        .set_border(FormatBorder::Thin)
        .set_background_color(0xD9E1F2)
        .set_text_wrap();
    let mut list = Worksheet::new();
    list.set_name(LIST_SHEET).xl()?;
    let errors = outcome
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    list.write_string_with_format(
        0,
        0,
        format!(
            "Tệp “{}”: {} lỗi, {} lưu ý. Bấm vào ô ở cột “Đến ô” để tới chỗ cần sửa; các ô có vấn đề được tô màu và có ghi chú.",
            source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            errors,
            listed.len() - errors.min(listed.len())
        ),
        &bold,
    )
    .xl()?;
    for (c, (title, width)) in [
        ("STT", 6.0),
        ("Trang", 22.0),
        ("Ô", 8.0),
        ("Mức", 9.0),
        ("Nội dung", 90.0),
        ("Đến ô", 26.0),
    ]
    .into_iter()
    .enumerate()
    {
        list.write_string_with_format(2, c as u16, title, &header)
            .xl()?;
        list.set_column_width(c as u16, width).xl()?;
    }
    for (i, (sheet, row, col, severity, message)) in listed.iter().enumerate() {
        let r = 3 + i as u32;
        let cell = format!("{}{}", book::column_letter(*col), row + 1);
        list.write_number_with_format(r, 0, (i + 1) as f64, &plain)
            .xl()?;
        book::text(&mut list, r, 1, sheet, &plain)?;
        book::text(&mut list, r, 2, &cell, &plain)?;
        book::text(
            &mut list,
            r,
            3,
            match severity {
                Severity::Error => "Lỗi",
                Severity::Warning => "Lưu ý",
            },
            &plain,
        )?;
        book::text(&mut list, r, 4, message, &plain)?;
        let link = Url::new(format!("internal:'{}'!{cell}", sheet.replace('\'', "''")))
            .set_text(format!("{sheet}!{cell}"));
        list.write_url(r, 5, link).xl()?;
    }
    list.set_freeze_panes(3, 0).xl()?;
    list.set_active(true);
    wb.push_worksheet(list);

    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut cells = 0;
    for (sheet, name) in sheets.iter().zip(&names) {
        let mut ws = Worksheet::new();
        ws.set_name(name).xl()?;
        let sheet_marks = marks.remove(name).unwrap_or_default();
        for (r, row) in sheet.rows.iter().enumerate() {
            let Ok(r) = u32::try_from(r) else { break };
            if r > 1_048_575 {
                break;
            }
            for (c, cell) in row.iter().enumerate() {
                let Ok(c) = u16::try_from(c) else { break };
                if c >= 16_384 {
                    break;
                }
                let format = match sheet_marks.get(&(r, c)) {
                    Some(m) => Format::new().set_background_color(if m.error {
                        ERROR_FILL
                    } else {
                        WARNING_FILL
                    }),
                    None if matches!(cell, Cell::Date(_)) => date.clone(),
                    None => Format::new(),
                };
                match cell {
                    Cell::Empty => {
                        if sheet_marks.contains_key(&(r, c)) {
                            ws.write_blank(r, c, &format).xl()?;
                        }
                    }
                    Cell::Text(t) => book::text(&mut ws, r, c, t, &format)?,
                    Cell::Number(n) => book::number(&mut ws, r, c, Some(*n), &format)?,
                    Cell::Date(d) => {
                        let f = if sheet_marks.contains_key(&(r, c)) {
                            format.set_num_format("dd/mm/yyyy")
                        } else {
                            format
                        };
                        book::date(&mut ws, r, c, Some(*d), &f)?;
                    }
                }
            }
        }
        for (&(r, c), m) in &sheet_marks {
            let filled = sheet
                .rows
                .get(r as usize)
                .and_then(|row| row.get(c as usize))
                .is_some_and(|x| !x.is_empty());
            if !filled {
                let fill = Format::new().set_background_color(if m.error {
                    ERROR_FILL
                } else {
                    WARNING_FILL
                });
                ws.write_blank(r, c, &fill).xl()?;
            }
            let note = Note::new(m.lines.join("\n"))
                .set_author("CCHC Xã")
                .set_width(360)
                .set_height(120);
            ws.insert_note(r, c, &note).xl()?;
            cells += 1;
        }
        wb.push_worksheet(ws);
    }
    book::save(&mut wb, out)?;
    Ok(Annotated {
        problems: listed.len(),
        cells,
        sheets: sheets.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_excel_accepts() {
        let taken = vec![LIST_SHEET.to_string()];
        assert_eq!(sheet_name("Kế hoạch", &taken), "Kế hoạch");
        assert_eq!(sheet_name("Danh sách lỗi", &taken), "Danh sách lỗi (2)");
        assert_eq!(sheet_name("a/b:c", &taken), "a-b-c");
        assert_eq!(sheet_name("", &taken), "Trang");
        assert_eq!(sheet_name(&"x".repeat(40), &taken).chars().count(), 31);
    }

    #[test]
    fn column_letters_back_to_numbers() {
        assert_eq!(column_index("A"), Some(0));
        assert_eq!(column_index("Z"), Some(25));
        assert_eq!(column_index("AA"), Some(26));
        assert_eq!(column_index(""), None);
        assert_eq!(column_index("a1"), None);
    }
}
