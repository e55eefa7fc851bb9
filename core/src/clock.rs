//! The one place that reads the wall clock, so that "now" and "today" mean the same everywhere.

use chrono::{Datelike, Local, NaiveDate, Timelike};

/// The local time as stored in the database: `YYYY-MM-DD HH:MM:SS`.
pub fn now_text() -> String {
    Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

pub fn this_year() -> i32 {
    today().year()
}

/// Now as a PDF date with the local offset: `D:20261130101542+07'00'`.
pub fn pdf_now() -> String {
    let now = Local::now();
    let offset = now.format("%:z").to_string().replacen(':', "'", 1);
    format!("{}{offset}'", now.format("D:%Y%m%d%H%M%S"))
}

/// Now as a zip entry's date (what an unzip program shows), for every archive the app writes:
/// backups, evidence packs, appraisal dossiers. A zip cannot date before 1980; then it says 1980.
pub fn zip_now() -> zip::DateTime {
    let now = Local::now();
    (|| {
        zip::DateTime::from_date_and_time(
            u16::try_from(now.year()).ok()?,
            u8::try_from(now.month()).ok()?,
            u8::try_from(now.day()).ok()?,
            u8::try_from(now.hour()).ok()?,
            u8::try_from(now.minute()).ok()?,
            u8::try_from(now.second()).ok()?,
        )
        .ok()
    })()
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_entries_are_dated_today_not_1980() {
        let before = today();
        let z = zip_now();
        let after = today();
        let dated = NaiveDate::from_ymd_opt(i32::from(z.year()), z.month().into(), z.day().into());
        assert!(dated == Some(before) || dated == Some(after), "{z:?}");
    }
}
