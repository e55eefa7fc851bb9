//! The reform areas (lĩnh vực) tasks are grouped by: the usual eight, which a commune may
//! rename, extend or hide. Hidden areas keep their tasks.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::audit;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Area {
    pub id: i64,
    pub name: String,
    pub position: i64,
    pub active: bool,
}

/// All areas in their order, hidden ones included (the caller filters for pickers).
pub fn list(conn: &Connection) -> Result<Vec<Area>> {
    let mut stmt =
        conn.prepare("SELECT id, name, position, active FROM reform_area ORDER BY position, id")?;
    let areas = stmt
        .query_map([], |r| {
            Ok(Area {
                id: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
                active: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(areas)
}

pub fn get(conn: &Connection, id: i64) -> Result<Area> {
    list(conn)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy lĩnh vực số {id}.")))
}

/// Adds an area (`id` None) at the end, or renames / hides / shows one.
pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    id: Option<i64>,
    name: &str,
    active: bool,
) -> Result<Area> {
    let name = text::clean_line(name);
    if name.is_empty() {
        return Err(Error::invalid("Tên lĩnh vực không được để trống."));
    }
    let tx = conn.transaction()?;
    let clash: Option<i64> = tx
        .query_row("SELECT id FROM reform_area WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    if clash.is_some() && clash != id {
        return Err(Error::Conflict(format!("Đã có lĩnh vực “{name}”.")));
    }
    let (id, detail) = match id {
        None => {
            tx.execute(
                "INSERT INTO reform_area (name, position, active)
                 VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM reform_area), ?2)",
                params![name, active],
            )?;
            (tx.last_insert_rowid(), format!("Thêm lĩnh vực “{name}”"))
        }
        Some(id) => {
            let before = get(&tx, id)?;
            tx.execute(
                "UPDATE reform_area SET name = ?1, active = ?2 WHERE id = ?3",
                params![name, active, id],
            )?;
            let shown = if active { "đang dùng" } else { "ẩn" };
            (
                id,
                format!("Sửa lĩnh vực “{}” → “{name}” ({shown})", before.name),
            )
        }
    };
    audit::record(&tx, actor, "area.save", "reform_area", Some(id), &detail)?;
    let area = get(&tx, id)?;
    tx.commit()?;
    Ok(area)
}
