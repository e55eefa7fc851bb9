//! Nhập dữ liệu Excel: checking a file (dry run) and importing it, with progress events for
//! large files; the template of each kind.

use std::path::PathBuf;

use cchc_core::import::{self, Kind, Outcome, Request};
use cchc_core::{clock, Error};
use chrono::NaiveDate;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use super::ApiError;
use crate::state::AppState;

#[derive(Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
}

#[tauri::command]
#[allow(clippy::too_many_arguments)] // one per field of the import form
pub async fn import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: String,
    path: PathBuf,
    year: i32,
    dry_run: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Outcome, ApiError> {
    state
        .run_as(move |store, actor| {
            let kind = Kind::from_code(&kind)?;
            let period = match (from, to) {
                (Some(f), Some(t)) => Some((f, t)),
                (None, None) => None,
                _ => {
                    return Err(Error::invalid(
                        "Hãy nhập cả ngày đầu và ngày cuối của kỳ số liệu.",
                    ))
                }
            };
            let request = Request {
                kind,
                path: &path,
                year,
                today: clock::today(),
                dry_run,
                period,
            };
            let mut last = usize::MAX;
            import::run(&mut store.conn, actor, &request, &mut |done, total| {
                let percent = done * 100 / total.max(1);
                if percent != last {
                    last = percent;
                    let _ = app.emit("import-progress", Progress { done, total });
                }
            })
        })
        .await
}

#[tauri::command]
pub async fn save_template(
    state: State<'_, AppState>,
    kind: String,
    year: i32,
    path: PathBuf,
) -> Result<(), ApiError> {
    state
        .run_as(move |store, _| {
            let kind = cchc_core::export::TemplateKind::from_code(&kind)?;
            cchc_core::export::template_for(&store.conn, kind, year, &path)
        })
        .await
}

/// Exports a screen's table to .xlsx; returns how many rows were written.
#[tauri::command]
pub async fn export_table(
    state: State<'_, AppState>,
    table: String,
    year: i32,
    period: Option<String>,
    path: PathBuf,
) -> Result<usize, ApiError> {
    state
        .run_as(move |store, _| {
            let period = period.unwrap_or_else(|| "cal-year".into());
            cchc_core::export::export_table(
                &store.conn,
                &table,
                year,
                &period,
                clock::today(),
                &path,
            )
            .map(|done| done.rows)
        })
        .await
}
