//! What the app holds while it runs: the open data folder (or why it could not be opened) and
//! the account that is logged in. Commands reach both through `AppState::run`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use cchc_core::people::Actor;
use cchc_core::{Error, Store};

use crate::commands::ApiError;

struct Inner {
    store: Result<Mutex<Store>, String>,
    data_dir: Option<PathBuf>,
    session: Mutex<Option<Actor>>,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    pub fn new(opened: Result<(PathBuf, Store), Error>) -> Self {
        let (store, data_dir) = match opened {
            Ok((dir, store)) => (Ok(Mutex::new(store)), Some(dir)),
            Err(e) => (Err(e.to_string()), None),
        };
        AppState(Arc::new(Inner {
            store,
            data_dir,
            session: Mutex::new(None),
        }))
    }

    pub fn data_dir(&self) -> String {
        self.0
            .data_dir
            .as_ref()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    }

    pub fn actor(&self) -> Option<Actor> {
        self.0.session.lock().ok().and_then(|s| s.clone())
    }

    pub fn set_actor(&self, actor: Option<Actor>) {
        if let Ok(mut s) = self.0.session.lock() {
            *s = actor;
        }
    }

    /// Runs `f` on the store off the UI thread, as the logged-in actor if there is one.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, Option<Actor>) -> cchc_core::Result<T> + Send + 'static,
    {
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let store = state.0.store.as_ref().map_err(|why| ApiError::store(why))?;
            let mut store = store
                .lock()
                .map_err(|_| ApiError::from(Error::Internal("kho dữ liệu bị khóa".into())))?;
            f(&mut store, state.actor()).map_err(ApiError::from)
        })
        .await
        .map_err(|e| ApiError::from(Error::Internal(e.to_string())))?
    }

    /// Like `run`, but refuses when nobody is logged in.
    pub async fn run_as<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Actor) -> cchc_core::Result<T> + Send + 'static,
    {
        self.run(move |store, actor| {
            let actor = actor.ok_or(Error::NotLoggedIn)?;
            let actor = cchc_core::people::refresh_actor(&store.conn, &actor)?;
            f(store, &actor)
        })
        .await
    }
}
