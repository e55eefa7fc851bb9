//! Báo cáo: the reports' options, the settings remembered per report, the annual report's
//! assessment texts, and making a report (PDF or Word) with progress events; reading a PDF
//! back for the preview and opening it in the system viewer to print.

use std::path::PathBuf;

use cchc_core::report::{self, Assessment, KindInfo, ReportKind, Request, Settings};
use cchc_core::{clock, Error};
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_opener::OpenerExt;

use super::ApiError;
use crate::state::AppState;

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

#[tauri::command]
pub async fn report_options(
    state: State<'_, AppState>,
    year: i32,
) -> Result<ReportOptions, ApiError> {
    state
        .run_as(move |store, _| {
            Ok(ReportOptions {
                empty: report::empty::all(&store.conn, year, clock::today())?,
                kinds: report::kinds(),
                periods: report::periods(year)
                    .into_iter()
                    .map(|p| PeriodOption {
                        name: p.label(),
                        code: p.code,
                    })
                    .collect(),
                today: clock::today(),
            })
        })
        .await
}

#[tauri::command]
pub async fn report_settings(
    state: State<'_, AppState>,
    kind: String,
) -> Result<Settings, ApiError> {
    state
        .run_as(move |store, _| report::settings::get(&store.conn, ReportKind::from_code(&kind)?))
        .await
}

#[tauri::command]
pub async fn report_assessment(
    state: State<'_, AppState>,
    year: i32,
    period: String,
) -> Result<Assessment, ApiError> {
    state
        .run_as(move |store, _| {
            let p = report::report_period(year, &period)?;
            report::settings::assessment(&store.conn, year, &p.code)
        })
        .await
}

#[tauri::command]
pub async fn save_report_assessment(
    state: State<'_, AppState>,
    year: i32,
    period: String,
    assessment: Assessment,
) -> Result<Assessment, ApiError> {
    state
        .run_as(move |store, actor| {
            report::settings::save_assessment(&mut store.conn, actor, year, &period, &assessment)
        })
        .await
}

/// The file name the save dialog offers: "bao-cao-cchc-2026-quy-i.pdf".
#[tauri::command]
pub async fn report_file_name(
    state: State<'_, AppState>,
    kind: String,
    year: i32,
    period: String,
    format: report::Format,
) -> Result<String, ApiError> {
    state
        .run_as(move |_, _| {
            let kind = ReportKind::from_code(&kind)?;
            Ok(kind.file_name(year, &report::report_period(year, &period)?, format))
        })
        .await
}

#[derive(Serialize)]
pub struct MadeReport {
    path: PathBuf,
    pages: usize,
    size: usize,
    draft: bool,
}

/// Makes the report into `request.out`, or into the data folder's "bao-cao" folder when
/// there is none (the preview); emits `report-progress` at each step.
#[tauri::command]
pub async fn make_report(
    app: AppHandle,
    state: State<'_, AppState>,
    request: RequestIn,
) -> Result<MadeReport, ApiError> {
    state
        .run_as(move |store, _| {
            let out = match request.out {
                Some(p) => p,
                None => {
                    let dir = store.reports_dir();
                    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
                    let r = &request.request;
                    let period = report::report_period(r.year, &r.period)?;
                    dir.join(r.kind.file_name(r.year, &period, r.format))
                }
            };
            let made = report::write(
                &store.conn,
                &request.request,
                clock::today(),
                &out,
                &mut |step| {
                    let _ = app.emit("report-progress", step);
                },
            )?;
            Ok(MadeReport {
                path: out,
                pages: made.pages,
                size: made.bytes.len(),
                draft: made.draft,
            })
        })
        .await
}

#[derive(serde::Deserialize)]
pub struct RequestIn {
    #[serde(flatten)]
    request: Request,
    out: Option<PathBuf>,
}

/// The bytes of a report PDF the app made, for the preview.
#[tauri::command]
pub async fn read_report(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<tauri::ipc::Response, ApiError> {
    state
        .run_as(move |_, _| {
            if report::Format::of_path(&path)? != report::Format::Pdf {
                return Err(Error::invalid("Chỉ xem trước được tệp PDF."));
            }
            std::fs::read(&path).map_err(|e| Error::io(&path, e))
        })
        .await
        .map(tauri::ipc::Response::new)
}

#[tauri::command]
pub async fn open_report(app: AppHandle, path: PathBuf) -> Result<(), ApiError> {
    if !path.is_file() {
        return Err(Error::NotFound(format!("Không tìm thấy tệp “{}”.", path.display())).into());
    }
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| ApiError {
            kind: "io".into(),
            message: format!("Không mở được tệp bằng chương trình của máy: {e}"),
        })
}
