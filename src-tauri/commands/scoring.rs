//! Chấm điểm CCHC: the sheet, and each step of the workflow on a criterion.

use cchc_core::clock;
use cchc_core::officers::{self, Officer};
use cchc_core::scoring::approval::{self, ApprovalRule, Approved, Preview};
use cchc_core::scoring::criteria::{self, Thresholds};
use cchc_core::scoring::editor::{self, NodeFields};
use cchc_core::scoring::sheet::{self, Sheet};
use cchc_core::scoring::workflow::{self, Appraisal, Event, Scope, SelfScore};
use serde::Serialize;
use tauri::State;

use super::ApiError;
use crate::state::AppState;

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

#[tauri::command]
pub async fn scoring_screen(
    state: State<'_, AppState>,
    year: i32,
) -> Result<ScoringScreen, ApiError> {
    state
        .run_as(move |store, actor| {
            Ok(ScoringScreen {
                sheet: sheet::sheet(&store.conn, year, clock::today())?,
                officers: officers::list(&store.conn)?,
                scorable: workflow::scorable_leaves(&store.conn, actor, year)?,
                thresholds: criteria::thresholds(&store.conn, year).ok(),
                approval_rule: approval::rule(&store.conn)?,
                last_year_has_set: criteria::set_exists(&store.conn, year - 1)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn criterion_history(
    state: State<'_, AppState>,
    id: i64,
) -> Result<Vec<Event>, ApiError> {
    state
        .run_as(move |store, _| workflow::history(&store.conn, id))
        .await
}

#[tauri::command]
pub async fn assign_criterion(
    state: State<'_, AppState>,
    id: i64,
    officer_id: Option<i64>,
) -> Result<usize, ApiError> {
    state
        .run_as(move |store, actor| workflow::assign(&mut store.conn, actor, id, officer_id))
        .await
}

#[tauri::command]
pub async fn score_criterion(
    state: State<'_, AppState>,
    id: i64,
    input: SelfScore,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| workflow::score(&mut store.conn, actor, id, &input))
        .await
}

#[tauri::command]
pub async fn submit_criterion(state: State<'_, AppState>, id: i64) -> Result<usize, ApiError> {
    state
        .run_as(move |store, actor| workflow::submit(&mut store.conn, actor, id))
        .await
}

/// What approving a criterion (`id`) or the whole sheet of `year` would approve: the
/// confirmation's list, total and criteria lacking evidence.
#[tauri::command]
pub async fn approval_preview(
    state: State<'_, AppState>,
    id: Option<i64>,
    year: i32,
) -> Result<Preview, ApiError> {
    state
        .run_as(move |store, _| {
            let scope = id.map_or(Scope::Sheet(year), Scope::Criterion);
            approval::preview(&store.conn, scope)
        })
        .await
}

/// Approves what the confirmation showed (`shown`: the criteria ids it listed).
#[tauri::command]
pub async fn approve_criterion(
    state: State<'_, AppState>,
    id: i64,
    shown: Option<Vec<i64>>,
) -> Result<Approved, ApiError> {
    state
        .run_as(move |store, actor| {
            approval::approve_leaves(
                &mut store.conn,
                actor,
                Scope::Criterion(id),
                shown.as_deref(),
            )
        })
        .await
}

#[tauri::command]
pub async fn return_criterion(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| workflow::return_score(&mut store.conn, actor, id, &reason))
        .await
}

#[tauri::command]
pub async fn reopen_criterion(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| workflow::reopen(&mut store.conn, actor, id, &reason))
        .await
}

#[tauri::command]
pub async fn appraise_criterion(
    state: State<'_, AppState>,
    id: i64,
    appraisal: Appraisal,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| workflow::appraise(&mut store.conn, actor, id, &appraisal))
        .await
}

#[tauri::command]
pub async fn explain_criterion(
    state: State<'_, AppState>,
    id: i64,
    explanation: String,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| workflow::explain(&mut store.conn, actor, id, &explanation))
        .await
}

#[tauri::command]
pub async fn set_criterion_not_applicable(
    state: State<'_, AppState>,
    id: i64,
    not_applicable: bool,
    reason: String,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| {
            criteria::set_not_applicable(&mut store.conn, actor, id, not_applicable, &reason)
        })
        .await
}

#[tauri::command]
pub async fn add_criterion(
    state: State<'_, AppState>,
    year: i32,
    parent_id: Option<i64>,
    fields: NodeFields,
) -> Result<i64, ApiError> {
    state
        .run_as(move |store, actor| {
            editor::add_node(&mut store.conn, actor, year, parent_id, &fields)
        })
        .await
}

#[tauri::command]
pub async fn update_criterion(
    state: State<'_, AppState>,
    id: i64,
    fields: NodeFields,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| editor::update_node(&mut store.conn, actor, id, &fields))
        .await
}

#[tauri::command]
pub async fn delete_criterion(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| editor::delete_node(&mut store.conn, actor, id))
        .await
}

#[tauri::command]
pub async fn copy_criteria(
    state: State<'_, AppState>,
    from: i32,
    to: i32,
) -> Result<usize, ApiError> {
    state
        .run_as(move |store, actor| editor::copy_from_year(&mut store.conn, actor, from, to))
        .await
}

#[tauri::command]
pub async fn submit_sheet(state: State<'_, AppState>, year: i32) -> Result<usize, ApiError> {
    state
        .run_as(move |store, actor| {
            workflow::submit_scope(&mut store.conn, actor, Scope::Sheet(year))
        })
        .await
}

#[tauri::command]
pub async fn approve_sheet(
    state: State<'_, AppState>,
    year: i32,
    shown: Option<Vec<i64>>,
) -> Result<Approved, ApiError> {
    state
        .run_as(move |store, actor| {
            approval::approve_leaves(&mut store.conn, actor, Scope::Sheet(year), shown.as_deref())
        })
        .await
}

#[tauri::command]
pub async fn set_approval_rule(
    state: State<'_, AppState>,
    allow_without_evidence: bool,
) -> Result<ApprovalRule, ApiError> {
    state
        .run_as(move |store, actor| {
            approval::set_rule(&mut store.conn, actor, allow_without_evidence)
        })
        .await
}

#[tauri::command]
pub async fn set_thresholds(
    state: State<'_, AppState>,
    year: i32,
    thresholds: Thresholds,
) -> Result<Thresholds, ApiError> {
    state
        .run_as(move |store, actor| {
            criteria::set_thresholds(&mut store.conn, actor, year, &thresholds)
        })
        .await
}
