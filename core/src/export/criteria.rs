//! The year's criteria set as a workbook in the shape of the criteria template: printed code,
//! title, maximum and the evidence asked for, each leaf's scoring levels as "- Tên mức: điểm"
//! rows under it, a "Loại" column for bonus and penalty groups, and a hidden column holding each
//! node's full code. Imported back, it changes nothing; imported into another commune's year,
//! it gives the same set.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::Worksheet;

use super::book::{self, col, Column, Styles, Xl};
use crate::error::Result;
use crate::scoring::criteria::{self, Kind, Row};

const COLUMNS: [Column; 6] = [
    col("STT", 8.0),
    col("Lĩnh vực, tiêu chí, tiêu chí thành phần", 60.0),
    col("Điểm tối đa", 11.0),
    col("Tài liệu kiểm chứng", 45.0),
    col("Loại", 14.0),
    col(crate::import::columns::KEY_HEADER, 12.0),
];
const HEADER: u32 = 2;

fn write(
    ws: &mut Worksheet,
    st: &Styles,
    rows: &[Row],
    parent: Option<i64>,
    row: &mut u32,
) -> Result<usize> {
    let mut written = 0;
    for r in rows.iter().filter(|r| r.parent_id == parent) {
        *row += 1;
        written += 1;
        let top = parent.is_none();
        let (center, text, points) = if top {
            (&st.center_bold, &st.text_bold, &st.points_bold)
        } else {
            (&st.center, &st.text, &st.points)
        };
        match r.code.parse::<u32>() {
            Ok(n) => book::number(ws, *row, 0, Some(f64::from(n)), center)?,
            Err(_) => book::text(ws, *row, 0, &r.code, center)?,
        }
        book::text(ws, *row, 1, &r.title, text)?;
        book::number(ws, *row, 2, Some(r.max.as_f64()), points)?;
        book::text(ws, *row, 3, &r.evidence_required, &st.text)?;
        let kind = match (top, r.kind) {
            (true, Kind::Bonus) => "Điểm thưởng",
            (true, Kind::Penalty) => "Điểm trừ",
            _ => "",
        };
        book::text(ws, *row, 4, kind, &st.text)?;
        book::text(ws, *row, 5, &r.full_code, &st.text)?;
        for l in &r.levels {
            *row += 1;
            book::text(ws, *row, 0, "", &st.center)?;
            book::text(
                ws,
                *row,
                1,
                &format!("- {}: {}", l.label, l.points.display()),
                &st.text,
            )?;
            for c in 2..COLUMNS.len() as u16 {
                ws.write_blank(*row, c, &st.text).xl()?;
            }
        }
        written += write(ws, st, rows, Some(r.id), row)?;
    }
    Ok(written)
}

/// Writes the criteria set of `year` to `out` (an .xlsx path in an existing folder). Returns
/// the number of fields, criteria and sub-criteria written.
pub fn export_criteria(conn: &Connection, year: i32, out: &Path) -> Result<usize> {
    book::check_target(out)?;
    crate::commune::require_year(conn, year)?;
    let rows = criteria::rows(conn, year)?;
    let st = Styles::new();
    let mut ws = Worksheet::new();
    ws.set_name("Bộ tiêu chí").xl()?;
    let title =
        format!("BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM {year}");
    book::title_row(&mut ws, 0, COLUMNS.len(), &title, &st.title, 36.0)?;
    book::title_row(
        &mut ws,
        1,
        COLUMNS.len(),
        &format!(
            "{} – mức điểm ghi ở dòng bắt đầu bằng “-” dưới tiêu chí.",
            super::issuer(conn)?
        ),
        &st.subtitle,
        22.0,
    )?;
    book::header_row(&mut ws, HEADER, &COLUMNS, &st.header)?;
    let mut row = HEADER;
    let written = write(&mut ws, &st, &rows, None, &mut row)?;
    book::finish_table(&mut ws, HEADER, HEADER, row, COLUMNS.len())?;
    ws.set_column_hidden(5).xl()?;
    let mut wb = book::new_workbook(&title);
    wb.push_worksheet(ws);
    book::save(&mut wb, out)?;
    Ok(written)
}
