//! Importing the workbooks officers receive and keep: the province's criteria set, plan tasks,
//! officers, dissemination sessions and the one-stop system's statistics. The file is read as
//! it is (see `workbook` and `header`); each row becomes the input of the same core use-case
//! the screens call, inside one transaction, so every rule applies and every problem names its
//! sheet, row and column. A dry run, or any error, rolls everything back: nothing is written
//! unless the whole import succeeds.
//! Re-importing the same file changes nothing; an edited file updates the rows it matches.

mod criteria;
pub mod header;
mod officers;
mod sessions;
mod tasks;
mod tthc;
pub mod values;
pub mod workbook;

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::Actor;
use workbook::Sheet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Criteria,
    Tasks,
    Officers,
    Sessions,
    Tthc,
}

impl Kind {
    pub fn from_code(s: &str) -> Result<Kind> {
        match s {
            "criteria" => Ok(Kind::Criteria),
            "tasks" => Ok(Kind::Tasks),
            "officers" => Ok(Kind::Officers),
            "sessions" => Ok(Kind::Sessions),
            "tthc" => Ok(Kind::Tthc),
            other => Err(Error::invalid(format!(
                "Không nhập được loại “{other}”: chọn criteria (bộ tiêu chí), tasks (nhiệm vụ kế hoạch), officers (cán bộ, công chức), sessions (buổi tuyên truyền) hoặc tthc (số liệu một cửa)."
            ))),
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Kind::Criteria => "bộ tiêu chí Chỉ số CCHC",
            Kind::Tasks => "nhiệm vụ kế hoạch CCHC",
            Kind::Officers => "danh sách cán bộ, công chức",
            Kind::Sessions => "buổi tuyên truyền",
            Kind::Tthc => "số liệu một cửa",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the import.
    Error,
    /// Imported, but worth a look.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub sheet: String,
    /// As Excel numbers rows (1-based).
    pub row: usize,
    /// "C", or empty when the whole row is concerned.
    pub column: String,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Skip,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowPlan {
    pub row: usize,
    pub action: Action,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub kind: Kind,
    pub sheet: String,
    pub header_row: usize,
    pub dry_run: bool,
    /// Whether the changes were written (false on a dry run or when there are errors).
    pub applied: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub problems: Vec<Problem>,
    pub rows: Vec<RowPlan>,
}

impl Outcome {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// What a kind's importer works with.
pub(crate) struct Ctx<'a> {
    pub conn: &'a Connection,
    pub actor: &'a Actor,
    pub year: i32,
    pub today: NaiveDate,
    pub sheet: &'a Sheet,
    pub layout: &'a header::Layout,
    /// The period given with the request (one-stop statistics), when the file does not say.
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub problems: Vec<Problem>,
    pub rows: Vec<RowPlan>,
}

impl Ctx<'_> {
    pub fn problem(
        &mut self,
        row: usize,
        key: Option<&str>,
        severity: Severity,
        message: impl Into<String>,
    ) {
        let column = key
            .and_then(|k| self.layout.columns.get(k))
            .map(|c| workbook::column_letter(*c))
            .unwrap_or_default();
        self.problems.push(Problem {
            sheet: self.sheet.name.clone(),
            row: row + 1,
            column,
            severity,
            message: message.into(),
        });
    }

    pub fn plan(&mut self, row: usize, action: Action, summary: impl Into<String>) {
        self.rows.push(RowPlan {
            row: row + 1,
            action,
            summary: summary.into(),
        });
    }

    /// The cell of a field in a row (Empty when the file has no such column).
    pub fn cell<'b>(&self, row: &'b [workbook::Cell], key: &str) -> &'b workbook::Cell {
        static EMPTY: workbook::Cell = workbook::Cell::Empty;
        self.layout
            .columns
            .get(key)
            .and_then(|c| row.get(*c))
            .unwrap_or(&EMPTY)
    }
}

fn fields(kind: Kind) -> &'static [header::Field] {
    match kind {
        Kind::Criteria => criteria::FIELDS,
        Kind::Tasks => tasks::FIELDS,
        Kind::Officers => officers::FIELDS,
        Kind::Sessions => sessions::FIELDS,
        Kind::Tthc => tthc::FIELDS,
    }
}

/// What to import.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub kind: Kind,
    pub path: &'a Path,
    pub year: i32,
    pub today: NaiveDate,
    /// Check and report only; write nothing.
    pub dry_run: bool,
    /// For one-stop statistics: the period, when the file's title does not give it.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

/// Imports a file. With `dry_run`, or when any row has an error, nothing is written; the
/// outcome says what would be created, updated, left and skipped, and why. `progress` is told
/// (rows done, rows in all) as the rows go.
pub fn run(
    conn: &mut Connection,
    actor: &Actor,
    request: &Request,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Outcome> {
    let Request {
        kind,
        path,
        year,
        today,
        dry_run,
        period,
    } = *request;
    crate::commune::require_year(conn, year)?;
    let sheets = workbook::read(path)?;
    let layout = header::find(&sheets, fields(kind))?;
    let sheet = &sheets[layout.sheet];
    let tx = conn.transaction()?;
    let mut ctx = Ctx {
        conn: &tx,
        actor,
        year,
        today,
        sheet,
        layout: &layout,
        period,
        problems: Vec::new(),
        rows: Vec::new(),
    };
    match kind {
        Kind::Criteria => criteria::import(&mut ctx, progress)?,
        Kind::Tasks => tasks::import(&mut ctx, progress)?,
        Kind::Officers => officers::import(&mut ctx, progress)?,
        Kind::Sessions => sessions::import(&mut ctx, progress)?,
        Kind::Tthc => tthc::import(&mut ctx, progress)?,
    }
    let count = |a: Action| ctx.rows.iter().filter(|r| r.action == a).count();
    let mut outcome = Outcome {
        kind,
        sheet: sheet.name.clone(),
        header_row: layout.header_row + 1,
        dry_run,
        applied: false,
        created: count(Action::Create),
        updated: count(Action::Update),
        unchanged: count(Action::Unchanged),
        skipped: count(Action::Skip),
        problems: ctx.problems,
        rows: ctx.rows,
    };
    if !dry_run && !outcome.has_errors() {
        tx.commit()?;
        outcome.applied = true;
    }
    Ok(outcome)
}

/// Whether a row is a total row ("Tổng cộng", "Tổng số", "Cộng"), which is not data.
pub(crate) fn is_total(row: &[workbook::Cell]) -> bool {
    row.iter()
        .map(|c| crate::text::fold(&c.text()))
        .find(|t| !t.is_empty())
        .is_some_and(|t| {
            t.starts_with("tong cong")
                || t.starts_with("tong so")
                || t == "cong"
                || t.starts_with("tong diem")
        })
}

pub(crate) fn is_empty_row(row: &[workbook::Cell]) -> bool {
    row.iter().all(workbook::Cell::is_empty)
}

/// A Roman numeral as fields are numbered: "I", "II.", "IV".
pub(crate) fn is_roman(code: &str) -> bool {
    let c = code.trim().trim_end_matches(['.', ')']);
    !c.is_empty() && c.chars().all(|ch| "IVXLC".contains(ch))
}
