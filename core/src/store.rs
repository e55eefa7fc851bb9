//! The data folder of one commune: `cchc.sqlite` and `evidence/` beside it. The folder is the
//! OS app-data folder unless `--data-dir` or `CCHC_DATA_DIR` says otherwise, so that the app
//! and the CLI share one commune's data and each test can have its own.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::db;
use crate::error::{Error, Result};

/// Must match `identifier` in tauri.conf.json: Tauri's app-data folder is named after it.
pub const APP_IDENTIFIER: &str = "vn.cchcxa.desktop";
pub const DATA_DIR_ENV: &str = "CCHC_DATA_DIR";
pub const DB_FILE: &str = "cchc.sqlite";
pub const EVIDENCE_DIR: &str = "evidence";
/// Reports printed for preview, so the officer can find the last ones again.
pub const REPORTS_DIR: &str = "bao-cao";
/// Files on their way to or from a client on the office network; emptied at each start.
pub const TRANSFERS_DIR: &str = "transfers";

/// The folder to use: the flag, else the environment variable, else the OS app-data folder.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = flag.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| {
            Error::Internal(
                "không tìm thấy thư mục dữ liệu ứng dụng của hệ điều hành; hãy chỉ định --data-dir"
                    .into(),
            )
        })
}

/// An open data folder: the database connection and where evidence files live.
pub struct Store {
    dir: PathBuf,
    pub conn: Connection,
}

impl Store {
    /// Opens the folder, creating it, its database and `evidence/` when missing. A restore that
    /// a crash interrupted mid-swap is finished first (see `backup::restore`).
    pub fn open(dir: &Path) -> Result<Store> {
        crate::backup::restore::finish_interrupted(dir)?;
        let evidence = dir.join(EVIDENCE_DIR);
        std::fs::create_dir_all(&evidence).map_err(|e| Error::io(&evidence, e))?;
        let conn = db::open(&dir.join(DB_FILE))?;
        Ok(Store {
            dir: dir.to_path_buf(),
            conn,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn evidence_dir(&self) -> PathBuf {
        self.dir.join(EVIDENCE_DIR)
    }

    /// Where the app keeps the reports it prints for preview, so the officer can find the
    /// last ones again.
    pub fn reports_dir(&self) -> PathBuf {
        self.dir.join(REPORTS_DIR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_database_and_evidence_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("xa");
        let store = Store::open(&dir).unwrap();
        assert!(dir.join(DB_FILE).is_file());
        assert!(store.evidence_dir().is_dir());
    }

    #[test]
    fn flag_wins_over_environment() {
        let flag = PathBuf::from("/tmp/from-flag");
        assert_eq!(resolve_data_dir(Some(flag.clone())).unwrap(), flag);
    }
}
