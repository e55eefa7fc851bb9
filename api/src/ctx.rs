//! Who is calling: `Ctx` is made by the transport for each call, from *that* client's log-in,
//! so nothing in the process says "who is logged in" for everyone. It also carries the way
//! back to that client: progress events, and starting or ending its session.

use std::sync::Arc;

use cchc_core::people::{self, Account, Actor};
use serde::Serialize;

use crate::error::{ApiError, Result};
use crate::host::Host;

/// How the call arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transport {
    /// The desktop app's own window (tauri IPC).
    Desktop,
    /// A browser or a desktop client of another PC, over the office network.
    Http,
}

/// The client behind a call, for the log and the audit trail.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// A stable label of the client (the window, or a hash of the session).
    pub id: String,
    /// Its network address; empty for the desktop window.
    pub address: String,
}

/// Progress of long work (import, report, backup), sent to the calling client only.
pub trait Events: Send + Sync {
    fn emit(&self, event: &str, payload: serde_json::Value);
}

/// Starting and ending the calling client's session: the desktop keeps it for its window, the
/// network host in a cookie. `begin` returns the anti-forgery token the client must send back
/// with every change, where the transport needs one.
pub trait Sessions: Send + Sync {
    fn begin(&self, host: &Host, account: &Account) -> Result<Option<String>>;
    fn end(&self, host: &Host);
}

/// Events that go nowhere, for callers that show no progress (tests, the CLI).
pub struct NoEvents;

impl Events for NoEvents {
    fn emit(&self, _: &str, _: serde_json::Value) {}
}

pub struct Ctx {
    actor: Option<Actor>,
    pub client: Client,
    pub transport: Transport,
    events: Arc<dyn Events>,
    sessions: Arc<dyn Sessions>,
}

impl Ctx {
    pub fn new(
        actor: Option<Actor>,
        client: Client,
        transport: Transport,
        events: Arc<dyn Events>,
        sessions: Arc<dyn Sessions>,
    ) -> Ctx {
        Ctx {
            actor,
            client,
            transport,
            events,
            sessions,
        }
    }

    /// The account id of the caller, for the log (never a name).
    pub fn account_id(&self) -> Option<i64> {
        self.actor.as_ref().and_then(|a| a.account_id)
    }

    /// The logged-in caller as the database knows them now (a locked account or a changed
    /// role takes effect at once); refuses when nobody is logged in.
    pub fn actor(&self, host: &Host) -> Result<Actor> {
        let actor = self
            .actor
            .as_ref()
            .ok_or(ApiError::from(cchc_core::Error::NotLoggedIn))?;
        let mut actor = host.read(|conn| people::refresh_actor(conn, actor))?;
        // The audit trail records from which PC each change came.
        actor.client = self.client.address.clone();
        Ok(actor)
    }

    /// The caller when logged in, without refusing.
    pub fn maybe_actor(&self) -> Option<&Actor> {
        self.actor.as_ref()
    }

    pub fn emit(&self, event: &str, payload: impl Serialize) {
        if let Ok(value) = serde_json::to_value(payload) {
            self.events.emit(event, value);
        }
    }

    pub fn begin_session(&self, host: &Host, account: &Account) -> Result<Option<String>> {
        self.sessions.begin(host, account)
    }

    pub fn end_session(&self, host: &Host) {
        self.sessions.end(host)
    }
}
