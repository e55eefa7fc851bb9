//! `cchc report plan-document` and `cchc dossier`: the plan issued with its number becoming the
//! reports' reference; the dossier refused until the sheet is approved; `cchc dossier verify`
//! run as an appraiser runs it, with no data folder at all, exit code 1 when not intact.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use super::{cchc, stderr, stdout};

#[test]
fn the_plan_document_prints_and_its_number_becomes_the_reference() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    let pdf = tmp.path().join("ke-hoach.pdf");
    let o = cchc(
        tmp.path(),
        &[
            "report",
            "plan-document",
            "--year",
            "2026",
            "--number",
            "4",
            "--date",
            "08/01/2026",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Kế hoạch số 04/KH-UBND ngày 08/01/2026"),
        "{}",
        stdout(&o)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"), "PDF 1.4 or later");
    let docx = tmp.path().join("ke-hoach.docx");
    let o = cchc(
        tmp.path(),
        &["report", "plan-document", "--out", docx.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    // A date the plan of 2026 cannot be issued on: refused, nothing written.
    let late = tmp.path().join("muon.pdf");
    let o = cchc(
        tmp.path(),
        &[
            "report",
            "plan-document",
            "--year",
            "2026",
            "--number",
            "5",
            "--date",
            "03/03/2027",
            "--out",
            late.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!late.exists());
}

/// `cchc dossier verify` from a folder with no data, the data folder named in the environment
/// not existing: it must stay that way.
fn verify(file: &Path, json: bool) -> std::process::Output {
    let nowhere = tempfile::tempdir().unwrap();
    let data = nowhere.path().join("khong-co-du-lieu");
    let mut args = vec!["dossier", "verify", file.to_str().unwrap()];
    if json {
        args.push("--json");
    }
    let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(&args)
        .current_dir(nowhere.path())
        .env("CCHC_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(!data.exists(), "verify created a data folder");
    o
}

#[test]
fn a_dossier_is_made_from_the_approved_year_and_verified_without_data() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());

    // The current year is not approved yet: refused, in Vietnamese, nothing written.
    let refused = tmp.path().join("2026.zip");
    let o = cchc(
        tmp.path(),
        &[
            "dossier",
            "--year",
            "2026",
            "--out",
            refused.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("chưa duyệt toàn bộ biểu tự chấm"),
        "{}",
        stderr(&o)
    );
    assert!(!refused.exists());

    let zip = tmp.path().join("ho-so-2025.zip");
    let o = cchc(
        tmp.path(),
        &[
            "dossier",
            "--year",
            "2025",
            "--letter",
            "cong-van",
            "--number",
            "21",
            "--out",
            zip.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let made: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let code = made["code"].as_str().unwrap().to_string();

    let o = verify(&zip, false);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("Nguyên vẹn"), "{}", stdout(&o));
    assert!(stdout(&o).contains(&code));

    // One byte of one evidence file changed, the zip re-packed: named, exit code 1.
    let mut z = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let bad = tmp.path().join("da-sua.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    let mut target = String::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if target.is_empty() && name.starts_with("03-tai-lieu-kiem-chung/") {
            let at = bytes.len() / 2;
            bytes[at] ^= 0x20;
            target = name.clone();
        }
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&bytes).unwrap();
    }
    w.finish().unwrap();
    let o = verify(&bad, false);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(&format!("bị sửa: {target}")),
        "{}",
        stdout(&o)
    );
    assert!(stderr(&o).contains("không nguyên vẹn"), "{}", stderr(&o));
    let o = verify(&bad, true);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["intact"], false);
    assert_eq!(v["changed"], serde_json::json!([target]));

    // Something that is not a dossier.
    let o = verify(&tmp.path().join("khong-co.zip"), false);
    assert_eq!(o.status.code(), Some(1));
}
