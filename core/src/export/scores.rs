//! The year's self-scoring sheet as a workbook: the criteria tree with each node's full code,
//! title, maximum, self-score, state, appraisal scores and the evidence filed for it, then
//! the totals and the rating. A sheet the chairman has not approved is marked "DỰ THẢO", as
//! a self-assessment must never look final before approval.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Worksheet;

use super::book::{self, col, Column, Styles, Xl};
use crate::error::Result;
use crate::evidence::{self, Target};
use crate::scoring::points::Points;
use crate::scoring::sheet::{self, Node};

const COLUMNS: [Column; 11] = [
    col("Mã số", 9.0),
    col("Lĩnh vực, tiêu chí, tiêu chí thành phần", 50.0),
    col("Điểm tối đa", 9.0),
    col("Điểm tự chấm", 9.0),
    col("Diễn giải", 30.0),
    col("Trạng thái", 14.0),
    col("Người chấm", 18.0),
    col("Thẩm định lần 1", 10.0),
    col("Thẩm định lần 2", 10.0),
    col("Điểm thẩm định", 10.0),
    // Not "Tài liệu kiểm chứng": the criteria import reads that name as the evidence a
    // criterion requires, and these are the documents filed.
    col("Văn bản, tài liệu kiểm chứng", 50.0),
];

const HEADER: u32 = 3;

fn pts(p: Points) -> Option<f64> {
    Some(p.as_f64())
}

/// How a document is cited in the evidence column: "Số 05/KH-UBND, ngày 10/01/2026 của UBND
/// xã Nông Thượng: Kế hoạch CCHC năm 2026 (mục II)".
fn cite(d: &evidence::Document) -> String {
    let mut head = Vec::new();
    if !d.doc_number.is_empty() {
        head.push(format!("Số {}", d.doc_number));
    }
    if let Some(date) = d.doc_date {
        head.push(format!("ngày {}", date.format("%d/%m/%Y")));
    }
    let mut out = head.join(", ");
    if !d.issuer.is_empty() {
        if out.is_empty() {
            out = d.issuer.clone();
        } else {
            out.push_str(&format!(" của {}", d.issuer));
        }
    }
    if out.is_empty() {
        out = d.title.clone();
    } else {
        out.push_str(&format!(": {}", d.title));
    }
    if !d.location.is_empty() {
        out.push_str(&format!(" ({})", d.location));
    }
    out
}

struct Ctx<'a> {
    conn: &'a Connection,
    st: &'a Styles,
    row: u32,
}

fn write_nodes(ws: &mut Worksheet, ctx: &mut Ctx, nodes: &[Node], depth: u8) -> Result<()> {
    for n in nodes {
        ctx.row += 1;
        let row = ctx.row;
        let st = ctx.st;
        let parent = !n.children.is_empty();
        let title_format = if parent {
            st.text_bold.clone().set_indent(depth)
        } else {
            st.text.clone().set_indent(depth)
        };
        let (center, points) = if parent {
            (&st.center_bold, &st.points_bold)
        } else {
            (&st.center, &st.points)
        };
        book::text(ws, row, 0, &n.full_code, center)?;
        book::text(ws, row, 1, &n.title, &title_format)?;
        book::number(ws, row, 2, pts(n.max_points), points)?;
        let self_score = match &n.leaf {
            Some(l) if !n.not_applicable => l.self_score.map(|p| p.as_f64()),
            Some(_) => None,
            None => pts(n.self_points),
        };
        book::number(ws, row, 3, self_score, points)?;
        let (explanation, state, assignee) = match &n.leaf {
            Some(l) => (
                l.explanation.as_str(),
                l.state_label.as_str(),
                l.assignee_name.as_deref().unwrap_or_default(),
            ),
            None => ("", "", ""),
        };
        let state = if n.not_applicable {
            if n.not_applicable_reason.is_empty() {
                "Không áp dụng".to_string()
            } else {
                format!("Không áp dụng: {}", n.not_applicable_reason)
            }
        } else {
            state.to_string()
        };
        book::text(ws, row, 4, explanation, &st.text)?;
        book::text(ws, row, 5, &state, &st.text)?;
        book::text(ws, row, 6, assignee, &st.text)?;
        book::number(ws, row, 7, n.round1_points.map(Points::as_f64), points)?;
        book::number(ws, row, 8, n.round2_points.map(Points::as_f64), points)?;
        book::number(ws, row, 9, n.final_points.map(Points::as_f64), points)?;
        let docs = evidence::documents_for(ctx.conn, Target::Criterion(n.id))?;
        let cited = docs
            .iter()
            .map(|d| format!("- {}", cite(d)))
            .collect::<Vec<_>>()
            .join("\n");
        book::text(ws, row, 10, &cited, &st.text)?;
        write_nodes(ws, ctx, &n.children, depth.saturating_add(1).min(15))?;
    }
    Ok(())
}

/// Writes the scoring sheet of `year` (as of `today`) to `out` (an .xlsx path in an
/// existing folder). Returns the number of criteria rows written (fields, criteria and
/// sub-criteria).
pub fn export_scores(conn: &Connection, year: i32, today: NaiveDate, out: &Path) -> Result<usize> {
    book::check_target(out)?;
    let sheet = sheet::sheet(conn, year, today)?;
    let issuer = super::issuer(conn)?;
    let st = Styles::new();
    let mut ws = Worksheet::new();
    ws.set_name("Tự chấm điểm").xl()?;

    let title = format!("BẢNG TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}");
    let final_ = matches!(sheet.status.as_str(), "approved" | "appraised");
    let mut line = issuer;
    let set = [sheet.title.as_str(), sheet.decision.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !set.is_empty() {
        line.push_str(&format!(" – {set}"));
    }
    line.push_str(&format!(
        " – {} (số liệu đến ngày {}).",
        sheet.status_label,
        today.format("%d/%m/%Y")
    ));
    book::title_row(&mut ws, 0, COLUMNS.len(), &title, &st.title, 30.0)?;
    book::title_row(&mut ws, 1, COLUMNS.len(), &line, &st.subtitle, 30.0)?;
    if !final_ {
        book::title_row(&mut ws, 2, COLUMNS.len(), "DỰ THẢO", &st.draft, 22.0)?;
    }
    book::header_row(&mut ws, HEADER, &COLUMNS, &st.header)?;

    let mut ctx = Ctx {
        conn,
        st: &st,
        row: HEADER,
    };
    write_nodes(&mut ws, &mut ctx, &sheet.nodes, 0)?;
    let last_data = ctx.row;
    let written = (last_data - HEADER) as usize;

    let mut row = last_data + 1;
    book::merged(&mut ws, row, 0, 1, "Tổng điểm", &st.text_bold)?;
    book::number(&mut ws, row, 2, pts(sheet.max_total), &st.points_bold)?;
    book::number(&mut ws, row, 3, pts(sheet.self_total), &st.points_bold)?;
    for c in 4..=6 {
        ws.write_blank(row, c, &st.text_bold).xl()?;
    }
    let totals = [sheet.round1_total, sheet.round2_total, sheet.final_total];
    for (c, v) in (7..).zip(totals) {
        book::number(&mut ws, row, c, v.map(Points::as_f64), &st.points_bold)?;
    }
    ws.write_blank(row, 10, &st.text_bold).xl()?;
    if let Some(rating) = &sheet.rating {
        row += 1;
        book::merged(
            &mut ws,
            row,
            0,
            book::last_col(COLUMNS.len()),
            &format!("Xếp loại: {rating} (theo {}).", sheet.rating_of),
            &st.text_bold,
        )?;
    }
    for m in &sheet.mismatches {
        row += 1;
        book::merged(&mut ws, row, 0, book::last_col(COLUMNS.len()), m, &st.note)?;
    }
    book::finish_table(&mut ws, HEADER, HEADER, last_data, COLUMNS.len())?;

    let mut wb = book::new_workbook(&title);
    wb.push_worksheet(ws);
    book::save(&mut wb, out)?;
    Ok(written)
}
