//! Checking a received dossier with nothing but the zip: every file against the manifest, the
//! manifest and the two printed documents against the seal, the seal against itself, and no
//! file that neither lists. "Nguyên vẹn", or every file changed, missing or added by name.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::manifest::{self, Manifest, Seal};
use super::{MANIFEST, REPORT, SEAL};
use crate::error::{Error, Result};

/// The documents a dossier may seal (the cover letter of either kind and the report).
const DOCUMENTS: [&str; 3] = [
    "01-to-trinh-de-nghi-tham-dinh.pdf",
    "01-cong-van-de-nghi-tham-dinh.pdf",
    REPORT,
];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "DossierVerdict")]
pub struct Verdict {
    pub intact: bool,
    /// The manifest's SHA-256 as found in the zip, and its short form to compare with the
    /// printed one ("3F2A 9C1B 7D04 E5A2"); empty when there is no manifest.
    pub sha256: String,
    pub code: String,
    pub changed: Vec<String>,
    pub missing: Vec<String>,
    pub added: Vec<String>,
    /// Files checked and found as listed.
    pub matching: usize,
    pub commune: String,
    pub year: Option<i32>,
    pub approved_by: String,
    pub approved_at: String,
    pub appraising_body: String,
    /// The verdict in a sentence (or a few).
    pub message: String,
}

/// Each file in the zip: its SHA-256, or None when it cannot be read back (a damaged entry).
fn hashes(path: &Path) -> Result<BTreeMap<String, Option<String>>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|_| not_a_dossier(path))?;
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(_) => continue,
        };
        if entry.is_dir() {
            continue;
        }
        let Ok(name) = entry.name().map(|n| n.to_string()) else {
            continue;
        };
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let ok = loop {
            match entry.read(&mut buf) {
                Ok(0) => break true,
                Ok(n) => hasher.update(&buf[..n]),
                Err(_) => break false,
            }
        };
        out.insert(name, ok.then(|| manifest::hex(&hasher.finalize())));
    }
    Ok(out)
}

fn not_a_dossier(path: &Path) -> Error {
    Error::invalid(format!(
        "Tệp “{}” không phải hồ sơ đề nghị thẩm định (không đọc được như tệp .zip).",
        path.display()
    ))
}

/// Reads one small file of the dossier.
pub(super) fn read_entry(path: &Path, name: &str) -> Result<Option<Vec<u8>>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|_| not_a_dossier(path))?;
    let Ok(mut entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    Ok(entry.read_to_end(&mut bytes).ok().map(|_| bytes))
}

#[derive(Default)]
struct Tally {
    changed: BTreeSet<String>,
    missing: BTreeSet<String>,
    matching: usize,
}

impl Tally {
    fn check(&mut self, found: &BTreeMap<String, Option<String>>, name: &str, want: &str) {
        match found.get(name) {
            None => {
                self.missing.insert(name.to_string());
            }
            Some(Some(h)) if h == want => self.matching += 1,
            Some(_) => {
                self.changed.insert(name.to_string());
            }
        }
    }
}

/// Checks the dossier at `path`.
pub fn verify(path: &Path) -> Result<Verdict> {
    let found = hashes(path)?;
    let mut t = Tally::default();
    let mut listed: BTreeSet<String> = [MANIFEST.to_string(), SEAL.to_string()].into();

    // A seal that fails its own check is named as changed, but its list still says which
    // files are the sealed documents (so they are not reported as added on top).
    let seal: Option<Seal> = match read_entry(path, SEAL)? {
        None => None,
        Some(bytes) => match serde_json::from_slice::<Seal>(&bytes) {
            Ok(s) => {
                if s.check != s.expected_check() {
                    t.changed.insert(SEAL.to_string());
                }
                Some(s)
            }
            Err(_) => {
                t.changed.insert(SEAL.to_string());
                // Unreadable: the documents' names are still the program's own.
                listed.extend(DOCUMENTS.iter().map(|d| d.to_string()));
                None
            }
        },
    };
    let manifest_bytes = read_entry(path, MANIFEST)?;
    let sha = manifest_bytes
        .as_deref()
        .map(manifest::sha256)
        .unwrap_or_default();
    let manifest: Option<Manifest> = manifest_bytes
        .as_deref()
        .and_then(|b| serde_json::from_slice(b).ok());
    if manifest_bytes.is_some() && manifest.is_none() {
        t.changed.insert(MANIFEST.to_string());
    }
    if let Some(m) = &manifest {
        if m.format_version > manifest::FORMAT_VERSION {
            return Err(Error::invalid(format!(
                "Hồ sơ được lập bằng phiên bản mới hơn của phần mềm (định dạng {}, phần mềm này đọc được đến {}): hãy cập nhật CCHC Xã rồi kiểm tra lại.",
                m.format_version,
                manifest::FORMAT_VERSION
            )));
        }
    }
    if let Some(s) = &seal {
        if manifest_bytes.is_some() && s.manifest_sha256 != sha {
            t.changed.insert(MANIFEST.to_string());
        }
        for d in &s.documents {
            listed.insert(d.path.clone());
            t.check(&found, &d.path, &d.sha256);
        }
    }
    if found.contains_key(MANIFEST) {
        t.matching += usize::from(!t.changed.contains(MANIFEST));
    } else {
        t.missing.insert(MANIFEST.to_string());
    }
    if found.contains_key(SEAL) {
        t.matching += usize::from(!t.changed.contains(SEAL));
    } else {
        t.missing.insert(SEAL.to_string());
    }
    if manifest.is_none() && seal.is_none() && !found.contains_key(MANIFEST) {
        return Err(Error::invalid(format!(
            "Tệp “{}” không phải hồ sơ đề nghị thẩm định của CCHC Xã: không có {MANIFEST} và {SEAL}.",
            path.display()
        )));
    }
    if let Some(m) = &manifest {
        for f in &m.files {
            listed.insert(f.path.clone());
            t.check(&found, &f.path, &f.sha256);
        }
    }
    let added: Vec<String> = found
        .keys()
        .filter(|k| !listed.contains(*k))
        .cloned()
        .collect();
    let matching = t.matching;
    let changed: Vec<String> = t.changed.into_iter().collect();
    let missing: Vec<String> = t.missing.into_iter().collect();
    let intact = changed.is_empty() && missing.is_empty() && added.is_empty();
    let code = if sha.is_empty() {
        String::new()
    } else {
        manifest::short_code(&sha)
    };
    let message = if intact {
        format!(
            "Hồ sơ nguyên vẹn: {matching} tệp khớp mã kiểm tra. Mã hồ sơ {code} phải trùng với mã in ở chân Tờ trình và Báo cáo."
        )
    } else {
        let mut parts = Vec::new();
        if !changed.is_empty() {
            parts.push(format!(
                "{} tệp bị sửa: {}",
                changed.len(),
                changed.join("; ")
            ));
        }
        if !missing.is_empty() {
            parts.push(format!(
                "{} tệp bị thiếu: {}",
                missing.len(),
                missing.join("; ")
            ));
        }
        if !added.is_empty() {
            parts.push(format!(
                "{} tệp được thêm: {}",
                added.len(),
                added.join("; ")
            ));
        }
        format!(
            "Hồ sơ KHÔNG nguyên vẹn – khác với hồ sơ Chủ tịch UBND xã đã duyệt. {}.",
            parts.join(". ")
        )
    };
    let m = manifest.as_ref();
    Ok(Verdict {
        intact,
        sha256: sha,
        code,
        changed,
        missing,
        added,
        matching,
        commune: m.map(|m| m.commune.clone()).unwrap_or_default(),
        year: m.map(|m| m.year),
        approved_by: m.map(|m| m.approved_by.clone()).unwrap_or_default(),
        approved_at: m.map(|m| m.approved_at.clone()).unwrap_or_default(),
        appraising_body: m.map(|m| m.appraising_body.clone()).unwrap_or_default(),
        message,
    })
}
