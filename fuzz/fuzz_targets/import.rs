//! Any text as a sheet (lines are rows, tabs or "|" separate cells; a cell that reads as a
//! number is written as one), saved as a real .xlsx and imported by every importer as a dry
//! run into a fresh commune, then written back as an annotated copy: never a crash.
#![no_main]

use cchc_core::commune::CommuneInput;
use cchc_core::import::{self, Kind};
use cchc_core::people::Actor;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, line) in text.lines().take(200).enumerate() {
        for (c, cell) in line.split(['\t', '|']).take(40).enumerate() {
            let (r, c) = (r as u32, c as u16);
            let _ = match cell.trim().parse::<f64>() {
                Ok(n) if n.is_finite() => ws.write_number(r, c, n).map(|_| ()),
                _ if cell.is_empty() => Ok(()),
                _ => ws.write_string(r, c, cell).map(|_| ()),
            };
        }
    }
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("f.xlsx");
    if wb.save(&path).is_err() {
        return;
    }
    let Ok(mut conn) = cchc_core::db::open_in_memory() else {
        return;
    };
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    if cchc_core::setup::initialise(&mut conn, &input, None).is_err() {
        return;
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    for kind in [
        Kind::Tasks,
        Kind::Criteria,
        Kind::Sessions,
        Kind::Tthc,
        Kind::Officers,
    ] {
        let req = import::Request {
            kind,
            path: &path,
            year: 2026,
            today,
            dry_run: true,
            period: NaiveDate::from_ymd_opt(2026, 1, 1).zip(NaiveDate::from_ymd_opt(2026, 3, 31)),
        };
        if let Ok(outcome) = import::run(&mut conn, &Actor::command_line(), &req, &mut |_, _| {}) {
            let _ = import::annotate(&path, &outcome, &dir.path().join("copy.xlsx"));
        }
    }
});
