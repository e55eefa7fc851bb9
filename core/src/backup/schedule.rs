//! Automatic backups: when one is due (daily while the app runs, on exit after changes), running
//! one into the admin's folder with the retention rule after it, and the status Tổng quan shows
//! (last good backup older than 7 days, folder out of reach). The app's timer calls `due` and
//! `run_auto`; the rules live here.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::Serialize;

use super::history::{self, BackupKind, BackupRecord};
use super::{archive, retention, BackupMade, BackupOptions, Progress, TIME_FORMAT};
use crate::error::{Error, Result};
use crate::store::DB_FILE;

/// After this long without a good backup, Tổng quan warns.
pub const STALE_DAYS: i64 = 7;
/// A daily backup is due this long after the last good one.
pub const DAILY_HOURS: i64 = 24;

/// What asks for an automatic backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// The app's timer while it runs.
    Daily,
    /// The app is closing.
    Exit,
    /// A person asked for one now ("Sao lưu ngay vào thư mục tự động").
    Now,
}

impl Trigger {
    fn kind(self) -> BackupKind {
        match self {
            Trigger::Daily => BackupKind::Daily,
            Trigger::Exit => BackupKind::Exit,
            Trigger::Now => BackupKind::Manual,
        }
    }
}

/// Whether an automatic backup should run now, and why (a Vietnamese sentence).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub needed: bool,
    pub reason: String,
    /// The folder it would go to; None when none is chosen.
    pub folder: Option<PathBuf>,
}

fn parse(t: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(t, TIME_FORMAT).ok()
}

/// Decides whether `trigger` should back up now. Daily: the last good backup is 24 hours old or
/// more, and something changed since (or it is 7 days old, so the folder is proved to still
/// work). Exit: something changed since the last good backup. Now: always, given a folder.
pub fn due(conn: &rusqlite::Connection, trigger: Trigger, now: NaiveDateTime) -> Result<Due> {
    let Some(folder) = history::folder(conn)? else {
        return Ok(Due {
            needed: false,
            reason: "Chưa chọn thư mục sao lưu tự động.".into(),
            folder: None,
        });
    };
    let folder = PathBuf::from(folder.folder);
    let last = history::last_good(conn)?;
    let changed = match &last {
        Some(r) => history::change_mark(conn)? > r.change_mark,
        None => true,
    };
    let age_hours = last
        .as_ref()
        .and_then(|r| parse(&r.finished_at))
        .map(|t| (now - t).num_hours());
    let (needed, reason) = match trigger {
        Trigger::Now => (true, "Sao lưu theo yêu cầu.".to_string()),
        Trigger::Exit if changed => (
            true,
            "Dữ liệu đã thay đổi từ lần sao lưu tốt gần nhất.".to_string(),
        ),
        Trigger::Exit => (
            false,
            "Dữ liệu không thay đổi từ lần sao lưu tốt gần nhất.".to_string(),
        ),
        Trigger::Daily => match age_hours {
            None => (true, "Chưa có bản sao lưu tốt nào.".to_string()),
            Some(h) if h < DAILY_HOURS => {
                (false, "Đã có bản sao lưu tốt trong 24 giờ qua.".to_string())
            }
            Some(_) if changed => (
                true,
                "Đã hơn 24 giờ từ lần sao lưu tốt gần nhất và dữ liệu đã thay đổi.".to_string(),
            ),
            Some(h) if h >= STALE_DAYS * 24 => (
                true,
                "Đã 7 ngày chưa sao lưu: sao lưu lại để chắc thư mục vẫn dùng được.".to_string(),
            ),
            Some(_) => (
                false,
                "Dữ liệu không thay đổi từ lần sao lưu tốt gần nhất.".to_string(),
            ),
        },
    };
    Ok(Due {
        needed,
        reason,
        folder: Some(folder),
    })
}

/// One warning for Tổng quan or the Sao lưu panel.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupWarning {
    /// never, stale, unreachable, no_folder, last_failed.
    pub code: &'static str,
    pub message: String,
}

/// The state of backups, for Tổng quan and Cài đặt › Sao lưu.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupStatus {
    /// The folder for automatic backups; None when none is chosen.
    pub folder: Option<String>,
    /// Whether that folder can be reached now (false when none is chosen).
    pub folder_reachable: bool,
    pub last_good: Option<BackupRecord>,
    /// The newest attempt, which may have failed.
    pub last: Option<BackupRecord>,
    /// Whole days since the last good backup.
    pub days_since_good: Option<i64>,
    /// Something changed since the last good backup.
    pub changed_since_good: bool,
    /// Tổng quan shows a warning: no good backup in 7 days, or the folder cannot be reached.
    pub warn: bool,
    pub warnings: Vec<BackupWarning>,
}

/// Where backups stand at `now`. Cheap: reads the records and looks at the folder (no file is
/// written or read).
pub fn status(conn: &rusqlite::Connection, now: NaiveDateTime) -> Result<BackupStatus> {
    let folder = history::folder(conn)?.map(|f| f.folder);
    let folder_reachable = folder
        .as_ref()
        .map(|f| Path::new(f).is_dir())
        .unwrap_or(false);
    let last_good = history::last_good(conn)?;
    let last = history::last(conn)?;
    let days_since_good = last_good
        .as_ref()
        .and_then(|r| parse(&r.finished_at))
        .map(|t| (now - t).num_days());
    let changed_since_good = match &last_good {
        Some(r) => history::change_mark(conn)? > r.change_mark,
        None => true,
    };
    let mut warnings = Vec::new();
    match (&last_good, days_since_good) {
        (None, _) => warnings.push(BackupWarning {
            code: "never",
            message: "Dữ liệu chưa được sao lưu lần nào: hãy sao lưu ngay (Cài đặt › Sao lưu)."
                .into(),
        }),
        (Some(r), Some(days)) if days >= STALE_DAYS => warnings.push(BackupWarning {
            code: "stale",
            message: format!(
                "Lần sao lưu tốt gần nhất đã cách đây {days} ngày ({}): hãy sao lưu ngay.",
                super::time_text(&r.finished_at)
            ),
        }),
        _ => {}
    }
    match &folder {
        Some(f) if !folder_reachable => warnings.push(BackupWarning {
            code: "unreachable",
            message: format!(
                "Không truy cập được thư mục sao lưu tự động “{f}”: hãy cắm ổ USB hoặc kết nối ổ \
                 mạng, hoặc chọn thư mục khác."
            ),
        }),
        Some(_) => {}
        None => warnings.push(BackupWarning {
            code: "no_folder",
            message: "Chưa chọn thư mục sao lưu tự động (nên chọn ổ khác hoặc ổ USB).".into(),
        }),
    }
    if let Some(l) = last.as_ref().filter(|l| !l.ok) {
        warnings.push(BackupWarning {
            code: "last_failed",
            message: format!(
                "Lần sao lưu gần nhất ({}) không thành công: {}",
                super::time_text(&l.started_at),
                l.error
            ),
        });
    }
    let warn = warnings
        .iter()
        .any(|w| matches!(w.code, "never" | "stale" | "unreachable"));
    Ok(BackupStatus {
        folder,
        folder_reachable,
        last_good,
        last,
        days_since_good,
        changed_since_good,
        warn,
        warnings,
    })
}

/// What `run_auto` did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AutoOutcome {
    pub ran: bool,
    /// Why it ran or not (from `due`).
    pub reason: String,
    pub made: Option<BackupMade>,
    pub record: Option<BackupRecord>,
    /// Older backups the retention rule deleted.
    pub removed: Vec<PathBuf>,
}

/// Runs an automatic backup of `data_dir` into the chosen folder when `trigger` says it is due:
/// writes and verifies it, records it, then applies the retention rule. A failure is recorded
/// (so the panel and Tổng quan show it) and returned. Opens its own connections, so the app's
/// own connection stays free meanwhile.
pub fn run_auto(
    data_dir: &Path,
    trigger: Trigger,
    now: NaiveDateTime,
    made_by: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<AutoOutcome> {
    let db_path = data_dir.join(DB_FILE);
    if !db_path.is_file() {
        return Err(Error::NotInitialised);
    }
    let conn = crate::db::open(&db_path)?;
    let due = due(&conn, trigger, now)?;
    let Some(folder) = due.folder.clone() else {
        return Err(Error::invalid(
            "Chưa chọn thư mục sao lưu tự động: hãy chọn trong Cài đặt › Sao lưu (dòng lệnh: cchc backup auto --folder THƯ_MỤC).",
        ));
    };
    if !due.needed {
        return Ok(AutoOutcome {
            ran: false,
            reason: due.reason,
            made: None,
            record: None,
            removed: Vec::new(),
        });
    }
    let commune = crate::commune::require(&conn)?;
    let out = folder.join(retention::default_file_name(&commune.display_name, now));
    let started_at = crate::clock::now_text();
    let kind = trigger.kind();
    if !folder.is_dir() {
        let e = Error::NotFound(format!(
            "Không truy cập được thư mục sao lưu tự động “{}”: hãy cắm ổ USB hoặc kết nối ổ mạng, \
             hoặc chọn thư mục khác. Chưa sao lưu.",
            folder.display()
        ));
        history::record_failed(&conn, kind, &out, &started_at, &e, made_by)?;
        return Err(e);
    }
    let made = match archive::create(data_dir, &out, &BackupOptions { verify: true }, progress) {
        Ok(m) => m,
        Err(e) => {
            history::record_failed(&conn, kind, &out, &started_at, &e, made_by)?;
            return Err(e);
        }
    };
    let record = history::record_made(&conn, kind, &made, made_by)?;
    let removed = retention::apply(&folder, &commune.display_name, now, &out).unwrap_or_default();
    history::mark_removed(&conn, &removed)?;
    Ok(AutoOutcome {
        ran: true,
        reason: due.reason,
        made: Some(made),
        record: Some(record),
        removed,
    })
}
