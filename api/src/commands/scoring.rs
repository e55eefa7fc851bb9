//! Chấm điểm CCHC: the sheet, each step of the workflow on a criterion, and the criteria set
//! editor.

use cchc_core::clock;
use cchc_core::officers::{self, Officer};
use cchc_core::scoring::approval::{self, ApprovalRule, Approved, Preview};
use cchc_core::scoring::criteria::{self, Thresholds};
use cchc_core::scoring::editor::{self, NodeFields};
use cchc_core::scoring::sheet::{self, Sheet};
use cchc_core::scoring::workflow::{self, Appraisal, Event, Scope, SelfScore};
use cchc_core::version::{self, Record};
use serde::{Deserialize, Serialize};

use super::{IdArg, YearArg};
use crate::{Ctx, Host, Result};

#[derive(Serialize)]
pub struct ScoringScreen {
    pub sheet: Sheet,
    pub officers: Vec<Officer>,
    /// The leaves the logged-in user may score.
    pub scorable: Vec<i64>,
    pub thresholds: Option<Thresholds>,
    /// Whether a score without evidence may be approved (a setting of the commune).
    pub approval_rule: ApprovalRule,
    /// Last year has a criteria set to copy (the empty screen offers it only then).
    pub last_year_has_set: bool,
}

pub fn scoring_screen(h: &Host, ctx: &Ctx, a: YearArg) -> Result<ScoringScreen> {
    let actor = ctx.actor(h)?;
    h.read(|c| {
        Ok(ScoringScreen {
            sheet: sheet::sheet(c, a.year, clock::today())?,
            officers: officers::list(c)?,
            scorable: workflow::scorable_leaves(c, &actor, a.year)?,
            thresholds: criteria::thresholds(c, a.year).ok(),
            approval_rule: approval::rule(c)?,
            last_year_has_set: criteria::set_exists(c, a.year - 1)?,
        })
    })
}

pub fn criterion_history(h: &Host, ctx: &Ctx, a: IdArg) -> Result<Vec<Event>> {
    ctx.actor(h)?;
    h.read(|c| workflow::history(c, a.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignArgs {
    id: i64,
    officer_id: Option<i64>,
}

pub fn assign_criterion(h: &Host, ctx: &Ctx, a: AssignArgs) -> Result<usize> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::assign(c, &actor, a.id, a.officer_id))
}

#[derive(Deserialize)]
pub struct ScoreArgs {
    id: i64,
    input: SelfScore,
    /// The version of the score the panel showed; a score changed since is not overwritten.
    #[serde(default)]
    version: Option<i64>,
}

pub fn score_criterion(h: &Host, ctx: &Ctx, a: ScoreArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        version::expect(c, Record::Score, a.id, a.version)?;
        workflow::score(c, &actor, a.id, &a.input)
    })
}

pub fn submit_criterion(h: &Host, ctx: &Ctx, a: IdArg) -> Result<usize> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::submit(c, &actor, a.id))
}

#[derive(Deserialize)]
pub struct PreviewArgs {
    id: Option<i64>,
    year: i32,
}

/// What approving a criterion (`id`) or the whole sheet of `year` would approve: the
/// confirmation's list, total and criteria lacking evidence.
pub fn approval_preview(h: &Host, ctx: &Ctx, a: PreviewArgs) -> Result<Preview> {
    ctx.actor(h)?;
    let scope = a.id.map_or(Scope::Sheet(a.year), Scope::Criterion);
    h.read(|c| approval::preview(c, scope))
}

#[derive(Deserialize)]
pub struct ApproveArgs {
    id: i64,
    /// The criteria the confirmation listed; approving is refused if the list has changed.
    shown: Option<Vec<i64>>,
}

pub fn approve_criterion(h: &Host, ctx: &Ctx, a: ApproveArgs) -> Result<Approved> {
    let actor = ctx.actor(h)?;
    h.write(|c| approval::approve_leaves(c, &actor, Scope::Criterion(a.id), a.shown.as_deref()))
}

#[derive(Deserialize)]
pub struct ReasonArgs {
    id: i64,
    reason: String,
}

pub fn return_criterion(h: &Host, ctx: &Ctx, a: ReasonArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::return_score(c, &actor, a.id, &a.reason))
}

pub fn reopen_criterion(h: &Host, ctx: &Ctx, a: ReasonArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::reopen(c, &actor, a.id, &a.reason))
}

#[derive(Deserialize)]
pub struct AppraiseArgs {
    id: i64,
    appraisal: Appraisal,
}

pub fn appraise_criterion(h: &Host, ctx: &Ctx, a: AppraiseArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::appraise(c, &actor, a.id, &a.appraisal))
}

#[derive(Deserialize)]
pub struct ExplainArgs {
    id: i64,
    explanation: String,
}

pub fn explain_criterion(h: &Host, ctx: &Ctx, a: ExplainArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::explain(c, &actor, a.id, &a.explanation))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotApplicableArgs {
    id: i64,
    not_applicable: bool,
    reason: String,
}

pub fn set_criterion_not_applicable(h: &Host, ctx: &Ctx, a: NotApplicableArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| criteria::set_not_applicable(c, &actor, a.id, a.not_applicable, &a.reason))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddNodeArgs {
    year: i32,
    parent_id: Option<i64>,
    fields: NodeFields,
}

pub fn add_criterion(h: &Host, ctx: &Ctx, a: AddNodeArgs) -> Result<i64> {
    let actor = ctx.actor(h)?;
    h.write(|c| editor::add_node(c, &actor, a.year, a.parent_id, &a.fields))
}

#[derive(Deserialize)]
pub struct UpdateNodeArgs {
    id: i64,
    fields: NodeFields,
    #[serde(default)]
    version: Option<i64>,
}

pub fn update_criterion(h: &Host, ctx: &Ctx, a: UpdateNodeArgs) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        version::expect(c, Record::Criterion, a.id, a.version)?;
        editor::update_node(c, &actor, a.id, &a.fields)
    })
}

pub fn delete_criterion(h: &Host, ctx: &Ctx, a: IdArg) -> Result<()> {
    let actor = ctx.actor(h)?;
    h.write(|c| editor::delete_node(c, &actor, a.id))
}

#[derive(Deserialize)]
pub struct CopyArgs {
    from: i32,
    to: i32,
}

pub fn copy_criteria(h: &Host, ctx: &Ctx, a: CopyArgs) -> Result<usize> {
    let actor = ctx.actor(h)?;
    h.write(|c| editor::copy_from_year(c, &actor, a.from, a.to))
}

pub fn submit_sheet(h: &Host, ctx: &Ctx, a: YearArg) -> Result<usize> {
    let actor = ctx.actor(h)?;
    h.write(|c| workflow::submit_scope(c, &actor, Scope::Sheet(a.year)))
}

#[derive(Deserialize)]
pub struct ApproveSheetArgs {
    year: i32,
    shown: Option<Vec<i64>>,
}

pub fn approve_sheet(h: &Host, ctx: &Ctx, a: ApproveSheetArgs) -> Result<Approved> {
    let actor = ctx.actor(h)?;
    h.write(|c| approval::approve_leaves(c, &actor, Scope::Sheet(a.year), a.shown.as_deref()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleArgs {
    allow_without_evidence: bool,
}

pub fn set_approval_rule(h: &Host, ctx: &Ctx, a: RuleArgs) -> Result<ApprovalRule> {
    let actor = ctx.actor(h)?;
    h.write(|c| approval::set_rule(c, &actor, a.allow_without_evidence))
}

#[derive(Deserialize)]
pub struct ThresholdArgs {
    year: i32,
    thresholds: Thresholds,
}

pub fn set_thresholds(h: &Host, ctx: &Ctx, a: ThresholdArgs) -> Result<Thresholds> {
    let actor = ctx.actor(h)?;
    h.write(|c| criteria::set_thresholds(c, &actor, a.year, &a.thresholds))
}
