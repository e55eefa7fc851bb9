//! cchc-core: everything a commune's administrative-reform office does, with no UI. The desktop
//! app and the `cchc` CLI both call these functions, so they obey the same rules.

pub mod audit;
pub mod backup;
pub mod clock;
pub mod commune;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod diagnostics;
pub mod error;
pub mod evidence;
pub mod export;
pub mod filename;
pub mod files;
pub mod first_steps;
pub mod import;
pub mod network;
pub mod officers;
pub mod onestop;
pub mod people;
pub mod period;
pub mod plan;
pub mod report;
pub mod scoring;
pub mod sessions;
pub mod setup;
pub mod store;
pub mod summary;
pub mod text;
pub mod version;

pub use error::{Error, Result};
pub use store::Store;
