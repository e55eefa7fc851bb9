//! The desktop shell: opens the commune's data folder, keeps who is logged in, and exposes
//! cchc-core to the screens as tauri commands. No business rule lives here.

mod commands;
mod state;

use std::path::PathBuf;

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

pub fn run() {
    let opened = store::resolve_data_dir(data_dir_flag())
        .and_then(|dir| cchc_core::Store::open(&dir).map(|s| (dir, s)));
    let app_state = state::AppState::new(opened);
    tauri::Builder::default()
        .manage(app_state)
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::session::setup_commune,
            commands::session::create_first_account,
            commands::session::load_demo,
            commands::session::login,
            commands::session::logout,
            commands::session::current_session,
            commands::session::change_own_password,
            commands::summary::year_summary,
            commands::settings::commune_settings,
            commands::settings::suggest_superior,
            commands::settings::role_options,
            commands::settings::update_commune,
            commands::settings::add_year,
            commands::settings::list_accounts,
            commands::settings::create_account,
            commands::settings::update_account,
            commands::settings::reset_password,
            commands::settings::audit_log,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Không khởi động được ứng dụng CCHC Xã: {e}");
            std::process::exit(1);
        });
}
