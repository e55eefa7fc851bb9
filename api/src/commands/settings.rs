//! Cài đặt: the commune's details, working years, accounts, officers and the audit log.

use cchc_core::audit::{self, AuditPage};
use cchc_core::commune::{self, Commune, CommuneInput};
use cchc_core::officers::{self, Officer, OfficerInput};
use cchc_core::people::{self, Account, AccountUpdate, NewAccount, RoleOption};
use cchc_core::scoring::approval::{self, ApprovalRule};
use cchc_core::version::{self, Record};
use serde::{Deserialize, Serialize};

use super::YearArg;
use crate::{Ctx, Host, NoArgs, Result};

#[derive(Serialize)]
pub struct CommuneSettings {
    pub commune: Commune,
    pub superior_suggestions: Vec<String>,
    pub data_dir: String,
    pub approval_rule: ApprovalRule,
}

pub fn commune_settings(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<CommuneSettings> {
    ctx.actor(h)?;
    let commune = h.read(commune::require)?;
    Ok(CommuneSettings {
        approval_rule: h.read(approval::rule)?,
        superior_suggestions: commune::superior_suggestions(&commune.province),
        commune,
        data_dir: super::session::shown_dir(h, ctx),
    })
}

#[derive(Deserialize)]
pub struct ProvinceArg {
    province: String,
}

/// Suggestions for the superior body while the province is being typed (also before set-up).
pub fn suggest_superior(_: &Host, _: &Ctx, a: ProvinceArg) -> Result<Vec<String>> {
    Ok(commune::superior_suggestions(&a.province))
}

pub fn role_options(_: &Host, _: &Ctx, _: NoArgs) -> Result<Vec<RoleOption>> {
    Ok(people::role_options())
}

#[derive(Deserialize)]
pub struct CommuneArgs {
    input: CommuneInput,
    #[serde(default)]
    version: Option<i64>,
}

pub fn update_commune(h: &Host, ctx: &Ctx, a: CommuneArgs) -> Result<Commune> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        version::expect(c, Record::Commune, 1, a.version)?;
        commune::update(c, &actor, &a.input)
    })
}

pub fn add_year(h: &Host, ctx: &Ctx, a: YearArg) -> Result<Vec<i32>> {
    let actor = ctx.actor(h)?;
    h.write(|c| commune::add_year(c, &actor, a.year))
}

pub fn list_accounts(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<Vec<Account>> {
    let actor = ctx.actor(h)?;
    h.read(|c| people::list_accounts(c, &actor))
}

#[derive(Deserialize)]
pub struct NewAccountArgs {
    account: NewAccount,
}

pub fn create_account(h: &Host, ctx: &Ctx, a: NewAccountArgs) -> Result<Account> {
    let actor = ctx.actor(h)?;
    h.write(|c| people::create_account(c, &actor, &a.account))
}

#[derive(Deserialize)]
pub struct UpdateAccountArgs {
    id: i64,
    update: AccountUpdate,
}

pub fn update_account(h: &Host, ctx: &Ctx, a: UpdateAccountArgs) -> Result<Account> {
    let actor = ctx.actor(h)?;
    h.write(|c| people::update_account(c, &actor, a.id, &a.update))
}

#[derive(Deserialize)]
pub struct ResetPasswordArgs {
    id: i64,
    password: String,
}

pub fn reset_password(h: &Host, ctx: &Ctx, a: ResetPasswordArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| people::reset_password(c, &actor, a.id, &a.password))
}

pub fn list_officers(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<Vec<Officer>> {
    ctx.actor(h)?;
    h.read(officers::list)
}

#[derive(Deserialize)]
pub struct OfficerArgs {
    id: Option<i64>,
    input: OfficerInput,
}

pub fn save_officer(h: &Host, ctx: &Ctx, a: OfficerArgs) -> Result<Officer> {
    let actor = ctx.actor(h)?;
    h.write(|c| officers::save(c, &actor, a.id, &a.input))
}

#[derive(Deserialize)]
pub struct AuditArgs {
    limit: i64,
    offset: i64,
}

pub fn audit_log(h: &Host, ctx: &Ctx, a: AuditArgs) -> Result<AuditPage> {
    let actor = ctx.actor(h)?;
    h.read(|c| audit::list(c, &actor, a.limit, a.offset))
}
