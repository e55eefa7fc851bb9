//! Checking a data folder: the database's integrity (`PRAGMA quick_check`, or the full
//! `integrity_check` on demand, and its foreign keys), every evidence file against the database
//! (present, and at the standard level its SHA-256), leftovers of interrupted writes cleaned up,
//! and orphan files (stored, used by no document) listed, to be deleted only when asked
//! (`prune_orphans`). `CheckLevel::Startup` is the cheap variant the app runs as it starts.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use super::archive::{older_than, STALE_AFTER};
use crate::audit;
use crate::error::{Error, Result};
use crate::evidence::{self, blobs, Problem};
use crate::people::Actor;
use crate::store::EVIDENCE_DIR;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CheckLevel {
    /// At start-up: `quick_check`, every evidence file there with its size (none is read).
    Startup,
    /// `cchc check`, Cài đặt › Kiểm tra dữ liệu: `quick_check`, foreign keys, every evidence
    /// file read and hashed.
    Standard,
    /// As Standard, with the full `integrity_check` (slower on a big database).
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    pub level: CheckLevel,
    /// Temporary files younger than this are left alone: another program may be writing them.
    pub temp_min_age: Duration,
}

impl CheckOptions {
    pub fn new(level: CheckLevel) -> Self {
        CheckOptions {
            level,
            temp_min_age: STALE_AFTER,
        }
    }
}

/// A stored file no document uses.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Orphan {
    pub sha256: String,
    pub size: u64,
    pub path: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CheckReport {
    pub level: CheckLevel,
    pub database_ok: bool,
    /// What SQLite reported, and foreign keys that point nowhere.
    pub database_problems: Vec<String>,
    /// Evidence files the database refers to that were checked.
    pub files_checked: usize,
    /// Evidence files missing, damaged or unreadable, naming their documents.
    pub file_problems: Vec<Problem>,
    /// Leftovers of interrupted writes that were removed.
    pub temp_removed: Vec<PathBuf>,
    /// Temporary files too recent to remove (another program may be writing them).
    pub temp_kept: Vec<PathBuf>,
    /// Stored files no document uses: listed, deleted only by `prune_orphans`.
    pub orphans: Vec<Orphan>,
    pub orphan_bytes: u64,
    /// Files in `evidence/` the app did not put there (never deleted).
    pub strays: Vec<PathBuf>,
    /// Nothing is wrong with the database or the evidence files.
    pub ok: bool,
}

impl CheckReport {
    /// The report in Vietnamese, one sentence a line: what is wrong first, then what was done.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.database_ok {
            out.push(format!(
                "Cơ sở dữ liệu: tốt ({}).",
                if self.level == CheckLevel::Full {
                    "kiểm tra toàn bộ"
                } else {
                    "kiểm tra nhanh"
                }
            ));
        } else {
            out.push(
                "Cơ sở dữ liệu bị hỏng: hãy khôi phục từ bản sao lưu gần nhất (Cài đặt › Sao lưu). Chi tiết:"
                    .into(),
            );
            out.extend(self.database_problems.iter().map(|p| format!("  {p}")));
        }
        let how = if self.level == CheckLevel::Startup {
            "có mặt, đúng dung lượng"
        } else {
            "đúng mã SHA-256"
        };
        if self.file_problems.is_empty() {
            out.push(format!(
                "Tài liệu kiểm chứng: {} tệp, tất cả {how}.",
                crate::text::format_int(self.files_checked as i64)
            ));
        } else {
            out.push(format!(
                "Tài liệu kiểm chứng: {} trong {} tệp có vấn đề:",
                self.file_problems.len(),
                crate::text::format_int(self.files_checked as i64)
            ));
            out.extend(
                self.file_problems
                    .iter()
                    .map(|p| format!("  {}", p.message)),
            );
        }
        if !self.temp_removed.is_empty() {
            out.push(format!(
                "Đã dọn {} tệp tạm còn sót lại sau lần ghi bị gián đoạn.",
                self.temp_removed.len()
            ));
        }
        if !self.temp_kept.is_empty() {
            out.push(format!(
                "{} tệp tạm mới được ghi gần đây nên chưa dọn (có thể chương trình khác đang ghi).",
                self.temp_kept.len()
            ));
        }
        if !self.orphans.is_empty() {
            out.push(format!(
                "{} tệp trong kho không còn tài liệu nào dùng ({}); có thể xóa để giải phóng chỗ.",
                self.orphans.len(),
                super::size_text(self.orphan_bytes)
            ));
        }
        for s in &self.strays {
            out.push(format!(
                "Tệp lạ trong thư mục tài liệu kiểm chứng (không do CCHC Xã tạo, được giữ nguyên): “{}”.",
                s.display()
            ));
        }
        out
    }
}

/// Runs the checks on the data folder `data_dir` whose database `conn` is open.
pub fn check(conn: &Connection, data_dir: &Path, options: &CheckOptions) -> Result<CheckReport> {
    let (database_ok, database_problems) = check_database(conn, options.level);
    let evidence_dir = data_dir.join(EVIDENCE_DIR);
    let deep = options.level != CheckLevel::Startup;
    let (files_checked, file_problems, referenced) = match referenced_files(conn) {
        Ok(referenced) => {
            let problems = evidence::verify_files(conn, &evidence_dir, deep)?;
            (referenced.len(), problems, Some(referenced))
        }
        // A database too damaged to list its files has said so above.
        Err(_) if !database_ok => (0, Vec::new(), None),
        Err(e) => return Err(e),
    };
    let (temp_removed, temp_kept) = clean_temps(data_dir, options.temp_min_age);
    let (stored, strays) = stored_files(&evidence_dir);
    let orphans: Vec<Orphan> = match &referenced {
        Some(referenced) => stored
            .into_iter()
            .filter(|o| !referenced.contains(&o.sha256))
            .collect(),
        None => Vec::new(),
    };
    let orphan_bytes = orphans.iter().map(|o| o.size).sum();
    Ok(CheckReport {
        level: options.level,
        ok: database_ok && file_problems.is_empty(),
        database_ok,
        database_problems,
        files_checked,
        file_problems,
        temp_removed,
        temp_kept,
        orphans,
        orphan_bytes,
        strays,
    })
}

fn check_database(conn: &Connection, level: CheckLevel) -> (bool, Vec<String>) {
    let pragma = if level == CheckLevel::Full {
        "PRAGMA integrity_check(50)"
    } else {
        "PRAGMA quick_check(50)"
    };
    let lines: rusqlite::Result<Vec<String>> = conn.prepare(pragma).and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
    });
    let mut problems = match lines {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => Vec::new(),
        Ok(lines) => lines,
        Err(e) => vec![format!("SQLite không đọc được cơ sở dữ liệu: {e}")],
    };
    if level != CheckLevel::Startup && problems.is_empty() {
        let dangling: rusqlite::Result<Vec<(String, String)>> = conn
            .prepare("PRAGMA foreign_key_check")
            .and_then(|mut stmt| {
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(2)?)))?
                    .collect()
            });
        match dangling {
            Ok(rows) => {
                for (table, parent) in rows.iter().take(50) {
                    problems.push(format!(
                        "Bảng {table} có dòng trỏ tới dòng không còn trong bảng {parent}."
                    ));
                }
            }
            Err(e) => problems.push(format!("Không kiểm tra được khóa ngoại: {e}")),
        }
    }
    (problems.is_empty(), problems)
}

/// Every SHA-256 a revision uses.
fn referenced_files(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT sha256 FROM evidence_revision")?;
    let set = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<HashSet<_>>>()?;
    Ok(set)
}

/// Files under `evidence/` named as the store names them, and files that are not (strays;
/// temporary files are neither).
fn stored_files(evidence_dir: &Path) -> (Vec<Orphan>, Vec<PathBuf>) {
    let mut stored = Vec::new();
    let mut strays = Vec::new();
    let Ok(entries) = fs::read_dir(evidence_dir) else {
        return (stored, strays);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if blobs::is_temp_name(&name) {
            continue;
        }
        let is_shard = is_dir && name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if !is_shard {
            strays.push(path);
            continue;
        }
        let Ok(files) = fs::read_dir(&path) else {
            continue;
        };
        for f in files.flatten() {
            let fname = f.file_name().to_string_lossy().into_owned();
            if blobs::is_temp_name(&fname) {
                continue;
            }
            if blobs::is_sha256(&fname) && fname.starts_with(&name) {
                let size = f.metadata().map(|m| m.len()).unwrap_or(0);
                stored.push(Orphan {
                    sha256: fname,
                    size,
                    path: f.path(),
                });
            } else {
                strays.push(f.path());
            }
        }
    }
    stored.sort_by(|a, b| a.sha256.cmp(&b.sha256));
    strays.sort();
    (stored, strays)
}

/// Removes leftovers of interrupted writes older than `min_age`: evidence being stored
/// (`evidence/.incoming-….tmp`), database snapshots of a backup (`.snapshot-….tmp` and their
/// journals), reports being written (`bao-cao/*.tmp-cchc`), and an unfinished restore beside the
/// folder. Younger ones are listed as kept.
fn clean_temps(data_dir: &Path, min_age: Duration) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut candidates: Vec<PathBuf> = Vec::new();
    let mut scan = |dir: &Path, is_leftover: &dyn Fn(&str) -> bool| {
        if let Ok(entries) = fs::read_dir(dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if is_leftover(&name) && e.file_type().map(|t| t.is_file()).unwrap_or(false) {
                    candidates.push(e.path());
                }
            }
        }
    };
    scan(data_dir, &|n| {
        blobs::is_temp_name(n) || (n.starts_with(".snapshot-") && n.contains(".tmp-"))
    });
    let evidence_dir = data_dir.join(EVIDENCE_DIR);
    scan(&evidence_dir, &|n| blobs::is_temp_name(n));
    if let Ok(shards) = fs::read_dir(&evidence_dir) {
        for s in shards.flatten() {
            if s.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                scan(&s.path(), &|n| blobs::is_temp_name(n));
            }
        }
    }
    scan(&data_dir.join("bao-cao"), &|n| n.ends_with(".tmp-cchc"));

    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for path in candidates {
        if !older_than(&path, min_age) {
            kept.push(path);
        } else if fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    if let Some(name) = data_dir.file_name() {
        let staging = data_dir
            .parent()
            .unwrap_or(Path::new("."))
            .join(format!(".{}.khoi-phuc.tmp", name.to_string_lossy()));
        if staging.is_dir() {
            if !older_than(&staging, min_age) {
                kept.push(staging);
            } else if fs::remove_dir_all(&staging).is_ok() {
                removed.push(staging);
            }
        }
    }
    removed.sort();
    kept.sort();
    (removed, kept)
}

/// What `prune_orphans` deleted.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PruneReport {
    pub removed: Vec<Orphan>,
    pub bytes: u64,
}

/// Deletes stored files no document uses (only those in `only`, when given: the list the user
/// confirmed). Their rows go first, in a transaction that holds the write lock, and the files
/// after it commits, so no row ever points at a deleted file; files written in the last
/// `min_age` are spared (another program may be about to commit a row for one).
pub fn prune_orphans(
    conn: &mut Connection,
    data_dir: &Path,
    actor: &Actor,
    only: Option<&[String]>,
    min_age: Duration,
) -> Result<PruneReport> {
    let evidence_dir = data_dir.join(EVIDENCE_DIR);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let referenced = referenced_files(&tx)?;
    let wanted = |sha: &str| only.is_none_or(|list| list.iter().any(|s| s == sha));
    let (stored, _) = stored_files(&evidence_dir);
    let doomed: Vec<Orphan> = stored
        .into_iter()
        .filter(|o| !referenced.contains(&o.sha256) && wanted(&o.sha256))
        .filter(|o| older_than(&o.path, min_age))
        .collect();
    let mut unused_rows = tx.prepare(
        "SELECT sha256 FROM evidence_blob
         WHERE sha256 NOT IN (SELECT sha256 FROM evidence_revision)",
    )?;
    let rows = unused_rows
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    drop(unused_rows);
    for sha in rows.iter().filter(|s| wanted(s)) {
        tx.execute("DELETE FROM evidence_blob WHERE sha256 = ?1", [sha])?;
    }
    let bytes: u64 = doomed.iter().map(|o| o.size).sum();
    if !doomed.is_empty() {
        audit::record(
            &tx,
            actor,
            "evidence.prune",
            "evidence_blob",
            None,
            &format!(
                "Xóa {} tệp trong kho tài liệu kiểm chứng không còn tài liệu nào dùng ({}).",
                doomed.len(),
                super::size_text(bytes)
            ),
        )?;
    }
    tx.commit()?;

    let mut removed = Vec::new();
    for o in doomed {
        match fs::remove_file(&o.path) {
            Ok(()) => removed.push(o),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => removed.push(o),
            Err(e) => return Err(Error::io(&o.path, e)),
        }
    }
    if let Ok(shards) = fs::read_dir(&evidence_dir) {
        for s in shards.flatten() {
            let _ = blobs::sync_dir(&s.path());
        }
    }
    let bytes = removed.iter().map(|o| o.size).sum();
    Ok(PruneReport { removed, bytes })
}
