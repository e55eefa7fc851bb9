//! The year's one-stop figures as a workbook: each statistics period (batch) with records
//! received by channel, resolved early / on time / late, in progress, returned, and the
//! on-time and online rates; then the year's total (only the periods the year counts, so an
//! overlapping one is shown but not added twice) and the targets. When periods were entered
//! per procedure, a second sheet lists those rows.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Format, Worksheet};

use super::book::{self, Styles, Xl};
use crate::error::Result;
use crate::onestop::{self, Counts};

/// The group headers over the count columns, starting at column `first`.
fn count_header(ws: &mut Worksheet, top: u32, first: u16, h: &Format) -> Result<()> {
    let sub = top + 1;
    ws.merge_range(top, first, top, first + 3, "Số hồ sơ tiếp nhận", h)
        .xl()?;
    ws.merge_range(top, first + 4, top, first + 7, "Số hồ sơ đã giải quyết", h)
        .xl()?;
    let names = [
        "Tổng số",
        "Trực tiếp",
        "Trực tuyến",
        "Qua BCCI",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
    ];
    for (i, name) in names.into_iter().enumerate() {
        book::text(ws, sub, first + i as u16, name, h)?;
    }
    for (i, name) in [
        "Đang giải quyết",
        "Trả lại, rút",
        "Tỷ lệ đúng hạn",
        "Tỷ lệ trực tuyến",
    ]
    .into_iter()
    .enumerate()
    {
        let c = first + 8 + i as u16;
        ws.merge_range(top, c, sub, c, name, h).xl()?;
    }
    for c in first..first + 12 {
        ws.set_column_width(c, 10).xl()?;
    }
    ws.set_row_height(top, 30).xl()?;
    ws.set_row_height(sub, 30).xl()?;
    Ok(())
}

/// The count and rate cells of one row, from column `first`.
fn counts(
    ws: &mut Worksheet,
    row: u32,
    first: u16,
    c: &Counts,
    int: &Format,
    pct: &Format,
) -> Result<()> {
    let values = [
        c.received(),
        c.received_direct,
        c.received_online,
        c.received_bcci,
        c.resolved(),
        c.resolved_early,
        c.resolved_on_time,
        c.resolved_late,
        c.in_progress,
        c.returned,
    ];
    for (i, v) in values.into_iter().enumerate() {
        book::int(ws, row, first + i as u16, v, int)?;
    }
    book::pct(ws, row, first + 10, c.on_time_rate_pct(), pct)?;
    book::pct(ws, row, first + 11, c.online_rate_pct(), pct)?;
    Ok(())
}

/// Writes the one-stop figures of `year` to `out` (an .xlsx path in an existing folder).
/// Returns the number of periods written.
pub fn export_tthc(conn: &Connection, year: i32, out: &Path) -> Result<usize> {
    book::check_target(out)?;
    crate::commune::require_year(conn, year)?;
    let view = onestop::year_view(conn, year)?;
    let issuer = super::issuer(conn)?;
    let st = Styles::new();
    let title = format!("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH NĂM {year}");

    // Kỳ thống kê | Từ ngày | Đến ngày | 12 count and rate columns | Ghi chú
    const FIRST: u16 = 3;
    const NOTE: u16 = FIRST + 12;
    let columns = usize::from(NOTE) + 1;
    let mut ws = Worksheet::new();
    ws.set_name("Một cửa").xl()?;
    book::title_row(&mut ws, 0, columns, &title, &st.title, 30.0)?;
    book::title_row(
        &mut ws,
        1,
        columns,
        &format!(
            "{issuer} – Bộ phận một cửa. Tổng năm cộng các kỳ kết thúc trong năm {year}, kỳ trùng thời gian không cộng hai lần."
        ),
        &st.subtitle,
        22.0,
    )?;
    let (top, sub) = (2, 3);
    for (c, name, width) in [
        (0, "Kỳ thống kê", 24.0),
        (1, "Từ ngày", 12.0),
        (2, "Đến ngày", 12.0),
        (NOTE, "Ghi chú", 36.0),
    ] {
        ws.merge_range(top, c, sub, c, name, &st.header).xl()?;
        ws.set_column_width(c, width).xl()?;
    }
    count_header(&mut ws, top, FIRST, &st.header)?;

    let mut row = sub;
    for b in &view.batches {
        row += 1;
        let text = if b.counted { &st.text } else { &st.text_muted };
        book::text(&mut ws, row, 0, &b.label, text)?;
        book::date(&mut ws, row, 1, Some(b.from), &st.date)?;
        book::date(&mut ws, row, 2, Some(b.to), &st.date)?;
        counts(&mut ws, row, FIRST, &b.total, &st.int, &st.pct)?;
        let note = match &b.skipped_because {
            Some(why) => format!("Không cộng vào tổng năm: {why}"),
            None => String::new(),
        };
        book::text(&mut ws, row, NOTE, &note, text)?;
    }
    let last_data = row;
    row += 1;
    book::merged(
        &mut ws,
        row,
        0,
        2,
        &format!("Tổng cộng năm {year}"),
        &st.text_bold,
    )?;
    counts(&mut ws, row, FIRST, &view.total, &st.int_bold, &st.pct_bold)?;
    ws.write_blank(row, NOTE, &st.text_bold).xl()?;
    row += 1;
    book::merged(&mut ws, row, 0, 2, "Chỉ tiêu năm", &st.text)?;
    for c in FIRST..FIRST + 10 {
        ws.write_blank(row, c, &st.text).xl()?;
    }
    book::pct(
        &mut ws,
        row,
        FIRST + 10,
        Some(view.targets.on_time_rate_pct),
        &st.pct,
    )?;
    book::pct(
        &mut ws,
        row,
        FIRST + 11,
        Some(view.targets.online_rate_pct),
        &st.pct,
    )?;
    let judge = |rate: Option<f64>, target: f64, what: &str| match rate {
        Some(r) if r >= target => format!("{what}: đạt"),
        Some(_) => format!("{what}: chưa đạt"),
        None => format!("{what}: chưa có số liệu"),
    };
    let verdict = format!(
        "{}; {}.",
        judge(
            view.on_time_rate_pct,
            view.targets.on_time_rate_pct,
            "Đúng hạn"
        ),
        judge(
            view.online_rate_pct,
            view.targets.online_rate_pct,
            "Trực tuyến"
        )
    );
    book::text(&mut ws, row, NOTE, &verdict, &st.text)?;
    book::finish_table(&mut ws, top, sub, last_data, columns)?;

    let mut wb = book::new_workbook(&title);
    wb.push_worksheet(ws);

    let by_procedure = view.batches.iter().any(|b| {
        b.rows
            .iter()
            .any(|r| !r.procedure_code.is_empty() || !r.procedure_name.is_empty())
    });
    if by_procedure {
        wb.push_worksheet(procedures(&st, &view)?);
    }
    book::save(&mut wb, out)?;
    Ok(view.batches.len())
}

/// The per-procedure rows of every period.
fn procedures(st: &Styles, view: &onestop::YearView) -> Result<Worksheet> {
    const FIRST: u16 = 4;
    let columns = usize::from(FIRST) + 12;
    let mut ws = Worksheet::new();
    ws.set_name("Theo thủ tục").xl()?;
    book::title_row(
        &mut ws,
        0,
        columns,
        &format!(
            "KẾT QUẢ GIẢI QUYẾT THEO TỪNG THỦ TỤC HÀNH CHÍNH NĂM {}",
            view.year
        ),
        &st.title,
        30.0,
    )?;
    let (top, sub) = (1, 2);
    for (c, name, width) in [
        (0, "Kỳ thống kê", 22.0),
        (1, "Mã thủ tục", 14.0),
        (2, "Tên thủ tục hành chính", 40.0),
        (3, "Lĩnh vực", 18.0),
    ] {
        ws.merge_range(top, c, sub, c, name, &st.header).xl()?;
        ws.set_column_width(c, width).xl()?;
    }
    count_header(&mut ws, top, FIRST, &st.header)?;
    let mut row = sub;
    for b in &view.batches {
        for r in &b.rows {
            row += 1;
            let name = if r.procedure_name.is_empty() && r.procedure_code.is_empty() {
                "Toàn bộ một cửa"
            } else {
                r.procedure_name.as_str()
            };
            book::text(&mut ws, row, 0, &b.label, &st.text)?;
            book::text(&mut ws, row, 1, &r.procedure_code, &st.text)?;
            book::text(&mut ws, row, 2, name, &st.text)?;
            book::text(&mut ws, row, 3, &r.field, &st.text)?;
            counts(&mut ws, row, FIRST, &r.counts, &st.int, &st.pct)?;
        }
    }
    book::finish_table(&mut ws, top, sub, row, columns)?;
    Ok(ws)
}
