//! Một cửa/TTHC: the year's catalogue, records per period, targets and indicators.

use cchc_core::onestop::batches::{self, Batch, BatchInput};
use cchc_core::onestop::yearly::{self, Catalogue, Indicators, Targets};
use cchc_core::onestop::{self, YearView};
use tauri::State;

use super::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn onestop_year(state: State<'_, AppState>, year: i32) -> Result<YearView, ApiError> {
    state
        .run_as(move |store, _| onestop::year_view(&store.conn, year))
        .await
}

#[tauri::command]
pub async fn save_tthc_batch(
    state: State<'_, AppState>,
    input: BatchInput,
) -> Result<Batch, ApiError> {
    state
        .run_as(move |store, actor| batches::save(&mut store.conn, actor, &input))
        .await
}

#[tauri::command]
pub async fn delete_tthc_batch(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| batches::delete(&mut store.conn, actor, id))
        .await
}

#[tauri::command]
pub async fn save_tthc_catalogue(
    state: State<'_, AppState>,
    year: i32,
    catalogue: Catalogue,
) -> Result<Catalogue, ApiError> {
    state
        .run_as(move |store, actor| {
            yearly::save_catalogue(&mut store.conn, actor, year, &catalogue)
        })
        .await
}

#[tauri::command]
pub async fn save_tthc_targets(
    state: State<'_, AppState>,
    year: i32,
    targets: Targets,
) -> Result<Targets, ApiError> {
    state
        .run_as(move |store, actor| yearly::save_targets(&mut store.conn, actor, year, &targets))
        .await
}

#[tauri::command]
pub async fn save_indicators(
    state: State<'_, AppState>,
    year: i32,
    indicators: Indicators,
) -> Result<Indicators, ApiError> {
    state
        .run_as(move |store, actor| {
            yearly::save_indicators(&mut store.conn, actor, year, &indicators)
        })
        .await
}
