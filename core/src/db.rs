//! The SQLite connection: opening it with the settings every connection needs, and bringing
//! its schema up to date from the numbered files in `migrations/`, embedded at compile time.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

/// Every migration, in order. A landed file is never edited; a new change is a new file here.
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    (
        "0001_init.sql",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        "0002_plan.sql",
        include_str!("../../migrations/0002_plan.sql"),
    ),
    (
        "0003_sessions.sql",
        include_str!("../../migrations/0003_sessions.sql"),
    ),
    (
        "0004_onestop.sql",
        include_str!("../../migrations/0004_onestop.sql"),
    ),
    (
        "0005_scoring.sql",
        include_str!("../../migrations/0005_scoring.sql"),
    ),
    (
        "0006_reports.sql",
        include_str!("../../migrations/0006_reports.sql"),
    ),
    (
        "0007_onestop_periods.sql",
        include_str!("../../migrations/0007_onestop_periods.sql"),
    ),
    (
        "0008_backup.sql",
        include_str!("../../migrations/0008_backup.sql"),
    ),
    (
        "0009_stumbles.sql",
        include_str!("../../migrations/0009_stumbles.sql"),
    ),
    (
        "0010_client_sessions.sql",
        include_str!("../../migrations/0010_client_sessions.sql"),
    ),
    (
        "0013_versions.sql",
        include_str!("../../migrations/0013_versions.sql"),
    ),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_FILES.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// Switches on what SQLite leaves off by default; needed on every connection.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// Opens (creating if needed) the database file and migrates it to the latest schema.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(sqlite_path(path))?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// The path to hand to SQLite. Windows refuses paths past MAX_PATH (260 UTF-16 units) unless
/// they are written in the `\\?\` form; Rust's file functions do that by themselves, SQLite does
/// not, so a data folder deep in a tree of office folders would open for the evidence files
/// but not for the database. Long paths are given to SQLite in that form (with their WAL and
/// SHM files beside them, which SQLite names from it).
#[cfg(windows)]
fn sqlite_path(path: &Path) -> std::path::PathBuf {
    /// Room for "-wal" / "-shm" and SQLite's journal names under MAX_PATH.
    const LONG: usize = 240;
    let Ok(full) = std::path::absolute(path) else {
        return path.to_path_buf();
    };
    let text = full.as_os_str().to_string_lossy();
    if text.encode_utf16().count() < LONG {
        return path.to_path_buf();
    }
    if text.starts_with(r"\\?\") {
        return full;
    }
    match text.strip_prefix(r"\\") {
        Some(unc) => format!(r"\\?\UNC\{unc}").into(),
        None => format!(r"\\?\{text}").into(),
    }
}

#[cfg(not(windows))]
fn sqlite_path(path: &Path) -> std::path::PathBuf {
    path.to_path_buf()
}

/// Another connection to a database `open` has already migrated, for reading beside the one
/// that writes (WAL lets readers go on while a write is under way).
pub fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open(sqlite_path(path))?;
    configure(&conn)?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

/// A fresh, migrated database in memory: for tests and benchmarks.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn)?;
    Ok(())
}

/// The schema version recorded in the database (SQLite's user_version).
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn every_file_in_migrations_is_listed_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = MIGRATION_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn migrates_an_empty_database_and_twice_in_a_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cchc.sqlite");
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATION_FILES.len() as i64);
        drop(conn);
        let mut conn = open(&path).unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATION_FILES.len() as i64);
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}
