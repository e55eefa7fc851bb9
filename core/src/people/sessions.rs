//! Log-in sessions of the clients on the office network: a random token handed to the client
//! once (in a cookie for a browser, as a bearer token for a desktop client), kept here only as
//! its SHA-256, with the anti-forgery value the client must send back with every change. A
//! session ends when the user logs out, an admin ends it, the account is locked, or after
//! `IDLE_HOURS` without a call.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{get_account, Actor};
use crate::audit;
use crate::error::{Error, Result};

/// Hours without a call after which a session ends.
pub const IDLE_HOURS: i64 = 8;
/// A session's last-seen time is written at most this often, so reads stay reads.
const TOUCH_EVERY_SECONDS: i64 = 60;
const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// What the client holds after logging in. The token is never stored or logged.
#[derive(Debug, Clone)]
pub struct Issued {
    pub token: String,
    pub csrf: String,
}

/// A session the token opened.
#[derive(Debug, Clone)]
pub struct Opened {
    pub id: i64,
    pub actor: Actor,
    pub csrf: String,
    pub needs_touch: bool,
}

/// An open session as an admin sees it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "ClientSession")]
pub struct SessionInfo {
    pub id: i64,
    pub account_id: i64,
    pub username: String,
    pub full_name: String,
    pub client_address: String,
    pub client_label: String,
    pub created_at: String,
    pub last_seen_at: String,
}

/// `bytes` random bytes from the system's generator, as hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn text(t: NaiveDateTime) -> String {
    t.format(TIME).to_string()
}

/// Starts a session for an account that has just proved its password.
pub fn begin(
    conn: &Connection,
    account_id: i64,
    client_address: &str,
    client_label: &str,
    now: NaiveDateTime,
) -> Result<Issued> {
    let issued = Issued {
        token: random_hex(32),
        csrf: random_hex(16),
    };
    conn.execute(
        "INSERT INTO client_session
            (token_hash, csrf, account_id, client_address, client_label, created_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            hash(&issued.token),
            issued.csrf,
            account_id,
            client_address,
            client_label,
            text(now)
        ],
    )?;
    Ok(issued)
}

/// The session a token opens, if it is still alive: not ended, not idle for `IDLE_HOURS`, its
/// account not locked. Reads only, so that every call of every client does not queue behind
/// the one writer; `needs_touch` says when the caller should record the call with `touch`.
pub fn open_read(conn: &Connection, token: &str, now: NaiveDateTime) -> Result<Option<Opened>> {
    let row: Option<(i64, i64, String, String, String)> = conn
        .query_row(
            "SELECT id, account_id, csrf, last_seen_at, client_address FROM client_session
             WHERE token_hash = ?1",
            [hash(token)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((id, account_id, csrf, last_seen, address)) = row else {
        return Ok(None);
    };
    let last_seen = NaiveDateTime::parse_from_str(&last_seen, TIME).unwrap_or(now);
    let idle = now - last_seen;
    if idle.num_hours() >= IDLE_HOURS {
        return Ok(None);
    }
    let account = get_account(conn, account_id)?;
    if !account.active {
        return Ok(None);
    }
    let mut actor = account.actor();
    actor.client = address;
    Ok(Some(Opened {
        id,
        actor,
        csrf,
        needs_touch: idle.num_seconds() >= TOUCH_EVERY_SECONDS,
    }))
}

/// Records a call of session `id` at `now`.
pub fn touch(conn: &Connection, id: i64, now: NaiveDateTime) -> Result<()> {
    conn.execute(
        "UPDATE client_session SET last_seen_at = ?1 WHERE id = ?2",
        params![text(now), id],
    )?;
    Ok(())
}

/// Deletes the sessions that can no longer open: idle too long, or of a locked account.
pub fn end_stale(conn: &Connection, now: NaiveDateTime) -> Result<usize> {
    let oldest = text(now - chrono::Duration::hours(IDLE_HOURS));
    Ok(conn.execute(
        "DELETE FROM client_session WHERE last_seen_at <= ?1
            OR account_id IN (SELECT id FROM account WHERE active = 0)",
        [oldest],
    )?)
}

/// Ends the session of a token (log-out). Ending one that is already gone is not an error.
pub fn end(conn: &Connection, token: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM client_session WHERE token_hash = ?1",
        [hash(token)],
    )?;
    Ok(())
}

/// The open sessions, newest call first. Admins only.
pub fn list(conn: &Connection, actor: &Actor, now: NaiveDateTime) -> Result<Vec<SessionInfo>> {
    actor.require(
        |c| c.manage_accounts,
        "Chỉ quản trị viên được xem các phiên đăng nhập.",
    )?;
    let oldest = text(now - chrono::Duration::hours(IDLE_HOURS));
    let mut stmt = conn.prepare(
        "SELECT s.id, s.account_id, a.username, o.full_name, s.client_address, s.client_label,
                s.created_at, s.last_seen_at
         FROM client_session s JOIN account a ON a.id = s.account_id
         JOIN officer o ON o.id = a.officer_id
         WHERE s.last_seen_at > ?1 AND a.active = 1 ORDER BY s.last_seen_at DESC",
    )?;
    let rows = stmt
        .query_map([oldest], |r| {
            Ok(SessionInfo {
                id: r.get(0)?,
                account_id: r.get(1)?,
                username: r.get(2)?,
                full_name: r.get(3)?,
                client_address: r.get(4)?,
                client_label: r.get(5)?,
                created_at: r.get(6)?,
                last_seen_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Ends someone's session (an admin, for a PC left logged in). Audited.
pub fn end_by_id(conn: &mut Connection, actor: &Actor, id: i64) -> Result<()> {
    actor.require(
        |c| c.manage_accounts,
        "Chỉ quản trị viên được kết thúc phiên đăng nhập của người khác.",
    )?;
    let tx = conn.transaction()?;
    let who: Option<(String, String)> = tx
        .query_row(
            "SELECT a.username, s.client_address FROM client_session s
             JOIN account a ON a.id = s.account_id WHERE s.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((username, address)) = who else {
        return Err(Error::NotFound("Phiên đăng nhập này đã kết thúc.".into()));
    };
    tx.execute("DELETE FROM client_session WHERE id = ?1", [id])?;
    audit::record(
        &tx,
        actor,
        "session.end",
        "client_session",
        Some(id),
        &format!("Kết thúc phiên đăng nhập của “{username}” tại máy {address}"),
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::people::{self, NewAccount, Role};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, TIME).unwrap()
    }

    fn setup() -> (Connection, i64) {
        let mut conn = db::open_in_memory().unwrap();
        let admin = people::create_first_account(
            &mut conn,
            &NewAccount {
                username: "quantri".into(),
                password: "mat-khau-1".into(),
                full_name: "Nông Văn Khánh".into(),
                position: String::new(),
                department: String::new(),
                role: Role::Admin,
            },
        )
        .unwrap();
        (conn, admin.id)
    }

    #[test]
    fn a_token_opens_its_session_until_idle_or_ended() {
        let (conn, id) = setup();
        let issued = begin(
            &conn,
            id,
            "192.168.1.20",
            "Trình duyệt",
            at("2026-11-30 08:00:00"),
        )
        .unwrap();
        let stored: String = conn
            .query_row("SELECT token_hash FROM client_session", [], |r| r.get(0))
            .unwrap();
        assert_ne!(stored, issued.token, "only the hash is kept");
        let opened = open_read(&conn, &issued.token, at("2026-11-30 15:59:00"))
            .unwrap()
            .unwrap();
        assert_eq!(opened.actor.account_id, Some(id));
        assert_eq!(opened.actor.client, "192.168.1.20");
        assert_eq!(opened.csrf, issued.csrf);
        assert!(opened.needs_touch);
        touch(&conn, opened.id, at("2026-11-30 15:59:00")).unwrap();
        assert!(
            open_read(&conn, "khong-phai-token", at("2026-11-30 16:00:00"))
                .unwrap()
                .is_none()
        );
        // Touched at 15:59, so idle is counted from there.
        let fresh = open_read(&conn, &issued.token, at("2026-11-30 15:59:30"))
            .unwrap()
            .unwrap();
        assert!(
            !fresh.needs_touch,
            "a call a moment ago is recorded already"
        );
        assert!(open_read(&conn, &issued.token, at("2026-11-30 23:58:00"))
            .unwrap()
            .is_some());
        assert!(open_read(&conn, &issued.token, at("2026-12-01 08:00:00"))
            .unwrap()
            .is_none());
        assert_eq!(end_stale(&conn, at("2026-12-01 08:00:00")).unwrap(), 1);

        let again = begin(&conn, id, "", "", at("2026-12-01 08:00:00")).unwrap();
        end(&conn, &again.token).unwrap();
        assert!(open_read(&conn, &again.token, at("2026-12-01 08:00:01"))
            .unwrap()
            .is_none());
    }

    #[test]
    fn a_locked_account_loses_its_sessions_and_only_admins_list_them() {
        let (mut conn, admin) = setup();
        let actor = people::get_account(&conn, admin).unwrap().actor();
        let officer = people::create_account(
            &mut conn,
            &actor,
            &NewAccount {
                username: "congchuc".into(),
                password: "mat-khau-2".into(),
                full_name: "Nguyễn Thị Lan Anh".into(),
                position: String::new(),
                department: String::new(),
                role: Role::Officer,
            },
        )
        .unwrap();
        let now = at("2026-11-30 08:00:00");
        let issued = begin(&conn, officer.id, "192.168.1.21", "", now).unwrap();
        assert_eq!(list(&conn, &actor, now).unwrap().len(), 1);
        assert!(matches!(
            list(&conn, &officer.actor(), now),
            Err(Error::Forbidden(_))
        ));
        people::update_account(
            &mut conn,
            &actor,
            officer.id,
            &people::AccountUpdate {
                full_name: officer.full_name.clone(),
                position: String::new(),
                department: String::new(),
                role: Role::Officer,
                active: false,
            },
        )
        .unwrap();
        assert!(open_read(&conn, &issued.token, now).unwrap().is_none());
        assert!(list(&conn, &actor, now).unwrap().is_empty());
    }

    #[test]
    fn an_admin_ends_a_session_and_it_is_audited() {
        let (mut conn, admin) = setup();
        let actor = people::get_account(&conn, admin).unwrap().actor();
        let now = at("2026-11-30 08:00:00");
        let issued = begin(&conn, admin, "192.168.1.30", "", now).unwrap();
        let id = list(&conn, &actor, now).unwrap()[0].id;
        end_by_id(&mut conn, &actor, id).unwrap();
        assert!(open_read(&conn, &issued.token, now).unwrap().is_none());
        assert!(matches!(
            end_by_id(&mut conn, &actor, id),
            Err(Error::NotFound(_))
        ));
        let detail: String = conn
            .query_row(
                "SELECT detail FROM audit_log WHERE action = 'session.end'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(detail.contains("192.168.1.30"), "{detail}");
    }
}
