//! The office-network host settings of this installation: whether the app serves the other PCs
//! of the office, and on which port. Off by default; only an admin changes it, and the change
//! is audited. The rule "one process owns the database; other PCs talk to it over HTTP" is why
//! there is no setting for a database on a shared folder.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::{Error, Result};
use crate::people::Actor;

pub const DEFAULT_PORT: u16 = 8765;
const ENABLED: &str = "network.enabled";
const PORT: &str = "network.port";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NetworkSettings {
    /// Serve the other PCs of the office (listen on every network card).
    pub enabled: bool,
    pub port: u16,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            enabled: false,
            port: DEFAULT_PORT,
        }
    }
}

fn value(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM host_setting WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn get(conn: &Connection) -> Result<NetworkSettings> {
    let default = NetworkSettings::default();
    Ok(NetworkSettings {
        enabled: value(conn, ENABLED)?.is_some_and(|v| v == "1"),
        port: value(conn, PORT)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default.port),
    })
}

pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    settings: NetworkSettings,
) -> Result<NetworkSettings> {
    actor.require(
        |c| c.manage_accounts,
        "Chỉ quản trị viên được bật hoặc tắt máy chủ trong mạng nội bộ.",
    )?;
    if settings.port < 1024 {
        return Err(Error::invalid(format!(
            "Cổng {} dành cho hệ điều hành; hãy chọn cổng từ 1024 đến 65535, ví dụ {DEFAULT_PORT}.",
            settings.port
        )));
    }
    let tx = conn.transaction()?;
    for (key, v) in [
        (
            ENABLED,
            if settings.enabled { "1" } else { "0" }.to_string(),
        ),
        (PORT, settings.port.to_string()),
    ] {
        tx.execute(
            "INSERT INTO host_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, v],
        )?;
    }
    audit::record(
        &tx,
        actor,
        "network.settings",
        "host_setting",
        None,
        &if settings.enabled {
            format!("Bật máy chủ trong mạng nội bộ, cổng {}", settings.port)
        } else {
            "Tắt máy chủ trong mạng nội bộ".to_string()
        },
    )?;
    tx.commit()?;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::people::Role;

    fn actor(role: Role) -> Actor {
        Actor {
            account_id: None,
            name: "Người thử".into(),
            role,
            client: String::new(),
        }
    }

    #[test]
    fn off_until_an_admin_turns_it_on() {
        let mut conn = db::open_in_memory().unwrap();
        assert_eq!(get(&conn).unwrap(), NetworkSettings::default());
        let on = NetworkSettings {
            enabled: true,
            port: 8800,
        };
        assert!(matches!(
            save(&mut conn, &actor(Role::Officer), on),
            Err(Error::Forbidden(_))
        ));
        assert!(matches!(
            save(
                &mut conn,
                &actor(Role::Admin),
                NetworkSettings {
                    enabled: true,
                    port: 80
                }
            ),
            Err(Error::Invalid(_))
        ));
        save(&mut conn, &actor(Role::Admin), on).unwrap();
        assert_eq!(get(&conn).unwrap(), on);
        let audited: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'network.settings'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audited, 1);
    }
}
