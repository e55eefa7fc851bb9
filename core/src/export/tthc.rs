//! The year's one-stop figures as a workbook. The first sheet has each statistics period
//! (batch): carried over from the period before, received by channel, resolved early / on
//! time / late, in progress (of which overdue), returned, and the on-time and online rates;
//! then the year's total (only the periods the year counts, so an overlapping one is shown but
//! not added twice) and the targets. The second sheet, "Số liệu chi tiết", has every row of
//! every period (each procedure, or "(Toàn bộ một cửa)") with its period's dates: it is what
//! the one-stop import reads back, so an exported year imports back unchanged.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Format, Worksheet};

use super::book::{self, Styles, Xl};
use crate::error::Result;
use crate::onestop::{self, Counts};

/// The row of the whole one-stop on the detail sheet, which the import reads as such.
pub(crate) const WHOLE: &str = "(Toàn bộ một cửa)";

/// Columns of the counts: (group, sub-header); a group of one column spans both rows.
const COUNT_COLUMNS: [(&str, &str); 13] = [
    ("Kỳ trước chuyển qua", ""),
    ("Số hồ sơ tiếp nhận trong kỳ", "Tổng số"),
    ("Số hồ sơ tiếp nhận trong kỳ", "Trực tiếp"),
    ("Số hồ sơ tiếp nhận trong kỳ", "Trực tuyến"),
    ("Số hồ sơ tiếp nhận trong kỳ", "Qua BCCI"),
    ("Số hồ sơ đã giải quyết", "Tổng số"),
    ("Số hồ sơ đã giải quyết", "Trước hạn"),
    ("Số hồ sơ đã giải quyết", "Đúng hạn"),
    ("Số hồ sơ đã giải quyết", "Quá hạn"),
    ("Hồ sơ đang giải quyết", "Tổng số"),
    ("Hồ sơ đang giải quyết", "Quá hạn"),
    ("Trả lại, rút hồ sơ", ""),
    ("Tỷ lệ đúng hạn", ""),
];
/// Count columns plus the two rates.
const WIDTH: u16 = 14;

/// The group headers over the count columns, starting at column `first`.
fn count_header(ws: &mut Worksheet, top: u32, first: u16, h: &Format) -> Result<()> {
    let sub = top + 1;
    let mut c = 0usize;
    let all: Vec<(&str, &str)> = COUNT_COLUMNS
        .iter()
        .copied()
        .chain([("Tỷ lệ trực tuyến", "")])
        .collect();
    while c < all.len() {
        let (group, s) = all[c];
        let col = first + c as u16;
        if s.is_empty() {
            ws.merge_range(top, col, sub, col, group, h).xl()?;
            c += 1;
            continue;
        }
        let span = all[c..].iter().take_while(|(g, _)| *g == group).count();
        ws.merge_range(top, col, top, col + span as u16 - 1, group, h)
            .xl()?;
        for (i, (_, s)) in all[c..c + span].iter().enumerate() {
            book::text(ws, sub, col + i as u16, s, h)?;
        }
        c += span;
    }
    for c in first..first + WIDTH {
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
        c.carried_over,
        c.received(),
        c.received_direct,
        c.received_online,
        c.received_bcci,
        c.resolved(),
        c.resolved_early,
        c.resolved_on_time,
        c.resolved_late,
        c.in_progress,
        c.in_progress_overdue,
        c.returned,
    ];
    for (i, v) in values.into_iter().enumerate() {
        book::int(ws, row, first + i as u16, v, int)?;
    }
    book::pct(ws, row, first + 12, c.on_time_rate_pct(), pct)?;
    book::pct(ws, row, first + 13, c.online_rate_pct(), pct)?;
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

    // Kỳ thống kê | Từ ngày | Đến ngày | 14 count and rate columns | Ghi chú
    const FIRST: u16 = 3;
    const NOTE: u16 = FIRST + WIDTH;
    let columns = usize::from(NOTE) + 1;
    let mut ws = Worksheet::new();
    ws.set_name("Một cửa").xl()?;
    book::title_row(&mut ws, 0, columns, &title, &st.title, 30.0)?;
    book::title_row(
        &mut ws,
        1,
        columns,
        &format!(
            "{issuer} – Bộ phận một cửa. Tổng năm cộng các kỳ kết thúc trong năm {year}, kỳ trùng thời gian không cộng hai lần; kỳ trước chuyển qua là của kỳ đầu, đang giải quyết là của kỳ cuối."
        ),
        &st.subtitle,
        30.0,
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
    for c in FIRST..FIRST + 12 {
        ws.write_blank(row, c, &st.text).xl()?;
    }
    book::pct(
        &mut ws,
        row,
        FIRST + 12,
        Some(view.targets.on_time_rate_pct),
        &st.pct,
    )?;
    book::pct(
        &mut ws,
        row,
        FIRST + 13,
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
    wb.push_worksheet(details(&st, &view)?);
    book::save(&mut wb, out)?;
    Ok(view.batches.len())
}

/// Every row of every period with its dates: what the import reads back.
fn details(st: &Styles, view: &onestop::YearView) -> Result<Worksheet> {
    const FIRST: u16 = 6;
    let columns = usize::from(FIRST + WIDTH);
    let mut ws = Worksheet::new();
    ws.set_name("Số liệu chi tiết").xl()?;
    book::title_row(
        &mut ws,
        0,
        columns,
        &format!(
            "SỐ LIỆU CHI TIẾT THEO KỲ VÀ THỦ TỤC HÀNH CHÍNH NĂM {} (sửa số liệu rồi nhập lại tệp này để cập nhật)",
            view.year
        ),
        &st.title,
        30.0,
    )?;
    let (top, sub) = (1, 2);
    for (c, name, width) in [
        (0, "Kỳ thống kê", 22.0),
        (1, "Từ ngày", 12.0),
        (2, "Đến ngày", 12.0),
        (3, "Mã thủ tục", 14.0),
        (4, "Tên thủ tục hành chính", 40.0),
        (5, "Lĩnh vực", 18.0),
    ] {
        ws.merge_range(top, c, sub, c, name, &st.header).xl()?;
        ws.set_column_width(c, width).xl()?;
    }
    count_header(&mut ws, top, FIRST, &st.header)?;
    let mut row = sub;
    for b in &view.batches {
        for r in &b.rows {
            row += 1;
            let whole = r.procedure_name.is_empty() && r.procedure_code.is_empty();
            book::text(&mut ws, row, 0, &b.label, &st.text)?;
            book::date(&mut ws, row, 1, Some(b.from), &st.date)?;
            book::date(&mut ws, row, 2, Some(b.to), &st.date)?;
            book::text(&mut ws, row, 3, &r.procedure_code, &st.text)?;
            book::text(
                &mut ws,
                row,
                4,
                if whole { WHOLE } else { &r.procedure_name },
                &st.text,
            )?;
            book::text(&mut ws, row, 5, &r.field, &st.text)?;
            counts(&mut ws, row, FIRST, &r.counts, &st.int, &st.pct)?;
        }
    }
    book::finish_table(&mut ws, top, sub, row, columns)?;
    Ok(ws)
}
