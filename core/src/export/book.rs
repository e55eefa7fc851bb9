//! What every exported workbook shares: the styles (Times New Roman, bordered tables, dates as
//! dd/mm/yyyy, 1.296 and 99,9%), cell writers that can never produce a formula, the title rows,
//! the table finish (frozen header, filter, print set-up), the hidden sheet that feeds the
//! drop-down lists, and saving through a temporary file so a failed export leaves nothing.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Result};

/// Rows a template prepares (formats and drop-down lists) below its header.
pub(crate) const TEMPLATE_ROWS: u32 = 500;

/// Excel keeps at most 32.767 UTF-16 units in a cell; longer text is cut rather than refused.
const MAX_CELL_UNITS: usize = 32_000;

pub(crate) fn xl(e: XlsxError) -> Error {
    Error::Internal(format!("không tạo được bảng tính Excel ({e})"))
}

/// `?` for rust_xlsxwriter results.
pub(crate) trait Xl<T> {
    fn xl(self) -> Result<T>;
}

impl<T> Xl<T> for std::result::Result<T, XlsxError> {
    fn xl(self) -> Result<T> {
        self.map_err(xl)
    }
}

/// A column of a table: its header and width (in Excel's character units).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub header: &'static str,
    pub width: f64,
}

pub(crate) const fn col(header: &'static str, width: f64) -> Column {
    Column { header, width }
}

fn base() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
}

fn cell() -> Format {
    base()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
}

/// The formats of a workbook (made once, shared by its sheets).
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub note: Format,
    pub draft: Format,
    pub header: Format,
    pub text: Format,
    pub text_bold: Format,
    pub text_muted: Format,
    pub center: Format,
    pub center_bold: Format,
    pub int: Format,
    pub int_bold: Format,
    pub points: Format,
    pub points_bold: Format,
    pub pct: Format,
    pub pct_bold: Format,
    pub date: Format,
}

/// Integers with a thousands separator: Excel shows 1.296 where Windows is set to Vietnamese.
const INT: &str = "#,##0";
/// One decimal: 99,9% in Vietnamese settings.
const PCT: &str = "0.0%";
const DATE: &str = "dd/mm/yyyy";

impl Styles {
    pub fn new() -> Styles {
        let text = cell().set_text_wrap();
        Styles {
            title: base()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: base()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            note: base().set_italic(),
            draft: base()
                .set_bold()
                .set_font_size(14)
                .set_font_color(0xC00000)
                .set_align(FormatAlign::Center),
            header: cell()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xD9E1F2),
            text_bold: text.clone().set_bold(),
            text_muted: text.clone().set_italic().set_font_color(0x595959),
            text,
            center: cell().set_align(FormatAlign::Center),
            center_bold: cell().set_align(FormatAlign::Center).set_bold(),
            int: cell().set_num_format(INT),
            int_bold: cell().set_num_format(INT).set_bold(),
            // Scores keep Excel's General format: 13 shows as 13 and 0,5 as 0,5 (a fixed
            // "0.##" would print "13,").
            points: cell(),
            points_bold: cell().set_bold(),
            pct: cell().set_num_format(PCT),
            pct_bold: cell().set_num_format(PCT).set_bold(),
            date: cell().set_num_format(DATE).set_align(FormatAlign::Center),
        }
    }

    /// The format of a column left for typing in a template (no border, just the type).
    pub fn typing_date() -> Format {
        base().set_num_format(DATE)
    }

    pub fn typing_int() -> Format {
        base().set_num_format(INT)
    }
}

/// Whether Excel would take the text for a formula once someone edits the cell: text starting
/// with = + - @ (and tab or carriage return, as OWASP's CSV-injection advice adds).
pub(crate) fn looks_like_formula(value: &str) -> bool {
    value.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn fit(value: &str) -> std::borrow::Cow<'_, str> {
    if value.encode_utf16().count() <= MAX_CELL_UNITS {
        return value.into();
    }
    let mut units = 0;
    let mut cut = String::new();
    for ch in value.chars() {
        units += ch.len_utf16();
        if units > MAX_CELL_UNITS {
            break;
        }
        cut.push(ch);
    }
    cut.push('…');
    cut.into()
}

/// Writes text as text, never as a formula. `write_string` always stores a plain string cell
/// (rust_xlsxwriter only makes formulas in `write_formula`/`write`), so "=SUM(A1)" is shown
/// and read back as those eight characters. Text that Excel would turn into a formula when the
/// cell is edited also gets the quote prefix: Excel's own apostrophe, kept in the cell style
/// and not in the value, so nothing changes for readers and the text survives an edit.
pub(crate) fn text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<()> {
    let value = fit(value);
    if looks_like_formula(&value) {
        let quoted = format.clone().set_quote_prefix();
        ws.write_string_with_format(row, col, value.as_ref(), &quoted)
            .xl()?;
    } else {
        ws.write_string_with_format(row, col, value.as_ref(), format)
            .xl()?;
    }
    Ok(())
}

/// A number, or an empty bordered cell for None.
pub(crate) fn number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<()> {
    match value.filter(|v| v.is_finite()) {
        Some(v) => ws.write_number_with_format(row, col, v, format).xl()?,
        None => ws.write_blank(row, col, format).xl()?,
    };
    Ok(())
}

pub(crate) fn int(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: i64,
    format: &Format,
) -> Result<()> {
    number(ws, row, col, Some(value as f64), format)
}

/// A percentage as computed by core (99.9) written as Excel's fraction (0,999) in "0.0%".
pub(crate) fn pct(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<()> {
    // Through whole tenths of a percent, so 43,8% is stored as 0,438 and not 0,43799….
    number(
        ws,
        row,
        col,
        value.map(|p| (p * 10.0).round() / 1000.0),
        format,
    )
}

/// A real date (a number Excel shows as dd/mm/yyyy), or an empty cell.
pub(crate) fn date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<NaiveDate>,
    format: &Format,
) -> Result<()> {
    let Some(d) = value else {
        ws.write_blank(row, col, format).xl()?;
        return Ok(());
    };
    let excel = u16::try_from(d.year())
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok());
    match excel {
        Some(x) => {
            ws.write_date_with_format(row, col, &x, format).xl()?;
        }
        // Before 1900 Excel has no dates: keep the text rather than lose the value.
        None => text(ws, row, col, &d.format("%d/%m/%Y").to_string(), format)?,
    }
    Ok(())
}

/// Text across columns `first..=last` of a row.
pub(crate) fn merged(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    last: u16,
    value: &str,
    format: &Format,
) -> Result<()> {
    if first == last {
        return text(ws, row, first, value, format);
    }
    let value = fit(value);
    let format = if looks_like_formula(&value) {
        format.clone().set_quote_prefix()
    } else {
        format.clone()
    };
    ws.merge_range(row, first, row, last, &value, &format)
        .xl()?;
    Ok(())
}

/// A title over the whole width of the table, tall enough for two lines when it wraps.
pub(crate) fn title_row(
    ws: &mut Worksheet,
    row: u32,
    columns: usize,
    value: &str,
    format: &Format,
    height: f64,
) -> Result<()> {
    merged(ws, row, 0, last_col(columns), value, format)?;
    ws.set_row_height(row, height).xl()?;
    Ok(())
}

pub(crate) fn last_col(columns: usize) -> u16 {
    u16::try_from(columns.saturating_sub(1)).unwrap_or(0)
}

/// The header row of a table, with the column widths.
pub(crate) fn header_row(
    ws: &mut Worksheet,
    row: u32,
    columns: &[Column],
    format: &Format,
) -> Result<()> {
    for (i, c) in columns.iter().enumerate() {
        let i = i as u16;
        text(ws, row, i, c.header, format)?;
        ws.set_column_width(i, c.width).xl()?;
    }
    ws.set_row_height(row, 33).xl()?;
    Ok(())
}

/// Freezes the title and header rows, puts a filter on the header (down to `last_row`), and
/// sets the page up as officers print: A4 landscape, one page wide, header repeated on each
/// page, page numbers at the bottom.
pub(crate) fn finish_table(
    ws: &mut Worksheet,
    header_first: u32,
    header_last: u32,
    last_row: u32,
    columns: usize,
) -> Result<()> {
    ws.set_freeze_panes(header_last + 1, 0).xl()?;
    ws.autofilter(header_last, 0, last_row.max(header_last), last_col(columns))
        .xl()?;
    ws.set_repeat_rows(header_first, header_last).xl()?;
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.6, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&CTrang &P/&N");
    Ok(())
}

/// The hidden "Danh mục" sheet holding the values of the drop-down lists. Lists go to a sheet
/// rather than into the validation itself because Excel separates inline values by commas,
/// and names such as "Lồng ghép sinh hoạt thôn, tổ dân phố" contain one.
pub(crate) struct Lists {
    sheet: Worksheet,
    next: u16,
}

pub(crate) const LISTS_SHEET: &str = "Danh mục";

impl Lists {
    pub fn new() -> Result<Lists> {
        let mut sheet = Worksheet::new();
        sheet.set_name(LISTS_SHEET).xl()?;
        sheet.set_hidden(true);
        Ok(Lists { sheet, next: 0 })
    }

    /// Adds a list (a heading, then the values) and returns the range to validate against.
    pub fn add(&mut self, heading: &str, values: &[String]) -> Result<Formula> {
        let col = self.next;
        self.next += 1;
        let bold = base().set_bold();
        text(&mut self.sheet, 0, col, heading, &bold)?;
        for (i, v) in values.iter().enumerate() {
            text(&mut self.sheet, i as u32 + 1, col, v, &base())?;
        }
        self.sheet.set_column_width(col, 40).xl()?;
        let letter = column_letter(col);
        let last = values.len().max(1) + 1;
        Ok(Formula::new(format!(
            "='{LISTS_SHEET}'!${letter}$2:${letter}${last}"
        )))
    }

    pub fn into_sheet(self) -> Worksheet {
        self.sheet
    }
}

pub(crate) fn column_letter(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// How a drop-down reacts to a value not in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strict {
    /// Refused: the import knows only these values.
    Yes,
    /// Warned but allowed: the import also reads other wordings.
    No,
}

/// A drop-down list on `col`, rows `first..first + TEMPLATE_ROWS`.
pub(crate) fn list_validation(
    ws: &mut Worksheet,
    first: u32,
    col: u16,
    source: Formula,
    strict: Strict,
) -> Result<()> {
    let (style, message) = match strict {
        Strict::Yes => (
            DataValidationErrorStyle::Stop,
            "Hãy chọn một giá trị trong danh sách thả xuống.",
        ),
        Strict::No => (
            DataValidationErrorStyle::Warning,
            "Giá trị này không có trong danh sách. Nên chọn trong danh sách thả xuống; chọn Yes để vẫn giữ.",
        ),
    };
    let dv = DataValidation::new()
        .allow_list_formula(source)
        .set_error_style(style)
        .set_error_title("Giá trị không hợp lệ")
        .xl()?
        .set_error_message(message)
        .xl()?;
    ws.add_data_validation(first, col, first + TEMPLATE_ROWS - 1, col, &dv)
        .xl()?;
    Ok(())
}

/// Whole numbers from 0 on `first_col..=last_col`.
pub(crate) fn count_validation(
    ws: &mut Worksheet,
    first: u32,
    first_col: u16,
    last_col: u16,
) -> Result<()> {
    let dv = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_title("Số không hợp lệ")
        .xl()?
        .set_error_message("Hãy ghi một số nguyên không âm (0, 1, 2, …).")
        .xl()?;
    ws.add_data_validation(first, first_col, first + TEMPLATE_ROWS - 1, last_col, &dv)
        .xl()?;
    Ok(())
}

/// Points between 0 and 100 on `col`.
pub(crate) fn points_validation(ws: &mut Worksheet, first: u32, col: u16) -> Result<()> {
    let dv = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_title("Điểm không hợp lệ")
        .xl()?
        .set_error_message("Điểm tối đa là một số từ 0 đến 100, có thể có phần thập phân (0,5).")
        .xl()?;
    ws.add_data_validation(first, col, first + TEMPLATE_ROWS - 1, col, &dv)
        .xl()?;
    Ok(())
}

/// A hint Excel shows when a cell of `col` is selected (what to type, with an example).
pub(crate) fn hint(
    ws: &mut Worksheet,
    first: u32,
    col: u16,
    title: &str,
    message: &str,
) -> Result<()> {
    let dv = DataValidation::new()
        .allow_any_value()
        .set_input_title(title)
        .xl()?
        .set_input_message(message)
        .xl()?;
    ws.add_data_validation(first, col, first + TEMPLATE_ROWS - 1, col, &dv)
        .xl()?;
    Ok(())
}

pub(crate) fn new_workbook(title: &str) -> Workbook {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(title)
        .set_author("CCHC Xã")
        .set_company("CCHC Xã");
    wb.set_properties(&props);
    wb
}

/// Refuses a path the export cannot write, before any work: no file name, not .xlsx, a
/// folder, or a folder that does not exist.
pub(crate) fn check_target(out: &Path) -> Result<()> {
    let Some(name) = out.file_name() else {
        return Err(Error::invalid(format!(
            "“{}” không phải là tên tệp. Hãy ghi tên tệp, ví dụ ke-hoach-cchc-2026.xlsx.",
            out.display()
        )));
    };
    let is_xlsx = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Error::invalid(format!(
            "Tệp “{}” phải có đuôi .xlsx để Excel mở được (ví dụ ke-hoach-cchc-2026.xlsx).",
            name.to_string_lossy()
        )));
    }
    let dir = folder(out);
    if !dir.is_dir() {
        return Err(Error::invalid(format!(
            "Thư mục “{}” không tồn tại. Hãy chọn một thư mục có sẵn để lưu tệp.",
            dir.display()
        )));
    }
    if out.is_dir() {
        return Err(Error::invalid(format!(
            "“{}” là một thư mục. Hãy ghi tên tệp, ví dụ ke-hoach-cchc-2026.xlsx.",
            out.display()
        )));
    }
    crate::filename::check_output(out)
}

fn folder(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn write_error(out: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        return Error::invalid(format!(
            "Không ghi được tệp “{}”: tệp đang mở (ví dụ trong Excel) hoặc thư mục không cho phép ghi. Hãy đóng tệp hoặc chọn thư mục khác rồi thử lại.",
            out.display()
        ));
    }
    Error::io(out, e)
}

/// Saves the workbook to `out`: built in memory, written to a temporary file beside `out`,
/// then renamed over it, so an export that fails leaves neither a half file nor a damaged
/// older one.
pub(crate) fn save(wb: &mut Workbook, out: &Path) -> Result<()> {
    check_target(out)?;
    let bytes = wb.save_to_buffer().xl()?;
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = folder(out).join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(write_error(out, e));
    }
    crate::files::replace(&tmp, out).map_err(|e| match e {
        Error::Io { source, .. } => write_error(out, source),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }

    #[test]
    fn formula_like_text_is_recognised() {
        for s in ["=SUM(A1)", "+1", "-2", "@cmd", "\t=1"] {
            assert!(looks_like_formula(s), "{s}");
        }
        for s in ["Kế hoạch", "1.296", "", " =1"] {
            assert!(!looks_like_formula(s), "{s}");
        }
    }

    #[test]
    fn very_long_text_is_cut_to_what_excel_holds() {
        let long = "a".repeat(40_000);
        assert_eq!(fit(&long).chars().count(), MAX_CELL_UNITS + 1);
        assert_eq!(fit("ngắn"), "ngắn");
    }
}
