//! Tuyên truyền/PBGDPL: sessions, their totals for a period, and the Biểu 09a figures.

use cchc_core::officers::{self, Officer};
use cchc_core::period::{self, Period};
use cchc_core::plan::tasks;
use cchc_core::sessions::counters::{self, YearCounters};
use cchc_core::sessions::totals::{self, Form09a, Totals};
use cchc_core::sessions::{
    self, Choice, SessionFilter, SessionForm, SessionInput, SessionKind, SessionView,
};
use cchc_core::version::{self, Record};
use cchc_core::{clock, commune};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IdArg, YearArg};
use crate::{Ctx, Host, Result};

#[derive(Serialize)]
pub struct TaskChoice {
    pub id: i64,
    pub label: String,
}

#[derive(Serialize)]
pub struct SessionsScreen {
    pub periods: Vec<Period>,
    pub kinds: Vec<Choice<SessionKind>>,
    pub forms: Vec<Choice<SessionForm>>,
    pub officers: Vec<Officer>,
    pub tasks: Vec<TaskChoice>,
    pub today: NaiveDate,
}

pub fn sessions_screen(h: &Host, ctx: &Ctx, a: YearArg) -> Result<SessionsScreen> {
    ctx.actor(h)?;
    let today = clock::today();
    h.read(|c| {
        Ok(SessionsScreen {
            periods: period::options(a.year),
            kinds: sessions::kind_options(),
            forms: sessions::form_options(),
            officers: officers::list(c)?,
            tasks: tasks::list(c, a.year, today)?
                .into_iter()
                .map(|t| TaskChoice {
                    id: t.id,
                    label: format!("{}. {}", t.number, t.content),
                })
                .collect(),
            today,
        })
    })
}

#[derive(Serialize)]
pub struct SessionsReport {
    pub period: Period,
    pub totals: Totals,
    pub sessions: Vec<SessionView>,
    pub form_09a: Form09a,
}

#[derive(Deserialize)]
pub struct SearchArgs {
    year: i32,
    period: String,
    filter: SessionFilter,
}

pub fn search_sessions(h: &Host, ctx: &Ctx, a: SearchArgs) -> Result<SessionsReport> {
    ctx.actor(h)?;
    h.read(|c| {
        commune::require_year(c, a.year)?;
        let period = period::resolve(&a.period, a.year)?;
        let list = sessions::search(c, &period, &a.filter)?;
        Ok(SessionsReport {
            totals: totals::of(&list),
            form_09a: totals::form_09a(c, &period, a.year)?,
            period,
            sessions: list,
        })
    })
}

#[derive(Deserialize)]
pub struct SaveArgs {
    id: Option<i64>,
    input: SessionInput,
    /// The version the form showed; a session changed since is not overwritten.
    #[serde(default)]
    version: Option<i64>,
}

pub fn save_session(h: &Host, ctx: &Ctx, a: SaveArgs) -> Result<SessionView> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        if let Some(id) = a.id {
            version::expect(c, Record::Session, id, a.version)?;
        }
        sessions::save(c, &actor, a.id, &a.input, clock::today())
    })
}

pub fn delete_session(h: &Host, ctx: &Ctx, a: IdArg) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| sessions::delete(c, &actor, a.id))
}

pub fn pbgdpl_counters(h: &Host, ctx: &Ctx, a: YearArg) -> Result<YearCounters> {
    ctx.actor(h)?;
    h.read(|c| counters::get(c, a.year))
}

#[derive(Deserialize)]
pub struct CountersArgs {
    year: i32,
    counters: YearCounters,
}

pub fn save_pbgdpl_counters(h: &Host, ctx: &Ctx, a: CountersArgs) -> Result<YearCounters> {
    let actor = ctx.actor(h)?;
    h.write(|c| counters::save(c, &actor, a.year, &a.counters))
}
