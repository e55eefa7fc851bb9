//! Tài liệu kiểm chứng: adding files (picked in a dialog or dropped on the window), linking
//! them to what they prove, opening them with the system's program, and the evidence pack.

use std::path::PathBuf;

use cchc_core::evidence::{self, Document, DocumentInput, PackReport, Target};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use super::ApiError;
use crate::state::AppState;

#[tauri::command]
pub async fn evidence_list(
    state: State<'_, AppState>,
    year: Option<i32>,
    query: String,
) -> Result<Vec<Document>, ApiError> {
    state
        .run_as(move |store, _| evidence::list(&store.conn, year, &query))
        .await
}

#[tauri::command]
pub async fn evidence_for(
    state: State<'_, AppState>,
    target: Target,
) -> Result<Vec<Document>, ApiError> {
    state
        .run_as(move |store, _| evidence::documents_for(&store.conn, target))
        .await
}

/// Adds the file at `path` (and links it to `target` when given), all or nothing.
#[tauri::command]
pub async fn add_evidence(
    state: State<'_, AppState>,
    input: DocumentInput,
    path: PathBuf,
    target: Option<Target>,
) -> Result<Document, ApiError> {
    state
        .run_as(move |store, actor| {
            let dir = store.evidence_dir();
            match target {
                Some(t) => {
                    evidence::add_document_linked(&mut store.conn, &dir, actor, &input, &path, t)
                }
                None => evidence::add_document(&mut store.conn, &dir, actor, &input, &path),
            }
        })
        .await
}

#[tauri::command]
pub async fn replace_evidence_file(
    state: State<'_, AppState>,
    id: i64,
    path: PathBuf,
) -> Result<Document, ApiError> {
    state
        .run_as(move |store, actor| {
            let dir = store.evidence_dir();
            evidence::replace_file(&mut store.conn, &dir, actor, id, &path)
        })
        .await
}

#[tauri::command]
pub async fn link_evidence(
    state: State<'_, AppState>,
    id: i64,
    target: Target,
    linked: bool,
) -> Result<Document, ApiError> {
    state
        .run_as(move |store, actor| {
            if linked {
                evidence::link(&mut store.conn, actor, id, target)
            } else {
                evidence::unlink(&mut store.conn, actor, id, target)
            }
        })
        .await
}

/// Opens the document's current file with the system's program (from a named copy, since
/// the store names files by their hash).
#[tauri::command]
pub async fn open_evidence(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), ApiError> {
    let path = state
        .run_as(move |store, _| {
            let dir = store.evidence_dir();
            let out = std::env::temp_dir().join("cchc-xa");
            evidence::viewable_copy(&store.conn, &dir, id, None, &out)
        })
        .await?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| ApiError {
            kind: "io".into(),
            message: format!("Không mở được tệp bằng chương trình của máy: {e}"),
        })
}

#[tauri::command]
pub async fn pack_evidence(
    state: State<'_, AppState>,
    year: i32,
    path: PathBuf,
) -> Result<PackReport, ApiError> {
    state
        .run_as(move |store, _| {
            let dir = store.evidence_dir();
            evidence::pack(&store.conn, &dir, year, &path)
        })
        .await
}
