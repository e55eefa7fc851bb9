//! The year's plan as a workbook: every task with its area, lead, deadline, status, completion
//! date and result, in plan order. The first twelve columns are the task import's own, so an
//! exported plan can be edited in Excel and imported back; two more give the next deadline
//! and whether the task is overdue, as of `today`; a last, hidden column holds each task's
//! stable key, so the file imported back matches every task even when a content is edited.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Worksheet;

use super::book::{self, col, Column, Styles, Xl};
use crate::error::Result;
use crate::plan::{progress, reference, tasks};

const COLUMNS: [Column; 15] = [
    col("STT", 6.0),
    col("Nội dung nhiệm vụ", 45.0),
    col("Lĩnh vực", 24.0),
    col("Chủ trì", 20.0),
    col("Phối hợp", 22.0),
    col("Thời hạn", 14.0),
    col("Sản phẩm", 24.0),
    col("Trạng thái", 16.0),
    col("Ngày hoàn thành", 13.0),
    col("Kết quả", 32.0),
    col("Lý do", 22.0),
    col("Giải pháp", 22.0),
    col("Hạn tiếp theo", 13.0),
    col("Quá hạn", 9.0),
    col(crate::import::columns::KEY_HEADER, 12.0),
];
const KEY: u16 = 14;

const HEADER: u32 = 2;

/// Writes the plan of `year` to `out` (an .xlsx path in an existing folder), judged as of
/// `today`. Returns the number of tasks written.
pub fn export_plan(conn: &Connection, year: i32, today: NaiveDate, out: &Path) -> Result<usize> {
    book::check_target(out)?;
    let list = tasks::list(conn, year, today)?;
    let info = reference::get(conn, year)?;
    let issuer = super::issuer(conn)?;
    let st = Styles::new();
    let mut ws = Worksheet::new();
    ws.set_name("Kế hoạch CCHC").xl()?;

    let title = format!("TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {year}");
    let f = progress::figures(&list);
    let (done, overdue) = (f.done, f.overdue);
    let mut line = issuer;
    if let Some(c) = info.citation() {
        line.push_str(&format!(" – {c}"));
    }
    line.push_str(&format!(
        " – Số liệu đến ngày {}: thực hiện được {done}/{} nhiệm vụ",
        today.format("%d/%m/%Y"),
        list.len()
    ));
    if overdue > 0 {
        line.push_str(&format!(", {overdue} nhiệm vụ quá hạn"));
    }
    line.push('.');
    book::title_row(&mut ws, 0, COLUMNS.len(), &title, &st.title, 30.0)?;
    book::title_row(&mut ws, 1, COLUMNS.len(), &line, &st.subtitle, 30.0)?;
    book::header_row(&mut ws, HEADER, &COLUMNS, &st.header)?;

    let instance = crate::import::identity::instance(conn)?;
    let mut row = HEADER;
    for t in &list {
        row += 1;
        book::text(
            &mut ws,
            row,
            KEY,
            &crate::import::identity::record_key(&instance, crate::import::TASK_KEY, t.id),
            &st.text,
        )?;
        match t.number.parse::<u32>() {
            Ok(n) => book::number(&mut ws, row, 0, Some(f64::from(n)), &st.center)?,
            Err(_) => book::text(&mut ws, row, 0, &t.number, &st.center)?,
        }
        let texts = [
            (1, t.content.as_str()),
            (2, t.area_name.as_str()),
            (3, t.lead_officer_name.as_deref().unwrap_or_default()),
            (4, t.coordinators.as_str()),
            (5, t.deadline_text.as_str()),
            (6, t.product.as_str()),
            (7, t.status.label()),
            (9, t.result.as_str()),
            (10, t.reason.as_str()),
            (11, t.solution.as_str()),
        ];
        for (c, v) in texts {
            book::text(&mut ws, row, c, v, &st.text)?;
        }
        book::date(&mut ws, row, 8, t.completed_on, &st.date)?;
        book::date(&mut ws, row, 12, t.next_due, &st.date)?;
        book::text(
            &mut ws,
            row,
            13,
            if t.overdue { "Quá hạn" } else { "" },
            &st.center_bold,
        )?;
    }
    book::finish_table(&mut ws, HEADER, HEADER, row, COLUMNS.len())?;
    ws.set_column_hidden(KEY).xl()?;

    let mut wb = book::new_workbook(&title);
    wb.push_worksheet(ws);
    book::save(&mut wb, out)?;
    Ok(list.len())
}
