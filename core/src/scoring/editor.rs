//! Entering and editing a criteria set in the app, node by node, until scoring starts: add a
//! field or a criterion under another, change its code, title, maximum, kind, required evidence
//! and levels, delete it; or start from last year's set. After each change the full codes are
//! recomputed and every leaf has its score row.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::criteria::{self, full_code, Kind, Level, NodeInput, Row, SetInput};
use super::points::Points;
use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, Deserialize)]
pub struct NodeFields {
    pub code: String,
    pub title: String,
    pub max_points: Points,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub evidence_required: String,
    #[serde(default)]
    pub levels: Vec<Level>,
}

fn guard(conn: &Connection, actor: &Actor, year: i32) -> Result<()> {
    actor.require(
        |c| c.edit_commune,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được nhập, sửa bộ tiêu chí.",
    )?;
    commune::require_year(conn, year)?;
    if criteria::scoring_started(conn, year)? {
        return Err(Error::Conflict(format!(
            "Bộ tiêu chí năm {year} đã được chấm điểm nên không sửa được cấu trúc."
        )));
    }
    Ok(())
}

fn year_of(conn: &Connection, id: i64) -> Result<i32> {
    conn.query_row("SELECT year FROM criterion WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Không tìm thấy tiêu chí số {id}.")))
}

fn as_input(f: &NodeFields) -> NodeInput {
    NodeInput {
        code: f.code.clone(),
        title: f.title.clone(),
        max_points: f.max_points,
        kind: f.kind,
        evidence_required: f.evidence_required.clone(),
        levels: f.levels.clone(),
        children: Vec::new(),
    }
}

/// Recomputes every full code from the printed codes and makes sure each leaf (and only a
/// leaf) has a score row. A duplicate code is refused (the caller's transaction rolls back).
fn settle(conn: &Connection, year: i32) -> Result<()> {
    let rows = criteria::rows(conn, year)?;
    fn chain(rows: &[Row], id: i64) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = rows.iter().find(|r| r.id == id);
        while let Some(r) = at {
            out.push(r.code.clone());
            at = r.parent_id.and_then(|p| rows.iter().find(|x| x.id == p));
        }
        out.reverse();
        out
    }
    // Clear first so that swapping two codes does not trip the unique index.
    conn.execute(
        "UPDATE criterion SET full_code = '#' || id WHERE year = ?1",
        [year],
    )?;
    for r in &rows {
        let codes = chain(&rows, r.id);
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        let code = full_code(&refs);
        criteria::refuse_duplicate_code(conn, year, &code)?;
        conn.execute(
            "UPDATE criterion SET full_code = ?1 WHERE id = ?2",
            params![code, r.id],
        )?;
    }
    let now = crate::clock::now_text();
    conn.execute(
        "DELETE FROM score WHERE criterion_id IN
            (SELECT c.id FROM criterion c WHERE c.year = ?1
             AND EXISTS (SELECT 1 FROM criterion k WHERE k.parent_id = c.id))",
        [year],
    )?;
    conn.execute(
        "INSERT INTO score (criterion_id, updated_at)
         SELECT c.id, ?2 FROM criterion c WHERE c.year = ?1
           AND NOT EXISTS (SELECT 1 FROM criterion k WHERE k.parent_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM score s WHERE s.criterion_id = c.id)",
        params![year, now],
    )?;
    Ok(())
}

/// Adds a field (`parent` None) or a criterion under `parent`, last among its siblings.
pub fn add_node(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    parent: Option<i64>,
    fields: &NodeFields,
) -> Result<i64> {
    let tx = conn.transaction()?;
    guard(&tx, actor, year)?;
    criteria::check_node(&as_input(fields), "")?;
    if !criteria::set_exists(&tx, year)? {
        tx.execute(
            "INSERT INTO criteria_set (year, title, created_at) VALUES (?1, ?2, ?3)",
            params![
                year,
                format!("Bộ tiêu chí xác định Chỉ số CCHC năm {year}"),
                crate::clock::now_text()
            ],
        )?;
    }
    let kind = match parent {
        Some(p) => {
            if year_of(&tx, p)? != year {
                return Err(Error::invalid(
                    "Tiêu chí cha thuộc bộ tiêu chí của năm khác.",
                ));
            }
            let has_levels: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM criterion_level WHERE criterion_id = ?1)",
                [p],
                |r| r.get(0),
            )?;
            if has_levels {
                return Err(Error::invalid(
                    "Tiêu chí này đang có mức điểm; hãy bỏ các mức điểm trước khi thêm tiêu chí con.",
                ));
            }
            let parent_kind: String =
                tx.query_row("SELECT kind FROM criterion WHERE id = ?1", [p], |r| {
                    r.get(0)
                })?;
            if parent_kind == "normal" {
                fields.kind
            } else if parent_kind == "bonus" {
                Kind::Bonus
            } else {
                Kind::Penalty
            }
        }
        None => fields.kind,
    };
    let kind_code = match kind {
        Kind::Normal => "normal",
        Kind::Bonus => "bonus",
        Kind::Penalty => "penalty",
    };
    tx.execute(
        "INSERT INTO criterion (year, parent_id, position, code, full_code, title, max_hundredths,
            kind, evidence_required)
         VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM criterion
                          WHERE year = ?1 AND parent_id IS ?2), ?3, '#new', ?4, ?5, ?6, ?7)",
        params![
            year,
            parent,
            text::clean_line(&fields.code),
            text::clean_line(&fields.title),
            fields.max_points,
            kind_code,
            text::clean_text(&fields.evidence_required)
        ],
    )?;
    let id = tx.last_insert_rowid();
    criteria::write_levels(&tx, id, &fields.levels)?;
    crate::version::bump(&tx, crate::version::Record::Criterion, id, actor)?;
    settle(&tx, year)?;
    let code: String =
        tx.query_row("SELECT full_code FROM criterion WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    audit::record(
        &tx,
        actor,
        "criteria.add",
        "criterion",
        Some(id),
        &format!(
            "Thêm tiêu chí {code} {} (tối đa {}) vào bộ tiêu chí năm {year}",
            text::clean_line(&fields.title),
            fields.max_points.display()
        ),
    )?;
    tx.commit()?;
    Ok(id)
}

pub fn update_node(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    fields: &NodeFields,
) -> Result<()> {
    let tx = conn.transaction()?;
    let year = year_of(&tx, id)?;
    guard(&tx, actor, year)?;
    criteria::check_node(&as_input(fields), "")?;
    let has_children: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM criterion WHERE parent_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if has_children && !fields.levels.is_empty() {
        return Err(Error::invalid(
            "Tiêu chí có tiêu chí con thì không ghi mức điểm; mức điểm chỉ ghi ở tiêu chí cuối cùng.",
        ));
    }
    tx.execute(
        "UPDATE criterion SET code = ?1, title = ?2, max_hundredths = ?3, evidence_required = ?4
         WHERE id = ?5",
        params![
            text::clean_line(&fields.code),
            text::clean_line(&fields.title),
            fields.max_points,
            text::clean_text(&fields.evidence_required),
            id
        ],
    )?;
    criteria::write_levels(&tx, id, &fields.levels)?;
    settle(&tx, year)?;
    let code: String =
        tx.query_row("SELECT full_code FROM criterion WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    audit::record(
        &tx,
        actor,
        "criteria.update",
        "criterion",
        Some(id),
        &format!(
            "Sửa tiêu chí {code} {} (tối đa {})",
            text::clean_line(&fields.title),
            fields.max_points.display()
        ),
    )?;
    tx.commit()?;
    Ok(())
}

/// Deletes a criterion and everything below it.
pub fn delete_node(conn: &mut Connection, actor: &Actor, id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let year = year_of(&tx, id)?;
    guard(&tx, actor, year)?;
    let (code, title): (String, String) = tx.query_row(
        "SELECT full_code, title FROM criterion WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute("DELETE FROM criterion WHERE id = ?1", [id])?;
    settle(&tx, year)?;
    audit::record(
        &tx,
        actor,
        "criteria.delete",
        "criterion",
        Some(id),
        &format!("Xóa tiêu chí {code} {title} khỏi bộ tiêu chí năm {year}"),
    )?;
    tx.commit()?;
    Ok(())
}

/// Starts `to`'s set from `from`'s: the same tree, codes, maxima, levels; no scores.
pub fn copy_from_year(conn: &mut Connection, actor: &Actor, from: i32, to: i32) -> Result<usize> {
    if !criteria::set_exists(conn, from)? {
        return Err(Error::NotFound(format!(
            "Năm {from} chưa có bộ tiêu chí để sao chép."
        )));
    }
    let rows = criteria::rows(conn, from)?;
    fn tree(rows: &[Row], parent: Option<i64>) -> Vec<NodeInput> {
        rows.iter()
            .filter(|r| r.parent_id == parent)
            .map(|r| NodeInput {
                code: r.code.clone(),
                title: r.title.clone(),
                max_points: r.max,
                kind: r.kind,
                evidence_required: r.evidence_required.clone(),
                levels: r.levels.clone(),
                children: tree(rows, Some(r.id)),
            })
            .collect()
    }
    let (title, decision): (String, String) = conn.query_row(
        "SELECT title, decision FROM criteria_set WHERE year = ?1",
        [from],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let input = SetInput {
        title,
        decision: format!(
            "{decision} (sao chép từ năm {from}; hãy cập nhật theo quyết định năm {to})"
        ),
        nodes: tree(&rows, None),
    };
    criteria::replace_set(conn, actor, to, &input)
}
