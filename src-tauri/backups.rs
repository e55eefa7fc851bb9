//! Automatic backups while the app runs. About every hour a thread asks core whether the daily
//! backup is due (`backup::due(Trigger::Daily)`: a day since the last good one and something
//! changed, or a week whatever happened); as the window closes, whether the exit backup is due
//! (something changed since the last good one). Either runs `backup::run_auto` off the UI
//! thread, which writes, verifies and records it (a failure too) and applies the retention
//! rule. One at a time: closing waits for an hourly backup under way. The window shows the exit
//! backup while it runs; a second close, or a failure, lets the app close at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cchc_api::{Change, Host};
use cchc_core::backup::{self, AutoOutcome, Progress, Trigger};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Window, WindowEvent};

/// Who the history says made an automatic backup.
const MADE_BY: &str = "Ứng dụng CCHC Xã";
/// The first look after start, then every hour.
const FIRST_LOOK: Duration = Duration::from_secs(120);
const EVERY: Duration = Duration::from_secs(3600);
/// Debug builds only: seconds between looks, for the end-to-end tests.
const EVERY_ENV: &str = "CCHC_AUTO_BACKUP_EVERY";

/// What the window hears about an automatic backup (`auto-backup`).
#[derive(Clone, Serialize)]
struct News {
    trigger: Trigger,
    /// running, done, failed.
    state: &'static str,
    /// "Đang ghi bản sao lưu" while running; the outcome or the error after.
    message: String,
    done_bytes: u64,
    total_bytes: u64,
}

pub struct AutoBackups {
    host: Arc<Host>,
    app: AppHandle,
    /// One automatic backup at a time.
    running: Mutex<()>,
    /// The window's close was held for the exit backup: the next close goes through.
    closing: AtomicBool,
}

impl AutoBackups {
    fn tell(&self, news: News) {
        // A window that has closed hears nothing; the history has it.
        let _ = self.app.emit("auto-backup", news);
    }

    /// Runs the automatic backup for `trigger` if core says it is due; None when it is not
    /// (or the data cannot be reached now: a restore under way, a folder that did not open).
    fn run(&self, trigger: Trigger) -> Option<Result<AutoOutcome, String>> {
        let _one = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        let now = backup::now();
        let due = self
            .host
            .read(|c| backup::due(c, trigger, now))
            .map_err(
                |e| tracing::info!(kind = %e.kind, "chưa xét được sao lưu tự động: {}", e.message),
            )
            .ok()?;
        if !due.needed {
            tracing::debug!(?trigger, reason = %due.reason, "chưa cần sao lưu tự động");
            return None;
        }
        let lease = self.host.lease().ok()?;
        tracing::info!(?trigger, reason = %due.reason, "bắt đầu sao lưu tự động");
        let mut last = u64::MAX;
        let mut progress = |p: Progress| {
            let pct = (p.done_bytes * 100)
                .checked_div(p.total_bytes)
                .unwrap_or(100);
            if pct != last {
                last = pct;
                self.tell(News {
                    trigger,
                    state: "running",
                    message: p.phase.label().to_string(),
                    done_bytes: p.done_bytes,
                    total_bytes: p.total_bytes,
                });
            }
        };
        let outcome = backup::run_auto(lease.dir(), trigger, now, MADE_BY, &mut progress);
        drop(lease);
        let (state, message) = match &outcome {
            Ok(o) => {
                let path = o
                    .made
                    .as_ref()
                    .map(|m| m.path.display().to_string())
                    .unwrap_or_default();
                tracing::info!(?trigger, removed = o.removed.len(), "đã sao lưu tự động");
                ("done", format!("Đã sao lưu tự động vào “{path}”."))
            }
            Err(e) => {
                tracing::warn!(?trigger, kind = %e.kind(), "sao lưu tự động không thành công: {e}");
                ("failed", format!("Sao lưu tự động không thành công: {e}"))
            }
        };
        self.tell(News {
            trigger,
            state,
            message,
            done_bytes: 0,
            total_bytes: 0,
        });
        // The Sao lưu panel and Tổng quan of every client reload.
        self.host.publish(Change {
            area: "backup",
            year: None,
            account: None,
        });
        Some(outcome.map_err(|e| e.to_string()))
    }
}

fn every() -> (Duration, Duration) {
    if cfg!(debug_assertions) {
        if let Some(secs) = std::env::var(EVERY_ENV)
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
        {
            let d = Duration::from_secs(secs.max(1));
            return (d, d);
        }
    }
    (FIRST_LOOK, EVERY)
}

/// Starts the hourly look; the app keeps what `on_close` needs.
pub fn start(app: &AppHandle, host: Arc<Host>) {
    let auto = Arc::new(AutoBackups {
        host,
        app: app.clone(),
        running: Mutex::default(),
        closing: AtomicBool::new(false),
    });
    app.manage(auto.clone());
    let (first, then) = every();
    std::thread::Builder::new()
        .name("sao-luu-tu-dong".into())
        .spawn(move || {
            std::thread::sleep(first);
            loop {
                auto.run(Trigger::Daily);
                std::thread::sleep(then);
            }
        })
        .map_err(|e| tracing::error!("không chạy được sao lưu tự động: {e}"))
        .ok();
}

/// The main window is closing: holds it for the exit backup when one is due. Never blocks
/// closing for long: a second close goes through, and the window closes once the backup has
/// ended, however it ended.
pub fn on_close(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    if window.label() != "main" {
        return;
    }
    let Some(auto) = window
        .try_state::<Arc<AutoBackups>>()
        .map(|s| s.inner().clone())
    else {
        return;
    };
    if auto.closing.swap(true, Ordering::SeqCst) {
        tracing::info!("đóng ứng dụng ngay theo yêu cầu, không chờ sao lưu");
        return;
    }
    // A quick look on this thread: one query. Nothing due (or nothing to reach): close now.
    let due = auto
        .host
        .read(|c| backup::due(c, Trigger::Exit, backup::now()))
        .map(|d| d.needed)
        .unwrap_or(false);
    if !due {
        return;
    }
    api.prevent_close();
    auto.tell(News {
        trigger: Trigger::Exit,
        state: "running",
        message: "Đang chuẩn bị sao lưu".into(),
        done_bytes: 0,
        total_bytes: 0,
    });
    let window = window.clone();
    let spawned = std::thread::Builder::new()
        .name("sao-luu-khi-dong".into())
        .spawn(move || {
            auto.run(Trigger::Exit);
            if let Err(e) = window.destroy() {
                tracing::warn!("không đóng được cửa sổ sau khi sao lưu: {e}");
                auto.app.exit(0);
            }
        });
    if let Err(e) = spawned {
        tracing::error!("không sao lưu được khi đóng ứng dụng: {e}");
    }
}
