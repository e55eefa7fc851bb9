//! What the desktop app holds while it runs: the host of its data folder (shared with the
//! office network when that is turned on) and the session of its own window.

use std::sync::{Arc, Mutex, PoisonError};

use cchc_api::{ApiError, Client, Ctx, Events, Host, Sessions, Transport};
use cchc_core::people::{Account, Actor};
use tauri::{AppHandle, Emitter};

/// The log-in of the app's own window. Other PCs have theirs in the host's session table.
#[derive(Default)]
pub struct WindowSession(Mutex<Option<Actor>>);

impl WindowSession {
    fn get(&self) -> Option<Actor> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn set(&self, actor: Option<Actor>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = actor;
    }
}

impl Sessions for WindowSession {
    fn begin(&self, _: &Host, account: &Account) -> Result<Option<String>, ApiError> {
        self.set(Some(account.actor()));
        Ok(None)
    }

    fn end(&self, _: &Host) {
        self.set(None);
    }
}

/// Progress events go to the app's window.
pub struct WindowEvents(pub AppHandle);

impl Events for WindowEvents {
    fn emit(&self, event: &str, payload: serde_json::Value) {
        // A window that has closed misses its progress; nothing else to do.
        let _ = self.0.emit(event, payload);
    }
}

#[derive(Clone)]
pub struct Shell {
    pub host: Arc<Host>,
    session: Arc<WindowSession>,
}

impl Shell {
    pub fn new(host: Host) -> Shell {
        Shell {
            host: Arc::new(host),
            session: Arc::default(),
        }
    }

    /// The context of one call from the app's window.
    pub fn ctx(&self, app: &AppHandle) -> Ctx {
        Ctx::new(
            self.session.get(),
            Client {
                id: "desktop".into(),
                address: String::new(),
            },
            Transport::Desktop,
            Arc::new(WindowEvents(app.clone())),
            self.session.clone(),
        )
    }
}
