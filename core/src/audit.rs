//! The audit log: every change, who made it and when, written in the same transaction as the
//! change so that one never lands without the other.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::people::Actor;

/// Records one change. `action` is a stable code ("account.create"); `detail` is the
/// Vietnamese sentence shown to people.
pub fn record(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    detail: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log
            (at, account_id, actor_name, action, entity, entity_id, detail, client_address)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            crate::clock::now_text(),
            actor.account_id,
            actor.name,
            action,
            entity,
            entity_id,
            detail,
            actor.client
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: i64,
    /// Local time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub detail: String,
    /// The network address of the PC the change came from; empty when made on the host.
    pub client_address: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
}

/// The newest entries first. Reading the log is for the chairman and the admin.
pub fn list(conn: &Connection, actor: &Actor, limit: i64, offset: i64) -> Result<AuditPage> {
    actor.require(
        |c| c.read_audit,
        "Chỉ Chủ tịch UBND xã hoặc quản trị viên được xem nhật ký thay đổi.",
    )?;
    let limit = limit.clamp(1, 500);
    let offset = offset.max(0);
    let total = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    let mut stmt = conn.prepare(
        "SELECT id, at, actor_name, action, entity, entity_id, detail, client_address FROM audit_log
         ORDER BY id DESC LIMIT ?1 OFFSET ?2",
    )?;
    let entries = stmt
        .query_map(params![limit, offset], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor_name: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                detail: r.get(6)?,
                client_address: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(AuditPage { entries, total })
}
