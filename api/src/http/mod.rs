//! The office-network transport: the same command list over HTTP, so that the other PCs of the
//! office (a browser, or the desktop app set to "máy khách") work on the one host that owns the
//! database. `POST /api/{command}` takes the command's arguments as the JSON body the screens
//! send and answers the same JSON, or `{kind, message}` with the status `ApiError::status`
//! gives. Beside it: uploads and downloads of files (`transfer`), live change events (`events`),
//! and the screens themselves (`assets`). Who calls is decided per request (`auth`).

mod assets;
mod auth;
mod events;
mod transfer;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub use assets::Assets;
pub use auth::local_names;

use crate::{files, ApiError, Ctx, Host, Reply};

/// The largest file a client may upload, unless the host says otherwise.
pub const DEFAULT_MAX_UPLOAD: u64 = 200 * 1024 * 1024;

pub struct Options {
    /// The names and addresses this host answers to, besides localhost (a request whose
    /// `Host` is anything else is refused: a defence against DNS rebinding).
    pub names: Vec<String>,
    /// The screens, when this host serves them to browsers.
    pub assets: Option<Arc<dyn Assets>>,
    pub max_upload: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            names: local_names(),
            assets: None,
            max_upload: DEFAULT_MAX_UPLOAD,
        }
    }
}

pub(crate) struct Server {
    pub host: Arc<Host>,
    pub options: Options,
}

/// The routes of the host.
pub fn router(host: Arc<Host>, options: Options) -> Router {
    files::clear_transfers(&host);
    let server = Arc::new(Server { host, options });
    Router::new()
        .route("/api/upload", post(transfer::upload))
        .route("/api/download/{token}", get(transfer::download))
        .route("/api/events", get(events::stream))
        .route("/api/{command}", post(command).options(auth::preflight))
        .fallback(get(assets::serve))
        .layer(axum::middleware::from_fn_with_state(
            server.clone(),
            auth::guard,
        ))
        .with_state(server)
}

/// Serves `router` on `listener` until `shutdown` resolves, then finishes the calls under way.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Binds `addr` ("0.0.0.0:8765", "127.0.0.1:8765"), with a Vietnamese message for the ports
/// that are taken or forbidden (Windows reserves port ranges: bind error 10013).
pub fn bind(addr: &str) -> Result<std::net::TcpListener, cchc_core::Error> {
    let port = addr.rsplit(':').next().unwrap_or(addr);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "Cổng {port} đang được một chương trình khác dùng. Hãy chọn cổng khác, ví dụ {}.",
                next_port(port)
            ),
            std::io::ErrorKind::PermissionDenied => format!(
                "Hệ điều hành không cho dùng cổng {port} (cổng bị giữ chỗ hoặc bị chặn). Hãy chọn cổng khác, ví dụ {}.",
                next_port(port)
            ),
            std::io::ErrorKind::AddrNotAvailable => format!(
                "Máy này không có địa chỉ “{addr}”. Hãy dùng 0.0.0.0:{port} để nhận kết nối từ mọi card mạng."
            ),
            _ => format!("Không mở được cổng {addr}: {e}"),
        };
        cchc_core::Error::Invalid(why)
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| cchc_core::Error::Internal(format!("không mở được cổng: {e}")))?;
    Ok(listener)
}

/// The MIME type of a file by its extension: the screens' files and what commands write.
pub fn mime_of(path: &std::path::Path) -> &'static str {
    match path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("wasm") => "application/wasm",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("ico") => "image/x-icon",
        Some("pdf") => "application/pdf",
        Some("zip") => "application/zip",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        _ => "application/octet-stream",
    }
}

fn next_port(port: &str) -> String {
    port.parse::<u16>()
        .ok()
        .and_then(|p| p.checked_add(1))
        .map(|p| p.to_string())
        .unwrap_or_else(|| "8766".into())
}

/// An error as JSON with its status; "busy" tells the client when to try again.
pub(crate) fn error_response(e: ApiError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, axum::Json(e.clone())).into_response();
    if e.kind == "busy" {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    }
    response
}

async fn command(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !crate::is_command(&name) {
        return error_response(ApiError::unknown_command(&name));
    }
    let caller = match auth::caller(&server.host, &headers, peer, true) {
        Ok(c) => c,
        Err(e) => return error_response(e),
    };
    let args: serde_json::Value = if body.is_empty() {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return error_response(ApiError::bad_arguments(&name, &e)),
        }
    };
    let host = server.host.clone();
    let sessions = caller.sessions.clone();
    let ctx: Ctx = caller.ctx();
    let outcome =
        tokio::task::spawn_blocking(move || crate::dispatch(&host, &ctx, &name, args)).await;
    let reply = match outcome {
        Ok(Ok(reply)) => reply,
        Ok(Err(e)) => return sessions.apply(error_response(e)),
        Err(_) => return error_response(ApiError::unexpected()),
    };
    let response = match reply {
        Reply::Json(value) => axum::Json(sessions.add_token(value)).into_response(),
        Reply::Bytes {
            data,
            file_name,
            mime,
        } => transfer::attachment(data.into(), &file_name, mime, false),
        // Over the network "open with the PC's program" becomes a download of the file.
        Reply::Open(path) => transfer::file_response(&path).await,
    };
    sessions.apply(response)
}
