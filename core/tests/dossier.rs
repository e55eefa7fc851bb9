//! The sealed appraisal dossier: the demo's previous year (approved and appraised) makes one out
//! of the box and it verifies; one changed byte in any of its files, a file taken out or one
//! slipped in, is named by the check; an unapproved sheet makes nothing at all; the received
//! dossier reads back (sheet, evidence by criterion, each file copied out) with no data folder.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use cchc_core::dossier::{self, DossierRequest, LetterKind};
use cchc_core::people::{Actor, Role};
use cchc_core::scoring::workflow;
use cchc_core::{db, demo};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

struct Commune {
    conn: Connection,
    dir: TempDir,
}

impl Commune {
    fn evidence(&self) -> PathBuf {
        self.dir.path().join("evidence")
    }
}

fn demo_commune() -> Commune {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open_in_memory().unwrap();
    let evidence = dir.path().join("evidence");
    std::fs::create_dir(&evidence).unwrap();
    demo::load(&mut conn, &evidence, 2026, today()).unwrap();
    Commune { conn, dir }
}

fn request(c: &Commune, year: i32, letter: LetterKind) -> DossierRequest {
    let pre = dossier::preflight(&c.conn, year, today()).unwrap();
    let settings = match letter {
        LetterKind::ToTrinh => pre.to_trinh,
        LetterKind::CongVan => pre.cong_van,
    };
    DossierRequest {
        year,
        letter,
        date: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
        settings,
    }
}

fn make(c: &Commune, year: i32, letter: LetterKind, out: &Path) -> dossier::DossierMade {
    dossier::make(
        &c.conn,
        &c.evidence(),
        &request(c, year, letter),
        today(),
        out,
        &mut |_| {},
    )
    .unwrap()
}

/// Every file of a zip by name.
fn entries(zip: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        out.insert(e.name().unwrap().to_string(), bytes);
    }
    out
}

/// A zip holding `files`, as someone re-packing a dossier after editing it would make.
fn repack(files: &BTreeMap<String, Vec<u8>>, out: &Path) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        z.start_file(name.as_str(), opts).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn pdftotext(bytes: &[u8], dir: &Path) -> Option<String> {
    let here = Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(here || cfg!(windows), "pdftotext (poppler-utils) is needed");
    if !here {
        return None;
    }
    let pdf = dir.join("doc.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn the_demos_previous_year_makes_a_dossier_that_verifies() {
    let c = demo_commune();
    let pre = dossier::preflight(&c.conn, 2025, today()).unwrap();
    assert!(pre.ready, "{:?}", pre.problems);
    assert_eq!(pre.appraising_body, "Sở Nội vụ tỉnh Thái Nguyên");
    assert!(!pre.approved_by.is_empty());
    let out = c.dir.path().join(&pre.file_name);
    let made = make(&c, 2025, LetterKind::ToTrinh, &out);
    assert!(made.evidence_files >= 10, "{made:?}");
    assert!(made.criteria >= 10, "{made:?}");

    let v = dossier::verify(&out).unwrap();
    assert!(v.intact, "{}", v.message);
    assert!(v.message.contains("nguyên vẹn"), "{}", v.message);
    assert_eq!(v.code, made.code);
    assert_eq!(v.matching, made.files);
    assert_eq!(v.year, Some(2025));
    assert_eq!(v.appraising_body, "Sở Nội vụ tỉnh Thái Nguyên");

    let files = entries(&out);
    assert_eq!(files.len(), made.files);
    // The manifest: every file but itself, the seal and the two documents printing its code,
    // with its SHA-256; who approved, when, the program and the format.
    let m: serde_json::Value = serde_json::from_slice(&files[dossier::MANIFEST]).unwrap();
    assert_eq!(m["format_version"], dossier::FORMAT_VERSION);
    assert_eq!(m["app_version"], env!("CARGO_PKG_VERSION"));
    assert!(!m["approved_by"].as_str().unwrap().is_empty());
    assert!(m["approved_at"].as_str().unwrap().starts_with("2025-"));
    let listed = m["files"].as_array().unwrap();
    assert_eq!(listed.len(), files.len() - 4);
    for f in listed {
        let path = f["path"].as_str().unwrap();
        let bytes = &files[path];
        assert_eq!(f["sha256"].as_str().unwrap(), sha256(bytes), "{path}");
    }
    // Every revision cited, not only the latest: the demo's report replaced after review.
    let evidence: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with(dossier::EVIDENCE_DIR))
        .collect();
    assert_eq!(evidence.len(), made.evidence_files);
    assert!(
        evidence.iter().any(|k| k.ends_with("(bản 1).pdf")),
        "{evidence:?}"
    );
    assert!(
        evidence.iter().any(|k| k.ends_with("(bản 2).pdf")),
        "{evidence:?}"
    );

    // The two documents: sealed, never a draft, the code at their feet.
    let letter = &files["01-to-trinh-de-nghi-tham-dinh.pdf"];
    let report = &files[dossier::REPORT];
    for doc in [letter, report] {
        let version: f32 = std::str::from_utf8(&doc[5..8]).unwrap().parse().unwrap();
        assert!(version >= 1.4);
        if let Some(text) = pdftotext(doc, c.dir.path()) {
            assert!(!text.contains("DỰ THẢO"), "{text}");
            assert!(text.contains(&made.code), "{text}");
        }
    }
    if let Some(text) = pdftotext(letter, c.dir.path()) {
        for phrase in [
            "TỜ TRÌNH",
            "Kính gửi: Sở Nội vụ tỉnh Thái Nguyên",
            "Đề nghị thẩm định kết quả tự đánh giá",
            "TM. ỦY BAN NHÂN DÂN",
        ] {
            assert!(text.contains(phrase), "{phrase:?} missing: {text}");
        }
    }
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn one_changed_byte_in_any_file_fails_and_names_that_file() {
    let c = demo_commune();
    let out = c.dir.path().join("ho-so.zip");
    make(&c, 2025, LetterKind::ToTrinh, &out);
    let files = entries(&out);
    let bad = c.dir.path().join("sua.zip");
    for name in files.keys() {
        let mut changed = files.clone();
        let bytes = changed.get_mut(name).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0x01;
        repack(&changed, &bad);
        let v = dossier::verify(&bad).unwrap();
        assert!(!v.intact, "{name}: {}", v.message);
        assert!(v.changed.contains(name), "{name}: {v:?}");
        assert!(v.message.contains(name.as_str()), "{}", v.message);
        assert!(v.missing.is_empty() && v.added.is_empty(), "{v:?}");
    }
    // The same files re-packed unchanged are intact: what counts is each file, not the zip.
    repack(&files, &bad);
    assert!(dossier::verify(&bad).unwrap().intact);

    // A file taken out, and one slipped in.
    let evidence = files
        .keys()
        .find(|k| k.starts_with(dossier::EVIDENCE_DIR))
        .unwrap()
        .clone();
    let mut fewer = files.clone();
    fewer.remove(&evidence);
    fewer.insert(
        "03-tai-lieu-kiem-chung/I/bo-sung.pdf".into(),
        b"%PDF-1.4".to_vec(),
    );
    repack(&fewer, &bad);
    let v = dossier::verify(&bad).unwrap();
    assert!(!v.intact);
    assert_eq!(v.missing, std::slice::from_ref(&evidence));
    assert_eq!(v.added, ["03-tai-lieu-kiem-chung/I/bo-sung.pdf"]);
    assert!(v.message.contains(&evidence), "{}", v.message);

    // A forger who edits a file and writes its new hash into the manifest: the manifest no
    // longer has the hash the seal and the printed code carry.
    let mut forged = files.clone();
    forged.get_mut(&evidence).unwrap().push(b' ');
    let new_hash = sha256(&forged[&evidence]);
    let mut m: serde_json::Value = serde_json::from_slice(&files[dossier::MANIFEST]).unwrap();
    for f in m["files"].as_array_mut().unwrap() {
        if f["path"] == evidence.as_str() {
            f["sha256"] = new_hash.clone().into();
        }
    }
    forged.insert(
        dossier::MANIFEST.into(),
        serde_json::to_vec_pretty(&m).unwrap(),
    );
    repack(&forged, &bad);
    let v = dossier::verify(&bad).unwrap();
    assert!(!v.intact);
    assert_eq!(v.changed, [dossier::MANIFEST]);

    // One byte flipped inside the zip itself (a damaged copy): its entry cannot be read back.
    let mut raw = std::fs::read(&out).unwrap();
    let name = evidence.as_bytes();
    let header = raw.windows(name.len()).position(|w| w == name).unwrap();
    raw[header + name.len() + 40] ^= 0xFF;
    std::fs::write(&bad, &raw).unwrap();
    let v = dossier::verify(&bad).unwrap();
    assert!(!v.intact, "{}", v.message);
    assert!(v.changed.contains(&evidence), "{v:?}");

    // Not a dossier at all: said so, no verdict invented.
    std::fs::write(&bad, b"not a zip").unwrap();
    assert!(dossier::verify(&bad).is_err());
}

#[test]
fn an_unapproved_sheet_makes_no_dossier_and_writes_nothing() {
    let mut c = demo_commune();
    let out = c.dir.path().join("ho-so-2026.zip");
    // The current year is still being scored.
    let pre = dossier::preflight(&c.conn, 2026, today()).unwrap();
    assert!(!pre.ready);
    let req = request(&c, 2026, LetterKind::ToTrinh);
    let err = dossier::make(&c.conn, &c.evidence(), &req, today(), &out, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("chưa duyệt toàn bộ biểu tự chấm"), "{err}");
    assert!(err.contains("chưa ghi tệp nào"), "{err}");
    assert!(!out.exists());

    // One criterion of the approved year reopened by the chairman: refused too, naming it.
    let chairman = Actor {
        account_id: None,
        name: "Trần Văn Hùng".into(),
        role: Role::Chairman,
        client: String::new(),
    };
    let id: i64 = c
        .conn
        .query_row(
            "SELECT c.id FROM criterion c WHERE c.year = 2025 AND c.code = '1'
             AND c.parent_id IS NOT NULL AND NOT EXISTS
             (SELECT 1 FROM criterion k WHERE k.parent_id = c.id) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    workflow::reopen(&mut c.conn, &chairman, id, "Chấm lại theo hướng dẫn mới").unwrap();
    let req = request(&c, 2025, LetterKind::CongVan);
    let out = c.dir.path().join("ho-so-2025.zip");
    let err = dossier::make(&c.conn, &c.evidence(), &req, today(), &out, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("còn 1 tiêu chí chưa duyệt"), "{err}");
    assert!(!out.exists());
    let left: Vec<_> = std::fs::read_dir(c.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["evidence"], "nothing else written beside it");
}

#[test]
fn a_received_dossier_reads_back_with_no_data_folder() {
    let c = demo_commune();
    let out = c.dir.path().join("cong-van.zip");
    let made = make(&c, 2025, LetterKind::CongVan, &out);
    drop(c.conn);
    let received = dossier::open(&out).unwrap();
    assert!(received.verdict.intact);
    assert_eq!(
        received.documents,
        ["01-cong-van-de-nghi-tham-dinh.pdf", dossier::REPORT]
    );
    let sheet = received.sheet.unwrap();
    assert_eq!(sheet.year, 2025);
    // Every piece of evidence the sheet points at is a file of the dossier, copied out intact.
    let files = entries(&out);
    let mut cited = Vec::new();
    fn walk(n: &[dossier::ReceivedNode], out: &mut Vec<String>) {
        for n in n {
            out.extend(n.evidence.iter().map(|e| e.path.clone()));
            walk(&n.children, out);
        }
    }
    walk(&sheet.nodes, &mut cited);
    assert_eq!(cited.len(), made.evidence_files);
    let copies = c.dir.path().join("mo");
    for path in &cited {
        let copy = dossier::extract(&out, path, &copies).unwrap();
        assert!(copy.starts_with(&copies));
        assert_eq!(std::fs::read(&copy).unwrap(), files[path], "{path}");
    }
    // A name that is not in the dossier (or climbs out of the folder) is refused.
    assert!(dossier::extract(&out, "../../etc/passwd", &copies).is_err());
}
