//! The screens for browsers: the same built UI the desktop app shows, from wherever the
//! program keeps it (the desktop app's embedded files, or the CLI's), with a strict CSP.

use std::borrow::Cow;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::Server;

/// Where a program keeps the built screens.
pub trait Assets: Send + Sync {
    /// The file at `path` ("index.html", "assets/index-abc.js") and its MIME type.
    fn get(&self, path: &str) -> Option<(Cow<'static, [u8]>, String)>;
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
    object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

pub async fn serve(State(server): State<Arc<Server>>, uri: Uri) -> Response {
    let Some(assets) = &server.options.assets else {
        return (
            StatusCode::NOT_FOUND,
            "Máy chủ này không phục vụ giao diện; hãy mở ứng dụng CCHC Xã.",
        )
            .into_response();
    };
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let Some((bytes, mime)) = assets.get(path) else {
        return (StatusCode::NOT_FOUND, "Không có trang này.").into_response();
    };
    let mut response = (StatusCode::OK, bytes.into_owned()).into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    // The page itself must always be fresh (it names the new script files after an update).
    let cache = if path == "index.html" {
        "no-cache"
    } else {
        "max-age=86400"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
