//! The demo commune's backup history, so that Cài đặt › Sao lưu has something to show: the
//! automatic backups of the last evenings onto a USB stick, one that failed because the stick
//! was full, and a backup the officer made by hand before a training course.

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};

use crate::backup::default_file_name;
use crate::backup::history::change_mark;
use crate::error::Result;

/// (days before today, time, kind, folder, ok, error).
const RECORDS: [(u64, &str, &str, &str, bool, &str); 4] = [
    (
        6,
        "09:12:40",
        "manual",
        r"D:\Sao luu truoc tap huan",
        true,
        "",
    ),
    (3, "17:30:05", "daily", r"E:\SaoLuu-CCHC", false, "full"),
    (2, "17:31:12", "exit", r"E:\SaoLuu-CCHC", true, ""),
    (1, "17:30:48", "daily", r"E:\SaoLuu-CCHC", true, ""),
];

pub(super) fn load(conn: &Connection, commune: &str, today: NaiveDate) -> Result<()> {
    // The backups hold everything loaded so far: nothing has changed since the last one.
    let mark = change_mark(conn)?;
    let files: i64 = conn.query_row(
        "SELECT count(DISTINCT sha256) FROM evidence_revision",
        [],
        |r| r.get(0),
    )?;
    for (i, (days, time, kind, folder, ok, error)) in RECORDS.into_iter().enumerate() {
        let Some(day) = today.checked_sub_days(Days::new(days)) else {
            continue;
        };
        let started = format!("{} {time}", day.format("%Y-%m-%d"));
        let at = chrono::NaiveDateTime::parse_from_str(&started, "%Y-%m-%d %H:%M:%S")
            .unwrap_or_default();
        let path = format!("{folder}\\{}", default_file_name(commune, at));
        let finished = (at + chrono::Duration::seconds(4 + i as i64))
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        let error = if error == "full" {
            crate::error::DiskFault::Full.message(std::path::Path::new(&path))
        } else {
            String::new()
        };
        let size = if ok { 41_000 + 380 * i as i64 } else { 0 };
        conn.execute(
            "INSERT INTO backup_record (kind, started_at, finished_at, path, size, ok, verified,
                evidence_files, error, change_mark, made_by)
             VALUES (?1, ?2, ?10, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9)",
            params![
                kind,
                started,
                path,
                size,
                ok,
                if ok { files } else { 0 },
                error,
                mark,
                if kind == "manual" {
                    "Nông Văn Khánh"
                } else {
                    "Ứng dụng CCHC Xã"
                },
                finished
            ],
        )?;
    }
    Ok(())
}
