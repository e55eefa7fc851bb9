//! Files on this PC when the app works as a client of a host on the office network: the host
//! cannot read this PC's disk, so the app reads a file the user picks in this PC's dialog and
//! hands its bytes to the screen (which uploads them), and saves the bytes of a download where
//! the user says. The paths never come from the page: only the user's choice in the dialog
//! names a file, so these commands give the page no general access to the disk.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use cchc_api::ApiError;
use serde::{Deserialize, Serialize};
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::Manager;
use tauri_plugin_dialog::DialogExt;

/// Files the user picked, waiting for the page to read them: id → path.
#[derive(Default)]
pub struct Picked(Mutex<HashMap<String, PathBuf>>);

#[derive(Deserialize)]
struct Filter {
    name: String,
    extensions: Vec<String>,
}

#[derive(Deserialize)]
struct PickArgs {
    title: String,
    #[serde(default)]
    filters: Vec<Filter>,
}

#[derive(Deserialize)]
struct IdArg {
    id: String,
}

#[derive(Serialize)]
struct PickedFile {
    id: String,
    name: String,
    size: u64,
}

fn io(e: std::io::Error) -> ApiError {
    ApiError::new("io", format!("Không đọc/ghi được tệp trên máy này: {e}"))
}

fn header(invoke: &Invoke, name: &str) -> String {
    invoke
        .message
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default()
}

fn args<T: serde::de::DeserializeOwned>(invoke: &Invoke) -> Result<T, ApiError> {
    match invoke.message.payload() {
        InvokeBody::Json(v) => serde_json::from_value(v.clone())
            .map_err(|e| ApiError::new("invalid_request", e.to_string())),
        InvokeBody::Raw(_) => Err(ApiError::new("invalid_request", "thiếu tham số")),
    }
}

/// Handles the local-file commands; false for any other.
pub fn handle(invoke: Invoke) -> bool {
    let name = invoke.message.command().to_string();
    let app = invoke.message.webview().app_handle().clone();
    match name.as_str() {
        "client_pick_file" => {
            let parsed = args::<PickArgs>(&invoke);
            invoke.resolver.respond_async_serialized(async move {
                let a = parsed.map_err(InvokeError::from)?;
                let mut dialog = app.dialog().file().set_title(&a.title);
                for f in &a.filters {
                    let ext: Vec<&str> = f.extensions.iter().map(String::as_str).collect();
                    dialog = dialog.add_filter(&f.name, &ext);
                }
                let chosen =
                    tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
                        .await
                        .ok()
                        .flatten()
                        .and_then(|p| p.into_path().ok());
                let answer = match chosen {
                    None => serde_json::Value::Null,
                    Some(path) => {
                        let size = std::fs::metadata(&path)
                            .map_err(io)
                            .map_err(InvokeError::from)?
                            .len();
                        let id = cchc_core::people::sessions::random_hex(12);
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        app.state::<Picked>()
                            .0
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert(id.clone(), path);
                        serde_json::to_value(PickedFile { id, name, size }).unwrap_or_default()
                    }
                };
                Ok(InvokeResponseBody::Json(answer.to_string()))
            });
            true
        }
        "client_file_bytes" => {
            let parsed = args::<IdArg>(&invoke);
            invoke.resolver.respond_async_serialized(async move {
                let a = parsed.map_err(InvokeError::from)?;
                let path = app
                    .state::<Picked>()
                    .0
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .remove(&a.id)
                    .ok_or_else(|| {
                        InvokeError::from(ApiError::new("not_found", "Hãy chọn lại tệp."))
                    })?;
                let bytes = tokio_read(path).await.map_err(InvokeError::from)?;
                Ok(InvokeResponseBody::Raw(bytes))
            });
            true
        }
        "client_save_file" => {
            let title = header(&invoke, "x-title");
            let file_name = header(&invoke, "x-name");
            let extensions = header(&invoke, "x-extensions");
            let bytes = match invoke.message.payload() {
                InvokeBody::Raw(b) => b.clone(),
                InvokeBody::Json(_) => Vec::new(),
            };
            invoke.resolver.respond_async_serialized(async move {
                let mut dialog = app
                    .dialog()
                    .file()
                    .set_title(&title)
                    .set_file_name(&file_name);
                let ext: Vec<&str> = extensions.split(',').filter(|e| !e.is_empty()).collect();
                if !ext.is_empty() {
                    dialog = dialog.add_filter(&title, &ext);
                }
                let chosen =
                    tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
                        .await
                        .ok()
                        .flatten()
                        .and_then(|p| p.into_path().ok());
                let Some(path) = chosen else {
                    return Ok(InvokeResponseBody::Json("null".into()));
                };
                let target = path.clone();
                tauri::async_runtime::spawn_blocking(move || {
                    std::fs::write(&target, &bytes).map_err(|e| cchc_core::Error::io(&target, e))
                })
                .await
                .map_err(|_| InvokeError::from(ApiError::unexpected()))?
                .map_err(|e| InvokeError::from(ApiError::from(e)))?;
                Ok(InvokeResponseBody::Json(
                    serde_json::Value::String(path.display().to_string()).to_string(),
                ))
            });
            true
        }
        _ => false,
    }
}

async fn tokio_read(path: PathBuf) -> Result<Vec<u8>, ApiError> {
    tauri::async_runtime::spawn_blocking(move || std::fs::read(&path).map_err(io))
        .await
        .map_err(|_| ApiError::unexpected())?
}
