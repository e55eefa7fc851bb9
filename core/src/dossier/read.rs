//! Reading a received dossier in the program, with no commune data: the verdict, the score
//! sheet with each criterion's evidence, and any file of it copied out to open with the PC's
//! own program. Nothing is written but the copy asked for.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use super::sheet::ReceivedNode;
use super::sheet::SheetData;
use super::verify::{read_entry, verify, Verdict};
use super::SHEET;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "ReceivedDossier")]
pub struct Received {
    pub verdict: Verdict,
    /// The score sheet; None when the dossier has none that can be read.
    pub sheet: Option<SheetData>,
    /// The cover letter's and the report's paths in the zip.
    pub documents: Vec<String>,
}

/// Opens the dossier at `path` read-only.
pub fn open(path: &Path) -> Result<Received> {
    let verdict = verify(path)?;
    let sheet = read_entry(path, SHEET)?.and_then(|b| serde_json::from_slice(&b).ok());
    let seal: Option<super::manifest::Seal> =
        read_entry(path, super::SEAL)?.and_then(|b| serde_json::from_slice(&b).ok());
    Ok(Received {
        verdict,
        sheet,
        documents: seal
            .map(|s| s.documents.into_iter().map(|d| d.path).collect())
            .unwrap_or_default(),
    })
}

/// Copies the file `entry` of the dossier at `path` into `dir` (its own folder under it, named
/// as in the dossier) and returns where: for opening with the PC's program.
pub fn extract(path: &Path, entry: &str, dir: &Path) -> Result<PathBuf> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|_| {
        Error::invalid(format!(
            "Tệp “{}” không đọc được như tệp .zip.",
            path.display()
        ))
    })?;
    let mut f = zip
        .by_name(entry)
        .map_err(|_| Error::NotFound(format!("Hồ sơ không có tệp “{entry}”.")))?;
    // A name from a received zip is never trusted to stay inside `dir`.
    let inside = f
        .enclosed_name()
        .ok_or_else(|| Error::invalid(format!("Tên tệp “{entry}” trong hồ sơ không hợp lệ.")))?;
    let name = inside
        .file_name()
        .ok_or_else(|| Error::invalid(format!("Tên tệp “{entry}” trong hồ sơ không hợp lệ.")))?;
    let stamp = super::manifest::sha256(entry.as_bytes());
    let target_dir = dir.join(&stamp[..12]);
    std::fs::create_dir_all(&target_dir).map_err(|e| Error::io(&target_dir, e))?;
    let target = target_dir.join(name);
    let mut out = File::create(&target).map_err(|e| Error::io(&target, e))?;
    std::io::copy(&mut f, &mut out).map_err(|e| Error::io(&target, e))?;
    Ok(target)
}
