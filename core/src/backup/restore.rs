//! Restoring a backup into a data folder. Every hash is verified while the backup is unpacked
//! into a hidden folder beside the target (`.<tên>.khoi-phuc.tmp`); its database is migrated if
//! it is older and checked; only then is the folder swapped: the data that was there is renamed
//! to `<tên> (trước khôi phục YYYY-MM-DD HH-MM)` — never deleted — and the unpacked folder takes
//! its name. A marker file makes the swap resumable: after a crash between the two renames, the
//! next `Store::open` finishes it, so the target holds either the old or the new data, complete.
//!
//! On Windows a folder whose files are open cannot be renamed: the caller closes its own
//! connections to the target before calling `restore` with `replace`. A restore brings back no
//! log-in: the sessions in the restored database are ended.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::manifest::Manifest;
use super::reader::{self, Preview};
use super::{Phase, Progress};
use crate::audit;
use crate::diagnostics::LOGS_DIR;
use crate::error::{DiskFault, Error, Result};
use crate::evidence::blobs;
use crate::people::{Actor, Role};
use crate::store::{DB_FILE, EVIDENCE_DIR, TRANSFERS_DIR};

/// Inside the unpacked folder once it is complete and checked: the swap may go ahead.
const READY_MARKER: &str = ".khoi-phuc-san-sang";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreOptions {
    /// Restore into a folder that holds data: that data is renamed aside, not deleted.
    pub replace: bool,
}

/// A finished restore.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Restored {
    pub target: PathBuf,
    /// Where the data that was in the target now is; None when the target was empty or new.
    pub set_aside: Option<PathBuf>,
    pub preview: Preview,
    /// The backup came from an older version and its database was brought up to date.
    pub migrated: bool,
    /// Vietnamese notes: evidence files that were already missing or damaged in the backup.
    pub notes: Vec<String>,
}

/// The hidden folder a restore into `target` unpacks into (same parent, so the swap is a rename
/// on one disk).
fn staging_path(target: &Path) -> Option<PathBuf> {
    let name = target.file_name()?.to_string_lossy().into_owned();
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Some(parent.join(format!(".{name}.khoi-phuc.tmp")))
}

/// Finishes a swap a crash interrupted: when the target is gone (renamed aside) and a complete
/// unpacked folder waits, it takes the target's name. Leaves an unfinished unpack alone (the
/// next restore or `check` removes it). Called by `Store::open`; cheap when there is nothing.
pub fn finish_interrupted(target: &Path) -> Result<bool> {
    let mut finished = false;
    if let Some(staging) = staging_path(target) {
        if staging.join(READY_MARKER).is_file() && !target.exists() {
            fs::rename(&staging, target).map_err(|e| Error::io(target, e))?;
            finished = true;
        }
    }
    let marker = target.join(READY_MARKER);
    if marker.is_file() {
        fs::remove_file(&marker).map_err(|e| Error::io(&marker, e))?;
        if let Some(parent) = target.parent() {
            let _ = blobs::sync_dir(parent);
        }
    }
    Ok(finished)
}

/// What is at the target now.
enum TargetState {
    Missing,
    Empty,
    /// A folder the program opened at its first start: a database that was never set up (no
    /// commune, no account) and no evidence. It holds nothing to keep; the restore takes its
    /// place as in an empty folder.
    Fresh,
    /// A data folder (it has a database).
    Data,
}

/// What the program itself keeps in a data folder that is not data: its log, and files on
/// their way to or from the office network's clients (emptied at each start).
fn is_not_data(name: &std::ffi::OsStr) -> bool {
    name == LOGS_DIR || name == TRANSFERS_DIR
}

fn target_state(target: &Path) -> Result<TargetState> {
    match fs::metadata(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(TargetState::Missing),
        Err(e) => return Err(Error::io(target, e)),
        Ok(m) if !m.is_dir() => {
            return Err(Error::invalid(format!(
                "“{}” là một tệp, không phải thư mục: hãy chọn thư mục dữ liệu để khôi phục vào.",
                target.display()
            )))
        }
        Ok(_) => {}
    }
    if target.join(DB_FILE).exists() {
        return Ok(if is_fresh(target) {
            TargetState::Fresh
        } else {
            TargetState::Data
        });
    }
    let mut entries = fs::read_dir(target)
        .map_err(|e| Error::io(target, e))?
        .filter(|e| !e.as_ref().is_ok_and(|e| is_not_data(&e.file_name())));
    if entries.next().is_none() {
        return Ok(TargetState::Empty);
    }
    Err(Error::invalid(format!(
        "Thư mục “{}” có các tệp khác và không phải thư mục dữ liệu của CCHC Xã: hãy chọn một thư \
         mục trống hoặc một thư mục mới để khôi phục vào. Chưa thay đổi gì.",
        target.display()
    )))
}

/// The files of a fresh data folder: the database (with its WAL), an empty evidence folder.
const FRESH_FILES: [&str; 4] = [DB_FILE, "cchc.sqlite-wal", "cchc.sqlite-shm", EVIDENCE_DIR];

/// Whether `target` is a data folder the program created and nobody set up: only its own
/// files, an empty evidence folder, and a database with no commune and no account. Anything
/// unreadable or unexpected is data.
fn is_fresh(target: &Path) -> bool {
    let only_ours = fs::read_dir(target).is_ok_and(|entries| {
        entries.into_iter().all(|e| {
            e.is_ok_and(|e| {
                let name = e.file_name();
                is_not_data(&name) || FRESH_FILES.iter().any(|f| name == *f)
            })
        })
    });
    let no_evidence = match fs::read_dir(target.join(EVIDENCE_DIR)) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    };
    if !(only_ours && no_evidence) {
        return false;
    }
    let Ok(conn) =
        Connection::open_with_flags(target.join(DB_FILE), OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return false;
    };
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).ok();
    count("SELECT count(*) FROM commune") == Some(0)
        && count("SELECT count(*) FROM account") == Some(0)
}

/// Removes what a fresh data folder holds, so that the folder is empty for the swap. Only the
/// program's own files, which `is_fresh` checked.
fn clear_fresh(target: &Path) -> Result<()> {
    for name in &FRESH_FILES[..3] {
        let path = target.join(name);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(swap_error(target, e)),
            _ => {}
        }
    }
    let evidence = target.join(EVIDENCE_DIR);
    match fs::remove_dir(&evidence) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::io(&evidence, e)),
        _ => Ok(()),
    }
}

/// "Xã Nông Thượng" from the database in a data folder, for messages; None if unreadable.
fn commune_in(dir: &Path) -> Option<String> {
    let conn =
        Connection::open_with_flags(dir.join(DB_FILE), OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    crate::commune::get(&conn)
        .ok()
        .flatten()
        .map(|c| c.display_name)
}

/// Refuses while another connection (the app, another `cchc`) has the target's database open.
/// Switching out of WAL needs the only connection; it also folds the WAL into the database, so
/// the folder set aside is one self-contained file. A database too damaged to open is not in
/// use by anything that matters: it does not block the restore meant to replace it.
fn ensure_not_in_use(target: &Path) -> Result<()> {
    let db = target.join(DB_FILE);
    if !db.exists() {
        return Ok(());
    }
    let in_use = || {
        Error::Conflict(format!(
            "Dữ liệu ở “{}” đang được mở bởi ứng dụng CCHC Xã hoặc một chương trình khác: hãy đóng \
             ứng dụng rồi khôi phục lại. Chưa thay đổi gì.",
            target.display()
        ))
    };
    let Ok(conn) = Connection::open_with_flags(
        &db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return Ok(());
    };
    let _ = conn.busy_timeout(Duration::from_millis(300));
    match conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0)) {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(()),
        Ok(_) => Err(in_use()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Err(in_use())
        }
        Err(_) => Ok(()),
    }
}

/// `<tên> (trước khôi phục 2026-11-30 10-15)`, with " (2)", " (3)" … if that is taken.
fn aside_path(target: &Path) -> Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = super::now().format("%Y-%m-%d %H-%M");
    let parent = target.parent().unwrap_or(Path::new("."));
    let base = format!("{name} (trước khôi phục {stamp})");
    for n in 1..1000 {
        let candidate = if n == 1 {
            parent.join(&base)
        } else {
            parent.join(format!("{base} ({n})"))
        };
        if !candidate.exists() {
            return Ok(candidate);
        }
    }
    Err(Error::Conflict(format!(
        "Đã có quá nhiều thư mục “{base}”: hãy dọn bớt rồi thử lại."
    )))
}

/// Removes the unpacked folder unless the restore got through.
struct Staging {
    path: PathBuf,
    keep: bool,
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            // Best effort: a leftover is removed by the next restore or by `check`.
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Whether `inner` lies inside `outer` (both made absolute where they exist).
fn is_inside(inner: &Path, outer: &Path) -> bool {
    let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    abs(inner).starts_with(abs(outer))
}

/// Restores the backup file `backup` into the data folder `target`: a new or empty folder, or
/// with `replace` one holding data (renamed aside, never deleted). Every hash is verified
/// before the target is touched; a damaged, foreign or newer backup is refused and nothing
/// changes. `actor_name` goes into the restored data's audit log.
pub fn restore(
    backup: &Path,
    target: &Path,
    options: &RestoreOptions,
    actor_name: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<Restored> {
    finish_interrupted(target)?;
    let staging_dir = staging_path(target).ok_or_else(|| {
        Error::invalid(format!(
            "“{}” không dùng được làm thư mục dữ liệu: hãy chọn một thư mục có tên.",
            target.display()
        ))
    })?;
    let state = target_state(target)?;
    if matches!(state, TargetState::Fresh) {
        ensure_not_in_use(target)?;
    }
    if matches!(state, TargetState::Data) {
        if !options.replace {
            let whose = commune_in(target)
                .map(|c| format!(" của {c}"))
                .unwrap_or_default();
            return Err(Error::Conflict(format!(
                "Thư mục “{}” đang có dữ liệu{whose}. Muốn thay bằng bản sao lưu thì chọn thay thế \
                 (dòng lệnh: --replace): dữ liệu hiện có sẽ được đổi tên thành “… (trước khôi phục …)”, \
                 không bị xóa. Chưa thay đổi gì.",
                target.display()
            )));
        }
        if is_inside(backup, target) {
            return Err(Error::invalid(format!(
                "Tệp sao lưu “{}” nằm trong chính thư mục dữ liệu sẽ được thay: hãy chép nó ra ngoài \
                 (ví dụ ra Desktop hoặc ổ USB) rồi khôi phục. Chưa thay đổi gì.",
                backup.display()
            )));
        }
        ensure_not_in_use(target)?;
    }

    let mut opened = reader::open(backup)?;
    reader::check_seal(backup, progress)?;
    let preview = reader::preview_of(backup, &opened);
    let manifest: Manifest = opened.manifest.clone();

    if staging_dir.exists() {
        fs::remove_dir_all(&staging_dir).map_err(|e| Error::io(&staging_dir, e))?;
    }
    let evidence_dir = staging_dir.join(EVIDENCE_DIR);
    fs::create_dir_all(&evidence_dir).map_err(|e| staging_error(&staging_dir, e))?;
    let mut staging = Staging {
        path: staging_dir.clone(),
        keep: false,
    };

    reader::check_entries(backup, &mut opened, Phase::Extracting, progress, |entry| {
        let path = staging_dir.join(&entry.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| staging_error(&staging_dir, e))?;
        }
        let file = fs::File::create(&path).map_err(|e| staging_error(&staging_dir, e))?;
        Ok(Some((file, path)))
    })
    .map_err(|e| match e {
        Error::Io { source, .. } => staging_error(&staging_dir, source),
        Error::Disk { fault, .. } => Error::disk(fault, target),
        other => other,
    })?;
    drop(opened);

    let migrated = prepare_database(&staging_dir, &manifest, backup, actor_name)?;
    sync_tree(&staging_dir).map_err(|e| staging_error(&staging_dir, e))?;
    let marker = staging_dir.join(READY_MARKER);
    fs::write(&marker, manifest.created_at.as_bytes())
        .and_then(|_| sync_file(&marker))
        .and_then(|_| blobs::sync_dir(&staging_dir))
        .map_err(|e| staging_error(&staging_dir, e))?;

    // The swap. From here a crash is finished by `finish_interrupted`.
    let set_aside = match state {
        TargetState::Data => {
            ensure_not_in_use(target)?;
            let aside = aside_path(target)?;
            fs::rename(target, &aside).map_err(|e| swap_error(target, e))?;
            Some(aside)
        }
        TargetState::Empty | TargetState::Fresh => {
            if matches!(state, TargetState::Fresh) {
                ensure_not_in_use(target)?;
                clear_fresh(target)?;
            }
            // Files in transit belong to the program's run, not to the data.
            let transfers = target.join(TRANSFERS_DIR);
            if transfers.is_dir() {
                fs::remove_dir_all(&transfers).map_err(|e| Error::io(&transfers, e))?;
            }
            // The log folder moves into the restored data (its file is closed meanwhile).
            let logs = target.join(LOGS_DIR);
            if logs.is_dir() {
                fs::rename(&logs, staging_dir.join(LOGS_DIR)).map_err(|e| Error::io(&logs, e))?;
            }
            fs::remove_dir(target).map_err(|e| Error::io(target, e))?;
            None
        }
        TargetState::Missing => None,
    };
    if let Err(e) = fs::rename(&staging_dir, target) {
        // Put the old data back where it was; the unpacked copy is dropped.
        if let Some(aside) = &set_aside {
            let _ = fs::rename(aside, target);
        }
        return Err(swap_error(target, e));
    }
    staging.keep = true;
    drop(staging);
    let _ = fs::remove_file(target.join(READY_MARKER));
    if let Some(parent) = target.parent() {
        let _ = blobs::sync_dir(parent);
    }

    Ok(Restored {
        target: target.to_path_buf(),
        set_aside,
        notes: preview.notes.clone(),
        preview,
        migrated,
    })
}

fn staging_error(staging: &Path, e: io::Error) -> Error {
    let shown = staging.parent().unwrap_or(staging);
    Error::io(shown, e)
}

fn swap_error(target: &Path, e: io::Error) -> Error {
    match DiskFault::of(&e) {
        Some(DiskFault::Denied | DiskFault::Locked) => Error::Conflict(format!(
            "Không đổi tên được thư mục dữ liệu “{}” vì có tệp trong đó đang mở (ứng dụng CCHC Xã, \
             tài liệu đang xem, cửa sổ thư mục): hãy đóng lại rồi thử lại. Chưa thay đổi gì.",
            target.display()
        )),
        _ => Error::io(target, e),
    }
}

/// Opens the unpacked database: migrates an older one, checks its integrity, and notes the
/// restore in its audit log. Returns whether it was migrated. The connection is closed before
/// the swap (Windows cannot rename a folder with an open database in it).
fn prepare_database(
    staging: &Path,
    manifest: &Manifest,
    backup: &Path,
    actor_name: &str,
) -> Result<bool> {
    let db_path = staging.join(DB_FILE);
    let conn = crate::db::open(&db_path).map_err(|e| {
        Error::invalid(format!(
            "Cơ sở dữ liệu trong bản sao lưu “{}” không mở được ({e}). Chưa thay đổi gì.",
            backup.display()
        ))
    })?;
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if result != "ok" {
        return Err(Error::invalid(format!(
            "Cơ sở dữ liệu trong bản sao lưu “{}” bị hỏng ({result}). Chưa thay đổi gì; hãy dùng một bản sao lưu khác.",
            backup.display()
        )));
    }
    crate::commune::require(&conn)?;
    let migrated = manifest.schema_version < crate::db::schema_version(&conn)?;
    // A restore brings back the data, never the log-ins: a session open when the backup was
    // made would let in again a browser that has logged out since, or a copied token. Everyone
    // logs in again.
    conn.execute("DELETE FROM client_session", [])?;
    let actor = Actor {
        account_id: None,
        name: actor_name.to_string(),
        role: Role::Admin,
        client: String::new(),
    };
    let name = backup
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    audit::record(
        &conn,
        &actor,
        "backup.restore",
        "backup",
        None,
        &format!(
            "Khôi phục dữ liệu từ bản sao lưu “{name}” (tạo lúc {}, CCHC Xã {}).",
            super::time_text(&manifest.created_at),
            manifest.app_version
        ),
    )?;
    // Fold the WAL into the file so the folder is complete as it is renamed.
    conn.pragma_update_and_check(None, "wal_checkpoint", "TRUNCATE", |_| Ok(()))?;
    drop(conn);
    Ok(migrated)
}

/// Fsyncs a file by name. Windows flushes only through a handle that may write.
fn sync_file(path: &Path) -> io::Result<()> {
    fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Fsyncs the folders of the unpacked tree (the files were fsynced as they were written).
fn sync_tree(dir: &Path) -> io::Result<()> {
    sync_file(&dir.join(DB_FILE))?;
    let evidence = dir.join(EVIDENCE_DIR);
    if let Ok(shards) = fs::read_dir(&evidence) {
        for shard in shards.flatten() {
            if shard.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                blobs::sync_dir(&shard.path())?;
            }
        }
    }
    blobs::sync_dir(&evidence)?;
    blobs::sync_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A staged folder as `restore` leaves it just before the swap.
    fn staged(target: &Path, ready: bool) -> PathBuf {
        let staging = staging_path(target).unwrap();
        fs::create_dir_all(staging.join(EVIDENCE_DIR)).unwrap();
        fs::write(staging.join(DB_FILE), b"moi").unwrap();
        if ready {
            fs::write(staging.join(READY_MARKER), b"2026-11-30 10:15:00").unwrap();
        }
        staging
    }

    #[test]
    fn a_crash_between_the_two_renames_is_finished_on_the_next_open() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("xa");
        let staging = staged(&target, true);
        // The old data was renamed aside, then the process died.
        fs::create_dir(tmp.path().join("xa (trước khôi phục 2026-11-30 10-15)")).unwrap();
        assert!(finish_interrupted(&target).unwrap());
        assert_eq!(fs::read(target.join(DB_FILE)).unwrap(), b"moi");
        assert!(!target.join(READY_MARKER).exists());
        assert!(!staging.exists());
        // The store opens it as usual.
        assert!(!finish_interrupted(&target).unwrap());
    }

    #[test]
    fn a_crash_before_the_swap_leaves_the_old_data_in_place() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("xa");
        fs::create_dir(&target).unwrap();
        fs::write(target.join(DB_FILE), b"cu").unwrap();
        let ready = staged(&target, true);
        assert!(!finish_interrupted(&target).unwrap());
        assert_eq!(fs::read(target.join(DB_FILE)).unwrap(), b"cu");
        // An unpack that never finished is left for the next restore or check to remove.
        fs::remove_dir_all(&ready).unwrap();
        fs::remove_dir_all(&target).unwrap();
        let unfinished = staged(&target, false);
        assert!(!finish_interrupted(&target).unwrap());
        assert!(!target.exists());
        assert!(unfinished.exists());
    }

    #[test]
    fn a_crash_after_the_swap_only_leaves_the_marker_which_goes() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("xa");
        fs::create_dir(&target).unwrap();
        fs::write(target.join(READY_MARKER), b"x").unwrap();
        finish_interrupted(&target).unwrap();
        assert!(!target.join(READY_MARKER).exists());
    }
}
