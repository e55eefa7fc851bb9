//! The desktop transport: every command of cchc-api's one list, answered over tauri's IPC off
//! the UI thread. A file to open is opened here with the PC's own program, the one thing only
//! the desktop can do.

use cchc_api::{ApiError, Reply};
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::Manager;
use tauri_plugin_opener::OpenerExt;

use crate::state::Shell;

/// Handles `invoke` when it names a command of the list; returns false otherwise.
pub fn handle(shell: &Shell, invoke: Invoke) -> bool {
    let name = invoke.message.command().to_string();
    if !cchc_api::is_command(&name) {
        return false;
    }
    let args = match invoke.message.payload() {
        InvokeBody::Json(v) => v.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let app = invoke.message.webview().app_handle().clone();
    let shell = shell.clone();
    invoke.resolver.respond_async_serialized(async move {
        let ctx = shell.ctx(&app);
        let host = shell.host.clone();
        let reply = tauri::async_runtime::spawn_blocking(move || {
            cchc_api::dispatch(&host, &ctx, &name, args)
        })
        .await
        .unwrap_or_else(|_| Err(ApiError::unexpected()));
        answer(&app, reply).map_err(InvokeError::from)
    });
    true
}

fn answer(
    app: &tauri::AppHandle,
    reply: Result<Reply, ApiError>,
) -> Result<InvokeResponseBody, ApiError> {
    match reply? {
        Reply::Json(value) => Ok(InvokeResponseBody::Json(value.to_string())),
        Reply::Bytes { data, .. } => Ok(InvokeResponseBody::Raw(data)),
        Reply::Open(path) => {
            app.opener()
                .open_path(path.to_string_lossy(), None::<&str>)
                .map_err(|e| {
                    tracing::warn!(
                        kind = "io",
                        "không mở được tệp bằng chương trình của máy: {e}"
                    );
                    ApiError::new(
                        "io",
                        format!("Không mở được tệp bằng chương trình của máy: {e}"),
                    )
                })?;
            Ok(InvokeResponseBody::Json("null".into()))
        }
    }
}
