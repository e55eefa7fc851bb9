//! Who calls, per request. A browser holds its session in an HttpOnly, SameSite=Strict cookie
//! and must send the session's anti-forgery value in `X-CSRF-Token` with every call; a desktop
//! client of another PC holds it as a bearer token (its pages come from its own disk, so a
//! cookie of this host would never reach it). Every request must name this host in `Host` (a
//! defence against DNS rebinding) and, when it says where it comes from, come from this host's
//! own pages or from the desktop app.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cchc_core::people::sessions::{self, Issued};
use cchc_core::people::{Account, Actor};

use super::{error_response, Server};
use crate::{ApiError, Client, Ctx, Host, Sessions, Transport};

pub const COOKIE: &str = "cchc_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Sent by the desktop app when it works as a client of this host.
pub const CLIENT_HEADER: &str = "x-cchc-client";
/// The origins of the desktop app's own pages (Linux and macOS; Windows).
const APP_ORIGINS: &[&str] = &[
    "tauri://localhost",
    "http://tauri.localhost",
    "https://tauri.localhost",
];

/// The names and addresses of this PC: its name and the address of each network card.
pub fn local_names() -> Vec<String> {
    let mut names = vec![gethostname::gethostname().to_string_lossy().to_lowercase()];
    names.push(format!("{}.local", names[0]));
    if let Ok(interfaces) = if_addrs::get_if_addrs() {
        names.extend(interfaces.iter().map(|i| i.ip().to_string()));
    }
    names
}

fn host_name(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::HOST)?.to_str().ok()?.to_lowercase();
    // "[::1]:8765" → "::1"; "may-chu:8765" → "may-chu".
    let name = if let Some(rest) = value.strip_prefix('[') {
        rest.split(']').next()?.to_string()
    } else {
        value
            .rsplit_once(':')
            .map_or(value.as_str(), |(n, _)| n)
            .to_string()
    };
    Some(name)
}

fn host_allowed(server: &Server, headers: &HeaderMap) -> bool {
    let Some(name) = host_name(headers) else {
        return false;
    };
    matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1")
        || server
            .options
            .names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&name))
}

fn origin(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ORIGIN).and_then(|o| o.to_str().ok())
}

fn app_origin(headers: &HeaderMap) -> Option<&'static str> {
    let o = origin(headers)?;
    APP_ORIGINS.iter().copied().find(|a| *a == o)
}

/// Same origin as the host's own pages, or the desktop app, or no origin at all (a request
/// not made by a browser page).
fn origin_allowed(headers: &HeaderMap) -> bool {
    let Some(o) = origin(headers) else {
        return true;
    };
    let own = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| o.eq_ignore_ascii_case(&format!("http://{h}")));
    own || app_origin(headers).is_some()
}

fn refuse(status: StatusCode, message: &str) -> Response {
    let mut r = error_response(ApiError::new("forbidden", message));
    *r.status_mut() = status;
    r
}

/// Every request: the host check, the origin check, the answer to the desktop app's origin,
/// and headers that keep the pages from being framed or sniffed.
pub async fn guard(State(server): State<Arc<Server>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if !host_allowed(&server, headers) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "Địa chỉ máy chủ trong yêu cầu không phải của máy này.",
        );
    }
    if !origin_allowed(headers) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Yêu cầu đến từ một trang khác, không phải từ phần mềm CCHC Xã.",
        );
    }
    let allow = app_origin(headers);
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    if let Some(o) = allow {
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static(o),
        );
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

/// The desktop app's preflight before a call with a bearer token.
pub async fn preflight(headers: HeaderMap) -> Response {
    if app_origin(&headers).is_none() {
        return StatusCode::FORBIDDEN.into_response();
    }
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "POST, GET"),
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "content-type, authorization, x-cchc-client, x-csrf-token",
            ),
            (header::ACCESS_CONTROL_MAX_AGE, "600"),
        ],
    )
        .into_response()
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
}

/// How the client holds its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    Cookie,
    Bearer,
}

/// The caller of one request.
pub struct Caller {
    actor: Option<Actor>,
    client: Client,
    pub sessions: Arc<HttpSessions>,
}

impl Caller {
    pub fn ctx(self) -> Ctx {
        Ctx::new(
            self.actor,
            self.client,
            Transport::Http,
            Arc::new(crate::NoEvents),
            self.sessions,
        )
    }

    pub fn actor(&self) -> Option<&Actor> {
        self.actor.as_ref()
    }

    pub fn client_id(&self) -> &str {
        &self.client.id
    }
}

/// Resolves the caller of a request. With `changes`, a browser session must also show its
/// anti-forgery value.
pub fn caller(
    host: &Host,
    headers: &HeaderMap,
    peer: SocketAddr,
    changes: bool,
) -> Result<Caller, ApiError> {
    let address = peer.ip().to_string();
    let (holder, token) = match (bearer_token(headers), cookie_token(headers)) {
        (Some(t), _) => (Some(Holder::Bearer), Some(t)),
        (None, Some(t)) => (Some(Holder::Cookie), Some(t)),
        (None, None) => (None, None),
    };
    let now = chrono::Local::now().naive_local();
    let opened = match &token {
        Some(t) => host.read(|c| sessions::open_read(c, t, now))?,
        None => None,
    };
    if let Some(o) = &opened {
        if o.needs_touch {
            // Best effort: when a long write holds the database, the touch waits for next time.
            let _ = host.try_write(|c| sessions::touch(c, o.id, now));
        }
        if changes && holder == Some(Holder::Cookie) {
            let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(o.csrf.as_str()) {
                return Err(ApiError::new(
                    "forbidden",
                    "Yêu cầu thiếu mã chống giả mạo của phiên đăng nhập; hãy tải lại trang.",
                ));
            }
        }
    }
    let desktop_client = holder == Some(Holder::Bearer)
        || headers
            .get(CLIENT_HEADER)
            .is_some_and(|v| v.as_bytes() == b"desktop");
    let label = if desktop_client {
        "Ứng dụng CCHC Xã".to_string()
    } else {
        browser_label(headers)
    };
    let client_id = opened
        .as_ref()
        .map(|o| format!("phien-{}", o.id))
        .unwrap_or_else(|| format!("khach-{address}"));
    Ok(Caller {
        actor: opened.map(|o| {
            let mut actor = o.actor;
            actor.client = address.clone();
            actor
        }),
        client: Client {
            id: client_id,
            address: address.clone(),
        },
        sessions: Arc::new(HttpSessions {
            token: token.filter(|_| holder.is_some()),
            address,
            label,
            desktop_client,
            change: Mutex::default(),
        }),
    })
}

fn browser_label(headers: &HeaderMap) -> String {
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let browser = if agent.contains("Edg/") {
        "Microsoft Edge"
    } else if agent.contains("Chrome/") {
        "Chrome"
    } else if agent.contains("Firefox/") {
        "Firefox"
    } else {
        "Trình duyệt"
    };
    browser.to_string()
}

enum SessionChange {
    Begun(Issued),
    Ended,
}

/// Starting and ending a session over HTTP: the database keeps it; the response carries the
/// cookie, or the token for a desktop client.
pub struct HttpSessions {
    token: Option<String>,
    address: String,
    label: String,
    desktop_client: bool,
    change: Mutex<Option<SessionChange>>,
}

impl Sessions for HttpSessions {
    fn begin(&self, host: &Host, account: &Account) -> Result<Option<String>, ApiError> {
        let now = chrono::Local::now().naive_local();
        if let Some(old) = &self.token {
            host.write(|c| sessions::end(c, old))?;
        }
        let issued =
            host.write(|c| sessions::begin(c, account.id, &self.address, &self.label, now))?;
        let csrf = issued.csrf.clone();
        *self.change.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(SessionChange::Begun(issued));
        Ok(Some(csrf))
    }

    fn end(&self, host: &Host) {
        if let Some(token) = &self.token {
            if let Err(e) = host.write(|c| sessions::end(c, token)) {
                tracing::warn!(kind = %e.kind, "không kết thúc được phiên: {}", e.message);
            }
        }
        *self.change.lock().unwrap_or_else(PoisonError::into_inner) = Some(SessionChange::Ended);
    }
}

impl HttpSessions {
    /// A desktop client reads its new token from the log-in answer (a browser never does: its
    /// token is in a cookie its scripts cannot read).
    pub fn add_token(&self, mut value: serde_json::Value) -> serde_json::Value {
        if self.desktop_client {
            if let Some(SessionChange::Begun(issued)) =
                &*self.change.lock().unwrap_or_else(PoisonError::into_inner)
            {
                if let Some(map) = value.as_object_mut() {
                    map.insert("token".into(), issued.token.clone().into());
                }
            }
        }
        value
    }

    /// Sets or clears the browser's cookie when the call began or ended its session.
    pub fn apply(&self, mut response: Response) -> Response {
        let cookie = match &*self.change.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(SessionChange::Begun(issued)) if !self.desktop_client => {
                format!(
                    "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
                    issued.token
                )
            }
            Some(SessionChange::Ended) => {
                format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
            }
            _ => return response,
        };
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_without_ports() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("May-Chu:8765"));
        assert_eq!(host_name(&h).as_deref(), Some("may-chu"));
        h.insert(header::HOST, HeaderValue::from_static("[::1]:8765"));
        assert_eq!(host_name(&h).as_deref(), Some("::1"));
        h.insert(header::HOST, HeaderValue::from_static("192.168.1.10"));
        assert_eq!(host_name(&h).as_deref(), Some("192.168.1.10"));
    }

    #[test]
    fn the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; cchc_session=abc; b=2"),
        );
        assert_eq!(cookie_token(&h).as_deref(), Some("abc"));
    }
}
