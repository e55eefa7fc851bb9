//! Start-up, set-up, the demo commune, log-in and log-out.

use cchc_core::commune::CommuneInput;
use cchc_core::people::{self, NewAccount};
use cchc_core::setup::{self, AppStatus, Session};
use cchc_core::{clock, demo};
use serde::Serialize;
use tauri::State;

use super::ApiError;
use crate::state::AppState;

#[derive(Serialize)]
pub struct StartInfo {
    #[serde(flatten)]
    pub status: AppStatus,
    pub data_dir: String,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<StartInfo, ApiError> {
    let data_dir = state.data_dir();
    let status = state.run(|store, _| setup::status(&store.conn)).await?;
    Ok(StartInfo { status, data_dir })
}

/// The first-start form: the commune and its first account, then logged in as that account.
#[tauri::command]
pub async fn setup_commune(
    state: State<'_, AppState>,
    commune: CommuneInput,
    account: NewAccount,
) -> Result<Session, ApiError> {
    let session = state
        .run(move |store, _| {
            let (_, account) = setup::initialise(&mut store.conn, &commune, Some(&account))?;
            let account = account.ok_or_else(|| {
                cchc_core::Error::Internal("tài khoản đầu tiên chưa được tạo".into())
            })?;
            setup::session(&store.conn, account)
        })
        .await?;
    state.set_actor(Some(session.account.actor()));
    Ok(session)
}

/// For a commune set up with `cchc init`, which has no account yet.
#[tauri::command]
pub async fn create_first_account(
    state: State<'_, AppState>,
    account: NewAccount,
) -> Result<Session, ApiError> {
    let session = state
        .run(move |store, _| {
            let account = people::create_first_account(&mut store.conn, &account)?;
            setup::session(&store.conn, account)
        })
        .await?;
    state.set_actor(Some(session.account.actor()));
    Ok(session)
}

#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> Result<StartInfo, ApiError> {
    let data_dir = state.data_dir();
    let status = state
        .run(|store, _| {
            let dir = store.evidence_dir();
            demo::load(&mut store.conn, &dir, clock::this_year(), clock::today())?;
            setup::status(&store.conn)
        })
        .await?;
    Ok(StartInfo { status, data_dir })
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> Result<Session, ApiError> {
    let session = state
        .run(move |store, _| {
            let account = people::login(&store.conn, &username, &password)?;
            setup::session(&store.conn, account)
        })
        .await?;
    state.set_actor(Some(session.account.actor()));
    Ok(session)
}

#[tauri::command]
pub fn logout(state: State<'_, AppState>) {
    state.set_actor(None);
}

#[tauri::command]
pub async fn current_session(state: State<'_, AppState>) -> Result<Option<Session>, ApiError> {
    state
        .run(|store, actor| {
            let Some(id) = actor.and_then(|a| a.account_id) else {
                return Ok(None);
            };
            let account = people::get_account(&store.conn, id)?;
            setup::session(&store.conn, account).map(Some)
        })
        .await
}

#[tauri::command]
pub async fn change_own_password(
    state: State<'_, AppState>,
    current: String,
    replacement: String,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, actor| {
            people::change_own_password(&mut store.conn, actor, &current, &replacement)
        })
        .await
}
