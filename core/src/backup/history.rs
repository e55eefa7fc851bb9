//! The record of backups and the folder for automatic ones: every attempt (manual or automatic,
//! good or failed) with when, where, size and whether it was verified, so that the Sao lưu
//! panel shows the history and Tổng quan can warn; and the "something changed since" mark.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::BackupMade;
use crate::audit;
use crate::error::{Error, Result};
use crate::people::{Actor, Role};

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Asked for by a person (Sao lưu ngay, `cchc backup --out`).
    Manual,
    /// The app's daily backup into the chosen folder.
    Daily,
    /// The backup when the app closes after changes.
    Exit,
}

impl BackupKind {
    pub fn code(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Daily => "daily",
            BackupKind::Exit => "exit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Manual => "Sao lưu thủ công",
            BackupKind::Daily => "Tự động hằng ngày",
            BackupKind::Exit => "Tự động khi đóng ứng dụng",
        }
    }

    fn from_code(code: &str) -> BackupKind {
        match code {
            "daily" => BackupKind::Daily,
            "exit" => BackupKind::Exit,
            _ => BackupKind::Manual,
        }
    }
}

/// One backup attempt.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupRecord {
    pub id: i64,
    pub kind: BackupKind,
    pub kind_label: &'static str,
    /// Local times `YYYY-MM-DD HH:MM:SS`.
    pub started_at: String,
    pub finished_at: String,
    pub path: String,
    pub size: u64,
    /// The file was written and is in place.
    pub ok: bool,
    /// It was read back and every hash matched.
    pub verified: bool,
    pub evidence_files: i64,
    /// Evidence files that were missing from the store and are not in the backup.
    pub skipped_files: i64,
    /// Why it failed, in Vietnamese (empty when it did not).
    pub error: String,
    pub change_mark: i64,
    pub made_by: String,
    /// When the retention rule deleted the file (None while it is kept).
    pub removed_at: Option<String>,
}

impl BackupRecord {
    /// A backup one can restore from: written, verified, and not deleted since.
    pub fn is_good(&self) -> bool {
        self.ok && self.verified && self.removed_at.is_none()
    }
}

const SELECT: &str = "SELECT id, kind, started_at, finished_at, path, size, ok, verified,
        evidence_files, skipped_files, error, change_mark, made_by, removed_at
    FROM backup_record";

fn row(r: &rusqlite::Row) -> rusqlite::Result<BackupRecord> {
    let kind = BackupKind::from_code(&r.get::<_, String>(1)?);
    Ok(BackupRecord {
        id: r.get(0)?,
        kind,
        kind_label: kind.label(),
        started_at: r.get(2)?,
        finished_at: r.get(3)?,
        path: r.get(4)?,
        size: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
        ok: r.get(6)?,
        verified: r.get(7)?,
        evidence_files: r.get(8)?,
        skipped_files: r.get(9)?,
        error: r.get(10)?,
        change_mark: r.get(11)?,
        made_by: r.get(12)?,
        removed_at: r.get(13)?,
    })
}

fn get(conn: &Connection, id: i64) -> Result<BackupRecord> {
    Ok(conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)?)
}

/// The newest attempts first.
pub fn list(conn: &Connection, limit: i64) -> Result<Vec<BackupRecord>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} ORDER BY started_at DESC, id DESC LIMIT ?1"
    ))?;
    let out = stmt
        .query_map([limit.clamp(1, 1000)], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// The newest backup one can restore from.
pub fn last_good(conn: &Connection) -> Result<Option<BackupRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT} WHERE ok = 1 AND verified = 1 AND removed_at IS NULL
                 ORDER BY finished_at DESC, id DESC LIMIT 1"
            ),
            [],
            row,
        )
        .optional()?)
}

/// The newest attempt, good or not.
pub fn last(conn: &Connection) -> Result<Option<BackupRecord>> {
    Ok(list(conn, 1)?.into_iter().next())
}

/// The newest audit entry that is not about backups themselves: every change to the data writes
/// one (in the change's own transaction), so a mark above a backup's means something changed.
pub fn change_mark(conn: &Connection) -> Result<i64> {
    // Newest first by rowid: stops at the first entry that counts instead of scanning the log.
    Ok(conn
        .query_row(
            "SELECT id FROM audit_log WHERE action NOT LIKE 'backup.%' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Records a backup that was written.
pub fn record_made(
    conn: &Connection,
    kind: BackupKind,
    made: &BackupMade,
    made_by: &str,
) -> Result<BackupRecord> {
    conn.execute(
        "INSERT INTO backup_record (kind, started_at, finished_at, path, size, ok, verified,
            evidence_files, skipped_files, error, change_mark, made_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, '', ?9, ?10)",
        params![
            kind.code(),
            made.started_at,
            made.finished_at,
            made.path.display().to_string(),
            i64::try_from(made.size).unwrap_or(i64::MAX),
            made.verified,
            made.counts.evidence_files,
            made.skipped.len() as i64,
            made.change_mark,
            made_by
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Records a backup that failed, with the message the user saw.
pub fn record_failed(
    conn: &Connection,
    kind: BackupKind,
    path: &Path,
    started_at: &str,
    error: &Error,
    made_by: &str,
) -> Result<BackupRecord> {
    conn.execute(
        "INSERT INTO backup_record (kind, started_at, finished_at, path, ok, verified, error,
            made_by)
         VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6)",
        params![
            kind.code(),
            started_at,
            crate::clock::now_text(),
            path.display().to_string(),
            error.to_string(),
            made_by
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Notes that the retention rule deleted these files.
pub(crate) fn mark_removed(conn: &Connection, paths: &[PathBuf]) -> Result<()> {
    let now = crate::clock::now_text();
    for p in paths {
        conn.execute(
            "UPDATE backup_record SET removed_at = ?1 WHERE path = ?2 AND removed_at IS NULL",
            params![now, p.display().to_string()],
        )?;
    }
    Ok(())
}

/// The folder automatic backups go to.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupFolder {
    pub folder: String,
    pub updated_at: String,
    pub updated_by: String,
}

pub fn folder(conn: &Connection) -> Result<Option<BackupFolder>> {
    Ok(conn
        .query_row(
            "SELECT folder, updated_at, updated_by FROM backup_setting WHERE id = 1",
            [],
            |r| {
                Ok(BackupFolder {
                    folder: r.get(0)?,
                    updated_at: r.get(1)?,
                    updated_by: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Only the admin chooses where backups go (and restores over data in use).
pub fn require_admin(actor: &Actor, what: &str) -> Result<()> {
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("Chỉ quản trị viên được {what}.")))
    }
}

/// Sets (or, with None, clears) the folder for automatic backups. The folder must exist and take
/// a file: a test file is written and removed, so a read-only or unplugged folder is refused now
/// rather than at the first backup.
pub fn set_folder(
    conn: &mut Connection,
    actor: &Actor,
    folder: Option<&Path>,
) -> Result<Option<BackupFolder>> {
    require_admin(actor, "chọn thư mục sao lưu tự động")?;
    let tx = conn.transaction()?;
    let before = folder_in(&tx)?;
    match folder {
        None => {
            tx.execute("DELETE FROM backup_setting", [])?;
            if let Some(b) = &before {
                audit::record(
                    &tx,
                    actor,
                    "backup.folder",
                    "backup_setting",
                    None,
                    &format!(
                        "Tắt sao lưu tự động (trước đây vào thư mục “{}”).",
                        b.folder
                    ),
                )?;
            }
        }
        Some(dir) => {
            let text = crate::text::clean_line(&dir.display().to_string());
            if text.is_empty() {
                return Err(Error::invalid("Hãy chọn thư mục để sao lưu tự động."));
            }
            // Stored absolute: the app and a scheduled `cchc` do not share a working folder.
            let dir = std::path::absolute(PathBuf::from(&text)).map_err(|e| Error::io(&text, e))?;
            let text = dir.display().to_string();
            probe_writable(&dir)?;
            tx.execute(
                "INSERT INTO backup_setting (id, folder, updated_at, updated_by)
                 VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET folder = ?1, updated_at = ?2, updated_by = ?3",
                params![text, crate::clock::now_text(), actor.name],
            )?;
            audit::record(
                &tx,
                actor,
                "backup.folder",
                "backup_setting",
                None,
                &format!("Chọn thư mục sao lưu tự động “{text}”."),
            )?;
        }
    }
    let after = folder_in(&tx)?;
    tx.commit()?;
    Ok(after)
}

fn folder_in(conn: &Connection) -> Result<Option<BackupFolder>> {
    folder(conn)
}

/// Refuses a folder that does not exist or does not take a new file.
pub(crate) fn probe_writable(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::invalid(format!(
                "“{}” không phải là thư mục: hãy chọn một thư mục.",
                dir.display()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound(format!(
                "Không tìm thấy thư mục “{}”: hãy cắm ổ USB hoặc kết nối ổ mạng, hoặc chọn thư mục khác.",
                dir.display()
            )))
        }
        Err(e) => return Err(Error::io(dir, e)),
    }
    let (temp, file) =
        crate::evidence::blobs::TempFile::create(dir, "cchcbak-thu").map_err(|e| match e {
            Error::Disk { fault, .. } => Error::disk(fault, dir),
            Error::Io { source, .. } => Error::io(dir, source),
            other => other,
        })?;
    drop(file);
    drop(temp);
    Ok(())
}
