//! The year's key figures for Tổng quan.

use cchc_core::summary::{self, Summary};
use tauri::State;

use super::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn year_summary(state: State<'_, AppState>, year: i32) -> Result<Summary, ApiError> {
    state
        .run_as(move |store, _| summary::for_year(&store.conn, year, cchc_core::clock::today()))
        .await
}
