//! Diagnostics for the person who helps an office by phone or Zalo: a log that person can read
//! (`logging`), and one file the officer can send them (`bundle`), holding the logs and the
//! facts of the installation but never the commune's data, passwords or tokens.

pub mod bundle;
pub mod logging;

/// The folder of log files, beside the database.
pub const LOGS_DIR: &str = "logs";
