//! The commune's officers list (name, position, department): who leads a plan task, presents a
//! session or scores a criterion. An officer may or may not have a log-in account.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Officer {
    pub id: i64,
    pub full_name: String,
    pub position: String,
    pub department: String,
    pub active: bool,
    pub has_account: bool,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct OfficerInput {
    pub full_name: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub department: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

const SELECT: &str = "SELECT o.id, o.full_name, o.position, o.department, o.active,
        EXISTS(SELECT 1 FROM account a WHERE a.officer_id = o.id)
    FROM officer o";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Officer> {
    Ok(Officer {
        id: r.get(0)?,
        full_name: r.get(1)?,
        position: r.get(2)?,
        department: r.get(3)?,
        active: r.get(4)?,
        has_account: r.get(5)?,
    })
}

/// Everyone, in Vietnamese name order (by given name).
pub fn list(conn: &Connection) -> Result<Vec<Officer>> {
    let mut stmt = conn.prepare(SELECT)?;
    let mut all = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    all.sort_by(|a, b| text::compare_person_names(&a.full_name, &b.full_name));
    Ok(all)
}

pub fn get(conn: &Connection, id: i64) -> Result<Officer> {
    conn.query_row(&format!("{SELECT} WHERE o.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy cán bộ, công chức số {id}.")))
}

fn clean(input: &OfficerInput) -> Result<(String, String, String)> {
    let name = text::clean_line(&input.full_name);
    if name.is_empty() {
        return Err(Error::invalid(
            "Họ và tên cán bộ, công chức không được để trống.",
        ));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid("Họ và tên dài quá 100 ký tự."));
    }
    Ok((
        name,
        text::clean_line(&input.position),
        text::clean_line(&input.department),
    ))
}

/// Adds an officer (`id` None) or edits one. Any logged-in role keeps this list.
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    id: Option<i64>,
    input: &OfficerInput,
) -> Result<Officer> {
    let tx = conn.transaction()?;
    let officer = save_in(&tx, actor, id, input)?;
    tx.commit()?;
    Ok(officer)
}

/// `save` inside the caller's transaction (imports add many at once).
pub(crate) fn save_in(
    tx: &Connection,
    actor: &Actor,
    id: Option<i64>,
    input: &OfficerInput,
) -> Result<Officer> {
    let (name, position, department) = clean(input)?;
    let (id, detail) = match id {
        None => {
            tx.execute(
                "INSERT INTO officer (full_name, position, department, active) VALUES (?1, ?2, ?3, ?4)",
                params![name, position, department, input.active],
            )?;
            (
                tx.last_insert_rowid(),
                format!("Thêm cán bộ, công chức {name} ({position})"),
            )
        }
        Some(id) => {
            let before = get(tx, id)?;
            tx.execute(
                "UPDATE officer SET full_name = ?1, position = ?2, department = ?3, active = ?4 WHERE id = ?5",
                params![name, position, department, input.active, id],
            )?;
            let state = if input.active {
                ""
            } else {
                " (thôi theo dõi)"
            };
            (
                id,
                format!(
                    "Sửa cán bộ, công chức {} → {name}, {position}, {department}{state}",
                    before.full_name
                ),
            )
        }
    };
    audit::record(tx, actor, "officer.save", "officer", Some(id), &detail)?;
    get(tx, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn input(name: &str) -> OfficerInput {
        OfficerInput {
            full_name: name.into(),
            position: "Công chức Tư pháp - Hộ tịch".into(),
            department: String::new(),
            active: true,
        }
    }

    #[test]
    fn add_edit_list_in_vietnamese_order() {
        let mut conn = db::open_in_memory().unwrap();
        let actor = Actor::command_line();
        save(&mut conn, &actor, None, &input("Trần Văn Hùng")).unwrap();
        let b = save(&mut conn, &actor, None, &input(" Lê  Văn Bình ")).unwrap();
        assert_eq!(b.full_name, "Lê Văn Bình");
        let names: Vec<_> = list(&conn)
            .unwrap()
            .into_iter()
            .map(|o| o.full_name)
            .collect();
        assert_eq!(names, vec!["Lê Văn Bình", "Trần Văn Hùng"]);
        let mut edit = input("Lê Văn Bình");
        edit.active = false;
        assert!(!save(&mut conn, &actor, Some(b.id), &edit).unwrap().active);
        let log = audit::list(&conn, &actor, 10, 0).unwrap();
        assert_eq!(log.total, 3);
    }

    #[test]
    fn empty_name_saves_nothing() {
        let mut conn = db::open_in_memory().unwrap();
        let err = save(&mut conn, &Actor::command_line(), None, &input("  ")).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(list(&conn).unwrap().is_empty());
    }
}
