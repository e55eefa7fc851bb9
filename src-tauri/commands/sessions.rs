//! Tuyên truyền/PBGDPL: sessions, their totals for a period, and the Biểu 09a figures.

use cchc_core::officers::{self, Officer};
use cchc_core::period::{self, Period};
use cchc_core::plan::tasks;
use cchc_core::sessions::counters::{self, YearCounters};
use cchc_core::sessions::totals::{self, Form09a, Totals};
use cchc_core::sessions::{
    self, Choice, SessionFilter, SessionForm, SessionInput, SessionKind, SessionView,
};
use cchc_core::{clock, commune};
use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use super::ApiError;
use crate::state::AppState;

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

#[tauri::command]
pub async fn sessions_screen(
    state: State<'_, AppState>,
    year: i32,
) -> Result<SessionsScreen, ApiError> {
    state
        .run_as(move |store, _| {
            let today = clock::today();
            Ok(SessionsScreen {
                periods: period::options(year),
                kinds: sessions::kind_options(),
                forms: sessions::form_options(),
                officers: officers::list(&store.conn)?,
                tasks: tasks::list(&store.conn, year, today)?
                    .into_iter()
                    .map(|t| TaskChoice {
                        id: t.id,
                        label: format!("{}. {}", t.number, t.content),
                    })
                    .collect(),
                today,
            })
        })
        .await
}

#[derive(Serialize)]
pub struct SessionsReport {
    pub period: Period,
    pub totals: Totals,
    pub sessions: Vec<SessionView>,
    pub form_09a: Form09a,
}

#[tauri::command]
pub async fn search_sessions(
    state: State<'_, AppState>,
    year: i32,
    period: String,
    filter: SessionFilter,
) -> Result<SessionsReport, ApiError> {
    state
        .run_as(move |store, _| {
            commune::require_year(&store.conn, year)?;
            let period = period::resolve(&period, year)?;
            let list = sessions::search(&store.conn, &period, &filter)?;
            Ok(SessionsReport {
                totals: totals::of(&list),
                form_09a: totals::form_09a(&store.conn, &period, year)?,
                period,
                sessions: list,
            })
        })
        .await
}

#[tauri::command]
pub async fn save_session(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: SessionInput,
) -> Result<SessionView, ApiError> {
    state
        .run_as(move |store, actor| {
            sessions::save(&mut store.conn, actor, id, &input, clock::today())
        })
        .await
}

#[tauri::command]
pub async fn delete_session(state: State<'_, AppState>, id: i64) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| sessions::delete(&mut store.conn, actor, id))
        .await
}

#[tauri::command]
pub async fn pbgdpl_counters(
    state: State<'_, AppState>,
    year: i32,
) -> Result<YearCounters, ApiError> {
    state
        .run_as(move |store, _| counters::get(&store.conn, year))
        .await
}

#[tauri::command]
pub async fn save_pbgdpl_counters(
    state: State<'_, AppState>,
    year: i32,
    counters: YearCounters,
) -> Result<YearCounters, ApiError> {
    state
        .run_as(move |store, actor| counters::save(&mut store.conn, actor, year, &counters))
        .await
}
