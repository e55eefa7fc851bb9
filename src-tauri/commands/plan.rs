//! Kế hoạch CCHC: the plan's reference, its tasks, reform areas, and next year's plan.

use cchc_core::clock;
use cchc_core::officers::{self, Officer};
use cchc_core::plan::areas::{self, Area};
use cchc_core::plan::reference::{self, PlanInfo};
use cchc_core::plan::rollover::{self, Rollover};
use cchc_core::plan::tasks::{self, StatusOption, TaskFilter, TaskInput, TaskView};
use cchc_core::plan::tracking::{self, DeadlinePreview};
use cchc_core::summary::TaskFigures;
use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use super::ApiError;
use crate::state::AppState;

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

#[tauri::command]
pub async fn plan_screen(state: State<'_, AppState>, year: i32) -> Result<PlanScreen, ApiError> {
    state
        .run_as(move |store, _| {
            let today = clock::today();
            let info = reference::get(&store.conn, year)?;
            Ok(PlanScreen {
                citation: info.citation(),
                info,
                figures: tasks::figures(&store.conn, year, today)?,
                areas: areas::list(&store.conn)?,
                officers: officers::list(&store.conn)?,
                statuses: tasks::status_options(),
                today,
            })
        })
        .await
}

/// What a deadline being typed means and, for a recurring task with periods already past,
/// the question the form must ask (from which period it is followed).
#[tauri::command]
pub async fn deadline_preview(
    state: State<'_, AppState>,
    year: i32,
    text: String,
) -> Result<DeadlinePreview, ApiError> {
    state
        .run_as(move |_, _| tracking::preview(&text, year, clock::today()))
        .await
}

#[tauri::command]
pub async fn search_tasks(
    state: State<'_, AppState>,
    year: i32,
    filter: TaskFilter,
) -> Result<Vec<TaskView>, ApiError> {
    state
        .run_as(move |store, _| tasks::search(&store.conn, year, &filter, clock::today()))
        .await
}

#[tauri::command]
pub async fn save_task(
    state: State<'_, AppState>,
    year: i32,
    id: Option<i64>,
    input: TaskInput,
) -> Result<TaskView, ApiError> {
    state
        .run_as(move |store, actor| {
            tasks::save(&mut store.conn, actor, year, id, &input, clock::today())
        })
        .await
}

#[tauri::command]
pub async fn mark_task_done(
    state: State<'_, AppState>,
    id: i64,
    completed_on: NaiveDate,
) -> Result<TaskView, ApiError> {
    state
        .run_as(move |store, actor| {
            tasks::mark_done(&mut store.conn, actor, id, completed_on, clock::today())
        })
        .await
}

#[tauri::command]
pub async fn set_task_occurrence(
    state: State<'_, AppState>,
    id: i64,
    seq: i64,
    completed_on: Option<NaiveDate>,
) -> Result<TaskView, ApiError> {
    state
        .run_as(move |store, actor| {
            tasks::set_occurrence(
                &mut store.conn,
                actor,
                id,
                seq,
                completed_on,
                clock::today(),
            )
        })
        .await
}

#[tauri::command]
pub async fn delete_task(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| tasks::delete(&mut store.conn, actor, id))
        .await
}

#[tauri::command]
pub async fn save_plan_reference(
    state: State<'_, AppState>,
    year: i32,
    doc_number: String,
    issued_on: Option<NaiveDate>,
) -> Result<PlanInfo, ApiError> {
    state
        .run_as(move |store, actor| {
            reference::save(&mut store.conn, actor, year, &doc_number, issued_on)
        })
        .await
}

#[tauri::command]
pub async fn start_next_year_plan(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Rollover, ApiError> {
    state
        .run_as(move |store, actor| {
            rollover::start_next_year(&mut store.conn, actor, year, clock::today())
        })
        .await
}

#[tauri::command]
pub async fn list_areas(state: State<'_, AppState>) -> Result<Vec<Area>, ApiError> {
    state.run_as(|store, _| areas::list(&store.conn)).await
}

#[tauri::command]
pub async fn save_area(
    state: State<'_, AppState>,
    id: Option<i64>,
    name: String,
    active: bool,
) -> Result<Area, ApiError> {
    state
        .run_as(move |store, actor| areas::save(&mut store.conn, actor, id, &name, active))
        .await
}
