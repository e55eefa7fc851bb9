//! The file an officer sends to support ("tệp gửi hỗ trợ"): a zip with the last 7 days of logs
//! and the facts of this installation (app and OS version, the data folder's size, the record
//! counts, the result of a data check, the settings without secrets). The database and the
//! evidence files never go in: what the commune keeps stays on its PC.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::Connection;
use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::LOGS_DIR;
use crate::error::{Error, Result};
use crate::evidence::blobs::TempFile;
use crate::store::{DB_FILE, EVIDENCE_DIR};
use crate::{commune, text};

/// Days of logs the file carries.
pub const LOG_DAYS: u64 = 7;
const INFO_TXT: &str = "thong-tin.txt";
const INFO_JSON: &str = "thong-tin.json";
const LOGS_IN_ZIP: &str = "nhat-ky";

/// What the diagnostics screen shows before the file is made.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "DiagnosticsFacts")]
pub struct Facts {
    pub app_version: String,
    pub os: String,
    pub made_at: String,
    pub data_dir_bytes: u64,
    pub database_bytes: u64,
    pub evidence_files: u64,
    pub evidence_bytes: u64,
    pub log_files: Vec<String>,
    pub log_bytes: u64,
    pub counts: Vec<Count>,
    /// `PRAGMA quick_check`: "ok", or what SQLite found.
    pub database_check: String,
    pub settings: Settings,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Count {
    pub label: &'static str,
    pub count: i64,
}

/// The commune's settings, as far as they carry no secret and no one's personal data.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
#[ts(export, rename = "DiagnosticsSettings")]
pub struct Settings {
    pub commune: String,
    pub province: String,
    pub superior: String,
    pub current_year: Option<i32>,
    pub years: Vec<i32>,
    pub is_demo: bool,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "DiagnosticsBundle")]
pub struct Bundle {
    pub path: PathBuf,
    pub bytes: u64,
    /// The names inside the zip, for the screen and the CLI to list.
    pub entries: Vec<String>,
}

const COUNTED: &[(&str, &str)] = &[
    ("Năm làm việc", "work_year"),
    ("Cán bộ, công chức", "officer"),
    ("Tài khoản", "account"),
    ("Nhiệm vụ kế hoạch", "task"),
    ("Buổi tuyên truyền", "outreach_session"),
    ("Kỳ số liệu một cửa", "tthc_batch"),
    ("Tiêu chí chấm điểm", "criterion"),
    ("Tài liệu kiểm chứng", "evidence_document"),
    ("Tệp kiểm chứng", "evidence_blob"),
    ("Dòng nhật ký thay đổi", "audit_log"),
];

fn counts(conn: &Connection) -> Result<Vec<Count>> {
    COUNTED
        .iter()
        .map(|(label, table)| {
            let count =
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(Count { label, count })
        })
        .collect()
}

fn quick_check(conn: &Connection) -> String {
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match rows {
        Ok(rows) => rows.join("; "),
        Err(e) => format!("không kiểm tra được: {e}"),
    }
}

fn settings(conn: &Connection) -> Result<Settings> {
    let Some(c) = commune::get(conn)? else {
        return Ok(Settings::default());
    };
    Ok(Settings {
        commune: c.display_name,
        province: c.province,
        superior: c.superior,
        current_year: Some(c.current_year),
        years: commune::years(conn)?,
        is_demo: c.is_demo,
    })
}

/// Files under `dir` (recursively): how many, and their size.
fn tree_size(dir: &Path) -> (u64, u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    let mut files = 0;
    let mut bytes = 0;
    for entry in entries.flatten() {
        match entry.metadata() {
            Ok(m) if m.is_dir() => {
                let (f, b) = tree_size(&entry.path());
                files += f;
                bytes += b;
            }
            Ok(m) => {
                files += 1;
                bytes += m.len();
            }
            Err(_) => {}
        }
    }
    (files, bytes)
}

/// The log files written in the last `LOG_DAYS` days, oldest first.
fn recent_logs(data_dir: &Path) -> Vec<(PathBuf, u64)> {
    let since = SystemTime::now() - Duration::from_secs(LOG_DAYS * 24 * 3600);
    let Ok(entries) = std::fs::read_dir(data_dir.join(LOGS_DIR)) else {
        return Vec::new();
    };
    let mut logs: Vec<(SystemTime, PathBuf, u64)> = entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let modified = meta.modified().ok()?;
            (meta.is_file() && modified >= since).then(|| (modified, e.path(), meta.len()))
        })
        .collect();
    logs.sort();
    logs.into_iter().map(|(_, p, len)| (p, len)).collect()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The facts of the installation in `data_dir`, read through `conn`.
pub fn facts(conn: &Connection, data_dir: &Path) -> Result<Facts> {
    let (_, data_dir_bytes) = tree_size(data_dir);
    let (evidence_files, evidence_bytes) = tree_size(&data_dir.join(EVIDENCE_DIR));
    let database_bytes = std::fs::metadata(data_dir.join(DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    let logs = recent_logs(data_dir);
    Ok(Facts {
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        os: format!("{} ({})", os_info::get(), std::env::consts::ARCH),
        made_at: crate::clock::now_text(),
        data_dir_bytes,
        database_bytes,
        evidence_files,
        evidence_bytes,
        log_bytes: logs.iter().map(|(_, len)| len).sum(),
        log_files: logs.iter().map(|(p, _)| file_name(p)).collect(),
        counts: counts(conn)?,
        database_check: quick_check(conn),
        settings: settings(conn)?,
    })
}

fn bytes_text(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!(
            "{} MB",
            text::format_decimal(n as f64 / (1024.0 * 1024.0), 1)
        )
    } else {
        format!("{} KB", text::format_int(n.div_ceil(1024) as i64))
    }
}

/// The facts as a support person reads them.
pub fn describe(f: &Facts) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push_str("\r\n");
    };
    line("THÔNG TIN CHẨN ĐOÁN CCHC XÃ".into());
    line(format!("Thời điểm tạo: {}", f.made_at));
    line(format!("Phiên bản phần mềm: {}", f.app_version));
    line(format!("Hệ điều hành: {}", f.os));
    line(format!(
        "Thư mục dữ liệu: {} (cơ sở dữ liệu {}; {} tệp kiểm chứng, {})",
        bytes_text(f.data_dir_bytes),
        bytes_text(f.database_bytes),
        text::format_int(f.evidence_files as i64),
        bytes_text(f.evidence_bytes)
    ));
    line(format!("Kiểm tra cơ sở dữ liệu: {}", f.database_check));
    line(String::new());
    line("Số bản ghi:".into());
    for c in &f.counts {
        line(format!("- {}: {}", c.label, text::format_int(c.count)));
    }
    line(String::new());
    let s = &f.settings;
    line("Cài đặt:".into());
    line(format!("- Xã: {} ({})", s.commune, s.province));
    line(format!("- Cơ quan cấp trên: {}", s.superior));
    if let Some(y) = s.current_year {
        line(format!("- Năm làm việc: {y}"));
    }
    let years: Vec<String> = s.years.iter().map(|y| y.to_string()).collect();
    line(format!("- Các năm có dữ liệu: {}", years.join(", ")));
    line(format!(
        "- Dữ liệu mẫu: {}",
        if s.is_demo { "có" } else { "không" }
    ));
    line(String::new());
    line(format!(
        "Nhật ký {} ngày gần nhất: {} tệp, {} (thư mục {LOGS_IN_ZIP}/)",
        LOG_DAYS,
        f.log_files.len(),
        bytes_text(f.log_bytes)
    ));
    line(
        "Tệp này không chứa cơ sở dữ liệu, tài liệu kiểm chứng, mật khẩu hay dữ liệu của người dân."
            .into(),
    );
    out
}

/// Writes the diagnostics zip to `out` (replacing it), through a temporary file beside it.
pub fn write(conn: &Connection, data_dir: &Path, out: &Path) -> Result<Bundle> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::invalid(format!(
            "Thư mục “{}” không tồn tại: hãy chọn nơi lưu tệp khác.",
            parent.display()
        )));
    }
    let facts = facts(conn, data_dir)?;
    let (temp, file) = TempFile::create(parent, "chan-doan")?;
    let temp_path = temp.path().to_path_buf();
    let zip_err = |e: zip::result::ZipError| Error::io(&temp_path, std::io::Error::other(e));
    let io_err = |e: std::io::Error| Error::io(&temp_path, e);
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let mut entries = Vec::new();

    zip.start_file(INFO_TXT, options).map_err(zip_err)?;
    zip.write_all(describe(&facts).as_bytes()).map_err(io_err)?;
    entries.push(INFO_TXT.to_string());
    let json = serde_json::to_vec_pretty(&facts)
        .map_err(|e| Error::Internal(format!("không ghi được {INFO_JSON}: {e}")))?;
    zip.start_file(INFO_JSON, options).map_err(zip_err)?;
    zip.write_all(&json).map_err(io_err)?;
    entries.push(INFO_JSON.to_string());
    for (path, _) in recent_logs(data_dir) {
        // A log being written right now is read as far as it goes.
        let Ok(content) = std::fs::read(&path) else {
            continue;
        };
        let name = format!("{LOGS_IN_ZIP}/{}", file_name(&path));
        zip.start_file(name.as_str(), options).map_err(zip_err)?;
        zip.write_all(&content).map_err(io_err)?;
        entries.push(name);
    }
    let file = zip
        .finish()
        .map_err(zip_err)?
        .into_inner()
        .map_err(|e| Error::io(&temp_path, e.into_error()))?;
    file.sync_all().map_err(io_err)?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    drop(file);
    temp.persist(out)?;
    tracing::info!(entries = entries.len(), bytes, "đã tạo tệp chẩn đoán");
    Ok(Bundle {
        path: out.to_path_buf(),
        bytes,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn holds_facts_and_recent_logs_but_not_the_data() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("xa");
        let mut store = Store::open(&dir).unwrap();
        let evidence = store.evidence_dir();
        crate::demo::load(
            &mut store.conn,
            &evidence,
            2026,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap();
        std::fs::create_dir_all(dir.join(LOGS_DIR)).unwrap();
        std::fs::write(
            dir.join(LOGS_DIR).join("app.2026-11-30.log"),
            "dòng nhật ký\n",
        )
        .unwrap();
        let out = tmp.path().join("chan doan.zip");
        let made = write(&store.conn, &dir, &out).unwrap();
        assert!(out.is_file());
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
        assert!(names.contains(&"thong-tin.txt".to_string()), "{names:?}");
        assert!(
            names.contains(&"nhat-ky/app.2026-11-30.log".to_string()),
            "{names:?}"
        );
        assert!(!names
            .iter()
            .any(|n| n.contains("sqlite") || n.starts_with("evidence")));
        assert_eq!(made.entries.len(), names.len());
        let mut info = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("thong-tin.txt").unwrap(), &mut info)
            .unwrap();
        assert!(info.contains("Xã Nông Thượng"), "{info}");
        assert!(info.contains("- Nhiệm vụ kế hoạch: 20"), "{info}");
        assert!(info.contains("Kiểm tra cơ sở dữ liệu: ok"), "{info}");
        assert!(!info.contains("demo1234"));
    }
}
