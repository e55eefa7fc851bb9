//! The appraisal dossier: whether it can be made and the cover letter's settings to start
//! from; making it (progress as `dossier-progress`); checking a dossier the user picks; and
//! reading a received one (the sheet, the evidence by criterion, any of its files opened with
//! the PC's program).
//!
//! Checking and reading touch no commune data: on the desktop they need no log-in, so an
//! appraising body can run the program on a PC that has none. Over the office network the file
//! comes as an upload, which only a logged-in client can make, and the same is asked here.

use std::path::PathBuf;

use cchc_core::dossier::{self, DossierMade, DossierRequest, Preflight, Received, Verdict};
use cchc_core::{clock, Error};
use serde::Deserialize;

use super::YearArg;
use crate::{files, Ctx, Host, Reply, Result, Transport};

pub fn dossier_preflight(h: &Host, ctx: &Ctx, a: YearArg) -> Result<Preflight> {
    ctx.actor(h)?;
    h.read(|c| dossier::preflight(c, a.year, clock::today()))
}

#[derive(Deserialize)]
pub struct MakeArgs {
    request: DossierRequest,
    out: PathBuf,
}

/// Makes the dossier into the file the user chose; nothing is written unless the whole sheet
/// is approved.
pub fn make_dossier(h: &Host, ctx: &Ctx, a: MakeArgs) -> Result<DossierMade> {
    ctx.actor(h)?;
    let out = files::output(h, ctx, &a.out)?;
    let dir = h.evidence_dir()?;
    // Packing only reads (beside the writer); remembering the letter's settings writes.
    let mut made = h.read(|c| {
        dossier::render(c, &dir, &a.request, clock::today(), &out, &mut |step| {
            ctx.emit("dossier-progress", step)
        })
    })?;
    h.write(|c| dossier::remember(c, &a.request))?;
    // The client knows the file by the name it gave, never by a host path.
    made.path = a.out;
    Ok(made)
}

#[derive(Deserialize)]
pub struct PathArg {
    path: PathBuf,
}

/// On the desktop anyone at the PC may check a file they picked; over the network only a
/// logged-in client, whose upload it is.
fn received(h: &Host, ctx: &Ctx, path: &std::path::Path) -> Result<PathBuf> {
    if ctx.transport == Transport::Http {
        ctx.actor(h)?;
    }
    files::input(h, ctx, path)
}

pub fn verify_dossier(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Verdict> {
    let path = received(h, ctx, &a.path)?;
    Ok(dossier::verify(&path)?)
}

pub fn open_received_dossier(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Received> {
    let path = received(h, ctx, &a.path)?;
    Ok(dossier::open(&path)?)
}

#[derive(Deserialize)]
pub struct EntryArgs {
    path: PathBuf,
    entry: String,
}

/// One file of a received dossier, copied out to the PC's temporary folder and opened with
/// its own program (downloaded, over the network).
pub fn open_dossier_file(h: &Host, ctx: &Ctx, a: EntryArgs) -> Result<Reply> {
    let path = received(h, ctx, &a.path)?;
    if a.entry.trim().is_empty() {
        return Err(Error::invalid("Hãy chọn tệp cần mở trong hồ sơ.").into());
    }
    let dir = std::env::temp_dir().join("cchc-xa").join("ho-so");
    let copy = dossier::extract(&path, &a.entry, &dir)?;
    Ok(Reply::Open(copy))
}
