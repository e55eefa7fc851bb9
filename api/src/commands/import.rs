//! Nhập dữ liệu Excel: checking a file (dry run) and importing it, with progress events for
//! large files; the template of each kind; a screen's table exported to Excel.

use std::path::PathBuf;

use cchc_core::import::{self, Kind, Outcome, Request};
use cchc_core::{clock, Error};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{files, Ctx, Host, Result};

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportArgs {
    kind: String,
    path: PathBuf,
    year: i32,
    dry_run: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

pub fn import_file(h: &Host, ctx: &Ctx, a: ImportArgs) -> Result<Outcome> {
    let actor = ctx.actor(h)?;
    let kind = Kind::from_code(&a.kind)?;
    let period = match (a.from, a.to) {
        (Some(f), Some(t)) => Some((f, t)),
        (None, None) => None,
        _ => {
            return Err(Error::invalid("Hãy nhập cả ngày đầu và ngày cuối của kỳ số liệu.").into())
        }
    };
    let file = files::input(h, ctx, &a.path)?;
    let request = Request {
        kind,
        path: &file,
        year: a.year,
        today: clock::today(),
        dry_run: a.dry_run,
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
