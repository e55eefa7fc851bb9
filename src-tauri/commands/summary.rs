//! Tổng quan: the year's figures, charts and what waits for the user.

use cchc_core::dashboard::{self, Dashboard};
use tauri::State;

use super::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, year: i32) -> Result<Dashboard, ApiError> {
    state
        .run_as(move |store, actor| {
            dashboard::for_year(&store.conn, actor, year, cchc_core::clock::today())
        })
        .await
}
