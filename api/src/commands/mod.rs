//! The commands, one file per area of the office's work. Each argument struct has the fields
//! the screens send, in camelCase as the screens write them.

pub mod backup;
pub mod diagnostics;
pub mod documents;
pub mod dossier;
pub mod evidence;
pub mod import;
pub mod network;
pub mod onestop;
pub mod plan;
pub mod reports;
pub mod scoring;
pub mod session;
pub mod sessions;
pub mod settings;
pub mod summary;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct YearArg {
    pub year: i32,
}

#[derive(Debug, Deserialize)]
pub struct IdArg {
    pub id: i64,
}
