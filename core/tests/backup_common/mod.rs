//! What the backup tests share: a demo commune in a real data folder, a dump of every table to
//! compare databases by content, and a re-packer that builds `.cchcbak` files by the format's
//! description (entries, manifest, seal) to make tampered, foreign, older and newer ones.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use cchc_core::{demo, Store};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub struct Env {
    pub tmp: TempDir,
    pub data: PathBuf,
}

impl Env {
    /// The demo commune in `<tmp>/xa`.
    pub fn demo() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("xa");
        let mut store = Store::open(&data).unwrap();
        let evidence = store.evidence_dir();
        demo::load(&mut store.conn, &evidence, 2026, today()).unwrap();
        Env { tmp, data }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn store(&self) -> Store {
        Store::open(&self.data).unwrap()
    }
}

/// Every table's rows as text, sorted: two databases with the same dump hold the same data.
pub fn dump(db: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(db).unwrap();
    dump_conn(&conn)
}

pub fn dump_conn(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..n {
                    cells.push(match r.get_ref(i)? {
                        ValueRef::Null => "NULL".to_string(),
                        ValueRef::Integer(v) => v.to_string(),
                        ValueRef::Real(v) => format!("{v:?}"),
                        ValueRef::Text(v) => format!("'{}'", String::from_utf8_lossy(v)),
                        ValueRef::Blob(v) => format!("x{}", hex(v)),
                    });
                }
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.insert(t, rows);
    }
    out
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// The entries of a zip, in order, with their bytes.
pub fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.push((f.name().unwrap().into_owned(), bytes));
    }
    out
}

/// Writes `entries` as a `.cchcbak` by the format's description: a zip whose comment is
/// "CCHCBAK1 sha256=" and the SHA-256 of every byte before it.
pub fn pack(path: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let placeholder = format!("CCHCBAK1 sha256={}", "0".repeat(64));
    zip.set_comment(placeholder.clone()).unwrap();
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    let n = bytes.len();
    assert!(bytes.ends_with(placeholder.as_bytes()));
    let seal = sha256(&bytes[..n - 80]);
    bytes[n - 64..].copy_from_slice(seal.as_bytes());
    fs::write(path, bytes).unwrap();
}

/// Re-packs the backup `from` into `to` after `edit` changes its manifest (as JSON) and
/// entries; the manifest's hashes and sizes are brought in line with the entries' bytes, as a
/// well-formed backup has them.
pub fn repack(
    from: &Path,
    to: &Path,
    edit: impl FnOnce(&mut serde_json::Value, &mut Vec<(String, Vec<u8>)>),
) {
    let mut all = entries(from);
    let pos = all.iter().position(|(n, _)| n == "manifest.json").unwrap();
    let (_, manifest_bytes) = all.remove(pos);
    let mut manifest: serde_json::Value = serde_json::from_slice(&manifest_bytes).unwrap();
    edit(&mut manifest, &mut all);
    if let Some(list) = manifest["entries"].as_array_mut() {
        for e in list.iter_mut() {
            let name = e["path"].as_str().unwrap().to_string();
            if let Some((_, bytes)) = all.iter().find(|(n, _)| *n == name) {
                e["size"] = serde_json::json!(bytes.len());
                e["sha256"] = serde_json::json!(sha256(bytes));
            }
        }
    }
    all.push((
        "manifest.json".into(),
        serde_json::to_vec_pretty(&manifest).unwrap(),
    ));
    pack(to, &all);
}
