//! The one process that owns a commune's data folder: its database and where its files live.
//! Commands reach the database only through `read` and `write`: one connection writes, a small
//! pool reads beside it (SQLite's WAL lets them), so one user's long report never holds up
//! another's save. Work that reads the folder with its own connection (a backup) holds a
//! `lease`. A restore closes everything the host holds open, swaps the folder and opens it
//! again (`restore`). The host also carries what all clients share: the news of changes, the
//! log-in throttle, the files clients upload and download, and the start-up check's findings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock, TryLockError};
use std::time::{Duration, Instant};

use cchc_core::backup::{self, CheckLevel, CheckOptions, CheckReport, Progress};
use cchc_core::diagnostics::logging;
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
/// How long a restore waits for the calls under way (a report being read, a backup) to end
/// before it gives up, changing nothing.
const DRAIN: Duration = Duration::from_secs(20);

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

/// The open database of the folder: one writer, the readers beside it. Dropping it closes
/// every connection.
struct Opened {
    writer: Mutex<Store>,
    readers: Pool,
}

impl Opened {
    fn open(dir: &Path) -> cchc_core::Result<Opened> {
        let store = Store::open(dir)?;
        Ok(Opened {
            readers: Pool {
                path: dir.join(cchc_core::store::DB_FILE),
                idle: Mutex::default(),
                opened: Mutex::new(0),
                freed: Condvar::new(),
            },
            writer: Mutex::new(store),
        })
    }
}

/// The state of the data folder.
enum Slot {
    Open(Arc<Opened>),
    /// It could not be opened; why.
    Closed(String),
    /// A restore is swapping it: nothing may open a file in it meanwhile.
    Restoring,
}

/// The data folder held open for work that reads it with its own connection (a backup): a
/// restore waits for it to end, and none starts while a restore runs.
pub struct DataLease {
    _opened: Arc<Opened>,
    dir: PathBuf,
}

impl DataLease {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn restoring() -> ApiError {
    ApiError::new(
        "busy",
        "Dữ liệu đang được khôi phục từ bản sao lưu; hãy chờ ít phút rồi đăng nhập lại.",
    )
}

pub struct Host {
    /// The data folder; None when even its place could not be found.
    dir: Option<PathBuf>,
    slot: RwLock<Slot>,
    changes: tokio::sync::broadcast::Sender<Change>,
    throttle: Mutex<Throttle>,
    /// Reports this host wrote where the desktop user chose; only these and the reports folder
    /// can be read back or opened.
    made: Mutex<std::collections::HashSet<PathBuf>>,
    /// Files on their way to or from a network client: token → (its session, the path).
    transfers: Mutex<HashMap<String, (String, PathBuf)>>,
    /// What serves the other PCs of the office, once the program has set it up.
    network: std::sync::OnceLock<std::sync::Arc<dyn NetworkControl>>,
    /// What the cheap check at start-up found (None until it has run).
    startup_check: Mutex<Option<CheckReport>>,
}

fn open_slot(dir: &Path) -> Slot {
    match Opened::open(dir) {
        Ok(o) => Slot::Open(Arc::new(o)),
        Err(e) => {
            tracing::error!(kind = %e.kind(), "không mở được thư mục dữ liệu: {e}");
            Slot::Closed(e.to_string())
        }
    }
}

impl Host {
    /// Opens the data folder; when it cannot be opened the host still answers, with why.
    pub fn open(dir: cchc_core::Result<PathBuf>) -> Host {
        let (dir, slot) = match dir {
            Ok(dir) => {
                let slot = open_slot(&dir);
                (Some(dir), slot)
            }
            Err(e) => {
                tracing::error!(kind = %e.kind(), "không tìm thấy thư mục dữ liệu: {e}");
                (None, Slot::Closed(e.to_string()))
            }
        };
        Host {
            dir,
            slot: RwLock::new(slot),
            changes: tokio::sync::broadcast::channel(256).0,
            throttle: Mutex::default(),
            made: Mutex::default(),
            transfers: Mutex::default(),
            network: std::sync::OnceLock::new(),
            startup_check: Mutex::default(),
        }
    }

    fn opened(&self) -> Result<Arc<Opened>> {
        match &*self.slot.read().unwrap_or_else(PoisonError::into_inner) {
            Slot::Open(o) => Ok(o.clone()),
            Slot::Closed(why) => Err(ApiError::store_unavailable(why)),
            Slot::Restoring => Err(restoring()),
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Runs `f` with a connection for reading, beside the writer.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> cchc_core::Result<T>) -> Result<T> {
        let opened = self.opened()?;
        let pool = &opened.readers;
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
        let opened = self.opened()?;
        // A command that panicked while writing has had its transaction rolled back by
        // unwinding; the connection itself is fine to use again.
        let mut store = opened.writer.lock().unwrap_or_else(PoisonError::into_inner);
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
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => return None,
        };
        Some(f(&mut store.conn).map_err(ApiError::from))
    }

    /// Holds the data folder open for work with its own connection (a backup).
    pub fn lease(&self) -> Result<DataLease> {
        let opened = self.opened()?;
        let dir = self.dir.clone().ok_or_else(|| {
            ApiError::from(Error::Internal("chưa mở được thư mục dữ liệu".into()))
        })?;
        Ok(DataLease {
            _opened: opened,
            dir,
        })
    }

    /// Restores the backup file `backup` into this host's data folder: refuses while another
    /// write is under way, waits for the reads under way, closes every connection and the log
    /// file (Windows cannot rename a folder with an open file in it), restores (core verifies
    /// everything before it touches the folder), then opens the folder again, whichever way
    /// the restore went, and checks it. Meanwhile every call is told to wait.
    pub fn restore(
        &self,
        file: &Path,
        options: &backup::RestoreOptions,
        actor_name: &str,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<backup::Restored> {
        let dir = self.dir.clone().ok_or_else(|| {
            ApiError::from(Error::Internal("chưa mở được thư mục dữ liệu".into()))
        })?;
        let opened = {
            let mut slot = self.slot.write().unwrap_or_else(PoisonError::into_inner);
            let opened = match &*slot {
                Slot::Open(o) => o.clone(),
                Slot::Closed(why) => return Err(ApiError::store_unavailable(why)),
                Slot::Restoring => {
                    return Err(Error::Conflict(
                        "Dữ liệu đang được khôi phục từ một bản sao lưu khác; hãy chờ xong.".into(),
                    )
                    .into())
                }
            };
            if matches!(opened.writer.try_lock(), Err(TryLockError::WouldBlock)) {
                return Err(Error::Conflict(
                    "Đang có người ghi dữ liệu (lưu, nhập từ Excel, thêm tài liệu…): hãy khôi \
                     phục lại sau ít phút. Chưa thay đổi gì."
                        .into(),
                )
                .into());
            }
            *slot = Slot::Restoring;
            opened
        };
        let opened = match alone(opened, DRAIN) {
            Ok(o) => o,
            Err(opened) => {
                *self.slot.write().unwrap_or_else(PoisonError::into_inner) = Slot::Open(opened);
                return Err(Error::Conflict(
                    "Dữ liệu đang được dùng (in báo cáo, sao lưu, kiểm tra dữ liệu…): hãy chờ \
                     việc đó xong rồi khôi phục lại. Chưa thay đổi gì."
                        .into(),
                )
                .into());
            }
        };
        drop(opened);
        logging::pause();
        let restored = backup::restore(file, &dir, options, actor_name, progress);
        logging::resume();
        let slot = open_slot(&dir);
        *self.slot.write().unwrap_or_else(PoisonError::into_inner) = slot;
        match &restored {
            Ok(r) => tracing::info!(
                set_aside = r.set_aside.is_some(),
                migrated = r.migrated,
                "đã khôi phục dữ liệu từ bản sao lưu"
            ),
            Err(e) => tracing::warn!(kind = %e.kind(), "không khôi phục được: {e}"),
        }
        if restored.is_ok() {
            // What was made or sent in the data that went aside is not in this data.
            self.made
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
            self.transfers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
            self.check_at_start();
        }
        Ok(restored?)
    }

    /// The cheap check of the data folder (`CheckLevel::Startup`): the database's quick check,
    /// every evidence file there with its size, leftovers of interrupted writes removed. What
    /// it finds is kept for Tổng quan. The programs call it off their UI thread as they start.
    pub fn check_at_start(&self) {
        let Some(dir) = self.dir.clone() else { return };
        let options = CheckOptions::new(CheckLevel::Startup);
        match self.read(|c| backup::check(c, &dir, &options)) {
            Ok(report) => {
                if report.ok {
                    tracing::info!(
                        files = report.files_checked,
                        temp_removed = report.temp_removed.len(),
                        "kiểm tra dữ liệu khi khởi động: tốt"
                    );
                } else {
                    tracing::warn!(
                        database_ok = report.database_ok,
                        file_problems = report.file_problems.len(),
                        "kiểm tra dữ liệu khi khởi động: có vấn đề"
                    );
                }
                *self
                    .startup_check
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(report);
            }
            Err(e) => {
                tracing::warn!(kind = %e.kind, "không kiểm tra được dữ liệu khi khởi động: {}", e.message)
            }
        }
    }

    /// What the start-up check found; None before it has run.
    pub fn startup_check(&self) -> Option<CheckReport> {
        self.startup_check
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn dir_or_unavailable(&self) -> Result<&Path> {
        self.opened()?;
        self.data_dir()
            .ok_or_else(|| ApiError::from(Error::Internal("chưa mở được thư mục dữ liệu".into())))
    }

    pub fn evidence_dir(&self) -> Result<PathBuf> {
        Ok(self
            .dir_or_unavailable()?
            .join(cchc_core::store::EVIDENCE_DIR))
    }

    pub fn reports_dir(&self) -> Result<PathBuf> {
        Ok(self
            .dir_or_unavailable()?
            .join(cchc_core::store::REPORTS_DIR))
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

/// `opened` once nothing else holds it, or back after `limit`.
fn alone(mut opened: Arc<Opened>, limit: Duration) -> std::result::Result<Opened, Arc<Opened>> {
    let since = Instant::now();
    loop {
        match Arc::try_unwrap(opened) {
            Ok(o) => return Ok(o),
            Err(again) if since.elapsed() >= limit => return Err(again),
            Err(again) => {
                opened = again;
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}
