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
            eprintln!("Không hiển thị được thông báo: {e}");
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
        eprintln!("Không đặt được cỡ cửa sổ vừa màn hình: {e}");
    }
}

pub fn run() {
    let opened = store::resolve_data_dir(data_dir_flag())
        .and_then(|dir| cchc_core::Store::open(&dir).map(|s| (dir, s)));
    let notice = opened.as_ref().ok().and_then(|(_, store)| {
        cchc_core::plan::tasks::overdue_notice(&store.conn, cchc_core::clock::today())
            .ok()
            .flatten()
    });
    let app_state = state::AppState::new(opened);
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            fit_to_screen(app);
            notify_overdue(app.handle(), notice);
            Ok(())
        })
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
            commands::summary::dashboard,
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
            commands::settings::list_officers,
            commands::settings::save_officer,
            commands::plan::plan_screen,
            commands::plan::deadline_preview,
            commands::plan::search_tasks,
            commands::plan::save_task,
            commands::plan::mark_task_done,
            commands::plan::set_task_occurrence,
            commands::plan::delete_task,
            commands::plan::save_plan_reference,
            commands::plan::start_next_year_plan,
            commands::plan::list_areas,
            commands::plan::save_area,
            commands::sessions::sessions_screen,
            commands::sessions::search_sessions,
            commands::sessions::save_session,
            commands::sessions::delete_session,
            commands::sessions::pbgdpl_counters,
            commands::sessions::save_pbgdpl_counters,
            commands::onestop::onestop_year,
            commands::onestop::save_tthc_batch,
            commands::onestop::delete_tthc_batch,
            commands::onestop::save_tthc_catalogue,
            commands::onestop::save_tthc_targets,
            commands::onestop::save_indicators,
            commands::scoring::scoring_screen,
            commands::scoring::criterion_history,
            commands::scoring::assign_criterion,
            commands::scoring::score_criterion,
            commands::scoring::submit_criterion,
            commands::scoring::approval_preview,
            commands::scoring::approve_criterion,
            commands::scoring::return_criterion,
            commands::scoring::reopen_criterion,
            commands::scoring::appraise_criterion,
            commands::scoring::explain_criterion,
            commands::scoring::set_criterion_not_applicable,
            commands::scoring::add_criterion,
            commands::scoring::update_criterion,
            commands::scoring::delete_criterion,
            commands::scoring::copy_criteria,
            commands::scoring::submit_sheet,
            commands::scoring::approve_sheet,
            commands::scoring::set_approval_rule,
            commands::scoring::set_thresholds,
            commands::evidence::evidence_list,
            commands::evidence::evidence_for,
            commands::evidence::add_evidence,
            commands::evidence::replace_evidence_file,
            commands::evidence::link_evidence,
            commands::evidence::open_evidence,
            commands::evidence::pack_evidence,
            commands::import::import_file,
            commands::import::save_template,
            commands::import::export_table,
            commands::reports::report_options,
            commands::reports::report_settings,
            commands::reports::report_assessment,
            commands::reports::save_report_assessment,
            commands::reports::report_file_name,
            commands::reports::make_report,
            commands::reports::read_report,
            commands::reports::open_report,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Không khởi động được ứng dụng CCHC Xã: {e}");
            std::process::exit(1);
        });
}
