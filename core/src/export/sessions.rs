//! The dissemination sessions of a reporting period as a workbook, oldest first, with the
//! period's number of sessions and attendees in a total row. The columns are the sessions
//! template's, plus a number, the materials handed out, the plan task and notes; a last,
//! hidden column holds each session's stable key for a round trip.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::Worksheet;

use super::book::{self, col, Column, Styles, Xl};
use crate::error::Result;
use crate::period::Period;
use crate::sessions;
use crate::text;

const COLUMNS: [Column; 15] = [
    col("STT", 6.0),
    col("Ngày tổ chức", 13.0),
    col("Loại", 20.0),
    col("Hình thức", 20.0),
    col("Nội dung", 40.0),
    col("Văn bản pháp luật", 30.0),
    col("Địa điểm", 22.0),
    col("Thôn, tổ dân phố", 16.0),
    col("Đối tượng", 20.0),
    col("Số người tham dự", 11.0),
    col("Báo cáo viên", 22.0),
    col("Tài liệu phát", 24.0),
    col("Nhiệm vụ kế hoạch", 30.0),
    col("Ghi chú", 20.0),
    col(crate::import::columns::KEY_HEADER, 12.0),
];
const KEY: u16 = 14;

const HEADER: u32 = 2;
const ATTENDEES: u16 = 9;

/// Writes the sessions held in `period` to `out` (an .xlsx path in an existing folder).
/// Returns the number of sessions written.
pub fn export_sessions(conn: &Connection, period: &Period, out: &Path) -> Result<usize> {
    book::check_target(out)?;
    let list = sessions::in_period(conn, period)?;
    let issuer = super::issuer(conn)?;
    let st = Styles::new();
    let mut ws = Worksheet::new();
    ws.set_name("Tuyên truyền").xl()?;

    let title = "DANH SÁCH BUỔI TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT VÀ CẢI CÁCH HÀNH CHÍNH";
    let attendees: i64 = list.iter().map(|s| s.attendees).sum();
    let line = format!(
        "{issuer} – {}: {} buổi, {} người tham dự.",
        period.label(),
        text::format_int(list.len() as i64),
        text::format_int(attendees)
    );
    book::title_row(&mut ws, 0, COLUMNS.len(), title, &st.title, 30.0)?;
    book::title_row(&mut ws, 1, COLUMNS.len(), &line, &st.subtitle, 22.0)?;
    book::header_row(&mut ws, HEADER, &COLUMNS, &st.header)?;

    let instance = crate::import::identity::instance(conn)?;
    let mut row = HEADER;
    for (i, s) in list.iter().enumerate() {
        row += 1;
        book::text(
            &mut ws,
            row,
            KEY,
            &crate::import::identity::record_key(&instance, crate::import::SESSION_KEY, s.id),
            &st.text,
        )?;
        book::int(&mut ws, row, 0, i as i64 + 1, &st.center)?;
        book::date(&mut ws, row, 1, Some(s.held_on), &st.date)?;
        let laws = s.laws.join("; ");
        let materials = s
            .materials
            .iter()
            .map(|m| format!("{}: {}", m.kind, text::format_int(m.count)))
            .collect::<Vec<_>>()
            .join("; ");
        let texts = [
            (2, s.kind_label.as_str()),
            (3, s.form_label.as_str()),
            (4, s.content.as_str()),
            (5, laws.as_str()),
            (6, s.place.as_str()),
            (7, s.village.as_str()),
            (8, s.audience.as_str()),
            (10, s.presenter.as_str()),
            (11, materials.as_str()),
            (12, s.task_label.as_deref().unwrap_or_default()),
            (13, s.notes.as_str()),
        ];
        for (c, v) in texts {
            book::text(&mut ws, row, c, v, &st.text)?;
        }
        book::int(&mut ws, row, ATTENDEES, s.attendees, &st.int)?;
    }
    let last_data = row;
    row += 1;
    book::merged(
        &mut ws,
        row,
        0,
        ATTENDEES - 1,
        &format!("Tổng cộng: {} buổi", text::format_int(list.len() as i64)),
        &st.text_bold,
    )?;
    book::int(&mut ws, row, ATTENDEES, attendees, &st.int_bold)?;
    for c in ATTENDEES + 1..KEY {
        ws.write_blank(row, c, &st.text_bold).xl()?;
    }
    book::finish_table(&mut ws, HEADER, HEADER, last_data, COLUMNS.len())?;
    ws.set_column_hidden(KEY).xl()?;

    let mut wb = book::new_workbook(title);
    wb.push_worksheet(ws);
    book::save(&mut wb, out)?;
    Ok(list.len())
}
