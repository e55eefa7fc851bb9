//! Tauri commands, one file per area. Each is a thin adapter: take the arguments, call one
//! cchc-core function through `AppState`, and hand its error to the UI as `{ kind, message }`.

pub mod evidence;
pub mod import;
pub mod onestop;
pub mod plan;
pub mod reports;
pub mod scoring;
pub mod session;
pub mod sessions;
pub mod settings;
pub mod summary;

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ApiError {
    pub kind: String,
    pub message: String,
}

impl ApiError {
    pub fn store(why: &str) -> Self {
        ApiError {
            kind: "store_unavailable".into(),
            message: format!("Không mở được dữ liệu của xã. {why}"),
        }
    }
}

impl From<cchc_core::Error> for ApiError {
    fn from(e: cchc_core::Error) -> Self {
        ApiError {
            kind: e.kind().into(),
            message: e.to_string(),
        }
    }
}
