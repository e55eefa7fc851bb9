//! The appraisal dossier (hồ sơ đề nghị thẩm định Chỉ số CCHC): what the commune sends the
//! province once the chairman has approved the whole self-scoring sheet, sealed so that the
//! appraisers can tell that what they read is what he approved.
//!
//! One zip: the cover letter (Tờ trình or Công văn đề nghị thẩm định), the self-assessment
//! report with its score table, the evidence by criterion (every revision the approval rests
//! on, not only the latest), the sheet as data for reading the dossier in the program, a list
//! of the files for Excel, `manifest.json` (SHA-256 of every file, the approver, the approval
//! time, the app and format versions) and `niem-phong.json` (the seal). The manifest's own hash
//! is the dossier's code ("mã hồ sơ"), printed in short form with a QR code at the foot of the
//! cover letter and the report. Those two documents cannot be listed in the manifest whose hash
//! they print, so the seal lists them with the manifest's hash, and carries a check of itself.
//!
//! `verify` and `open` read a dossier with no data folder at all: an appraising body runs the
//! same program without the commune's data.

mod letter;
mod make;
pub mod manifest;
mod read;
mod sheet;
mod verify;

pub use letter::LetterKind;
pub use make::{make, preflight, remember, render, DossierMade, DossierRequest, Preflight};
pub use manifest::{short_code, FORMAT_VERSION};
pub use read::{extract, open, Received, ReceivedNode};
pub use verify::{verify, Verdict};

/// The names of the dossier's own files at the top of the zip.
pub const MANIFEST: &str = "manifest.json";
pub const SEAL: &str = "niem-phong.json";
pub const SHEET: &str = "diem-tu-cham.json";
pub const LIST: &str = "danh-muc-tai-lieu.xlsx";
pub const REPORT: &str = "02-bao-cao-tu-danh-gia.pdf";
pub const EVIDENCE_DIR: &str = "03-tai-lieu-kiem-chung";
