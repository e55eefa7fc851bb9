//! The demo commune's evidence files: small PDF documents (plans, reports, decisions) linked to
//! the criteria they prove and the plan tasks and sessions they come from.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::evidence::{self, DocumentInput, Target};
use crate::people::Actor;

/// A one-page PDF showing `lines` (ASCII: the demo files are stand-ins for real scans).
pub(super) fn pdf(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT /F1 14 Tf 72 770 Td 18 TL\n");
    for l in lines {
        let safe: String = crate::text::fold(l)
            .chars()
            .map(|c| {
                if c.is_ascii() && c != '(' && c != ')' && c != '\\' {
                    c
                } else {
                    ' '
                }
            })
            .collect();
        content.push_str(&format!("({safe}) '\n"));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// (title, number, (month, day), issuer, criteria, plan task numbers, session content prefix).
type DemoDoc = (
    &'static str,
    &'static str,
    (u32, u32),
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
);

const DOCS: &[DemoDoc] = &[
    (
        "Kế hoạch cải cách hành chính năm {Y}",
        "05/KH-UBND",
        (1, 10),
        "UBND xã Nông Thượng",
        &["I.1.1", "I.1.2"],
        &["1"],
        None,
    ),
    (
        "Kế hoạch tuyên truyền cải cách hành chính năm {Y}",
        "09/KH-UBND",
        (1, 28),
        "UBND xã Nông Thượng",
        &["I.4.1"],
        &["2"],
        None,
    ),
    (
        "Báo cáo kết quả thực hiện công tác CCHC quý III năm {Y}",
        "112/BC-UBND",
        (9, 10),
        "UBND xã Nông Thượng",
        &["I.2"],
        &["3"],
        None,
    ),
    (
        "Kế hoạch tự kiểm tra công tác cải cách hành chính",
        "15/KH-UBND",
        (3, 2),
        "UBND xã Nông Thượng",
        &["I.3.1"],
        &["4"],
        None,
    ),
    (
        "Báo cáo kết quả rà soát văn bản quy phạm pháp luật",
        "48/BC-UBND",
        (6, 20),
        "UBND xã Nông Thượng",
        &["II.1", "II.2"],
        &["7"],
        None,
    ),
    (
        "Danh mục thủ tục hành chính niêm yết tại Trung tâm phục vụ hành chính công",
        "",
        (2, 15),
        "UBND xã Nông Thượng",
        &["III.1.1", "III.1.2"],
        &["9"],
        None,
    ),
    // A title as offices write them, with quotes Windows forbids in file names: the evidence
    // pack and the copies opened for viewing name the file without them.
    (
        "Quyết định kiện toàn Bộ phận \"Một cửa\": tiếp nhận và trả kết quả TTHC",
        "",
        (2, 5),
        "UBND xã Nông Thượng",
        &["III.2"],
        &[],
        None,
    ),
    (
        "Quyết định sửa đổi, bổ sung Quy chế làm việc của UBND xã",
        "45/QĐ-UBND",
        (3, 30),
        "UBND xã Nông Thượng",
        &["IV.2"],
        &["12"],
        None,
    ),
    (
        "Quy chế chi tiêu nội bộ năm {Y}",
        "12/QĐ-UBND",
        (1, 20),
        "UBND xã Nông Thượng",
        &["VI.1"],
        &["15"],
        None,
    ),
    (
        "Biên bản buổi phổ biến Luật Hộ tịch tại thôn Nà Pài",
        "",
        (3, 5),
        "UBND xã Nông Thượng",
        &["I.4.2"],
        &[],
        Some("Phổ biến Luật Hộ tịch"),
    ),
    (
        "Báo cáo hoạt động của Tổ công nghệ số cộng đồng",
        "86/BC-UBND",
        (9, 30),
        "UBND xã Nông Thượng",
        &["VII.3"],
        &["17"],
        None,
    ),
];

pub(super) fn load(
    conn: &Connection,
    dir: &Path,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
) -> Result<()> {
    // Inside this data folder, so that two demos being made at once never share it.
    let staging = dir.join(".demo-staging");
    std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    let y = year.to_string();
    for (i, (title, number, (m, d), issuer, criteria, tasks, session)) in DOCS.iter().enumerate() {
        let Some(date) = NaiveDate::from_ymd_opt(year, *m, *d).filter(|d| *d <= today) else {
            continue;
        };
        let title = title.replace("{Y}", &y);
        let file = staging.join(format!(
            "{:02}-{}.pdf",
            i + 1,
            crate::filename::component(&crate::text::fold(&title).replace(' ', "-"), 120)
        ));
        let body = vec![
            "UY BAN NHAN DAN XA NONG THUONG".to_string(),
            String::new(),
            format!("So: {number}"),
            title.clone(),
            format!("Ngay {}", date.format("%d/%m/%Y")),
            String::new(),
            "(Ban sao dien tu minh hoa cua du lieu mau)".to_string(),
        ];
        std::fs::write(&file, pdf(&body)).map_err(|e| Error::io(&file, e))?;
        let input = DocumentInput {
            year: Some(year),
            title,
            doc_number: number.to_string(),
            doc_date: Some(date),
            issuer: issuer.to_string(),
            location: String::new(),
        };
        let doc = evidence::add_document_in(conn, dir, actor, &input, &file)?;
        for code in *criteria {
            let id = crate::scoring::criteria::id_by_code(conn, year, code)?;
            evidence::link_in(conn, actor, doc.id, Target::Criterion(id))?;
        }
        for number in *tasks {
            if let Ok(id) = conn.query_row(
                "SELECT id FROM task WHERE year = ?1 AND number = ?2",
                rusqlite::params![year, number],
                |r| r.get::<_, i64>(0),
            ) {
                evidence::link_in(conn, actor, doc.id, Target::Task(id))?;
            }
        }
        if let Some(prefix) = session {
            if let Ok(id) = conn.query_row(
                "SELECT id FROM outreach_session WHERE content LIKE ?1 || '%' AND strftime('%Y', held_on) = ?2",
                rusqlite::params![prefix, y],
                |r| r.get::<_, i64>(0),
            ) {
                evidence::link_in(conn, actor, doc.id, Target::Session(id))?;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&staging);
    Ok(())
}
