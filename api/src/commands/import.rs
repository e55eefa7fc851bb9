//! Nhập dữ liệu Excel: checking a file (dry run) and importing it, with progress events for
//! large files; the annotated copy of a checked file; the years an import may go into; the
//! template of each kind; a screen's table exported to Excel.

use std::path::{Path, PathBuf};

use cchc_core::import::{self, Annotated, Kind, Outcome, Request};
use cchc_core::{clock, Error};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{files, Ctx, Host, NoArgs, Result};

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

/// What to import: the kind, the file, the year and, for one-stop figures, the period when
/// the file does not say.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    kind: String,
    path: PathBuf,
    year: i32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Source {
    /// Refuses what is wrong with the request itself before any file is touched.
    fn check(&self) -> Result<(Kind, Option<(NaiveDate, NaiveDate)>)> {
        let kind = Kind::from_code(&self.kind)?;
        let period = match (self.from, self.to) {
            (Some(f), Some(t)) => Some((f, t)),
            (None, None) => None,
            _ => {
                return Err(
                    Error::invalid("Hãy nhập cả ngày đầu và ngày cuối của kỳ số liệu.").into(),
                )
            }
        };
        Ok((kind, period))
    }

    /// Runs the import of `file` (this source, as the transport gave it), telling the client
    /// how far it got.
    fn run(&self, h: &Host, ctx: &Ctx, file: &Path, dry_run: bool) -> Result<Outcome> {
        let actor = ctx.actor(h)?;
        let (kind, period) = self.check()?;
        let request = Request {
            kind,
            path: file,
            year: self.year,
            today: clock::today(),
            dry_run,
            period,
        };
        let mut last = usize::MAX;
        h.write(|c| {
            import::run(c, &actor, &request, &mut |done, total| {
                let percent = done * 100 / total.max(1);
                if percent != last {
                    last = percent;
                    ctx.emit("import-progress", Progress { done, total });
                }
            })
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportArgs {
    #[serde(flatten)]
    source: Source,
    dry_run: bool,
}

pub fn import_file(h: &Host, ctx: &Ctx, a: ImportArgs) -> Result<Outcome> {
    ctx.actor(h)?;
    a.source.check()?;
    let file = files::input(h, ctx, &a.source.path)?;
    a.source.run(h, ctx, &file, a.dry_run)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnotateArgs {
    #[serde(flatten)]
    source: Source,
    /// Where the annotated copy goes.
    out: PathBuf,
}

/// The annotated copy of a checked workbook ("Tải tệp đã đánh dấu lỗi"): the dry run again on
/// the same file, then the user's workbook written to `out` with every problem cell filled and
/// noted and a first sheet listing them. Never over the file itself.
pub fn annotate_import(h: &Host, ctx: &Ctx, a: AnnotateArgs) -> Result<Annotated> {
    ctx.actor(h)?;
    a.source.check()?;
    let file = files::input(h, ctx, &a.source.path)?;
    let out = files::output(h, ctx, &a.out)?;
    // Refused before the check runs, not after.
    import::refuse_source(&file, &out)?;
    let outcome = a.source.run(h, ctx, &file, true)?;
    Ok(import::annotate(&file, &outcome, &out)?)
}

/// A year an import may go into: one the commune keeps, or the next one, which the import
/// opens.
#[derive(Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportYear")]
pub struct YearChoice {
    year: i32,
    kept: bool,
}

/// The years the Import screen offers, newest first.
pub fn import_years(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<Vec<YearChoice>> {
    ctx.actor(h)?;
    h.read(|c| {
        let kept = cchc_core::commune::years(c)?;
        Ok(import::years_offered(c, clock::today())?
            .into_iter()
            .map(|year| YearChoice {
                year,
                kept: kept.contains(&year),
            })
            .collect())
    })
}

#[derive(Deserialize)]
pub struct TemplateArgs {
    kind: String,
    year: i32,
    path: PathBuf,
}

pub fn save_template(h: &Host, ctx: &Ctx, a: TemplateArgs) -> Result<()> {
    ctx.actor(h)?;
    let kind = cchc_core::export::TemplateKind::from_code(&a.kind)?;
    let out = files::output(h, ctx, &a.path)?;
    h.read(|c| cchc_core::export::template_for(c, kind, a.year, &out))
}

#[derive(Deserialize)]
pub struct ExportArgs {
    table: String,
    year: i32,
    period: Option<String>,
    path: PathBuf,
}

/// Exports a screen's table to .xlsx; answers how many rows were written.
pub fn export_table(h: &Host, ctx: &Ctx, a: ExportArgs) -> Result<usize> {
    ctx.actor(h)?;
    let period = a.period.unwrap_or_else(|| "cal-year".into());
    let out = files::output(h, ctx, &a.path)?;
    h.read(|c| {
        cchc_core::export::export_table(c, &a.table, a.year, &period, clock::today(), &out)
            .map(|done| done.rows)
    })
}
