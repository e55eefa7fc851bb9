//! Last year as the demo commune submitted it: every criterion approved by the chairman in
//! December (so the appraisal dossier can be made out of the box), last year's evidence filed
//! before that, and one document whose signed copy was scanned again after the approval (the
//! dossier holds both revisions); and this year's plan document texts.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use crate::people::Actor;

const CHAIRMAN: &str = "Trần Văn Hùng";

pub(super) fn load(
    conn: &Connection,
    evidence_dir: &Path,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
) -> Result<()> {
    texts(conn, actor, year)?;
    let last = year - 1;
    if !crate::commune::years(conn)?.contains(&last)
        || !crate::scoring::criteria::set_exists(conn, last)?
    {
        return Ok(());
    }
    super::evidence::load(conn, evidence_dir, actor, last, today)?;
    // Filed when they were issued, before the approval.
    conn.execute(
        "UPDATE evidence_revision SET added_at = (
            SELECT coalesce(d.doc_date, ?2) FROM evidence_document d WHERE d.id = document_id
         ) || ' 08:00:00'
         WHERE document_id IN (SELECT id FROM evidence_document WHERE year = ?1)",
        params![last, format!("{last}-11-20")],
    )?;
    let leaves: Vec<i64> = conn
        .prepare(
            "SELECT s.criterion_id FROM score s JOIN criterion c ON c.id = s.criterion_id
             WHERE c.year = ?1 ORDER BY c.id",
        )?
        .query_map([last], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in leaves {
        for (at, who, action, detail) in [
            (
                format!("{last}-12-05 15:00:00"),
                "Nguyễn Thị Lan Anh",
                "submit",
                "gửi duyệt",
            ),
            (
                format!("{last}-12-12 10:00:00"),
                CHAIRMAN,
                "approve",
                "duyệt",
            ),
        ] {
            conn.execute(
                "INSERT INTO score_event (criterion_id, at, actor_name, action, reason, detail)
                 VALUES (?1, ?2, ?3, ?4, '', ?5)",
                params![id, at, who, action, detail],
            )?;
        }
    }
    rescanned(conn, evidence_dir, last)
}

/// The review report of last year, scanned again with its signature and seal in January: a
/// second revision, added after the approval.
fn rescanned(conn: &Connection, evidence_dir: &Path, last: i32) -> Result<()> {
    let Ok(doc) = conn.query_row(
        "SELECT id FROM evidence_document WHERE year = ?1 AND doc_number = '48/BC-UBND'",
        [last],
        |r| r.get::<_, i64>(0),
    ) else {
        return Ok(());
    };
    let staging = evidence_dir.join(".demo-staging");
    std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    let file = staging.join("48-BC-UBND-ban-ky.pdf");
    let body = vec![
        "UY BAN NHAN DAN XA NONG THUONG".to_string(),
        format!(
            "So: 48/BC-UBND - ban co chu ky va dau (scan lai thang 01/{})",
            last + 1
        ),
        "Bao cao ket qua ra soat van ban quy pham phap luat".to_string(),
    ];
    std::fs::write(&file, super::evidence::pdf(&body)).map_err(|e| Error::io(&file, e))?;
    let blob = crate::evidence::blobs::store(evidence_dir, &file)?;
    let _ = std::fs::remove_dir_all(&staging);
    conn.execute(
        "INSERT OR IGNORE INTO evidence_blob (sha256, size, stored_at) VALUES (?1, ?2, ?3)",
        params![blob.sha256, blob.size as i64, crate::clock::now_text()],
    )?;
    conn.execute(
        "INSERT INTO evidence_revision (document_id, revision, sha256, original_name, added_at, added_by)
         VALUES (?1, 2, ?2, '48-BC-UBND-ban-ky.pdf', ?3, 'Lê Văn Bình')",
        params![doc, blob.sha256, format!("{}-01-08 09:00:00", last + 1)],
    )?;
    Ok(())
}

/// This year's plan document: its purpose and organisation as the office wrote them.
fn texts(conn: &Connection, actor: &Actor, year: i32) -> Result<()> {
    let mut t = crate::plan::texts::usual(year);
    t.purpose.push_str(&format!(
        "\n- Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 98% trở lên, hồ sơ trực tuyến đạt từ 60% trở lên; 100% thủ tục hành chính được niêm yết công khai đúng quy định trong năm {year}."
    ));
    t.organisation.push_str(
        "\n- Công chức Văn phòng - Thống kê tổng hợp kết quả tự chấm điểm Chỉ số cải cách hành chính, lập hồ sơ đề nghị thẩm định trình Chủ tịch Ủy ban nhân dân xã trước ngày 15/12.",
    );
    crate::plan::texts::save_in(conn, actor, year, &t)
}
