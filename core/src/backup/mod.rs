//! Nothing lost: backup, restore and checks of a commune's data folder.
//!
//! A backup is one `.cchcbak` file, a zip holding a consistent snapshot of the database (taken
//! with SQLite's online backup API while the app keeps working), every evidence file, and
//! `manifest.json` (format and app version, commune, years, record counts, creation time, the
//! SHA-256 of every entry), sealed by a SHA-256 of the whole file in the zip's comment. It is
//! written to a temporary file beside its destination, checked, fsynced, then renamed, so the
//! destination only ever holds a complete, verified backup.
//!
//! - `archive`: writing a backup; `reader`: opening, previewing and verifying one;
//! - `restore`: verify everything, unpack beside the data folder, swap in one step;
//! - `check`: database integrity, evidence files against their hashes, leftovers, orphans;
//! - `history`, `schedule`, `retention`: the automatic backups the admin sets up.

mod archive;
pub mod check;
pub mod history;
mod manifest;
mod reader;
pub mod restore;
mod retention;
pub mod schedule;
mod seal;

use chrono::NaiveDateTime;
use serde::Serialize;

pub use archive::{create, BackupMade, BackupOptions, SkippedFile};
pub use check::{check, prune_orphans, CheckLevel, CheckOptions, CheckReport, Orphan};
pub use history::{BackupFolder, BackupKind, BackupRecord};
pub use manifest::{Counts, Manifest, ManifestEntry, FORMAT_VERSION};
pub use reader::{preview, verify, Preview};
pub use restore::{restore, RestoreOptions, Restored};
pub use retention::default_file_name;
pub use schedule::{due, run_auto, status, AutoOutcome, BackupStatus, Due, Trigger};

/// The extension of a backup file.
pub const EXTENSION: &str = "cchcbak";

/// What a long backup or restore is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "BackupPhase")]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Copying the database with SQLite's backup API.
    Snapshot,
    /// Writing the database and evidence files into the backup.
    Writing,
    /// Reading a backup back and checking every hash.
    Verifying,
    /// Unpacking a verified backup beside the data folder.
    Extracting,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Snapshot => "Đang chụp cơ sở dữ liệu",
            Phase::Writing => "Đang ghi bản sao lưu",
            Phase::Verifying => "Đang kiểm tra bản sao lưu",
            Phase::Extracting => "Đang giải nén dữ liệu",
        }
    }
}

/// Progress of one phase: bytes done out of the phase's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub done_bytes: u64,
    pub total_bytes: u64,
}

/// The local time now, as the clock module gives it, for the rules that compare times (`due`,
/// `status`, file names).
pub fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&crate::clock::now_text(), TIME_FORMAT).unwrap_or_default()
}

/// How times are stored in the database (`clock::now_text`).
pub(crate) const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// "12,3 MB": sizes in messages.
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{} byte", crate::text::format_int(bytes as i64))
    } else if b < KB * KB {
        format!("{} KB", crate::text::format_decimal(b / KB, 0))
    } else if b < KB * KB * KB {
        format!("{} MB", crate::text::format_decimal(b / KB / KB, 1))
    } else {
        format!("{} GB", crate::text::format_decimal(b / KB / KB / KB, 2))
    }
}

/// "30/11/2026 10:15" from a stored time.
pub fn time_text(stored: &str) -> String {
    NaiveDateTime::parse_from_str(stored, TIME_FORMAT)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| stored.to_string())
}
