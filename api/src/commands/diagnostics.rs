//! Cài đặt › Chẩn đoán: what the diagnostics file will hold, making it, and raising the log
//! level for the rest of this run when support asks.

use std::path::PathBuf;

use cchc_core::diagnostics::{bundle, logging};
use cchc_core::Error;
use serde::{Deserialize, Serialize};

use crate::{files, Ctx, Host, NoArgs, Result};

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DiagnosticsInfo {
    pub facts: bundle::Facts,
    /// Where the logs are, on the desktop; empty over the network.
    pub logs_dir: String,
    pub verbose: bool,
}

fn data_dir(h: &Host) -> Result<PathBuf> {
    h.data_dir()
        .map(PathBuf::from)
        .ok_or_else(|| Error::Internal("chưa mở được thư mục dữ liệu".into()).into())
}

pub fn diagnostics_info(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<DiagnosticsInfo> {
    ctx.actor(h)?;
    let dir = data_dir(h)?;
    let facts = h.read(|c| bundle::facts(c, &dir))?;
    let logs_dir = match ctx.transport {
        crate::Transport::Desktop => logging::folder()
            .map(|d| d.display().to_string())
            .unwrap_or_default(),
        crate::Transport::Http => String::new(),
    };
    Ok(DiagnosticsInfo {
        facts,
        logs_dir,
        verbose: logging::is_verbose(),
    })
}

#[derive(Deserialize)]
pub struct PathArg {
    path: PathBuf,
}

pub fn make_diagnostics(h: &Host, ctx: &Ctx, a: PathArg) -> Result<bundle::Bundle> {
    ctx.actor(h)?;
    let dir = data_dir(h)?;
    let out = files::output(h, ctx, &a.path)?;
    let mut made = h.read(|c| bundle::write(c, &dir, &out))?;
    // A client on the network knows its file by the name it asked for, not the host's path.
    made.path = a.path;
    Ok(made)
}

#[derive(Deserialize)]
pub struct LevelArg {
    verbose: bool,
}

/// Raises (or lowers back) the log level until the program closes. Any logged-in user may do
/// it: support asks the person at the PC, whoever that is.
pub fn set_log_level(h: &Host, ctx: &Ctx, a: LevelArg) -> Result<bool> {
    ctx.actor(h)?;
    logging::set_verbose(a.verbose);
    Ok(logging::is_verbose())
}
