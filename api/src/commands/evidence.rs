//! Tài liệu kiểm chứng: adding files, linking them to what they prove, opening them with the
//! PC's own program, and the evidence pack.

use std::path::PathBuf;

use cchc_core::evidence::{self, Document, DocumentInput, PackReport, Target};
use serde::Deserialize;

use super::IdArg;
use crate::{files, Ctx, Host, Reply, Result};

#[derive(Deserialize)]
pub struct ListArgs {
    year: Option<i32>,
    query: String,
}

pub fn evidence_list(h: &Host, ctx: &Ctx, a: ListArgs) -> Result<Vec<Document>> {
    ctx.actor(h)?;
    h.read(|c| evidence::list(c, a.year, &a.query))
}

#[derive(Deserialize)]
pub struct TargetArg {
    target: Target,
}

pub fn evidence_for(h: &Host, ctx: &Ctx, a: TargetArg) -> Result<Vec<Document>> {
    ctx.actor(h)?;
    h.read(|c| evidence::documents_for(c, a.target))
}

#[derive(Deserialize)]
pub struct AddArgs {
    input: DocumentInput,
    path: PathBuf,
    target: Option<Target>,
}

/// Adds the file at `path` (and links it to `target` when given), all or nothing.
pub fn add_evidence(h: &Host, ctx: &Ctx, a: AddArgs) -> Result<Document> {
    let actor = ctx.actor(h)?;
    let dir = h.evidence_dir()?;
    let file = files::input(h, ctx, &a.path)?;
    h.write(|c| match a.target {
        Some(t) => evidence::add_document_linked(c, &dir, &actor, &a.input, &file, t),
        None => evidence::add_document(c, &dir, &actor, &a.input, &file),
    })
}

#[derive(Deserialize)]
pub struct ReplaceArgs {
    id: i64,
    path: PathBuf,
}

pub fn replace_evidence_file(h: &Host, ctx: &Ctx, a: ReplaceArgs) -> Result<Document> {
    let actor = ctx.actor(h)?;
    let dir = h.evidence_dir()?;
    let file = files::input(h, ctx, &a.path)?;
    h.write(|c| evidence::replace_file(c, &dir, &actor, a.id, &file))
}

#[derive(Deserialize)]
pub struct LinkArgs {
    id: i64,
    target: Target,
    linked: bool,
}

pub fn link_evidence(h: &Host, ctx: &Ctx, a: LinkArgs) -> Result<Document> {
    let actor = ctx.actor(h)?;
    h.write(|c| {
        if a.linked {
            evidence::link(c, &actor, a.id, a.target)
        } else {
            evidence::unlink(c, &actor, a.id, a.target)
        }
    })
}

/// The document's current file, as a named copy (the store names files by their hash), for the
/// PC's own program to open.
pub fn open_evidence(h: &Host, ctx: &Ctx, a: IdArg) -> Result<Reply> {
    ctx.actor(h)?;
    let dir = h.evidence_dir()?;
    let out = std::env::temp_dir().join("cchc-xa");
    let path = h.read(|c| evidence::viewable_copy(c, &dir, a.id, None, &out))?;
    Ok(Reply::Open(path))
}

#[derive(Deserialize)]
pub struct PackArgs {
    year: i32,
    path: PathBuf,
}

pub fn pack_evidence(h: &Host, ctx: &Ctx, a: PackArgs) -> Result<PackReport> {
    ctx.actor(h)?;
    let dir = h.evidence_dir()?;
    let out = files::output(h, ctx, &a.path)?;
    let mut packed = h.read(|c| evidence::pack(c, &dir, a.year, &out))?;
    // Where the zip is, as the client knows it: a LAN client never reads a host path.
    packed.path = a.path;
    Ok(packed)
}
