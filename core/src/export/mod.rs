//! Excel workbooks the office hands on or fills in: blank import templates (criteria set, plan
//! tasks, dissemination sessions, one-stop statistics, officers) whose headers are the names
//! the imports read first, and exports of the year's plan, sessions, self-scoring sheet and
//! one-stop figures read through the same core functions the screens use.
//!
//! Every workbook has Vietnamese headers, a bold frozen header row with a filter, real dates
//! (dd/mm/yyyy) and numbers (1.296; 99,9%) rather than text, and wraps long text. Text is
//! always written as text: a value such as "=SUM(A1)" stays those characters and never runs
//! as a formula (see `book::text`). A workbook is built in memory and written to a temporary
//! file beside the target, then renamed, so a failed export leaves no half file.

pub(crate) mod book;
mod criteria;
mod plan;
mod scores;
mod sessions;
mod templates;
mod tthc;

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use criteria::export_criteria;
pub use plan::export_plan;
pub use scores::export_scores;
pub use sessions::export_sessions;
pub use tthc::export_tthc;

/// The kinds of import template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Criteria,
    Tasks,
    Sessions,
    Tthc,
    Officers,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 5] = [
        TemplateKind::Criteria,
        TemplateKind::Tasks,
        TemplateKind::Sessions,
        TemplateKind::Tthc,
        TemplateKind::Officers,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TemplateKind::Criteria => "criteria",
            TemplateKind::Tasks => "tasks",
            TemplateKind::Sessions => "sessions",
            TemplateKind::Tthc => "tthc",
            TemplateKind::Officers => "officers",
        }
    }

    pub fn from_code(code: &str) -> Result<TemplateKind> {
        TemplateKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or_else(|| {
                Error::invalid(format!(
                    "Không có mẫu “{}”: chọn criteria (bộ tiêu chí), tasks (nhiệm vụ kế hoạch), sessions (buổi tuyên truyền), tthc (thống kê thủ tục hành chính) hoặc officers (cán bộ, công chức).",
                    code.trim()
                ))
            })
    }

    pub fn label(self) -> &'static str {
        match self {
            TemplateKind::Criteria => "bộ tiêu chí Chỉ số CCHC",
            TemplateKind::Tasks => "nhiệm vụ kế hoạch CCHC",
            TemplateKind::Sessions => "buổi tuyên truyền, phổ biến pháp luật",
            TemplateKind::Tthc => "thống kê giải quyết thủ tục hành chính",
            TemplateKind::Officers => "danh sách cán bộ, công chức",
        }
    }

    /// A file name to offer in the save dialog: "mau-nhiem-vu-ke-hoach.xlsx".
    pub fn file_name(self) -> &'static str {
        match self {
            TemplateKind::Criteria => "mau-bo-tieu-chi.xlsx",
            TemplateKind::Tasks => "mau-nhiem-vu-ke-hoach.xlsx",
            TemplateKind::Sessions => "mau-buoi-tuyen-truyen.xlsx",
            TemplateKind::Tthc => "mau-thong-ke-tthc.xlsx",
            TemplateKind::Officers => "mau-can-bo-cong-chuc.xlsx",
        }
    }
}

/// The usual eight reform areas, for a template made without a database.
const DEFAULT_AREAS: [&str; 8] = [
    "Công tác chỉ đạo, điều hành CCHC",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính",
    "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức",
    "Cải cách tài chính công",
    "Xây dựng chính quyền điện tử, chính quyền số",
    "Tác động của CCHC (khảo sát mức độ hài lòng)",
];

/// Writes a blank import template of `kind` to `out` (an .xlsx path in an existing folder):
/// a title, the headers, drop-down lists for fixed values (the usual eight reform areas) and
/// one example row dated this year.
pub fn template(kind: TemplateKind, out: &Path) -> Result<()> {
    let areas: Vec<String> = DEFAULT_AREAS.iter().map(|a| a.to_string()).collect();
    templates::write(kind, crate::clock::this_year(), &areas, out)
}

/// Like `template`, with the commune's own (shown) reform areas and the example in `year`.
pub fn template_for(conn: &Connection, kind: TemplateKind, year: i32, out: &Path) -> Result<()> {
    let mut areas: Vec<String> = crate::plan::areas::list(conn)?
        .into_iter()
        .filter(|a| a.active)
        .map(|a| a.name)
        .collect();
    if areas.is_empty() {
        areas = DEFAULT_AREAS.iter().map(|a| a.to_string()).collect();
    }
    templates::write(kind, year, &areas, out)
}

/// "Xã Nông Thượng" → "UBND xã Nông Thượng", for the line under a title.
fn issuer(conn: &Connection) -> Result<String> {
    let commune = crate::commune::require(conn)?;
    Ok(format!("UBND xã {}", commune.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_kinds_round_trip_their_codes() {
        for k in TemplateKind::ALL {
            assert_eq!(TemplateKind::from_code(k.code()).unwrap(), k);
            assert!(k.file_name().ends_with(".xlsx"));
        }
        let e = TemplateKind::from_code("abc").unwrap_err();
        assert_eq!(e.kind(), "invalid");
        assert!(e.to_string().contains("Không có mẫu “abc”"));
    }
}

/// What `export_table` wrote: how many rows, and what a row is ("nhiệm vụ", "buổi tuyên truyền"…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exported {
    pub rows: usize,
    pub what: &'static str,
}

/// Exports one of the main tables by name — "plan", "sessions" (of `period`, a code as
/// `period::resolve` takes), "scores", "tthc", "criteria" — for the screens and the CLI alike.
pub fn export_table(
    conn: &Connection,
    table: &str,
    year: i32,
    period: &str,
    today: chrono::NaiveDate,
    out: &Path,
) -> Result<Exported> {
    crate::commune::require_year(conn, year)?;
    let (rows, what) = match table {
        "plan" => (export_plan(conn, year, today, out)?, "nhiệm vụ"),
        "sessions" => {
            let p = crate::period::resolve(period, year)?;
            (export_sessions(conn, &p, out)?, "buổi tuyên truyền")
        }
        "scores" => (export_scores(conn, year, today, out)?, "dòng tiêu chí"),
        "tthc" => (export_tthc(conn, year, out)?, "kỳ số liệu"),
        "criteria" => (export_criteria(conn, year, out)?, "lĩnh vực, tiêu chí"),
        other => {
            return Err(Error::invalid(format!(
                "Không có bảng “{other}”: chọn plan (kế hoạch), sessions (tuyên truyền), scores (chấm điểm), tthc (một cửa) hoặc criteria (bộ tiêu chí)."
            )))
        }
    };
    Ok(Exported { rows, what })
}
