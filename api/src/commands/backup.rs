//! Cài đặt › Sao lưu and › Kiểm tra dữ liệu, the first-start restore, and Tổng quan's warning:
//! backups made now (to a file the user picks, or a download over the network) and into the
//! automatic folder, their history, the folder itself, restoring with a preview, the data
//! folder's check with its orphan files, and what the start-up check found. The rules are
//! `cchc_core::backup`'s; the host closes and reopens the folder around a restore
//! (`Host::restore`). A restore and the choice of the automatic folder happen only on the host's
//! own desktop app: a folder on the host means nothing to another PC, and a restore replaces
//! what everyone works on.

use std::path::{Path, PathBuf};

use cchc_core::backup::{
    self, history, schedule::BackupWarning, BackupKind, BackupMade, BackupOptions, BackupRecord,
    BackupStatus, CheckLevel, CheckOptions, CheckReport, Phase, Preview, Progress, RestoreOptions,
    Restored, Trigger,
};
use cchc_core::people::Actor;
use cchc_core::{clock, setup, Error};
use serde::{Deserialize, Serialize};

use crate::{files, ApiError, Ctx, Host, NoArgs, Result, Transport};

/// Records shown in the panel's history.
const HISTORY: i64 = 30;

fn admin(h: &Host, ctx: &Ctx, what: &str) -> Result<Actor> {
    let actor = ctx.actor(h)?;
    history::require_admin(&actor, what)?;
    Ok(actor)
}

/// Refuses what only the desktop app on the host may do.
fn on_host(ctx: &Ctx, why: &str) -> Result<()> {
    match ctx.transport {
        Transport::Desktop => Ok(()),
        Transport::Http => Err(Error::Forbidden(why.to_string()).into()),
    }
}

const RESTORE_ON_HOST: &str = "Chỉ khôi phục được trên máy chủ (máy giữ dữ liệu), trong ứng dụng \
     CCHC Xã: khôi phục thay toàn bộ dữ liệu mọi người đang dùng. Hãy làm trên máy chủ.";

/// The data folder's path replaced by words in what a client of the network reads: the host's
/// paths are not its business.
struct Shown<'a> {
    dir: Option<&'a Path>,
    http: bool,
}

impl Shown<'_> {
    fn new<'a>(h: &'a Host, ctx: &Ctx) -> Shown<'a> {
        Shown {
            dir: h.data_dir(),
            http: ctx.transport == Transport::Http,
        }
    }

    fn text(&self, text: &str) -> String {
        match self.dir {
            Some(dir) if self.http => text.replace(&dir.display().to_string(), "[thư mục dữ liệu]"),
            _ => text.to_string(),
        }
    }

    fn path(&self, path: &Path) -> PathBuf {
        match self.dir {
            Some(dir) if self.http => match path.strip_prefix(dir) {
                Ok(inside) => PathBuf::from("[thư mục dữ liệu]").join(inside),
                Err(_) => path.to_path_buf(),
            },
            _ => path.to_path_buf(),
        }
    }

    fn error(&self, e: impl Into<ApiError>) -> ApiError {
        let mut e = e.into();
        e.message = self.text(&e.message);
        e
    }
}

/// A long job's progress as the screens show it.
#[derive(Serialize, ts_rs::TS)]
#[ts(export, rename = "BackupStep")]
struct Step {
    phase: Phase,
    label: &'static str,
    done_bytes: u64,
    total_bytes: u64,
}

/// Sends `backup-progress` to the caller, at most once per percent of a phase.
fn progress(ctx: &Ctx) -> impl FnMut(Progress) + '_ {
    let mut last: Option<(Phase, u64)> = None;
    move |p: Progress| {
        let pct = (p.done_bytes * 100)
            .checked_div(p.total_bytes)
            .unwrap_or(100);
        if last == Some((p.phase, pct)) {
            return;
        }
        last = Some((p.phase, pct));
        ctx.emit(
            "backup-progress",
            Step {
                phase: p.phase,
                label: p.phase.label(),
                done_bytes: p.done_bytes,
                total_bytes: p.total_bytes,
            },
        );
    }
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupPanel {
    pub status: BackupStatus,
    pub history: Vec<BackupRecord>,
    /// The name "Sao lưu ngay" offers: "cchc-xa-nong-thuong-2026-11-30-101542.cchcbak".
    pub file_name: String,
    /// The caller is the desktop app on the host: it may choose the folder and restore.
    pub on_host: bool,
}

pub fn backup_panel(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<BackupPanel> {
    admin(h, ctx, "xem và sao lưu dữ liệu")?;
    let now = backup::now();
    let (status, history, commune) = h.read(|c| {
        Ok((
            backup::status(c, now)?,
            history::list(c, HISTORY)?,
            cchc_core::commune::require(c)?,
        ))
    })?;
    Ok(BackupPanel {
        status,
        history,
        file_name: backup::default_file_name(&commune.display_name, now),
        on_host: ctx.transport == Transport::Desktop,
    })
}

#[derive(Deserialize)]
pub struct PathArg {
    path: PathBuf,
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export, rename = "MadeBackup")]
pub struct Made {
    pub made: BackupMade,
    pub record: BackupRecord,
}

/// "Sao lưu ngay": a backup into the file the user picked (over the network, a download),
/// written, read back and verified, then recorded; a failure is recorded too.
pub fn make_backup(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Made> {
    let actor = admin(h, ctx, "sao lưu dữ liệu")?;
    let shown = Shown::new(h, ctx);
    let out = files::output(h, ctx, &a.path)?;
    // Where the history says it went: the path on the host's PC, or the download's name.
    let recorded = match ctx.transport {
        Transport::Desktop => out.clone(),
        Transport::Http => PathBuf::from(format!(
            "Tải về máy {}: {}",
            ctx.client.address,
            out.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        )),
    };
    let lease = h.lease()?;
    let started_at = clock::now_text();
    let created = backup::create(
        lease.dir(),
        &out,
        &BackupOptions::default(),
        &mut progress(ctx),
    );
    drop(lease);
    match created {
        Ok(mut made) => {
            made.path = recorded;
            let record =
                h.write(|c| history::record_made(c, BackupKind::Manual, &made, &actor.name))?;
            if ctx.transport == Transport::Http {
                made.path = a.path;
            }
            Ok(Made { made, record })
        }
        Err(e) => {
            let shown_error = shown.error(e);
            // The history keeps the sentence the user read.
            let failed = Error::Invalid(shown_error.message.clone());
            if let Err(not_recorded) = h.write(|c| {
                history::record_failed(
                    c,
                    BackupKind::Manual,
                    &recorded,
                    &started_at,
                    &failed,
                    &actor.name,
                )
            }) {
                tracing::warn!(kind = %not_recorded.kind, "không ghi được lần sao lưu lỗi vào lịch sử: {}", not_recorded.message);
            }
            Err(shown_error)
        }
    }
}

/// "Sao lưu vào thư mục tự động ngay": the automatic backup now, with the retention rule.
pub fn backup_to_folder(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<backup::AutoOutcome> {
    let actor = admin(h, ctx, "sao lưu dữ liệu")?;
    let shown = Shown::new(h, ctx);
    let lease = h.lease()?;
    let outcome = backup::run_auto(
        lease.dir(),
        Trigger::Now,
        backup::now(),
        &actor.name,
        &mut progress(ctx),
    );
    outcome.map_err(|e| shown.error(e))
}

#[derive(Deserialize)]
pub struct FolderArg {
    folder: Option<PathBuf>,
}

/// Chooses (or, with none, turns off) the automatic backups' folder: on the host only.
pub fn set_backup_folder(
    h: &Host,
    ctx: &Ctx,
    a: FolderArg,
) -> Result<Option<history::BackupFolder>> {
    let actor = admin(h, ctx, "chọn thư mục sao lưu tự động")?;
    on_host(
        ctx,
        "Thư mục sao lưu tự động được chọn trên máy chủ (máy giữ dữ liệu), trong ứng dụng CCHC Xã.",
    )?;
    h.write(|c| history::set_folder(c, &actor, a.folder.as_deref()))
}

/// Who may restore now: an admin on the host, or anyone on the host before the commune is set
/// up (the first-start screen; there is no account yet and nothing to lose).
fn may_restore(h: &Host, ctx: &Ctx, first_start: bool) -> Result<String> {
    on_host(ctx, RESTORE_ON_HOST)?;
    if first_start {
        let status = h.read(setup::status)?;
        if status.initialised {
            return Err(Error::Forbidden(
                "Dữ liệu của xã đã được thiết lập: hãy đăng nhập bằng tài khoản quản trị rồi khôi \
                 phục trong Cài đặt › Sao lưu."
                    .into(),
            )
            .into());
        }
        Ok("Quản trị (khôi phục khi mở ứng dụng lần đầu)".into())
    } else {
        Ok(admin(h, ctx, "khôi phục dữ liệu từ bản sao lưu")?.name)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewArgs {
    path: PathBuf,
    #[serde(default)]
    first_start: bool,
}

/// What a backup holds, read from its manifest, for the confirmation before restoring.
pub fn preview_backup(h: &Host, ctx: &Ctx, a: PreviewArgs) -> Result<Preview> {
    may_restore(h, ctx, a.first_start)?;
    let file = files::input(h, ctx, &a.path)?;
    Ok(backup::preview(&file)?)
}

/// Restores over the data in use (set aside, never deleted); then everyone logs in again.
pub fn restore_backup(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Restored> {
    let name = may_restore(h, ctx, false)?;
    let file = files::input(h, ctx, &a.path)?;
    let restored = h.restore(
        &file,
        &RestoreOptions { replace: true },
        &name,
        &mut progress(ctx),
    )?;
    ctx.end_session(h);
    Ok(restored)
}

/// "Khôi phục từ bản sao lưu" on the first-start screen: into the folder the app has just
/// created, which holds nothing yet.
pub fn restore_first_start(h: &Host, ctx: &Ctx, a: PathArg) -> Result<Restored> {
    let name = may_restore(h, ctx, true)?;
    let file = files::input(h, ctx, &a.path)?;
    h.restore(
        &file,
        &RestoreOptions { replace: false },
        &name,
        &mut progress(ctx),
    )
}

#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Checked {
    pub report: CheckReport,
    /// The report in Vietnamese, one sentence a line.
    pub lines: Vec<String>,
}

fn checked(mut report: CheckReport, shown: &Shown) -> Checked {
    let lines = report.lines().iter().map(|l| shown.text(l)).collect();
    for o in &mut report.orphans {
        o.path = shown.path(&o.path);
    }
    for p in report
        .temp_removed
        .iter_mut()
        .chain(report.temp_kept.iter_mut())
        .chain(report.strays.iter_mut())
    {
        *p = shown.path(p);
    }
    Checked { report, lines }
}

#[derive(Deserialize)]
pub struct CheckArgs {
    #[serde(default)]
    full: bool,
}

/// Kiểm tra dữ liệu: the database (the full integrity check when asked), every evidence file
/// against its hash, leftovers cleaned up, orphan files listed.
pub fn check_data(h: &Host, ctx: &Ctx, a: CheckArgs) -> Result<Checked> {
    admin(h, ctx, "kiểm tra dữ liệu")?;
    let level = if a.full {
        CheckLevel::Full
    } else {
        CheckLevel::Standard
    };
    let lease = h.lease()?;
    let report = h.read(|c| backup::check(c, lease.dir(), &CheckOptions::new(level)))?;
    Ok(checked(report, &Shown::new(h, ctx)))
}

#[derive(Deserialize)]
pub struct PruneArgs {
    /// The SHA-256 of the orphan files the user saw and confirmed.
    shown: Vec<String>,
}

/// Deletes exactly the orphan files the confirmation listed (those still unused).
pub fn prune_orphans(h: &Host, ctx: &Ctx, a: PruneArgs) -> Result<backup::check::PruneReport> {
    let actor = admin(h, ctx, "xóa tệp không còn dùng")?;
    if a.shown.is_empty() {
        return Err(Error::invalid("Không có tệp nào được chọn để xóa.").into());
    }
    let lease = h.lease()?;
    let min_age = CheckOptions::new(CheckLevel::Standard).temp_min_age;
    let mut pruned = h.write(|c| {
        backup::prune_orphans(c, lease.dir(), &actor, Some(a.shown.as_slice()), min_age)
    })?;
    let shown = Shown::new(h, ctx);
    for o in &mut pruned.removed {
        o.path = shown.path(&o.path);
    }
    Ok(pruned)
}

/// What Tổng quan warns about: backups (no good one in 7 days, the folder out of reach) and
/// what the start-up check found.
#[derive(Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DataHealth {
    pub backup_warn: bool,
    /// When `backup_warn`: every warning, with the way to fix each.
    pub backup_warnings: Vec<BackupWarning>,
    /// The start-up check's report lines when it found a problem; empty otherwise.
    pub check_problems: Vec<String>,
    /// The caller is an admin, who can fix it in Cài đặt.
    pub can_fix: bool,
}

pub fn data_health(h: &Host, ctx: &Ctx, _: NoArgs) -> Result<DataHealth> {
    let actor = ctx.actor(h)?;
    let status = h.read(|c| backup::status(c, backup::now()))?;
    let shown = Shown::new(h, ctx);
    let check_problems = match h.startup_check() {
        Some(report) if !report.ok => report.lines().iter().map(|l| shown.text(l)).collect(),
        _ => Vec::new(),
    };
    Ok(DataHealth {
        backup_warn: status.warn,
        backup_warnings: if status.warn {
            status.warnings
        } else {
            Vec::new()
        },
        check_problems,
        can_fix: history::require_admin(&actor, "").is_ok(),
    })
}
