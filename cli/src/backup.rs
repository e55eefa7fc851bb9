//! `cchc backup`, `cchc restore`, `cchc check`: backups into one verified `.cchcbak` file, the
//! automatic backup folder and its runs, restoring (with a preview, and the old data renamed
//! aside), and the data folder's check. Thin adapters over `cchc_core::backup`; the exit code is
//! 1 whenever something is wrong, so a scheduled task notices.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use cchc_core::backup::{
    self, history, BackupKind, BackupMade, CheckLevel, CheckOptions, Progress, RestoreOptions,
    Trigger,
};
use cchc_core::people::Actor;
use cchc_core::store::{self, Store};
use cchc_core::text::format_int;
use cchc_core::Error;
use clap::{Args, Subcommand};

use crate::usage;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    /// Tệp sao lưu cần tạo (.cchcbak); nếu là một thư mục, tệp được đặt tên theo xã và thời gian
    #[arg(long, value_name = "TỆP")]
    out: Option<PathBuf>,
    /// In kết quả dạng JSON
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    action: Option<BackupAction>,
}

#[derive(Subcommand)]
pub enum BackupAction {
    /// Sao lưu tự động: chọn thư mục (--folder), tắt (--off), hoặc sao lưu ngay vào thư mục đã chọn
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc backup auto [--folder THƯ_MỤC | --off | --if-due daily|exit] [--json]"
    )]
    Auto {
        /// Thư mục nhận bản sao lưu tự động (ổ khác, ổ USB, ổ mạng)
        #[arg(long, value_name = "THƯ_MỤC", conflicts_with_all = ["off", "if_due"])]
        folder: Option<PathBuf>,
        /// Tắt sao lưu tự động
        #[arg(long, conflicts_with = "if_due")]
        off: bool,
        /// Chỉ sao lưu khi đến hạn: daily (hằng ngày) hoặc exit (khi đóng ứng dụng, nếu dữ liệu đã thay đổi)
        #[arg(long, value_name = "KHI")]
        if_due: Option<String>,
        /// In kết quả dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Tình trạng sao lưu (cảnh báo như ở Tổng quan) và các lần sao lưu gần đây
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc backup status [--json]"
    )]
    Status {
        /// In kết quả dạng JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct RestoreArgs {
    /// Tệp sao lưu (.cchcbak)
    #[arg(value_name = "TỆP")]
    file: PathBuf,
    /// Thay dữ liệu đang có trong thư mục dữ liệu (dữ liệu cũ được đổi tên, không bị xóa)
    #[arg(long)]
    replace: bool,
    /// Chỉ xem bản sao lưu có gì và kiểm tra nó, không khôi phục
    #[arg(long)]
    preview: bool,
    /// In kết quả dạng JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Kiểm tra toàn bộ cơ sở dữ liệu (integrity_check, chậm hơn)
    #[arg(long)]
    full: bool,
    /// Xóa các tệp trong kho không còn tài liệu nào dùng
    #[arg(long)]
    prune_orphans: bool,
    /// In kết quả dạng JSON
    #[arg(long)]
    json: bool,
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}

/// A progress line on the terminal (nothing when the output goes to a file or a pipe).
fn progress_line() -> impl FnMut(Progress) {
    let shown = std::io::stderr().is_terminal();
    let mut last = (None, u64::MAX);
    move |p: Progress| {
        if !shown {
            return;
        }
        let pct = (p.done_bytes * 100)
            .checked_div(p.total_bytes)
            .unwrap_or(100);
        if last != (Some(p.phase), pct) {
            last = (Some(p.phase), pct);
            eprint!("\r{}… {pct}%   ", p.phase.label());
            if pct == 100 {
                eprintln!();
            }
        }
    }
}

fn actor() -> Actor {
    Actor::command_line()
}

fn what_was_saved(made: &BackupMade) -> String {
    let c = &made.counts;
    format!(
        "{}; {} nhiệm vụ, {} buổi tuyên truyền, {} tiêu chí, {} tệp tài liệu kiểm chứng",
        backup::size_text(made.size),
        format_int(c.tasks),
        format_int(c.sessions),
        format_int(c.criteria),
        format_int(c.evidence_files)
    )
}

/// Says which evidence files the backup could not hold; an error (exit 1) when there are any.
fn warn_about_files(made: &BackupMade) -> Result<(), Error> {
    for s in made.skipped.iter().chain(&made.damaged) {
        eprintln!("Cảnh báo: {}", s.message);
    }
    if made.skipped.is_empty() && made.damaged.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "Bản sao lưu đã được tạo nhưng {} tệp tài liệu kiểm chứng bị thiếu hoặc hỏng từ trước: \
         hãy thay các tệp đó rồi sao lưu lại (xem `cchc check`).",
        made.skipped.len() + made.damaged.len()
    )))
}

pub fn backup(store: &mut Store, args: BackupArgs) -> Result<(), Error> {
    match (args.out, args.action) {
        (Some(out), None) => manual(store, &out, args.json),
        (None, Some(BackupAction::Auto {
            folder,
            off,
            if_due,
            json,
        })) => auto(store, folder, off, if_due, json),
        (None, Some(BackupAction::Status { json })) => status(store, json),
        _ => Err(Error::invalid(
            "Hãy cho tệp sao lưu: `cchc backup --out TỆP.cchcbak`, hoặc dùng `cchc backup auto …`, `cchc backup status`.",
        )),
    }
}

fn manual(store: &mut Store, out: &Path, json: bool) -> Result<(), Error> {
    let commune = cchc_core::commune::require(&store.conn)?;
    let out = if out.is_dir() {
        out.join(backup::default_file_name(
            &commune.display_name,
            backup::now(),
        ))
    } else {
        out.to_path_buf()
    };
    let started_at = cchc_core::clock::now_text();
    let made = match backup::create(
        store.dir(),
        &out,
        &backup::BackupOptions::default(),
        &mut progress_line(),
    ) {
        Ok(m) => m,
        Err(e) => {
            history::record_failed(
                &store.conn,
                BackupKind::Manual,
                &out,
                &started_at,
                &e,
                &actor().name,
            )?;
            return Err(e);
        }
    };
    history::record_made(&store.conn, BackupKind::Manual, &made, &actor().name)?;
    if json {
        print_json(&made)?;
    } else {
        println!(
            "Đã sao lưu dữ liệu của {} vào “{}” ({}); đã đọc lại và kiểm tra mọi mã SHA-256.",
            made.commune,
            made.path.display(),
            what_was_saved(&made)
        );
    }
    warn_about_files(&made)
}

fn auto(
    store: &mut Store,
    folder: Option<PathBuf>,
    off: bool,
    if_due: Option<String>,
    json: bool,
) -> Result<(), Error> {
    if let Some(folder) = folder {
        let set = history::set_folder(&mut store.conn, &actor(), Some(&folder))?;
        if json {
            return print_json(&set);
        }
        println!(
            "Đã chọn thư mục sao lưu tự động “{}”. Ứng dụng sao lưu vào đó hằng ngày và khi đóng \
             nếu dữ liệu đã thay đổi; giữ 10 bản gần nhất và mỗi tháng một bản trong 12 tháng.",
            folder.display()
        );
        return Ok(());
    }
    if off {
        history::set_folder(&mut store.conn, &actor(), None)?;
        println!("Đã tắt sao lưu tự động. Các bản sao lưu đã có vẫn được giữ nguyên.");
        return Ok(());
    }
    let trigger = match if_due.as_deref().map(str::trim) {
        None => Trigger::Now,
        Some("daily") => Trigger::Daily,
        Some("exit") => Trigger::Exit,
        Some(other) => {
            return Err(Error::invalid(format!(
                "“{other}” không hợp lệ cho --if-due: dùng daily (hằng ngày) hoặc exit (khi đóng ứng dụng)."
            )))
        }
    };
    let now = backup::now();
    let outcome = backup::run_auto(
        store.dir(),
        trigger,
        now,
        &actor().name,
        &mut progress_line(),
    )?;
    if json {
        print_json(&outcome)?;
    } else if let Some(made) = &outcome.made {
        println!(
            "Đã sao lưu tự động dữ liệu của {} vào “{}” ({}); đã kiểm tra lại.",
            made.commune,
            made.path.display(),
            what_was_saved(made)
        );
        if !outcome.removed.is_empty() {
            println!(
                "Đã xóa {} bản sao lưu cũ (giữ 10 bản gần nhất và mỗi tháng một bản trong 12 tháng).",
                outcome.removed.len()
            );
        }
    } else {
        println!("Chưa cần sao lưu: {}", outcome.reason);
    }
    match &outcome.made {
        Some(made) => warn_about_files(made),
        None => Ok(()),
    }
}

fn status(store: &mut Store, json: bool) -> Result<(), Error> {
    let now = backup::now();
    let status = backup::status(&store.conn, now)?;
    let records = history::list(&store.conn, 10)?;
    if json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            status: &'a backup::BackupStatus,
            history: &'a [history::BackupRecord],
        }
        print_json(&Out {
            status: &status,
            history: &records,
        })?;
    } else {
        match &status.folder {
            Some(f) if status.folder_reachable => println!("Thư mục sao lưu tự động: “{f}”."),
            Some(f) => println!("Thư mục sao lưu tự động: “{f}” (hiện không truy cập được)."),
            None => println!("Chưa chọn thư mục sao lưu tự động."),
        }
        match &status.last_good {
            Some(r) => println!(
                "Lần sao lưu tốt gần nhất: {} vào “{}” ({}).",
                backup::time_text(&r.finished_at),
                r.path,
                backup::size_text(r.size)
            ),
            None => println!("Chưa có bản sao lưu tốt nào."),
        }
        for w in &status.warnings {
            println!("Cảnh báo: {}", w.message);
        }
        if !records.is_empty() {
            println!("Các lần sao lưu gần đây:");
        }
        for r in &records {
            let result = if r.ok && r.verified {
                format!("tốt, đã kiểm tra, {}", backup::size_text(r.size))
            } else if r.ok {
                format!("đã ghi, chưa kiểm tra, {}", backup::size_text(r.size))
            } else {
                format!("KHÔNG THÀNH CÔNG: {}", r.error)
            };
            let removed = if r.removed_at.is_some() {
                " (đã xóa theo quy tắc giữ bản sao lưu)"
            } else {
                ""
            };
            println!(
                "  {} — {} — “{}” — {result}{removed}",
                backup::time_text(&r.started_at),
                r.kind_label,
                r.path
            );
        }
    }
    if status.warn {
        return Err(Error::invalid(
            "Dữ liệu cần được sao lưu: xem các cảnh báo ở trên.",
        ));
    }
    Ok(())
}

/// `cchc restore`: runs before the data folder is opened (restoring replaces it).
pub fn restore(data_dir: Option<PathBuf>, args: RestoreArgs) -> Result<(), Error> {
    let target = store::resolve_data_dir(data_dir)?;
    let preview = backup::preview(&args.file)?;
    if !args.json {
        print_preview(&preview);
    }
    if args.preview {
        let verified = backup::verify(&args.file, &mut progress_line())?;
        if args.json {
            return print_json(&verified);
        }
        println!("Kiểm tra: tệp nguyên vẹn, mọi mã SHA-256 đều khớp. Chưa khôi phục gì.");
        return Ok(());
    }
    let restored = backup::restore(
        &args.file,
        &target,
        &RestoreOptions {
            replace: args.replace,
        },
        &actor().name,
        &mut progress_line(),
    );
    let restored = restored?;
    // The log starts in the restored folder (nothing was written before, so that a refused
    // restore leaves the target as it found it).
    cchc_core::diagnostics::logging::init(&target, cchc_core::diagnostics::logging::Program::Cli);
    tracing::info!(
        tasks = restored.preview.counts.tasks,
        sessions = restored.preview.counts.sessions,
        criteria = restored.preview.counts.criteria,
        evidence_files = restored.preview.counts.evidence_files,
        "đã khôi phục bản sao lưu"
    );
    if args.json {
        return print_json(&restored);
    }
    println!(
        "Đã khôi phục dữ liệu của {} (bản sao lưu lúc {}) vào “{}”.",
        restored.preview.commune,
        restored.preview.created_at_text,
        restored.target.display()
    );
    if restored.migrated {
        println!("Dữ liệu đã được nâng cấp lên phiên bản CCHC Xã đang dùng.");
    }
    if let Some(aside) = &restored.set_aside {
        println!(
            "Dữ liệu có trước đó được giữ nguyên ở “{}” (không bị xóa).",
            aside.display()
        );
    }
    for n in &restored.notes {
        eprintln!("Lưu ý: {n}");
    }
    Ok(())
}

fn print_preview(p: &backup::Preview) {
    let years = p
        .years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let demo = if p.is_demo {
        " (dữ liệu mẫu)"
    } else {
        ""
    };
    println!("Bản sao lưu “{}”:", p.path.display());
    println!("  Xã: {}, {}{demo}", p.commune, p.province);
    println!(
        "  Tạo lúc: {} bằng CCHC Xã {}",
        p.created_at_text, p.app_version
    );
    println!("  Các năm: {years}");
    println!(
        "  Gồm: {} nhiệm vụ, {} buổi tuyên truyền, {} tiêu chí, {} tài liệu kiểm chứng ({} tệp); {}",
        format_int(p.counts.tasks),
        format_int(p.counts.sessions),
        format_int(p.counts.criteria),
        format_int(p.counts.evidence_documents),
        format_int(p.counts.evidence_files),
        backup::size_text(p.file_size)
    );
    if p.needs_migration {
        println!("  Bản sao lưu của phiên bản cũ hơn: dữ liệu sẽ được nâng cấp khi khôi phục.");
    }
    for n in &p.notes {
        println!("  Lưu ý: {n}");
    }
}

pub fn check(store: &mut Store, args: CheckArgs) -> Result<(), Error> {
    let level = if args.full {
        CheckLevel::Full
    } else {
        CheckLevel::Standard
    };
    let options = CheckOptions::new(level);
    let dir = store.dir().to_path_buf();
    let mut report = backup::check(&store.conn, &dir, &options)?;
    let pruned = if args.prune_orphans && !report.orphans.is_empty() {
        let p = backup::prune_orphans(&mut store.conn, &dir, &actor(), None, options.temp_min_age)?;
        report = backup::check(&store.conn, &dir, &options)?;
        Some(p)
    } else {
        None
    };
    if args.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            report: &'a backup::CheckReport,
            pruned: Option<&'a backup::check::PruneReport>,
        }
        print_json(&Out {
            report: &report,
            pruned: pruned.as_ref(),
        })?;
    } else {
        println!("Kiểm tra dữ liệu ở “{}”:", dir.display());
        if let Some(p) = &pruned {
            println!(
                "Đã xóa {} tệp không còn tài liệu nào dùng ({}).",
                p.removed.len(),
                backup::size_text(p.bytes)
            );
        }
        for line in report.lines() {
            println!("{line}");
        }
        if pruned.is_none() && !report.orphans.is_empty() {
            println!("Để xóa các tệp đó: cchc check --prune-orphans");
        }
    }
    if report.ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "Dữ liệu có vấn đề: {}.",
            [
                (!report.database_ok).then_some("cơ sở dữ liệu bị hỏng".to_string()),
                (!report.file_problems.is_empty()).then(|| format!(
                    "{} tệp tài liệu kiểm chứng bị thiếu hoặc hỏng",
                    report.file_problems.len()
                )),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ")
        )))
    }
}
