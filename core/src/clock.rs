//! The one place that reads the wall clock, so that "now" and "today" mean the same everywhere.

use chrono::{Datelike, Local, NaiveDate};

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
