//! Báo cáo: the reports' options, the settings remembered per report, the annual report's
//! assessment texts, and making a report (PDF or Word) with progress events; a PDF this host
//! made read back for the preview, and opened in the PC's viewer to print.

use std::path::PathBuf;

use cchc_core::report::{self, Assessment, KindInfo, ReportKind, Request, Settings};
use cchc_core::{clock, Error};
use serde::{Deserialize, Serialize};

use super::YearArg;
use crate::{files, Ctx, Host, Reply, Result};

#[derive(Serialize)]
pub struct PeriodOption {
    code: String,
    name: String,
}

#[derive(Serialize)]
pub struct ReportOptions {
    kinds: Vec<KindInfo>,
    periods: Vec<PeriodOption>,
    today: chrono::NaiveDate,
    /// The reports and periods that would print empty, to warn before making them.
    empty: Vec<report::empty::EmptyReport>,
}

pub fn report_options(h: &Host, ctx: &Ctx, a: YearArg) -> Result<ReportOptions> {
    ctx.actor(h)?;
    Ok(ReportOptions {
        empty: h.read(|c| report::empty::all(c, a.year, clock::today()))?,
        kinds: report::kinds(),
        periods: report::periods(a.year)
            .into_iter()
            .map(|p| PeriodOption {
                name: p.label(),
                code: p.code,
            })
            .collect(),
        today: clock::today(),
    })
}

#[derive(Deserialize)]
pub struct KindArg {
    kind: String,
}

pub fn report_settings(h: &Host, ctx: &Ctx, a: KindArg) -> Result<Settings> {
    ctx.actor(h)?;
    let kind = ReportKind::from_code(&a.kind)?;
    h.read(|c| report::settings::get(c, kind))
}

#[derive(Deserialize)]
pub struct PeriodArgs {
    year: i32,
    period: String,
}

pub fn report_assessment(h: &Host, ctx: &Ctx, a: PeriodArgs) -> Result<Assessment> {
    ctx.actor(h)?;
    let p = report::report_period(a.year, &a.period)?;
    h.read(|c| report::settings::assessment(c, a.year, &p.code))
}

#[derive(Deserialize)]
pub struct AssessmentArgs {
    year: i32,
    period: String,
    assessment: Assessment,
}

pub fn save_report_assessment(h: &Host, ctx: &Ctx, a: AssessmentArgs) -> Result<Assessment> {
    let actor = ctx.actor(h)?;
    h.write(|c| report::settings::save_assessment(c, &actor, a.year, &a.period, &a.assessment))
}

#[derive(Deserialize)]
pub struct FileNameArgs {
    kind: String,
    year: i32,
    period: String,
    format: report::Format,
}

/// The file name the save dialog offers: "bao-cao-cchc-2026-quy-i.pdf".
pub fn report_file_name(h: &Host, ctx: &Ctx, a: FileNameArgs) -> Result<String> {
    ctx.actor(h)?;
    let kind = ReportKind::from_code(&a.kind)?;
    Ok(kind.file_name(a.year, &report::report_period(a.year, &a.period)?, a.format))
}

#[derive(Serialize)]
pub struct MadeReport {
    /// Where the report is, as the client knows it: a path on the desktop, the name it asked
    /// for over the network.
    path: PathBuf,
    pages: usize,
    size: usize,
    draft: bool,
}

#[derive(Deserialize)]
pub struct RequestIn {
    #[serde(flatten)]
    request: Request,
    out: Option<PathBuf>,
}

#[derive(Deserialize)]
pub struct MakeArgs {
    request: RequestIn,
}

/// Makes the report into `out`, or into the data folder's "bao-cao" folder when there is none
/// (the preview); emits `report-progress` at each step.
pub fn make_report(h: &Host, ctx: &Ctx, a: MakeArgs) -> Result<MadeReport> {
    ctx.actor(h)?;
    let r = &a.request.request;
    let out = match &a.request.out {
        Some(p) => files::output(h, ctx, p)?,
        // A client on the network always names a download: host paths are not its business.
        None if ctx.transport == crate::Transport::Http => {
            return Err(Error::invalid("Hãy cho biết tên tệp báo cáo cần tải về.").into())
        }
        None => {
            let dir = h.reports_dir()?;
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            let period = report::report_period(r.year, &r.period)?;
            dir.join(r.kind.file_name(r.year, &period, r.format))
        }
    };
    // Printing only reads (beside the writer); remembering the settings writes.
    let made = h.read(|c| {
        report::render(c, r, clock::today(), &out, &mut |step| {
            ctx.emit("report-progress", step)
        })
    })?;
    h.write(|c| report::remember(c, r))?;
    h.remember_made(&out);
    Ok(MadeReport {
        path: a.request.out.clone().unwrap_or(out),
        pages: made.pages,
        size: made.bytes.len(),
        draft: made.draft,
    })
}

#[derive(Deserialize)]
pub struct PathArg {
    path: PathBuf,
}

/// The file at `path` when it is a report this host made; nothing else on the disk.
fn made_report(h: &Host, path: &std::path::Path) -> Result<()> {
    if h.is_made_report(path) {
        Ok(())
    } else {
        Err(Error::NotFound("Không tìm thấy báo cáo này; hãy in lại báo cáo.".into()).into())
    }
}

/// The bytes of a report PDF this host made, for the preview.
pub fn read_report(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Reply> {
    ctx.actor(h)?;
    if report::Format::of_path(&a.path)? != report::Format::Pdf {
        return Err(Error::invalid("Chỉ xem trước được tệp PDF.").into());
    }
    made_report(h, &a.path)?;
    let data = std::fs::read(&a.path).map_err(|e| Error::io(&a.path, e))?;
    Ok(Reply::Bytes {
        data,
        file_name: file_name(&a.path),
        mime: "application/pdf",
    })
}

/// A report this host made, to open in the PC's own viewer (from where the officer prints).
pub fn open_report(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Reply> {
    ctx.actor(h)?;
    made_report(h, &a.path)?;
    Ok(Reply::Open(a.path))
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
