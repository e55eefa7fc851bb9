//! The year's criteria set (Bộ tiêu chí xác định Chỉ số CCHC): a tree of any depth with the
//! codes as printed, maxima, the evidence each asks for, and scoring levels on the leaves. The
//! numbers are kept as the province printed them; a parent whose children do not add up is
//! flagged, never silently fixed. Once scoring has started the structure is locked.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::points::Points;
use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Normal,
    /// Điểm thưởng: added on top of the maximum.
    Bonus,
    /// Điểm trừ: the score is the points taken off.
    Penalty,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Normal => "normal",
            Kind::Bonus => "bonus",
            Kind::Penalty => "penalty",
        }
    }
    fn from_code(s: &str) -> Kind {
        match s {
            "bonus" => Kind::Bonus,
            "penalty" => Kind::Penalty,
            _ => Kind::Normal,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub label: String,
    pub points: Points,
}

/// A node as the province's file or the editor gives it, with its children.
#[derive(Debug, Clone, Deserialize)]
pub struct NodeInput {
    pub code: String,
    pub title: String,
    pub max_points: Points,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub evidence_required: String,
    #[serde(default)]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub children: Vec<NodeInput>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SetInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub decision: String,
    pub nodes: Vec<NodeInput>,
}

/// The printed code without its trailing "." or ")": "2." → "2", "a)" → "a".
fn bare(code: &str) -> String {
    text::clean_line(code)
        .trim_end_matches(['.', ')'])
        .trim()
        .to_string()
}

/// Joins the printed codes from the field down with dots, skipping a parent's code that the
/// child's code already begins with: ["I", "1", "1.1"] → "I.1.1"; ["III", "2.", "a)"] → "III.2.a".
pub fn full_code(chain: &[&str]) -> String {
    let codes: Vec<String> = chain
        .iter()
        .map(|c| bare(c))
        .filter(|c| !c.is_empty())
        .collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let covered = codes[i + 1..]
            .first()
            .is_some_and(|child| child.starts_with(&format!("{code}.")));
        if !covered {
            kept.push(code);
        }
    }
    kept.join(".")
}

pub fn set_exists(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM criteria_set WHERE year = ?1)",
        [year],
        |r| r.get(0),
    )?)
}

/// Scoring has started once any leaf has a score or a workflow step.
pub fn scoring_started(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM score s JOIN criterion c ON c.id = s.criterion_id
                       WHERE c.year = ?1 AND (s.self_hundredths IS NOT NULL OR s.state <> 'draft'))",
        [year],
        |r| r.get(0),
    )?)
}

/// Refuses a full code the year's set already has.
pub(crate) fn refuse_duplicate_code(conn: &Connection, year: i32, code: &str) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM criterion WHERE year = ?1 AND full_code = ?2)",
        params![year, code],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(format!(
            "Mã tiêu chí {code} bị trùng trong bộ tiêu chí năm {year}; hãy kiểm tra lại mã số."
        )));
    }
    Ok(())
}

/// Replaces a criterion's scoring levels.
pub(crate) fn write_levels(conn: &Connection, id: i64, levels: &[Level]) -> Result<()> {
    conn.execute("DELETE FROM criterion_level WHERE criterion_id = ?1", [id])?;
    for (i, l) in levels.iter().enumerate() {
        conn.execute(
            "INSERT INTO criterion_level (criterion_id, position, label, points_hundredths)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, i as i64, text::clean_line(&l.label), l.points],
        )?;
    }
    Ok(())
}

pub(crate) fn check_node(n: &NodeInput, path: &str) -> Result<()> {
    if bare(&n.code).is_empty() {
        return Err(Error::invalid(format!(
            "Tiêu chí “{}”{path} chưa có mã số (I, 1, 1.1, a)…).",
            text::clean_line(&n.title)
        )));
    }
    if text::clean_line(&n.title).is_empty() {
        return Err(Error::invalid(format!(
            "Tiêu chí {}{path} chưa có tên.",
            n.code
        )));
    }
    if n.max_points < Points::ZERO {
        return Err(Error::invalid(format!(
            "Điểm tối đa của tiêu chí {}{path} không được âm.",
            n.code
        )));
    }
    for l in &n.levels {
        if l.points < Points::ZERO || l.points > n.max_points {
            return Err(Error::invalid(format!(
                "Mức điểm “{}” của tiêu chí {}{path} là {} điểm, phải từ 0 đến {} (điểm tối đa).",
                l.label,
                n.code,
                l.points.display(),
                n.max_points.display()
            )));
        }
    }
    if !n.levels.is_empty() && !n.children.is_empty() {
        return Err(Error::invalid(format!(
            "Tiêu chí {}{path} vừa có tiêu chí con vừa có mức điểm; mức điểm chỉ ghi ở tiêu chí cuối cùng.",
            n.code
        )));
    }
    Ok(())
}

fn insert_nodes(
    conn: &Connection,
    year: i32,
    parent: Option<(i64, Kind)>,
    chain: &mut Vec<String>,
    nodes: &[NodeInput],
) -> Result<usize> {
    let mut count = 0;
    for (pos, n) in nodes.iter().enumerate() {
        let under = if chain.is_empty() {
            String::new()
        } else {
            format!(" (thuộc {})", chain.join(" › "))
        };
        check_node(n, &under)?;
        chain.push(text::clean_line(&n.code));
        let refs: Vec<&str> = chain.iter().map(String::as_str).collect();
        let code = full_code(&refs);
        // Children of a bonus or penalty group share its kind.
        let kind = match parent {
            Some((_, k)) if k != Kind::Normal => k,
            _ => n.kind,
        };
        refuse_duplicate_code(conn, year, &code)?;
        conn.execute(
            "INSERT INTO criterion (year, parent_id, position, code, full_code, title,
                max_hundredths, kind, evidence_required)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                year,
                parent.map(|p| p.0),
                pos as i64,
                text::clean_line(&n.code),
                code,
                text::clean_line(&n.title),
                n.max_points,
                kind.code(),
                text::clean_text(&n.evidence_required)
            ],
        )?;
        let id = conn.last_insert_rowid();
        write_levels(conn, id, &n.levels)?;
        count += 1 + insert_nodes(conn, year, Some((id, kind)), chain, &n.children)?;
        chain.pop();
    }
    Ok(count)
}

/// Creates or replaces the year's criteria set. Refused once scoring has started.
pub fn replace_set(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    input: &SetInput,
) -> Result<usize> {
    let tx = conn.transaction()?;
    let n = replace_set_in(&tx, actor, year, input)?;
    tx.commit()?;
    Ok(n)
}

pub(crate) fn replace_set_in(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    input: &SetInput,
) -> Result<usize> {
    actor.require(
        |c| c.edit_commune,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được nhập, sửa bộ tiêu chí.",
    )?;
    commune::require_year(conn, year)?;
    if scoring_started(conn, year)? {
        return Err(Error::Conflict(format!(
            "Bộ tiêu chí năm {year} đã được chấm điểm nên không thay được cấu trúc."
        )));
    }
    if input.nodes.is_empty() {
        return Err(Error::invalid(
            "Bộ tiêu chí chưa có lĩnh vực, tiêu chí nào.",
        ));
    }
    conn.execute("DELETE FROM criteria_set WHERE year = ?1", [year])?;
    conn.execute(
        "INSERT INTO criteria_set (year, title, decision, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            year,
            text::clean_line(&input.title),
            text::clean_line(&input.decision),
            crate::clock::now_text()
        ],
    )?;
    let count = insert_nodes(conn, year, None, &mut Vec::new(), &input.nodes)?;
    conn.execute(
        "INSERT INTO score (criterion_id, updated_at)
         SELECT id, ?2 FROM criterion c WHERE year = ?1
           AND NOT EXISTS (SELECT 1 FROM criterion k WHERE k.parent_id = c.id)",
        params![year, crate::clock::now_text()],
    )?;
    audit::record(
        conn,
        actor,
        "criteria.set",
        "criteria_set",
        Some(year.into()),
        &format!("Nhập bộ tiêu chí năm {year}: {count} lĩnh vực, tiêu chí, tiêu chí thành phần"),
    )?;
    Ok(count)
}

/// A criterion as stored, without rollups.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub code: String,
    pub full_code: String,
    pub title: String,
    pub max: Points,
    pub kind: Kind,
    pub evidence_required: String,
    pub not_applicable: bool,
    pub not_applicable_reason: String,
    pub levels: Vec<Level>,
    pub version: i64,
}

pub(crate) fn rows(conn: &Connection, year: i32) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT id, parent_id, code, full_code, title, max_hundredths, kind, evidence_required,
            not_applicable, not_applicable_reason, version
         FROM criterion WHERE year = ?1 ORDER BY parent_id IS NOT NULL, parent_id, position",
    )?;
    let mut rows = stmt
        .query_map([year], |r| {
            Ok(Row {
                id: r.get(0)?,
                parent_id: r.get(1)?,
                code: r.get(2)?,
                full_code: r.get(3)?,
                title: r.get(4)?,
                max: r.get(5)?,
                kind: Kind::from_code(&r.get::<_, String>(6)?),
                evidence_required: r.get(7)?,
                not_applicable: r.get(8)?,
                not_applicable_reason: r.get(9)?,
                levels: Vec::new(),
                version: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut levels = conn.prepare_cached(
        "SELECT label, points_hundredths FROM criterion_level WHERE criterion_id = ?1 ORDER BY position",
    )?;
    for row in &mut rows {
        row.levels = levels
            .query_map([row.id], |r| {
                Ok(Level {
                    label: r.get(0)?,
                    points: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}

/// Finds a criterion of the year by its full code ("I.1.1"), as the CLI takes it.
pub fn id_by_code(conn: &Connection, year: i32, code: &str) -> Result<i64> {
    let wanted = text::clean_line(code)
        .trim_end_matches(['.', ')'])
        .to_string();
    conn.query_row(
        "SELECT id FROM criterion WHERE year = ?1 AND full_code = ?2",
        params![year, wanted],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "Bộ tiêu chí năm {year} không có tiêu chí mã {wanted}."
        ))
    })
}

/// Marks a criterion (and what is below it) as not applying to this commune, or applying again.
pub fn set_not_applicable(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    not_applicable: bool,
    reason: &str,
) -> Result<()> {
    actor.require(
        |c| c.edit_commune,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được đánh dấu tiêu chí không áp dụng.",
    )?;
    let reason = text::clean_text(reason);
    if not_applicable && reason.is_empty() {
        return Err(Error::invalid(
            "Hãy ghi lý do tiêu chí không áp dụng đối với xã.",
        ));
    }
    let tx = conn.transaction()?;
    let (code, title): (String, String) = tx
        .query_row(
            "SELECT full_code, title FROM criterion WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy tiêu chí số {id}.")))?;
    tx.execute(
        "UPDATE criterion SET not_applicable = ?1, not_applicable_reason = ?2 WHERE id = ?3",
        params![
            not_applicable,
            if not_applicable { reason.as_str() } else { "" },
            id
        ],
    )?;
    audit::record(
        &tx,
        actor,
        "criteria.not_applicable",
        "criterion",
        Some(id),
        &if not_applicable {
            format!("Tiêu chí {code} {title}: không áp dụng ({reason})")
        } else {
            format!("Tiêu chí {code} {title}: áp dụng trở lại")
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Rating thresholds in percent (Tốt ≥ good, Khá ≥ fair, Trung bình ≥ average, else Yếu).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub good_pct: f64,
    pub fair_pct: f64,
    pub average_pct: f64,
}

pub fn thresholds(conn: &Connection, year: i32) -> Result<Thresholds> {
    conn.query_row(
        "SELECT good_permille, fair_permille, average_permille FROM criteria_set WHERE year = ?1",
        [year],
        |r| {
            Ok(Thresholds {
                good_pct: r.get::<_, i64>(0)? as f64 / 10.0,
                fair_pct: r.get::<_, i64>(1)? as f64 / 10.0,
                average_pct: r.get::<_, i64>(2)? as f64 / 10.0,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Năm {year} chưa có bộ tiêu chí.")))
}

pub fn set_thresholds(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    t: &Thresholds,
) -> Result<Thresholds> {
    actor.require(
        |c| c.edit_commune,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được đặt ngưỡng xếp loại.",
    )?;
    let permille = |x: f64| (x * 10.0).round() as i64;
    let (g, f, a) = (
        permille(t.good_pct),
        permille(t.fair_pct),
        permille(t.average_pct),
    );
    if !((0..=1000).contains(&a) && a <= f && f <= g && g <= 1000) {
        return Err(Error::invalid(
            "Ngưỡng xếp loại phải từ 0% đến 100% và Tốt ≥ Khá ≥ Trung bình.",
        ));
    }
    let tx = conn.transaction()?;
    thresholds(&tx, year)?;
    tx.execute(
        "UPDATE criteria_set SET good_permille = ?1, fair_permille = ?2, average_permille = ?3 WHERE year = ?4",
        params![g, f, a, year],
    )?;
    audit::record(
        &tx,
        actor,
        "criteria.thresholds",
        "criteria_set",
        Some(year.into()),
        &format!(
            "Đặt ngưỡng xếp loại năm {year}: Tốt từ {}%, Khá từ {}%, Trung bình từ {}%",
            text::format_decimal(t.good_pct, 1),
            text::format_decimal(t.fair_pct, 1),
            text::format_decimal(t.average_pct, 1)
        ),
    )?;
    tx.commit()?;
    thresholds(conn, year)
}

/// Links a plan task to a criterion (its result is what the criterion scores), or unlinks it.
pub fn link_task(
    conn: &mut Connection,
    actor: &Actor,
    criterion_id: i64,
    task_id: i64,
    linked: bool,
) -> Result<()> {
    let tx = conn.transaction()?;
    let code: String = tx
        .query_row(
            "SELECT full_code FROM criterion WHERE id = ?1",
            [criterion_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy tiêu chí số {criterion_id}.")))?;
    let task = crate::plan::tasks::get(&tx, task_id, crate::clock::today())?;
    if linked {
        tx.execute(
            "INSERT OR IGNORE INTO criterion_task (criterion_id, task_id) VALUES (?1, ?2)",
            params![criterion_id, task_id],
        )?;
    } else {
        tx.execute(
            "DELETE FROM criterion_task WHERE criterion_id = ?1 AND task_id = ?2",
            params![criterion_id, task_id],
        )?;
    }
    audit::record(
        &tx,
        actor,
        "criteria.task_link",
        "criterion",
        Some(criterion_id),
        &format!(
            "{} nhiệm vụ {} (năm {}) {} tiêu chí {code}",
            if linked { "Gắn" } else { "Bỏ gắn" },
            task.number,
            task.year,
            if linked { "với" } else { "khỏi" }
        ),
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_codes_join_printed_codes() {
        assert_eq!(full_code(&["I", "1", "1.1"]), "I.1.1");
        assert_eq!(full_code(&["III", "2.", "a)"]), "III.2.a");
        assert_eq!(full_code(&["I", "1", "1.1", "1.1.1"]), "I.1.1.1");
        assert_eq!(full_code(&["II", "12", "1.2"]), "II.12.1.2");
        assert_eq!(full_code(&["II.", "3."]), "II.3");
        assert_eq!(full_code(&["I"]), "I");
    }
}
