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
