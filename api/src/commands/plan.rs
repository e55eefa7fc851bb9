//! Kế hoạch CCHC: the plan's reference, its tasks, reform areas, and next year's plan.

use cchc_core::clock;
use cchc_core::officers::{self, Officer};
use cchc_core::plan::areas::{self, Area};
use cchc_core::plan::reference::{self, PlanInfo};
use cchc_core::plan::rollover::{self, Rollover};
use cchc_core::plan::tasks::{self, StatusOption, TaskFilter, TaskInput, TaskView};
use cchc_core::plan::tracking::{self, DeadlinePreview};
use cchc_core::summary::TaskFigures;
use cchc_core::version::{self, Record};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{IdArg, YearArg};
use crate::{Ctx, Host, NoArgs, Result};

/// Everything the plan screen needs besides the task list itself.
#[derive(Serialize)]
pub struct PlanScreen {
    pub info: PlanInfo,
    pub citation: Option<String>,
    pub figures: TaskFigures,
    pub areas: Vec<Area>,
    pub officers: Vec<Officer>,
    pub statuses: Vec<StatusOption>,
    pub today: NaiveDate,
}

pub fn plan_screen(h: &Host, ctx: &Ctx, a: YearArg) -> Result<PlanScreen> {
    ctx.actor(h)?;
    let today = clock::today();
    h.read(|c| {
        let info = reference::get(c, a.year)?;
        Ok(PlanScreen {
            citation: info.citation(),
            info,
            figures: tasks::figures(c, a.year, today)?,
            areas: areas::list(c)?,
            officers: officers::list(c)?,
            statuses: tasks::status_options(),
            today,
        })
    })
}

#[derive(Deserialize)]
pub struct DeadlineArgs {
    year: i32,
    text: String,
}

/// What a deadline being typed means and, for a recurring task with periods already past,
/// the question the form must ask (from which period it is followed).
pub fn deadline_preview(h: &Host, ctx: &Ctx, a: DeadlineArgs) -> Result<DeadlinePreview> {
    ctx.actor(h)?;
    Ok(tracking::preview(&a.text, a.year, clock::today())?)
}

#[derive(Deserialize)]
pub struct SearchArgs {
    year: i32,
    filter: TaskFilter,
}

pub fn search_tasks(h: &Host, ctx: &Ctx, a: SearchArgs) -> Result<Vec<TaskView>> {
    ctx.actor(h)?;
    h.read(|c| tasks::search(c, a.year, &a.filter, clock::today()))
}

#[derive(Deserialize)]
pub struct SaveTaskArgs {
    year: i32,
    id: Option<i64>,
    input: TaskInput,
    /// The version the form showed; a task changed since is not overwritten.
    #[serde(default)]
    version: Option<i64>,
}

pub fn save_task(h: &Host, ctx: &Ctx, a: SaveTaskArgs) -> Result<TaskView> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        if let Some(id) = a.id {
            version::expect(c, Record::Task, id, a.version)?;
        }
        tasks::save(c, &actor, a.year, a.id, &a.input, clock::today())
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DoneArgs {
    id: i64,
    completed_on: NaiveDate,
    #[serde(default)]
    version: Option<i64>,
}

pub fn mark_task_done(h: &Host, ctx: &Ctx, a: DoneArgs) -> Result<TaskView> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        version::expect(c, Record::Task, a.id, a.version)?;
        tasks::mark_done(c, &actor, a.id, a.completed_on, clock::today())
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OccurrenceArgs {
    id: i64,
    seq: i64,
    completed_on: Option<NaiveDate>,
}

pub fn set_task_occurrence(h: &Host, ctx: &Ctx, a: OccurrenceArgs) -> Result<TaskView> {
    let actor = ctx.actor(h)?;
    h.write(|c| tasks::set_occurrence(c, &actor, a.id, a.seq, a.completed_on, clock::today()))
}

pub fn delete_task(h: &Host, ctx: &Ctx, a: IdArg) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| tasks::delete(c, &actor, a.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceArgs {
    year: i32,
    doc_number: String,
    issued_on: Option<NaiveDate>,
}

pub fn save_plan_reference(h: &Host, ctx: &Ctx, a: ReferenceArgs) -> Result<PlanInfo> {
    let actor = ctx.actor(h)?;
    h.write(|c| reference::save(c, &actor, a.year, &a.doc_number, a.issued_on))
}

pub fn start_next_year_plan(h: &Host, ctx: &Ctx, a: YearArg) -> Result<Rollover> {
    let actor = ctx.actor(h)?;
    h.write(|c| rollover::start_next_year(c, &actor, a.year, clock::today()))
}

pub fn list_areas(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<Vec<Area>> {
    ctx.actor(h)?;
    h.read(areas::list)
}

#[derive(Deserialize)]
pub struct AreaArgs {
    id: Option<i64>,
    name: String,
    active: bool,
}

pub fn save_area(h: &Host, ctx: &Ctx, a: AreaArgs) -> Result<Area> {
    let actor = ctx.actor(h)?;
    h.write(|c| areas::save(c, &actor, a.id, &a.name, a.active))
}
