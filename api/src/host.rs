//! The one process that owns a commune's data folder: its database and where its files live.
//! Commands reach the database only through `read` and `write`: one connection writes, a small
//! pool reads beside it (SQLite's WAL lets them), so one user's long report never holds up
//! another's save. The host also carries what all clients share: the news of changes, the
//! log-in throttle, and the files clients upload and download.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use cchc_core::people::throttle::Throttle;
use cchc_core::{db, Error, Store};
use rusqlite::Connection;
use serde::Serialize;

use crate::commands::network::NetworkControl;
use crate::error::{ApiError, Result};

/// Readers kept open beside the writer.
const READERS: usize = 4;
/// How long a call waits for a free connection before answering "busy".
const WAIT: Duration = Duration::from_secs(15);

/// A change a client made, for the other clients to reload what they show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The area of the office's work ("plan", "scoring", …).
    pub area: &'static str,
    /// The year it concerns, when the call named one.
    pub year: Option<i32>,
    /// The account that made it, so that a client can skip its own changes.
    pub account: Option<i64>,
}

struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    opened: Mutex<usize>,
    freed: Condvar,
}

impl Pool {
    fn take(&self) -> Result<Connection> {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(c) = idle.pop() {
                return Ok(c);
            }
            {
                let mut opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
                if *opened < READERS {
                    *opened += 1;
                    drop(opened);
                    return db::open_reader(&self.path).map_err(|e| {
                        *self.opened.lock().unwrap_or_else(PoisonError::into_inner) -= 1;
                        ApiError::from(e)
                    });
                }
            }
            let (guard, timeout) = self
                .freed
                .wait_timeout(idle, WAIT)
                .unwrap_or_else(PoisonError::into_inner);
            idle = guard;
            if timeout.timed_out() && idle.is_empty() {
                return Err(busy());
            }
        }
    }

    fn give_back(&self, conn: Connection) {
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(conn);
        self.freed.notify_one();
    }
}

fn busy() -> ApiError {
    ApiError::new(
        "busy",
        "Máy chủ đang bận phục vụ nhiều người; hãy thử lại sau giây lát.",
    )
}

struct Opened {
    dir: PathBuf,
    writer: Mutex<Store>,
    readers: Pool,
}

pub struct Host {
    opened: std::result::Result<Opened, String>,
    changes: tokio::sync::broadcast::Sender<Change>,
    throttle: Mutex<Throttle>,
    /// Reports this host wrote where the desktop user chose; only these and the reports folder
    /// can be read back or opened.
    made: Mutex<std::collections::HashSet<PathBuf>>,
    /// Files on their way to or from a network client: token → (its session, the path).
    transfers: Mutex<HashMap<String, (String, PathBuf)>>,
    /// What serves the other PCs of the office, once the program has set it up.
    network: std::sync::OnceLock<std::sync::Arc<dyn NetworkControl>>,
}

impl Host {
    /// Opens the data folder; when it cannot be opened the host still answers, with why.
    pub fn open(dir: cchc_core::Result<PathBuf>) -> Host {
        let opened = dir.and_then(|dir| {
            let store = Store::open(&dir)?;
            Ok(Opened {
                readers: Pool {
                    path: dir.join(cchc_core::store::DB_FILE),
                    idle: Mutex::default(),
                    opened: Mutex::new(0),
                    freed: Condvar::new(),
                },
                writer: Mutex::new(store),
                dir,
            })
        });
        if let Err(e) = &opened {
            tracing::error!(kind = %e.kind(), "không mở được thư mục dữ liệu: {e}");
        }
        Host {
            opened: opened.map_err(|e| e.to_string()),
            changes: tokio::sync::broadcast::channel(256).0,
            throttle: Mutex::default(),
            made: Mutex::default(),
            transfers: Mutex::default(),
            network: std::sync::OnceLock::new(),
        }
    }

    fn opened(&self) -> Result<&Opened> {
        self.opened
            .as_ref()
            .map_err(|why| ApiError::store_unavailable(why))
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.opened.as_ref().ok().map(|o| o.dir.as_path())
    }

    fn writer(&self) -> Result<MutexGuard<'_, Store>> {
        // A command that panicked while writing has had its transaction rolled back by
        // unwinding; the connection itself is fine to use again.
        Ok(self
            .opened()?
            .writer
            .lock()
            .unwrap_or_else(PoisonError::into_inner))
    }

    /// Runs `f` with a connection for reading, beside the writer.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> cchc_core::Result<T>) -> Result<T> {
        let pool = &self.opened()?.readers;
        let conn = pool.take()?;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&conn)));
        pool.give_back(conn);
        match result {
            Ok(r) => Ok(r?),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Runs `f` with the connection that writes; one write at a time.
    pub fn write<T>(&self, f: impl FnOnce(&mut Connection) -> cchc_core::Result<T>) -> Result<T> {
        let mut store = self.writer()?;
        Ok(f(&mut store.conn)?)
    }

    /// Runs `f` on the writer only if it is free now; `None` when another write holds it.
    pub fn try_write<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> cchc_core::Result<T>,
    ) -> Option<Result<T>> {
        let opened = self.opened().ok()?;
        let mut store = match opened.writer.try_lock() {
            Ok(s) => s,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return None,
        };
        Some(f(&mut store.conn).map_err(ApiError::from))
    }

    pub fn evidence_dir(&self) -> Result<PathBuf> {
        Ok(self.opened()?.dir.join(cchc_core::store::EVIDENCE_DIR))
    }

    pub fn reports_dir(&self) -> Result<PathBuf> {
        Ok(self.opened()?.dir.join(cchc_core::store::REPORTS_DIR))
    }

    /// Tells every client what changed.
    pub fn publish(&self, change: Change) {
        // Nobody listening is fine.
        let _ = self.changes.send(change);
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Hands the host what serves the network (once; the program's start-up does it).
    pub fn set_network(&self, control: std::sync::Arc<dyn NetworkControl>) {
        let _ = self.network.set(control);
    }

    pub fn network(&self) -> Option<&dyn NetworkControl> {
        self.network.get().map(|c| c.as_ref())
    }

    pub fn throttle(&self) -> MutexGuard<'_, Throttle> {
        self.throttle.lock().unwrap_or_else(PoisonError::into_inner)
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
    /// desktop user chose during this run. Anything else on the disk is not the client's.
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

    pub(crate) fn register_transfer(&self, token: &str, session: &str, path: PathBuf) {
        self.transfers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(token.to_string(), (session.to_string(), path));
    }

    /// A file a client uploaded or asked this host to write, for that client's session only.
    pub fn transfer(&self, token: &str, session: &str) -> Result<PathBuf> {
        let transfers = self
            .transfers
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match transfers.get(token) {
            Some((owner, path)) if owner == session && path.exists() => Ok(path.clone()),
            _ => Err(Error::NotFound("Không tìm thấy tệp; hãy làm lại.".into()).into()),
        }
    }
}
