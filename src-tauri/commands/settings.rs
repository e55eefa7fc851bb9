//! Cài đặt: the commune's details, working years, accounts, and the audit log.

use cchc_core::audit::{self, AuditPage};
use cchc_core::commune::{self, Commune, CommuneInput};
use cchc_core::officers::{self, Officer, OfficerInput};
use cchc_core::people::{self, Account, AccountUpdate, NewAccount, RoleOption};
use cchc_core::scoring::approval::{self, ApprovalRule};
use serde::Serialize;
use tauri::State;

use super::ApiError;
use crate::state::AppState;

#[derive(Serialize)]
pub struct CommuneSettings {
    pub commune: Commune,
    pub superior_suggestions: Vec<String>,
    pub data_dir: String,
    pub approval_rule: ApprovalRule,
}

#[tauri::command]
pub async fn commune_settings(state: State<'_, AppState>) -> Result<CommuneSettings, ApiError> {
    let data_dir = state.data_dir();
    state
        .run_as(move |store, _| {
            let commune = commune::require(&store.conn)?;
            Ok(CommuneSettings {
                superior_suggestions: commune::superior_suggestions(&commune.province),
                commune,
                data_dir,
                approval_rule: approval::rule(&store.conn)?,
            })
        })
        .await
}

/// Suggestions for the superior body while the province is being typed (also before set-up).
#[tauri::command]
pub fn suggest_superior(province: String) -> Vec<String> {
    commune::superior_suggestions(&province)
}

#[tauri::command]
pub fn role_options() -> Vec<RoleOption> {
    people::role_options()
}

#[tauri::command]
pub async fn update_commune(
    state: State<'_, AppState>,
    input: CommuneInput,
) -> Result<Commune, ApiError> {
    state
        .run_as(move |store, actor| commune::update(&mut store.conn, actor, &input))
        .await
}

#[tauri::command]
pub async fn add_year(state: State<'_, AppState>, year: i32) -> Result<Vec<i32>, ApiError> {
    state
        .run_as(move |store, actor| commune::add_year(&mut store.conn, actor, year))
        .await
}

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<Account>, ApiError> {
    state
        .run_as(|store, actor| people::list_accounts(&store.conn, actor))
        .await
}

#[tauri::command]
pub async fn create_account(
    state: State<'_, AppState>,
    account: NewAccount,
) -> Result<Account, ApiError> {
    state
        .run_as(move |store, actor| people::create_account(&mut store.conn, actor, &account))
        .await
}

#[tauri::command]
pub async fn update_account(
    state: State<'_, AppState>,
    id: i64,
    update: AccountUpdate,
) -> Result<Account, ApiError> {
    state
        .run_as(move |store, actor| people::update_account(&mut store.conn, actor, id, &update))
        .await
}

#[tauri::command]
pub async fn reset_password(
    state: State<'_, AppState>,
    id: i64,
    password: String,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| people::reset_password(&mut store.conn, actor, id, &password))
        .await
}

#[tauri::command]
pub async fn list_officers(state: State<'_, AppState>) -> Result<Vec<Officer>, ApiError> {
    state.run_as(|store, _| officers::list(&store.conn)).await
}

#[tauri::command]
pub async fn save_officer(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: OfficerInput,
) -> Result<Officer, ApiError> {
    state
        .run_as(move |store, actor| officers::save(&mut store.conn, actor, id, &input))
        .await
}

#[tauri::command]
pub async fn audit_log(
    state: State<'_, AppState>,
    limit: i64,
    offset: i64,
) -> Result<AuditPage, ApiError> {
    state
        .run_as(move |store, actor| audit::list(&store.conn, actor, limit, offset))
        .await
}
