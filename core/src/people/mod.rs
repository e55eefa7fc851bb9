//! Officers, their log-in accounts and roles. Roles are enforced here, in core, so the app,
//! the CLI and the tests obey the same rules whatever buttons a screen shows.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::{Error, Result};
use crate::text;

pub mod sessions;
pub mod throttle;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Công chức: keeps the plan, records sessions, scores the criteria assigned to them.
    Officer,
    /// Chủ tịch UBND xã: the only role that approves self-scores and signs off.
    Chairman,
    /// Quản trị: manages accounts and the commune's settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Officer, Role::Chairman, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Chairman => "chairman",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Officer => "Công chức",
            Role::Chairman => "Chủ tịch UBND xã",
            Role::Admin => "Quản trị",
        }
    }

    /// What this role may do: the one table the checks below and the screens both read.
    pub fn capabilities(self) -> Capabilities {
        Capabilities {
            manage_accounts: self == Role::Admin,
            edit_commune: matches!(self, Role::Admin | Role::Chairman),
            read_audit: matches!(self, Role::Admin | Role::Chairman),
            approve: self == Role::Chairman,
        }
    }

    pub fn from_code(code: &str) -> Result<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.code() == code)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "Vai trò “{code}” không hợp lệ: chọn công chức (officer), chủ tịch (chairman) hoặc quản trị (admin)."
                ))
            })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Capabilities {
    /// Create, edit, lock accounts; reset passwords.
    pub manage_accounts: bool,
    /// Change the commune's details and its current year.
    pub edit_commune: bool,
    /// Read the audit log.
    pub read_audit: bool,
    /// Approve or return self-scores and sign off (the chairman alone).
    pub approve: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RoleOption {
    pub value: Role,
    pub label: &'static str,
}

/// The roles with their Vietnamese names, for pickers.
pub fn role_options() -> Vec<RoleOption> {
    Role::ALL
        .into_iter()
        .map(|r| RoleOption {
            value: r,
            label: r.label(),
        })
        .collect()
}

/// Who is making a change: a logged-in account, or the command line acting for the commune.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    pub account_id: Option<i64>,
    pub name: String,
    pub role: Role,
    /// The network address of the client the change came from; empty on the host itself.
    pub client: String,
}

impl Actor {
    /// The person at the keyboard of `cchc`, which has no log-in: it may set a data folder up.
    pub fn command_line() -> Actor {
        Actor {
            account_id: None,
            name: "Dòng lệnh cchc".into(),
            role: Role::Admin,
            client: String::new(),
        }
    }

    /// Refuses with `why` unless the actor's role has the capability `pick` selects.
    pub fn require(&self, pick: fn(&Capabilities) -> bool, why: &str) -> Result<()> {
        if pick(&self.role.capabilities()) {
            Ok(())
        } else {
            Err(Error::Forbidden(why.to_string()))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Account {
    pub id: i64,
    pub officer_id: i64,
    pub username: String,
    pub full_name: String,
    pub position: String,
    pub department: String,
    pub role: Role,
    pub role_label: String,
    pub active: bool,
    pub can: Capabilities,
}

impl Account {
    pub fn actor(&self) -> Actor {
        Actor {
            account_id: Some(self.id),
            name: self.full_name.clone(),
            role: self.role,
            client: String::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct NewAccount {
    pub full_name: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub department: String,
    pub username: String,
    pub password: String,
    pub role: Role,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AccountUpdate {
    pub full_name: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub department: String,
    pub role: Role,
    pub active: bool,
}

const MIN_PASSWORD_LEN: usize = 6;

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::invalid(format!(
            "Mật khẩu phải có ít nhất {MIN_PASSWORD_LEN} ký tự."
        )));
    }
    Ok(())
}

fn clean_username(username: &str) -> Result<String> {
    let u = username.trim().to_lowercase();
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if !(3..=32).contains(&u.len()) || !ok_chars {
        return Err(Error::invalid(
            "Tên đăng nhập phải dài 3–32 ký tự, chỉ gồm chữ không dấu, chữ số và dấu . _ -",
        ));
    }
    Ok(u)
}

fn clean_name(full_name: &str) -> Result<String> {
    let name = text::clean_line(full_name);
    if name.is_empty() {
        return Err(Error::invalid("Họ và tên không được để trống."));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid("Họ và tên dài quá 100 ký tự."));
    }
    Ok(name)
}

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("không băm được mật khẩu: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

const ACCOUNT_SELECT: &str = "SELECT a.id, a.officer_id, a.username, o.full_name, o.position,
        o.department, a.role, a.active
    FROM account a JOIN officer o ON o.id = a.officer_id";

fn account_from_row(r: &rusqlite::Row) -> rusqlite::Result<Account> {
    let code: String = r.get(6)?;
    let role = Role::from_code(&code).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Account {
        id: r.get(0)?,
        officer_id: r.get(1)?,
        username: r.get(2)?,
        full_name: r.get(3)?,
        position: r.get(4)?,
        department: r.get(5)?,
        role,
        role_label: role.label().to_string(),
        active: r.get(7)?,
        can: role.capabilities(),
    })
}

pub fn get_account(conn: &Connection, id: i64) -> Result<Account> {
    conn.query_row(
        &format!("{ACCOUNT_SELECT} WHERE a.id = ?1"),
        [id],
        account_from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Không tìm thấy tài khoản số {id}.")))
}

/// The actor as the database knows them now: a role changed or an account locked since
/// log-in takes effect on the next action.
pub fn refresh_actor(conn: &Connection, actor: &Actor) -> Result<Actor> {
    let Some(id) = actor.account_id else {
        return Ok(actor.clone());
    };
    let account = get_account(conn, id)?;
    if !account.active {
        return Err(Error::Forbidden(
            "Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên của xã.".into(),
        ));
    }
    let mut fresh = account.actor();
    fresh.client = actor.client.clone();
    Ok(fresh)
}

pub fn count_accounts(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM account", [], |r| r.get(0))?)
}

/// Checks a user name and password. A wrong name and a wrong password get the same answer.
pub fn login(conn: &Connection, username: &str, password: &str) -> Result<Account> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, password_hash FROM account WHERE username = ?1",
            [username.trim()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((id, hash)) = row else {
        // Spend the same time as a real check, so timing does not tell which names exist.
        let _ = hash_password(password);
        return Err(Error::BadCredentials);
    };
    if !verify_password(password, &hash) {
        return Err(Error::BadCredentials);
    }
    let account = get_account(conn, id)?;
    if !account.active {
        return Err(Error::Forbidden(
            "Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên của xã.".into(),
        ));
    }
    Ok(account)
}

/// Inserts the officer and the account; the caller owns the transaction and the audit entry.
fn insert_account(conn: &Connection, new: &NewAccount) -> Result<i64> {
    let full_name = clean_name(&new.full_name)?;
    let username = clean_username(&new.username)?;
    check_password(&new.password)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM account WHERE username = ?1)",
        [&username],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::Conflict(format!(
            "Tên đăng nhập “{username}” đã có người dùng; hãy chọn tên khác."
        )));
    }
    conn.execute(
        "INSERT INTO officer (full_name, position, department) VALUES (?1, ?2, ?3)",
        params![
            full_name,
            text::clean_line(&new.position),
            text::clean_line(&new.department)
        ],
    )?;
    let officer_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO account (officer_id, username, password_hash, role, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            officer_id,
            username,
            hash_password(&new.password)?,
            new.role.code(),
            crate::clock::now_text()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn audit_created(conn: &Connection, actor: &Actor, id: i64) -> Result<Account> {
    let account = get_account(conn, id)?;
    audit::record(
        conn,
        actor,
        "account.create",
        "account",
        Some(id),
        &format!(
            "Tạo tài khoản “{}” cho {} ({})",
            account.username, account.full_name, account.role_label
        ),
    )?;
    Ok(account)
}

/// The first account of a freshly set-up commune. It is always an admin, so that someone can
/// manage the others; it is refused once any account exists.
pub fn create_first_account(conn: &mut Connection, new: &NewAccount) -> Result<Account> {
    let tx = conn.transaction()?;
    let account = create_first_account_in(&tx, new)?;
    tx.commit()?;
    Ok(account)
}

pub(crate) fn create_first_account_in(conn: &Connection, new: &NewAccount) -> Result<Account> {
    if count_accounts(conn)? > 0 {
        return Err(Error::Conflict(
            "Xã đã có tài khoản; hãy đăng nhập, rồi nhờ quản trị viên tạo thêm tài khoản.".into(),
        ));
    }
    let new = NewAccount {
        role: Role::Admin,
        ..new.clone()
    };
    let id = insert_account(conn, &new)?;
    let actor = Actor {
        account_id: Some(id),
        name: text::clean_line(&new.full_name),
        role: Role::Admin,
        client: String::new(),
    };
    audit_created(conn, &actor, id)
}

pub fn create_account(conn: &mut Connection, actor: &Actor, new: &NewAccount) -> Result<Account> {
    require_admin(actor)?;
    let tx = conn.transaction()?;
    let account = insert_account_audited(&tx, actor, new)?;
    tx.commit()?;
    Ok(account)
}

/// Creates an account inside the caller's transaction, with its audit entry.
pub(crate) fn insert_account_audited(
    conn: &Connection,
    actor: &Actor,
    new: &NewAccount,
) -> Result<Account> {
    let id = insert_account(conn, new)?;
    audit_created(conn, actor, id)
}

fn require_admin(actor: &Actor) -> Result<()> {
    actor.require(
        |c| c.manage_accounts,
        "Chỉ quản trị viên được quản lý tài khoản.",
    )
}

fn active_admins_other_than(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM account WHERE role = 'admin' AND active = 1 AND id <> ?1",
        [id],
        |r| r.get(0),
    )?)
}

pub fn update_account(
    conn: &mut Connection,
    actor: &Actor,
    id: i64,
    update: &AccountUpdate,
) -> Result<Account> {
    require_admin(actor)?;
    let full_name = clean_name(&update.full_name)?;
    let tx = conn.transaction()?;
    let before = get_account(&tx, id)?;
    let stays_admin = update.role == Role::Admin && update.active;
    if before.role == Role::Admin && !stays_admin && active_admins_other_than(&tx, id)? == 0 {
        return Err(Error::Conflict(
            "Đây là quản trị viên cuối cùng của xã: hãy cấp quyền quản trị cho người khác trước khi đổi vai trò hoặc khóa tài khoản này.".into(),
        ));
    }
    tx.execute(
        "UPDATE officer SET full_name = ?1, position = ?2, department = ?3 WHERE id = ?4",
        params![
            full_name,
            text::clean_line(&update.position),
            text::clean_line(&update.department),
            before.officer_id
        ],
    )?;
    tx.execute(
        "UPDATE account SET role = ?1, active = ?2 WHERE id = ?3",
        params![update.role.code(), update.active, id],
    )?;
    let after = get_account(&tx, id)?;
    let mut changes = Vec::new();
    if before.full_name != after.full_name {
        changes.push(format!(
            "họ tên “{}” → “{}”",
            before.full_name, after.full_name
        ));
    }
    if before.position != after.position || before.department != after.department {
        changes.push(format!(
            "chức vụ/bộ phận “{} / {}” → “{} / {}”",
            before.position, before.department, after.position, after.department
        ));
    }
    if before.role != after.role {
        changes.push(format!(
            "vai trò {} → {}",
            before.role_label, after.role_label
        ));
    }
    if before.active != after.active {
        changes.push(if after.active { "mở khóa" } else { "khóa" }.to_string());
    }
    if !changes.is_empty() {
        audit::record(
            &tx,
            actor,
            "account.update",
            "account",
            Some(id),
            &format!("Sửa tài khoản “{}”: {}", after.username, changes.join("; ")),
        )?;
    }
    tx.commit()?;
    Ok(after)
}

pub fn reset_password(conn: &mut Connection, actor: &Actor, id: i64, password: &str) -> Result<()> {
    require_admin(actor)?;
    check_password(password)?;
    let tx = conn.transaction()?;
    let account = get_account(&tx, id)?;
    tx.execute(
        "UPDATE account SET password_hash = ?1 WHERE id = ?2",
        params![hash_password(password)?, id],
    )?;
    audit::record(
        &tx,
        actor,
        "account.reset_password",
        "account",
        Some(id),
        &format!("Đặt lại mật khẩu cho tài khoản “{}”", account.username),
    )?;
    tx.commit()?;
    Ok(())
}

pub fn change_own_password(
    conn: &mut Connection,
    actor: &Actor,
    old: &str,
    new: &str,
) -> Result<()> {
    let id = actor.account_id.ok_or(Error::NotLoggedIn)?;
    let hash: String = conn.query_row(
        "SELECT password_hash FROM account WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !verify_password(old, &hash) {
        return Err(Error::invalid("Mật khẩu hiện tại không đúng."));
    }
    check_password(new)?;
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE account SET password_hash = ?1 WHERE id = ?2",
        params![hash_password(new)?, id],
    )?;
    audit::record(
        &tx,
        actor,
        "account.change_password",
        "account",
        Some(id),
        "Tự đổi mật khẩu",
    )?;
    tx.commit()?;
    Ok(())
}

/// All accounts, in Vietnamese name order. Only the admin manages them.
pub fn list_accounts(conn: &Connection, actor: &Actor) -> Result<Vec<Account>> {
    require_admin(actor)?;
    let mut stmt = conn.prepare(ACCOUNT_SELECT)?;
    let mut accounts = stmt
        .query_map([], account_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    accounts.sort_by(|a, b| text::compare_person_names(&a.full_name, &b.full_name));
    Ok(accounts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn new(username: &str, role: Role) -> NewAccount {
        NewAccount {
            full_name: format!("Người {username}"),
            position: String::new(),
            department: String::new(),
            username: username.into(),
            password: "matkhau1".into(),
            role,
        }
    }

    fn setup() -> (Connection, Actor) {
        let mut conn = db::open_in_memory().unwrap();
        let admin = create_first_account(&mut conn, &new("quantri", Role::Officer)).unwrap();
        (conn, admin.actor())
    }

    #[test]
    fn first_account_is_admin_and_only_once() {
        let (mut conn, admin) = setup();
        assert_eq!(admin.role, Role::Admin);
        let err = create_first_account(&mut conn, &new("khac", Role::Admin)).unwrap_err();
        assert_eq!(err.kind(), "conflict");
        assert_eq!(count_accounts(&conn).unwrap(), 1);
    }

    #[test]
    fn login_checks_password_and_says_nothing_more() {
        let (conn, _) = setup();
        assert_eq!(
            login(&conn, " QuanTri ", "matkhau1").unwrap().username,
            "quantri"
        );
        let wrong = login(&conn, "quantri", "sai").unwrap_err();
        let unknown = login(&conn, "khongco", "matkhau1").unwrap_err();
        assert_eq!(wrong.kind(), "bad_credentials");
        assert_eq!(wrong.to_string(), unknown.to_string());
    }

    #[test]
    fn only_admin_manages_accounts() {
        let (mut conn, admin) = setup();
        let officer = create_account(&mut conn, &admin, &new("congchuc", Role::Officer))
            .unwrap()
            .actor();
        let chairman = create_account(&mut conn, &admin, &new("chutich", Role::Chairman))
            .unwrap()
            .actor();
        for who in [&officer, &chairman] {
            let err = create_account(&mut conn, who, &new("them", Role::Officer)).unwrap_err();
            assert_eq!(err.kind(), "forbidden");
            assert_eq!(list_accounts(&conn, who).unwrap_err().kind(), "forbidden");
        }
        assert_eq!(count_accounts(&conn).unwrap(), 3);
    }

    #[test]
    fn duplicate_username_is_refused_and_changes_nothing() {
        let (mut conn, admin) = setup();
        let err = create_account(&mut conn, &admin, &new("QUANTRI", Role::Officer)).unwrap_err();
        assert_eq!(err.kind(), "conflict");
        let officers: i64 = conn
            .query_row("SELECT count(*) FROM officer", [], |r| r.get(0))
            .unwrap();
        assert_eq!(officers, 1);
    }

    #[test]
    fn last_admin_cannot_be_demoted_or_locked() {
        let (mut conn, admin) = setup();
        let id = admin.account_id.unwrap();
        let update = AccountUpdate {
            full_name: "Người quantri".into(),
            position: String::new(),
            department: String::new(),
            role: Role::Officer,
            active: true,
        };
        let err = update_account(&mut conn, &admin, id, &update).unwrap_err();
        assert_eq!(err.kind(), "conflict");
        assert_eq!(get_account(&conn, id).unwrap().role, Role::Admin);
    }

    #[test]
    fn locked_account_cannot_log_in() {
        let (mut conn, admin) = setup();
        let acc = create_account(&mut conn, &admin, &new("congchuc", Role::Officer)).unwrap();
        let update = AccountUpdate {
            full_name: acc.full_name.clone(),
            position: "Văn phòng - Thống kê".into(),
            department: String::new(),
            role: Role::Officer,
            active: false,
        };
        update_account(&mut conn, &admin, acc.id, &update).unwrap();
        assert_eq!(
            login(&conn, "congchuc", "matkhau1").unwrap_err().kind(),
            "forbidden"
        );
    }

    #[test]
    fn passwords_are_stored_hashed() {
        let (conn, _) = setup();
        let hash: String = conn
            .query_row("SELECT password_hash FROM account", [], |r| r.get(0))
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("matkhau1"));
    }

    #[test]
    fn changes_are_audited() {
        let (mut conn, admin) = setup();
        let acc = create_account(&mut conn, &admin, &new("congchuc", Role::Officer)).unwrap();
        reset_password(&mut conn, &admin, acc.id, "moi12345").unwrap();
        let log = audit::list(&conn, &admin, 10, 0).unwrap();
        let actions: Vec<&str> = log.entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            vec!["account.reset_password", "account.create", "account.create"]
        );
        assert!(log.entries.iter().all(|e| e.actor_name == "Người quantri"));
    }
}
