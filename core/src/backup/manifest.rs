//! `manifest.json`, the table of contents of a backup: what it is (format and app version,
//! schema version), whose it is (commune, years), what it holds (record counts for the preview,
//! every entry with its size and SHA-256), and which evidence files could not be included.
//! Also the rule for which backups this version can restore.

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The backup format this version writes; it reads this one and every older one.
pub const FORMAT_VERSION: u32 = 1;
/// The `format` field: tells a CCHC Xã backup from any other zip with a manifest.
pub(crate) const FORMAT_NAME: &str = "cchc-xa-backup";
pub(crate) const MANIFEST_NAME: &str = "manifest.json";
/// The database's name inside the backup, as in the data folder.
pub(crate) const DATABASE_ENTRY: &str = crate::store::DB_FILE;
pub(crate) const EVIDENCE_PREFIX: &str = "evidence/";

/// The app version that writes backups.
pub(crate) fn app_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestCommune {
    /// "Xã Nông Thượng".
    pub display_name: String,
    pub province: String,
    pub is_demo: bool,
}

/// What the preview shows of the records inside.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "BackupCounts")]
pub struct Counts {
    pub tasks: i64,
    pub sessions: i64,
    pub criteria: i64,
    pub evidence_documents: i64,
    /// Evidence files inside the backup.
    pub evidence_files: i64,
    pub officers: i64,
    pub accounts: i64,
}

/// One file inside the backup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// "cchc.sqlite" or "evidence/ab/abcdef…".
    pub path: String,
    pub size: u64,
    pub sha256: String,
    /// An evidence file that was already damaged in the store when the backup was made: its
    /// bytes are kept as they were (`sha256` is of those bytes, not its name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub damaged: bool,
}

/// An evidence file the database refers to that was missing from the store at backup time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingFile {
    pub sha256: String,
    /// The Vietnamese sentence naming the documents that lost it.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The CCHC Xã version that made the backup.
    pub app_version: String,
    /// The database's schema version (the number of migrations applied).
    pub schema_version: i64,
    /// Local time, `YYYY-MM-DD HH:MM:SS`.
    pub created_at: String,
    pub commune: ManifestCommune,
    /// Working years, oldest first.
    pub years: Vec<i32>,
    pub current_year: i32,
    pub counts: Counts,
    /// The newest audit entry the backup contains (see `history::change_mark`).
    pub change_mark: i64,
    /// The database first, then the evidence files by name.
    pub entries: Vec<ManifestEntry>,
    #[serde(default)]
    pub missing: Vec<MissingFile>,
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

/// The manifest's description of a database snapshot (entries are added as they are written).
pub(crate) fn describe(conn: &Connection, created_at: String) -> Result<Manifest> {
    let commune = crate::commune::require(conn)?;
    let mut years = crate::commune::years(conn)?;
    years.sort_unstable();
    Ok(Manifest {
        format: FORMAT_NAME.into(),
        format_version: FORMAT_VERSION,
        app_version: app_version().into(),
        schema_version: crate::db::schema_version(conn)?,
        created_at,
        commune: ManifestCommune {
            display_name: commune.display_name,
            province: commune.province,
            is_demo: commune.is_demo,
        },
        years,
        current_year: commune.current_year,
        counts: Counts {
            tasks: count(conn, "task")?,
            sessions: count(conn, "outreach_session")?,
            criteria: count(conn, "criterion")?,
            evidence_documents: count(conn, "evidence_document")?,
            evidence_files: 0,
            officers: count(conn, "officer")?,
            accounts: count(conn, "account")?,
        },
        change_mark: super::history::change_mark(conn)?,
        entries: Vec::new(),
        missing: Vec::new(),
    })
}

/// "1.2.3" as numbers; None for anything else.
fn version_parts(v: &str) -> Option<Vec<u64>> {
    let core = v.split(['-', '+']).next()?;
    core.split('.').map(|p| p.parse().ok()).collect()
}

/// Whether version `a` is newer than `b` (missing parts count as 0).
fn newer(a: &[u64], b: &[u64]) -> bool {
    let n = a.len().max(b.len());
    let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
    (0..n)
        .map(|i| (at(a, i), at(b, i)))
        .find(|(x, y)| x != y)
        .is_some_and(|(x, y)| x > y)
}

/// Refuses a backup this version cannot restore: not ours, or made by a newer version. Older
/// backups pass: their database is migrated after unpacking.
pub(crate) fn check_compatible(m: &Manifest, path: &Path) -> Result<()> {
    let shown = path.display();
    if m.format != FORMAT_NAME {
        return Err(Error::invalid(format!(
            "Tệp “{shown}” không phải bản sao lưu của CCHC Xã (nội dung ghi là “{}”).",
            m.format
        )));
    }
    let ours = version_parts(app_version()).unwrap_or_default();
    let theirs = version_parts(&m.app_version).ok_or_else(|| {
        Error::invalid(format!(
            "Bản sao lưu “{shown}” ghi phiên bản “{}” không đọc được: tệp không phải do CCHC Xã tạo ra hoặc đã bị sửa.",
            m.app_version
        ))
    })?;
    let latest_schema = crate::db::MIGRATION_FILES.len() as i64;
    if m.format_version > FORMAT_VERSION
        || newer(&theirs, &ours)
        || m.schema_version > latest_schema
    {
        return Err(Error::invalid(format!(
            "Bản sao lưu “{shown}” được tạo bằng CCHC Xã phiên bản {}, mới hơn phiên bản đang dùng ({}): \
             hãy cập nhật CCHC Xã lên phiên bản {} trở lên rồi khôi phục lại. Chưa thay đổi gì.",
            m.app_version,
            app_version(),
            m.app_version
        )));
    }
    if m.schema_version < 1 {
        return Err(Error::invalid(format!(
            "Bản sao lưu “{shown}” ghi phiên bản cơ sở dữ liệu {} không hợp lệ: tệp đã bị sửa hoặc hỏng.",
            m.schema_version
        )));
    }
    Ok(())
}

/// Whether `path` is a name this format may contain: the database, or an evidence file under its
/// hash in its shard. Anything else (a path that climbs out, a stray file) is refused.
pub(crate) fn is_allowed_entry(path: &str) -> bool {
    if path == DATABASE_ENTRY {
        return true;
    }
    let Some(rest) = path.strip_prefix(EVIDENCE_PREFIX) else {
        return false;
    };
    match rest.split_once('/') {
        Some((shard, name)) => {
            crate::evidence::blobs::is_sha256(name) && name.get(..2) == Some(shard)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_numbers() {
        let v = |s| version_parts(s).unwrap();
        assert!(newer(&v("0.10.0"), &v("0.9.9")));
        assert!(newer(&v("1.0"), &v("0.99.1")));
        assert!(!newer(&v("0.1.0"), &v("0.1")));
        assert!(!newer(&v("0.1.0-beta"), &v("0.1.0")));
        assert!(version_parts("mới").is_none());
    }

    #[test]
    fn only_the_database_and_hash_named_files_are_allowed() {
        let h = "ab".to_string() + &"c".repeat(62);
        assert!(is_allowed_entry("cchc.sqlite"));
        assert!(is_allowed_entry(&format!("evidence/ab/{h}")));
        assert!(!is_allowed_entry(&format!("evidence/cd/{h}")));
        assert!(!is_allowed_entry("evidence/ab/../../x"));
        assert!(!is_allowed_entry("../cchc.sqlite"));
        assert!(!is_allowed_entry("evidence/ab"));
        assert!(!is_allowed_entry("/etc/passwd"));
    }
}
