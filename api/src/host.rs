//! The one process that owns a commune's data folder: its database and where its files live.
//! Commands reach the database only through `read` and `write`, so the way connections are
//! shared is decided here and nowhere else.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use cchc_core::Store;
use rusqlite::Connection;

use crate::error::{ApiError, Result};

pub struct Host {
    dir: Option<PathBuf>,
    store: std::result::Result<Mutex<Store>, String>,
    /// Reports this host wrote where the user chose; only these and the reports folder can be
    /// read back or opened.
    made: Mutex<HashSet<PathBuf>>,
}

impl Host {
    /// Opens the data folder; when it cannot be opened the host still answers, with why.
    pub fn open(dir: cchc_core::Result<PathBuf>) -> Host {
        let opened = dir.and_then(|d| Store::open(&d).map(|s| (d, s)));
        match opened {
            Ok((dir, store)) => Host {
                dir: Some(dir),
                store: Ok(Mutex::new(store)),
                made: Mutex::default(),
            },
            Err(e) => {
                tracing::error!(kind = e.kind(), "không mở được thư mục dữ liệu: {e}");
                Host {
                    dir: None,
                    store: Err(e.to_string()),
                    made: Mutex::default(),
                }
            }
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn store(&self) -> Result<MutexGuard<'_, Store>> {
        let store = self
            .store
            .as_ref()
            .map_err(|why| ApiError::store_unavailable(why))?;
        // A command that panicked while holding the store has had its transaction rolled back
        // by unwinding; the connection itself is fine to use again.
        Ok(store.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Runs `f` with a connection for reading.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> cchc_core::Result<T>) -> Result<T> {
        let store = self.store()?;
        Ok(f(&store.conn)?)
    }

    /// Runs `f` with the connection that writes.
    pub fn write<T>(&self, f: impl FnOnce(&mut Connection) -> cchc_core::Result<T>) -> Result<T> {
        let mut store = self.store()?;
        Ok(f(&mut store.conn)?)
    }

    /// Runs `f` with the whole data folder (the database and its files).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> cchc_core::Result<T>) -> Result<T> {
        let mut store = self.store()?;
        Ok(f(&mut store)?)
    }

    pub fn evidence_dir(&self) -> Result<PathBuf> {
        Ok(self.store()?.evidence_dir())
    }

    pub fn reports_dir(&self) -> Result<PathBuf> {
        Ok(self.store()?.reports_dir())
    }

    pub(crate) fn remember_made(&self, path: &Path) {
        if let Ok(canonical) = path.canonicalize() {
            self.made
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(canonical);
        }
    }

    /// Whether `path` is a report this host made: in the reports folder, or written where the
    /// user chose during this run. Anything else on the disk is not the client's to read.
    pub(crate) fn is_made_report(&self, path: &Path) -> bool {
        let Ok(canonical) = path.canonicalize() else {
            return false;
        };
        let in_reports = self
            .reports_dir()
            .ok()
            .and_then(|d| d.canonicalize().ok())
            .is_some_and(|d| canonical.parent() == Some(d.as_path()));
        in_reports
            || self
                .made
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(&canonical)
    }
}
