//! Reading a workbook as people keep them (.xlsx, .xls, .ods): every sheet as rows of cells,
//! text in NFC and trimmed, dates as dates, and a Vietnamese message for a file that is not a
//! workbook, is broken, empty or password-protected.

use std::path::Path;

use calamine::{open_workbook_auto, Data, DataType, Reader};
use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text: numbers without a trailing ".0", dates as dd/mm/yyyy.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty) || matches!(self, Cell::Text(t) if t.is_empty())
    }
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    /// Rows as Excel numbers them (the first is row 1), each as wide as the widest.
    pub rows: Vec<Vec<Cell>>,
}

/// A cell as read, taken (not copied): a large file's text is moved into our cells.
fn cell(d: Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(text::clean_line_owned(s)),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::Bool(b) => Cell::Text(if b { "Có".into() } else { "Không".into() }),
        // LibreOffice writes a date without a time ("2026-06-30").
        Data::DateTimeIso(s) if s.len() == 10 => match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(day) => Cell::Date(day),
            Err(_) => Cell::Text(s),
        },
        Data::DateTime(_) | Data::DateTimeIso(_) => match d.as_datetime() {
            Some(dt) => Cell::Date(dt.date()),
            None => Cell::Text(d.to_string()),
        },
        Data::DurationIso(s) => Cell::Text(s),
    }
}

fn unreadable(path: &Path, why: &str) -> Error {
    Error::invalid(format!(
        "Không đọc được tệp “{}”: {why}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ))
}

/// Reads every sheet. Refuses what is not a readable workbook, with the reason.
pub fn read(path: &Path) -> Result<Vec<Sheet>> {
    let meta = std::fs::metadata(path)
        .map_err(|_| Error::invalid(format!("Không tìm thấy tệp “{}”.", path.display())))?;
    if !meta.is_file() {
        return Err(unreadable(path, "đây không phải là một tệp."));
    }
    if meta.len() == 0 {
        return Err(unreadable(path, "tệp rỗng."));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !["xlsx", "xlsm", "xls", "ods", "xlsb"].contains(&ext.as_str()) {
        return Err(unreadable(
            path,
            "chỉ nhận tệp Excel (.xlsx, .xls) hoặc OpenDocument (.ods).",
        ));
    }
    // An .xlsx protected by a password is an encrypted OLE container, not a zip.
    // Only the first bytes: reading the whole file here would read a large workbook twice.
    let mut head = [0u8; 8];
    let head = match std::fs::File::open(path).and_then(|mut f| {
        use std::io::Read;
        f.read(&mut head)
    }) {
        Ok(n) => &head[..n],
        Err(_) => &[][..],
    };
    if ext.starts_with("xlsx") && head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unreadable(
            path,
            "tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại.",
        ));
    }
    // A damaged file must never bring the program down: a panic inside the reader (a third-
    // party crate) is taken as what it is, a file that cannot be read.
    let read = std::panic::catch_unwind(|| read_sheets(path));
    match read {
        Ok(result) => result,
        Err(_) => Err(unreadable(
            path,
            "tệp bị hỏng hoặc không đúng định dạng Excel.",
        )),
    }
}

fn read_sheets(path: &Path) -> Result<Vec<Sheet>> {
    let mut book = open_workbook_auto(path).map_err(|e| {
        let detail = e.to_string().to_lowercase();
        if detail.contains("password") {
            unreadable(
                path,
                "tệp được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại.",
            )
        } else {
            unreadable(path, "tệp bị hỏng hoặc không đúng định dạng Excel.")
        }
    })?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let mut range = book
            .worksheet_range(&name)
            .map_err(|_| unreadable(path, &format!("không đọc được trang tính “{name}”.")))?;
        let (top, left) = range
            .start()
            .map(|(r, c)| (r as usize, c as usize))
            .unwrap_or((0, 0));
        let (height, width) = range.get_size();
        let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::Empty; left + width]; top];
        rows.reserve(height);
        for r in 0..height {
            let mut row = Vec::with_capacity(left + width);
            row.resize(left, Cell::Empty);
            row.extend(
                range[r]
                    .iter_mut()
                    .map(|d| cell(std::mem::replace(d, Data::Empty))),
            );
            rows.push(row);
        }
        sheets.push(Sheet { name, rows });
    }
    if sheets
        .iter()
        .all(|s| s.rows.iter().all(|r| r.iter().all(Cell::is_empty)))
    {
        return Err(unreadable(path, "tệp không có dữ liệu."));
    }
    Ok(sheets)
}

/// "A", "B", … "AA": the column letter Excel shows for a 0-based index.
pub fn column_letter(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn numbers_read_as_people_wrote_them() {
        assert_eq!(Cell::Number(3.0).text(), "3");
        assert_eq!(Cell::Number(0.5).text(), "0.5");
    }
}
