//! Importing the workbooks officers receive and keep: the province's criteria set, plan tasks,
//! officers, dissemination sessions and the one-stop system's statistics. The file is read as
//! it is (see `workbook` and `header`); each row becomes the input of the same core use-case
//! the screens call, inside one transaction, so every rule applies and every problem names its
//! sheet, row and column. A dry run, or any error, rolls everything back: nothing is written
//! unless the whole import succeeds.
//! Re-importing the same file changes nothing; an edited file updates the rows it matches,
//! matched by what identifies a record (see `identity`), and the dry run says, per row, what
//! changes from what to what, and which columns hold data it does not import.
//! Importing into a year the commune does not keep yet opens it (the dry run says so).

mod annotate;
pub(crate) mod columns;
mod criteria;
pub mod header;
pub(crate) mod identity;
mod officers;
mod period;
mod sessions;
mod tasks;
mod tthc;
mod tthc_figures;
pub mod values;
pub mod workbook;

pub use annotate::{annotate, refuse_source, Annotated};
pub use header::UnusedColumn;

/// The kind codes of the hidden key column (see `identity`).
pub(crate) const TASK_KEY: &str = tasks::KEY_KIND;
pub(crate) const SESSION_KEY: &str = sessions::KEY_KIND;

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::people::Actor;
use workbook::Sheet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ImportKind")]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the import.
    Error,
    /// Imported, but worth a look.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportProblem")]
pub struct Problem {
    pub sheet: String,
    /// As Excel numbers rows (1-based).
    pub row: usize,
    /// "C", or empty when the whole row is concerned.
    pub column: String,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportAction")]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Unchanged,
    Skip,
}

/// One field of a record that an update changes: its name, what it holds, what it will hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportChange")]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Adds a change when the value differs.
pub(crate) fn diff(changes: &mut Vec<Change>, field: &str, old: &str, new: &str) {
    if old != new {
        changes.push(Change {
            field: field.to_string(),
            old: old.to_string(),
            new: new.to_string(),
        });
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportRow")]
pub struct RowPlan {
    pub row: usize,
    pub action: Action,
    pub summary: String,
    /// For an update: each field that changes, old → new.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportOutcome")]
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
    /// Columns that hold data and are not imported (sheet, column letter, header).
    pub unused_columns: Vec<UnusedColumn>,
    /// Working years the import opens ("Sẽ mở năm 2027"), or opened when applied.
    pub opens_years: Vec<i32>,
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
    /// This database's key, to read the hidden key column of our own exports.
    pub instance: String,
    /// Years opened inside the import's transaction.
    pub opened: Vec<i32>,
    /// Check only: an importer may skip writing what the rollback would undo anyway.
    pub dry_run: bool,
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
        self.plan_changes(row, action, summary, Vec::new());
    }

    pub fn plan_changes(
        &mut self,
        row: usize,
        action: Action,
        summary: impl Into<String>,
        changes: Vec<Change>,
    ) {
        self.rows.push(RowPlan {
            row: row + 1,
            action,
            summary: summary.into(),
            changes,
        });
    }

    /// Makes sure `year` is a working year, opening it inside the import's transaction when
    /// the import may (see `openable`).
    pub fn require_year(&mut self, year: i32) -> Result<()> {
        if self.opened.contains(&year) || crate::commune::years(self.conn)?.contains(&year) {
            return Ok(());
        }
        openable(self.conn, year, self.today)?;
        crate::commune::open_year_in(self.conn, self.actor, year)?;
        self.opened.push(year);
        Ok(())
    }

    /// The record a hidden key cell names, when it is one of this database's of `kind`.
    pub fn keyed(&self, row: &[workbook::Cell], kind: &str) -> Option<i64> {
        identity::parse_key(&self.instance, kind, &self.cell(row, "key").text())
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
        Kind::Criteria => columns::CRITERIA,
        Kind::Tasks => columns::TASKS,
        Kind::Officers => columns::OFFICERS,
        Kind::Sessions => columns::SESSIONS,
        Kind::Tthc => columns::TTHC,
    }
}

/// Whether an import may open `year`: a valid year no later than the year after the newest
/// kept (or this year), so that a mistyped 2062 is not opened quietly.
fn openable(conn: &Connection, year: i32, today: NaiveDate) -> Result<()> {
    use chrono::Datelike;
    crate::commune::check_year(year)?;
    let newest = crate::commune::years(conn)?
        .into_iter()
        .max()
        .unwrap_or(today.year())
        .max(today.year());
    if year > newest + 1 {
        return Err(Error::NotFound(format!(
            "Xã chưa có năm {year}, và năm này xa hơn năm sau của năm mới nhất ({}). Nếu đúng là năm {year}, hãy mở năm trước (`cchc years add {year}` hoặc Cài đặt › Năm làm việc) rồi nhập lại.",
            newest
        )));
    }
    Ok(())
}

/// The years an import screen offers: every kept year and the year after the newest (kept or
/// this year), newest first; importing into that one opens it.
pub fn years_offered(conn: &Connection, today: NaiveDate) -> Result<Vec<i32>> {
    use chrono::Datelike;
    let mut years = crate::commune::years(conn)?;
    let next = years
        .iter()
        .copied()
        .max()
        .unwrap_or(today.year())
        .max(today.year())
        + 1;
    if !years.contains(&next) {
        years.push(next);
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(years)
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
    crate::commune::require(conn)?;
    let yearly = !matches!(kind, Kind::Officers | Kind::Sessions);
    if yearly && !crate::commune::years(conn)?.contains(&year) {
        openable(conn, year, today)?;
    }
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
        instance: identity::instance(&tx)?,
        opened: Vec::new(),
        dry_run,
    };
    if yearly {
        ctx.require_year(year)?;
    }
    match kind {
        Kind::Criteria => criteria::import(&mut ctx, progress)?,
        Kind::Tasks => tasks::import(&mut ctx, progress)?,
        Kind::Officers => officers::import(&mut ctx, progress)?,
        Kind::Sessions => sessions::import(&mut ctx, progress)?,
        Kind::Tthc => tthc::import(&mut ctx, progress)?,
    }
    let count = |a: Action| ctx.rows.iter().filter(|r| r.action == a).count();
    let mut opens_years = ctx.opened.clone();
    opens_years.sort_unstable();
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
        unused_columns: header::unused(sheet, &layout),
        opens_years,
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
