//! Any bytes, as an .xlsx, .xls, .ods or .xlsb file (the first byte chooses), through the
//! workbook reader: a result or a Vietnamese error, never a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "xls", "ods", "xlsb"][usize::from(*first) % 4];
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("f.{ext}"));
    if std::fs::write(&path, rest).is_ok() {
        let _ = cchc_core::import::workbook::read(&path);
    }
});
