//! Setting a data folder up: what the app shows at start (set-up, first account or log-in),
//! and creating the commune with its first account in one transaction.

use rusqlite::Connection;
use serde::Serialize;

use crate::commune::{self, Commune, CommuneInput};
use crate::demo::{self, DemoAccount};
use crate::error::Result;
use crate::people::{self, Account, Actor, NewAccount};

/// What a logged-in screen needs to know about who is working and on what.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Session {
    pub account: Account,
    pub commune: Commune,
    /// Newest first; the year selector lists them.
    pub years: Vec<i32>,
}

pub fn session(conn: &Connection, account: Account) -> Result<Session> {
    Ok(Session {
        account,
        commune: commune::require(conn)?,
        years: commune::years(conn)?,
    })
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppStatus {
    /// The commune exists.
    pub initialised: bool,
    /// The commune exists but nobody can log in yet (set up with `cchc init`).
    pub needs_first_account: bool,
    pub commune: Option<Commune>,
    /// Shown on the log-in screen while the demo data is in use; empty otherwise.
    pub demo_accounts: Vec<DemoAccount>,
    pub suggested_year: i32,
}

pub fn status(conn: &Connection) -> Result<AppStatus> {
    let commune = commune::get(conn)?;
    let accounts = people::count_accounts(conn)?;
    let demo_accounts = match &commune {
        Some(c) if c.is_demo => demo::ACCOUNTS.to_vec(),
        _ => Vec::new(),
    };
    Ok(AppStatus {
        initialised: commune.is_some(),
        needs_first_account: commune.is_some() && accounts == 0,
        commune,
        demo_accounts,
        suggested_year: crate::clock::this_year(),
    })
}

/// Creates the commune and, when given, its first (admin) account, all or nothing.
pub fn initialise(
    conn: &mut Connection,
    input: &CommuneInput,
    first_account: Option<&NewAccount>,
) -> Result<(Commune, Option<Account>)> {
    let tx = conn.transaction()?;
    let account = first_account
        .map(|new| people::create_first_account_in(&tx, new))
        .transpose()?;
    let actor = account
        .as_ref()
        .map(Account::actor)
        .unwrap_or_else(Actor::command_line);
    let commune = commune::insert(&tx, &actor, input, false)?;
    tx.commit()?;
    Ok((commune, account))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{db, people::Role};

    fn input() -> CommuneInput {
        CommuneInput {
            name: "Nông Thượng".into(),
            province: "Thái Nguyên".into(),
            superior: String::new(),
            current_year: 2026,
        }
    }

    #[test]
    fn a_bad_first_account_saves_no_commune() {
        let mut conn = db::open_in_memory().unwrap();
        let bad = NewAccount {
            full_name: "Nguyễn Thị Lan Anh".into(),
            position: String::new(),
            department: String::new(),
            username: "lananh".into(),
            password: "123".into(),
            role: Role::Officer,
        };
        let err = initialise(&mut conn, &input(), Some(&bad)).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        let s = status(&conn).unwrap();
        assert!(!s.initialised);
        assert_eq!(people::count_accounts(&conn).unwrap(), 0);
    }

    #[test]
    fn init_without_account_asks_for_one() {
        let mut conn = db::open_in_memory().unwrap();
        initialise(&mut conn, &input(), None).unwrap();
        let s = status(&conn).unwrap();
        assert!(s.initialised && s.needs_first_account);
        assert!(s.demo_accounts.is_empty());
    }
}
