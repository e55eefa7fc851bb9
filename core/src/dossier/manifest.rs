//! What a dossier says about itself: the manifest (every file with its SHA-256, who approved
//! the sheet and when, the versions) and the seal (the manifest's hash, the two documents that
//! print it, and a check of the seal itself). The JSON written here is what `verify` reads.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The dossier format; a program reading a newer one says so instead of guessing.
pub const FORMAT_VERSION: u32 = 1;
pub const FORMAT: &str = "cchc-ho-so-de-nghi-tham-dinh";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub created_at: String,
    /// "Xã Nông Thượng".
    pub commune: String,
    pub province: String,
    pub year: i32,
    /// "Sở Nội vụ tỉnh Thái Nguyên": the body asked to appraise.
    pub appraising_body: String,
    /// Who approved the sheet ("Hoàng Văn Bình") and when the last criterion was approved.
    pub approved_by: String,
    pub approved_at: String,
    /// "87,5" of "100".
    pub self_total: String,
    pub max_total: String,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// The path inside the zip, "/" separated.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    /// "evidence", "sheet" or "list".
    pub role: String,
    /// For evidence: the criterion's full code, the document and the revision.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criterion: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub citation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    /// The revision that was current when the criterion was approved.
    #[serde(default)]
    pub approved_revision: bool,
}

/// The seal: the manifest's hash and the documents that print it, with a check of itself so
/// that a change to the seal is named as such.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seal {
    pub format_version: u32,
    pub manifest_sha256: String,
    pub documents: Vec<SealedDocument>,
    /// SHA-256 of the fields above as `seal_body` writes them.
    pub check: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedDocument {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

impl Seal {
    pub fn new(manifest_sha256: String, documents: Vec<SealedDocument>) -> Seal {
        let mut seal = Seal {
            format_version: FORMAT_VERSION,
            manifest_sha256,
            documents,
            check: String::new(),
        };
        seal.check = seal.expected_check();
        seal
    }

    /// The check the seal's own fields call for.
    pub fn expected_check(&self) -> String {
        let mut body = format!("{}\n{}\n", self.format_version, self.manifest_sha256);
        for d in &self.documents {
            body.push_str(&format!("{}\t{}\t{}\n", d.path, d.sha256, d.size));
        }
        hex(&Sha256::digest(body.as_bytes()))
    }
}

pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The dossier's code as people read and compare it: the first 16 hex digits of the
/// manifest's hash, upper case, in groups of four ("3F2A 9C1B 7D04 E5A2").
pub fn short_code(sha256: &str) -> String {
    let head: Vec<char> = sha256.chars().take(16).collect();
    head.chunks(4)
        .map(|c| c.iter().collect::<String>().to_uppercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_short_code_is_four_groups_of_four() {
        let h = sha256(b"manifest");
        let code = short_code(&h);
        assert_eq!(code.len(), 19);
        assert_eq!(code.replace(' ', "").to_lowercase(), h[..16]);
    }

    #[test]
    fn a_seal_checks_itself() {
        let seal = Seal::new(
            sha256(b"m"),
            vec![SealedDocument {
                path: "01-to-trinh.pdf".into(),
                sha256: sha256(b"p"),
                size: 1,
            }],
        );
        assert_eq!(seal.check, seal.expected_check());
        let mut changed = seal.clone();
        changed.documents[0].size = 2;
        assert_ne!(changed.check, changed.expected_check());
    }
}
