//! Live changes: each logged-in client keeps `GET /api/events` open and hears, within a moment,
//! which area of which year another user changed, so the officer sees the chairman's approval
//! without reloading. Server-sent events work over plain HTTP in every browser.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;

use super::{auth, error_response, Server};

pub async fn stream(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let caller = match auth::caller(&server.host, &headers, peer, false) {
        Ok(c) => c,
        Err(e) => return error_response(e),
    };
    if caller.actor().is_none() {
        return error_response(cchc_core::Error::NotLoggedIn.into());
    }
    let changes = server.host.subscribe();
    let events = futures_util::stream::unfold(changes, |mut changes| async move {
        let data = match changes.recv().await {
            Ok(change) => serde_json::to_string(&change).unwrap_or_default(),
            // A client that fell behind reloads everything rather than miss a change.
            Err(RecvError::Lagged(_)) => r#"{"area":"all"}"#.to_string(),
            Err(RecvError::Closed) => return None,
        };
        let event = Event::default().event("change").data(data);
        Some((Ok::<_, Infallible>(event), changes))
    });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
