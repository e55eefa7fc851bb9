//! The desktop shell: opens the commune's data folder, starts the log, checks the folder, runs
//! the automatic backups, and answers the screens with cchc-api's commands over tauri's IPC. No
//! business rule and no command lives here.

mod backups;
mod ipc;
mod local;
mod network;
mod state;

use std::path::PathBuf;

use cchc_api::Host;
use cchc_core::diagnostics::logging::{self, Program};
use cchc_core::store;

/// `--data-dir DIR` or `--data-dir=DIR` on the app's command line.
fn data_dir_flag() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = text.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// Tells the officer at start-up how many plan tasks are overdue. A desktop without a
/// notification service simply shows nothing.
fn notify_overdue(app: &tauri::AppHandle, notice: Option<String>) {
    use tauri_plugin_notification::NotificationExt;
    let Some(body) = notice else { return };
    let app = app.clone();
    std::thread::spawn(move || {
        if let Err(e) = app
            .notification()
            .builder()
            .title("CCHC Xã")
            .body(body)
            .show()
        {
            tracing::info!("không hiển thị được thông báo: {e}");
        }
    });
}

/// The window opens maximised (tauri.conf.json). Where that is not honoured (no window manager,
/// a restored size from elsewhere), it is never taller or wider than the screen's work area
/// (1366×768 and 1024×768 laptops under a taskbar) and is centred in it.
fn fit_to_screen(app: &tauri::App) {
    use tauri::Manager;
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let (Ok(Some(monitor)), Ok(size)) = (window.current_monitor(), window.outer_size()) else {
        return;
    };
    let area = monitor.work_area();
    if size.width <= area.size.width && size.height <= area.size.height {
        return;
    }
    let fitted = tauri::PhysicalSize::new(
        size.width.min(area.size.width),
        size.height.min(area.size.height),
    );
    if let Err(e) = window.set_size(fitted).and_then(|_| window.center()) {
        tracing::info!("không đặt được cỡ cửa sổ vừa màn hình: {e}");
    }
}

pub fn run() {
    let dir = store::resolve_data_dir(data_dir_flag());
    if let Ok(d) = &dir {
        logging::init(d, Program::App);
    }
    let host = Host::open(dir);
    let notice = host
        .read(|c| cchc_core::plan::tasks::overdue_notice(c, cchc_core::clock::today()))
        .ok()
        .flatten();
    let shell = state::Shell::new(host);
    let host = shell.host.clone();
    // The cheap check of the data folder (for Tổng quan), off the window's way.
    let checking = host.clone();
    std::thread::spawn(move || checking.check_at_start());
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(local::Picked::default())
        .setup(move |app| {
            fit_to_screen(app);
            notify_overdue(app.handle(), notice);
            backups::start(app.handle(), host.clone());
            network::start(app.handle(), host);
            Ok(())
        })
        .on_window_event(backups::on_close)
        .invoke_handler(move |invoke| {
            let name = invoke.message.command();
            if name.starts_with("client_") {
                local::handle(invoke)
            } else {
                ipc::handle(&shell, invoke)
            }
        })
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            tracing::error!("không khởi động được ứng dụng: {e}");
            eprintln!("Không khởi động được ứng dụng CCHC Xã: {e}");
            std::process::exit(1);
        });
}
