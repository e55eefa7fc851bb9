//! Start-up, set-up, the demo commune, log-in and log-out.

use cchc_core::commune::CommuneInput;
use cchc_core::people::{self, NewAccount};
use cchc_core::setup::{self, AppStatus, Session};
use cchc_core::{clock, demo, Error};
use serde::{Deserialize, Serialize};
use std::time::Instant;

use crate::{Ctx, Host, NoArgs, Result, Transport};

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StartInfo {
    #[serde(flatten)]
    pub status: AppStatus,
    pub data_dir: String,
}

/// The data folder as this client may see it: its path on the desktop, not over the network.
pub(crate) fn shown_dir(h: &Host, ctx: &Ctx) -> String {
    match ctx.transport {
        Transport::Desktop => h
            .data_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default(),
        Transport::Http => "trên máy chủ".into(),
    }
}

pub fn app_status(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<StartInfo> {
    let status = h.read(setup::status)?;
    Ok(StartInfo {
        status,
        data_dir: shown_dir(h, ctx),
    })
}

/// A session just begun, with the anti-forgery token when the transport uses one.
#[derive(Serialize)]
pub struct LoggedIn {
    #[serde(flatten)]
    pub session: Session,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csrf: Option<String>,
}

fn begin(h: &Host, ctx: &Ctx, session: Session) -> Result<LoggedIn> {
    let csrf = ctx.begin_session(h, &session.account)?;
    Ok(LoggedIn { session, csrf })
}

#[derive(Deserialize)]
pub struct SetupArgs {
    commune: CommuneInput,
    account: NewAccount,
}

/// The first-start form: the commune and its first account, then logged in as that account.
pub fn setup_commune(h: &Host, ctx: &Ctx, a: SetupArgs) -> Result<LoggedIn> {
    let session = h.write(|c| {
        let (_, account) = setup::initialise(c, &a.commune, Some(&a.account))?;
        let account =
            account.ok_or_else(|| Error::Internal("tài khoản đầu tiên chưa được tạo".into()))?;
        setup::session(c, account)
    })?;
    begin(h, ctx, session)
}

#[derive(Deserialize)]
pub struct FirstAccountArgs {
    account: NewAccount,
}

/// For a commune set up with `cchc init`, which has no account yet.
pub fn create_first_account(h: &Host, ctx: &Ctx, a: FirstAccountArgs) -> Result<LoggedIn> {
    let session = h.write(|c| {
        let account = people::create_first_account(c, &a.account)?;
        setup::session(c, account)
    })?;
    begin(h, ctx, session)
}

pub fn load_demo(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<StartInfo> {
    let evidence = h.evidence_dir()?;
    let status = h.write(|c| {
        demo::load(c, &evidence, clock::this_year(), clock::today())?;
        setup::status(c)
    })?;
    Ok(StartInfo {
        status,
        data_dir: shown_dir(h, ctx),
    })
}

#[derive(Deserialize)]
pub struct LoginArgs {
    username: String,
    password: String,
}

/// Checks the password, after too many wrong ones from one PC for one account refuses for a
/// minute (the rule is `people::throttle`'s).
pub fn login(h: &Host, ctx: &Ctx, a: LoginArgs) -> Result<LoggedIn> {
    let address = ctx.client.address.as_str();
    h.throttle().check(&a.username, address, Instant::now())?;
    let checked = h.read(|c| {
        let account = people::login(c, &a.username, &a.password)?;
        setup::session(c, account)
    });
    match checked {
        Ok(session) => {
            h.throttle().succeeded(&a.username, address);
            begin(h, ctx, session)
        }
        Err(e) => {
            if e.kind == "bad_credentials" {
                h.throttle().failed(&a.username, address, Instant::now());
            }
            Err(e)
        }
    }
}

pub fn logout(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<()> {
    ctx.end_session(h);
    Ok(())
}

pub fn current_session(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<Option<Session>> {
    let Some(id) = ctx.maybe_actor().and_then(|a| a.account_id) else {
        return Ok(None);
    };
    h.read(|c| {
        let account = people::get_account(c, id)?;
        setup::session(c, account).map(Some)
    })
}

#[derive(Deserialize)]
pub struct PasswordArgs {
    current: String,
    replacement: String,
}

pub fn change_own_password(h: &Host, ctx: &Ctx, a: PasswordArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| people::change_own_password(c, &actor, &a.current, &a.replacement))
}
