//! The log: one file per program and day in the data folder's `logs/` ("app.2026-11-30.log",
//! "cli.…", "host.…"), kept 30 days and capped in size, one readable line per event with its
//! fields. What goes in is decided by the callers, under one rule: ids, counts, kinds and
//! durations, never a password, a token, a file's contents or a citizen's data.
//! `CCHC_LOG` (e.g. `debug`) sets the level for a run; `set_verbose` raises it while the
//! program runs, when support asks. A panic anywhere is logged with its backtrace.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tracing_appender::rolling::RollingFileAppender;

use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::FormatTime;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{reload, EnvFilter, Registry};

use super::LOGS_DIR;

/// The environment variable that sets the log level for one run ("debug", "info", …).
pub const LEVEL_ENV: &str = "CCHC_LOG";
const DEFAULT_LEVEL: &str = "info";
/// Days of files kept per program.
pub const KEEP_DAYS: usize = 30;
/// The most the log folder may hold; the oldest files go first.
pub const MAX_FOLDER_BYTES: u64 = 50 * 1024 * 1024;

/// The programs that write logs, each to its own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    App,
    Cli,
    Host,
}

impl Program {
    fn prefix(self) -> &'static str {
        match self {
            Program::App => "app",
            Program::Cli => "cli",
            Program::Host => "host",
        }
    }
}

struct Installed {
    dir: PathBuf,
    filter: reload::Handle<EnvFilter, Registry>,
    base: String,
    file: Arc<Mutex<Option<RollingFileAppender>>>,
    program: Program,
}

static INSTALLED: OnceLock<Installed> = OnceLock::new();

/// The log file, which `pause` closes: Windows cannot rename a folder that holds an open file,
/// and a restore renames the data folder aside.
#[derive(Clone)]
struct Closable(Arc<Mutex<Option<RollingFileAppender>>>);

impl std::io::Write for Closable {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
        {
            Some(file) => file.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_mut()
        {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Closable {
    type Writer = Closable;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn appender(dir: &Path, program: Program) -> Option<RollingFileAppender> {
    tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix(program.prefix())
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(dir)
        .ok()
}

struct LocalTime;

impl FormatTime for LocalTime {
    fn format_time(&self, w: &mut Writer<'_>) -> std::fmt::Result {
        write!(
            w,
            "{}",
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S%.3f")
        )
    }
}

fn base_level() -> String {
    std::env::var(LEVEL_ENV)
        .ok()
        .filter(|l| EnvFilter::try_new(l).is_ok())
        .unwrap_or_else(|| DEFAULT_LEVEL.to_string())
}

/// Starts logging into `data_dir/logs` for the rest of the process. Logging is a help, never
/// a condition: when the folder cannot be written the program runs without a log. Returns the
/// log folder when logging started (a second call keeps the first setup).
pub fn init(data_dir: &Path, program: Program) -> Option<PathBuf> {
    if let Some(done) = INSTALLED.get() {
        return Some(done.dir.clone());
    }
    let dir = data_dir.join(LOGS_DIR);
    std::fs::create_dir_all(&dir).ok()?;
    prune(&dir, MAX_FOLDER_BYTES);
    let file = Arc::new(Mutex::new(Some(appender(&dir, program)?)));
    let base = base_level();
    let (filter, handle) = reload::Layer::new(EnvFilter::new(&base));
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(Closable(file.clone()))
        .with_ansi(false)
        .with_timer(LocalTime)
        .with_target(false)
        .with_thread_ids(true);
    tracing_subscriber::registry()
        .with(filter)
        .with(layer)
        .try_init()
        .ok()?;
    install_panic_hook();
    let _ = INSTALLED.set(Installed {
        dir: dir.clone(),
        filter: handle,
        base,
        file,
        program,
    });
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        program = program.prefix(),
        "bắt đầu ghi nhật ký"
    );
    Some(dir)
}

/// Closes the log file until `resume`; what is logged meanwhile is dropped. For a restore,
/// which renames the data folder aside (Windows refuses while a file in it is open).
pub fn pause() {
    if let Some(i) = INSTALLED.get() {
        tracing::info!("tạm dừng ghi nhật ký");
        *i.file.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

/// Opens the log file again, in the data folder as it is now.
pub fn resume() {
    if let Some(i) = INSTALLED.get() {
        let _ = std::fs::create_dir_all(&i.dir);
        *i.file.lock().unwrap_or_else(PoisonError::into_inner) = appender(&i.dir, i.program);
        tracing::info!("ghi nhật ký tiếp");
    }
}

/// The log folder of this process, when logging runs.
pub fn folder() -> Option<PathBuf> {
    INSTALLED.get().map(|i| i.dir.clone())
}

/// Raises the level to `debug` for the rest of this run (or back to the run's level).
pub fn set_verbose(verbose: bool) -> bool {
    let Some(installed) = INSTALLED.get() else {
        return false;
    };
    let level = if verbose {
        "debug"
    } else {
        installed.base.as_str()
    };
    let changed = installed
        .filter
        .modify(|f| *f = EnvFilter::new(level))
        .is_ok();
    if changed {
        tracing::info!(level, "đổi mức ghi nhật ký");
    }
    changed
}

/// Whether this run logs at `debug` or finer.
pub fn is_verbose() -> bool {
    tracing::enabled!(tracing::Level::DEBUG)
}

fn install_panic_hook() {
    // Debug builds (tests, development) also print the panic as Rust does; a release build
    // shows the user only the Vietnamese message the command boundary gives.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if cfg!(debug_assertions) {
            previous(info);
        }
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!(kind = %"panic", place, "{message}\n{backtrace}");
    }));
}

/// Deletes the oldest log files until the folder holds at most `max_bytes`.
pub fn prune(dir: &Path, max_bytes: u64) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, u64, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            Some((meta.modified().ok()?, meta.len(), e.path()))
        })
        .collect();
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut kept = 0u64;
    for (_, len, path) in files {
        kept += len;
        if kept > max_bytes {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prune_keeps_the_newest_files_within_the_cap() {
        let tmp = tempfile::tempdir().unwrap();
        for (i, name) in [
            "app.2026-01-01.log",
            "app.2026-01-02.log",
            "app.2026-01-03.log",
        ]
        .iter()
        .enumerate()
        {
            let p = tmp.path().join(name);
            std::fs::write(&p, vec![b'x'; 400]).unwrap();
            let t =
                std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000 + i as u64);
            std::fs::File::options()
                .write(true)
                .open(&p)
                .unwrap()
                .set_modified(t)
                .unwrap();
        }
        prune(tmp.path(), 900);
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["app.2026-01-02.log", "app.2026-01-03.log"]);
    }
}
