//! cchc-api: the commands the screens call, declared once. The one list below builds the router
//! that both transports use: the desktop app's IPC (src-tauri) and the office-network host
//! (`cchc serve`), so a command cannot exist for one and be missing from the other. Each command
//! is a thin adapter, `fn(&Host, &Ctx, Args) -> Result<Answer>`: parse, take the actor from
//! `Ctx`, call cchc-core, map the error. Every call is logged (name, duration, account id,
//! outcome) and a panic inside one is caught here, logged with its backtrace, and answered with
//! a Vietnamese message, so the app keeps working.

pub mod commands;
pub mod ctx;
pub mod error;
pub mod files;
pub mod host;
pub mod http;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub use ctx::{Client, Ctx, Events, NoEvents, Sessions, Transport};
pub use error::{ApiError, Result};
pub use host::{Change, Host};

/// What a command answers.
#[derive(Debug)]
pub enum Reply {
    Json(Value),
    /// A file's bytes (a PDF for the preview), sent raw rather than as JSON.
    Bytes {
        data: Vec<u8>,
        file_name: String,
        mime: &'static str,
    },
    /// A file on the host to open with the PC's own program: the desktop app opens it; over
    /// the network the client downloads it instead.
    Open(PathBuf),
}

/// Arguments of a command that takes none.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoArgs {}

fn json<A: DeserializeOwned, R: Serialize>(
    host: &Host,
    ctx: &Ctx,
    name: &str,
    args: Value,
    f: fn(&Host, &Ctx, A) -> Result<R>,
) -> Result<Reply> {
    let answer = f(host, ctx, parse(name, args)?)?;
    serde_json::to_value(answer)
        .map(Reply::Json)
        .map_err(|e| ApiError::new("internal", format!("Không gửi được kết quả: {e}")))
}

fn reply<A: DeserializeOwned>(
    host: &Host,
    ctx: &Ctx,
    name: &str,
    args: Value,
    f: fn(&Host, &Ctx, A) -> Result<Reply>,
) -> Result<Reply> {
    f(host, ctx, parse(name, args)?)
}

fn parse<A: DeserializeOwned>(name: &str, args: Value) -> Result<A> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| ApiError::bad_arguments(name, &e))
}

/// Declares the commands: `name => function, how it answers, "the area it changes";` (an
/// empty area: it only reads). The list makes `route`, `COMMANDS` and `area_of`; nothing else
/// names a command.
macro_rules! commands {
    ($($name:ident => $f:path, $how:ident, $area:literal;)*) => {
        /// Every command's name, as the screens call it.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The area of the office's work a command changes; None for one that only reads.
        pub fn area_of(name: &str) -> Option<&'static str> {
            match name {
                $(stringify!($name) => Some($area).filter(|a| !a.is_empty()),)*
                _ => None,
            }
        }

        fn route(host: &Host, ctx: &Ctx, name: &str, args: Value) -> Result<Reply> {
            match name {
                $(stringify!($name) => $how(host, ctx, name, args, $f),)*
                _ => Err(ApiError::unknown_command(name)),
            }
        }
    };
}

use commands::*;

commands! {
    app_status => session::app_status, json, "";
    setup_commune => session::setup_commune, json, "commune";
    create_first_account => session::create_first_account, json, "accounts";
    load_demo => session::load_demo, json, "commune";
    login => session::login, json, "";
    logout => session::logout, json, "";
    current_session => session::current_session, json, "";
    change_own_password => session::change_own_password, json, "accounts";
    dashboard => summary::dashboard, json, "";
    summary => summary::summary, json, "";
    commune_settings => settings::commune_settings, json, "";
    suggest_superior => settings::suggest_superior, json, "";
    role_options => settings::role_options, json, "";
    update_commune => settings::update_commune, json, "commune";
    add_year => settings::add_year, json, "commune";
    list_accounts => settings::list_accounts, json, "";
    create_account => settings::create_account, json, "accounts";
    update_account => settings::update_account, json, "accounts";
    reset_password => settings::reset_password, json, "accounts";
    audit_log => settings::audit_log, json, "";
    list_officers => settings::list_officers, json, "";
    save_officer => settings::save_officer, json, "officers";
    plan_screen => plan::plan_screen, json, "";
    deadline_preview => plan::deadline_preview, json, "";
    search_tasks => plan::search_tasks, json, "";
    save_task => plan::save_task, json, "plan";
    mark_task_done => plan::mark_task_done, json, "plan";
    set_task_occurrence => plan::set_task_occurrence, json, "plan";
    delete_task => plan::delete_task, json, "plan";
    save_plan_reference => plan::save_plan_reference, json, "plan";
    start_next_year_plan => plan::start_next_year_plan, json, "plan";
    list_areas => plan::list_areas, json, "";
    save_area => plan::save_area, json, "plan";
    sessions_screen => sessions::sessions_screen, json, "";
    search_sessions => sessions::search_sessions, json, "";
    save_session => sessions::save_session, json, "sessions";
    delete_session => sessions::delete_session, json, "sessions";
    pbgdpl_counters => sessions::pbgdpl_counters, json, "";
    save_pbgdpl_counters => sessions::save_pbgdpl_counters, json, "sessions";
    onestop_year => onestop::onestop_year, json, "";
    save_tthc_batch => onestop::save_tthc_batch, json, "onestop";
    delete_tthc_batch => onestop::delete_tthc_batch, json, "onestop";
    save_tthc_catalogue => onestop::save_tthc_catalogue, json, "onestop";
    save_tthc_targets => onestop::save_tthc_targets, json, "onestop";
    save_indicators => onestop::save_indicators, json, "onestop";
    scoring_screen => scoring::scoring_screen, json, "";
    criterion_history => scoring::criterion_history, json, "";
    assign_criterion => scoring::assign_criterion, json, "scoring";
    score_criterion => scoring::score_criterion, json, "scoring";
    submit_criterion => scoring::submit_criterion, json, "scoring";
    approval_preview => scoring::approval_preview, json, "";
    approve_criterion => scoring::approve_criterion, json, "scoring";
    return_criterion => scoring::return_criterion, json, "scoring";
    reopen_criterion => scoring::reopen_criterion, json, "scoring";
    appraise_criterion => scoring::appraise_criterion, json, "scoring";
    explain_criterion => scoring::explain_criterion, json, "scoring";
    set_criterion_not_applicable => scoring::set_criterion_not_applicable, json, "scoring";
    add_criterion => scoring::add_criterion, json, "scoring";
    update_criterion => scoring::update_criterion, json, "scoring";
    delete_criterion => scoring::delete_criterion, json, "scoring";
    copy_criteria => scoring::copy_criteria, json, "scoring";
    submit_sheet => scoring::submit_sheet, json, "scoring";
    approve_sheet => scoring::approve_sheet, json, "scoring";
    set_thresholds => scoring::set_thresholds, json, "scoring";
    set_approval_rule => scoring::set_approval_rule, json, "scoring";
    evidence_list => evidence::evidence_list, json, "";
    evidence_for => evidence::evidence_for, json, "";
    add_evidence => evidence::add_evidence, json, "evidence";
    replace_evidence_file => evidence::replace_evidence_file, json, "evidence";
    link_evidence => evidence::link_evidence, json, "evidence";
    open_evidence => evidence::open_evidence, reply, "";
    pack_evidence => evidence::pack_evidence, json, "";
    import_file => import::import_file, json, "import";
    annotate_import => import::annotate_import, json, "";
    import_years => import::import_years, json, "";
    save_template => import::save_template, json, "";
    export_table => import::export_table, json, "";
    report_options => reports::report_options, json, "";
    report_settings => reports::report_settings, json, "";
    report_assessment => reports::report_assessment, json, "";
    save_report_assessment => reports::save_report_assessment, json, "reports";
    report_file_name => reports::report_file_name, json, "";
    make_report => reports::make_report, json, "";
    read_report => reports::read_report, reply, "";
    open_report => reports::open_report, reply, "";
    plan_texts => documents::plan_texts, json, "";
    save_plan_texts => documents::save_plan_texts, json, "plan";
    dossier_preflight => dossier::dossier_preflight, json, "";
    make_dossier => dossier::make_dossier, json, "";
    verify_dossier => dossier::verify_dossier, json, "";
    open_received_dossier => dossier::open_received_dossier, json, "";
    open_dossier_file => dossier::open_dossier_file, reply, "";
    diagnostics_info => diagnostics::diagnostics_info, json, "";
    make_diagnostics => diagnostics::make_diagnostics, json, "";
    set_log_level => diagnostics::set_log_level, json, "";
    backup_panel => backup::backup_panel, json, "";
    make_backup => backup::make_backup, json, "backup";
    backup_to_folder => backup::backup_to_folder, json, "backup";
    set_backup_folder => backup::set_backup_folder, json, "backup";
    preview_backup => backup::preview_backup, json, "";
    restore_backup => backup::restore_backup, json, "restore";
    restore_first_start => backup::restore_first_start, json, "restore";
    check_data => backup::check_data, json, "";
    prune_orphans => backup::prune_orphans, json, "evidence";
    data_health => backup::data_health, json, "";
    network_status => network::network_status, json, "";
    set_network => network::set_network, json, "network";
    test_network => network::test_network, json, "";
    client_sessions => network::client_sessions, json, "";
    end_client_session => network::end_client_session, json, "accounts";
}

/// Whether `name` is a command of the list.
pub fn is_command(name: &str) -> bool {
    COMMANDS.contains(&name)
}

/// Runs one command for one client: routes it, logs it, turns a panic into an answer, and
/// tells the other clients what a successful change touched.
pub fn dispatch(host: &Host, ctx: &Ctx, name: &str, args: Value) -> Result<Reply> {
    let year = args
        .get("year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok());
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        fault::maybe_panic(name);
        route(host, ctx, name, args)
    }));
    let ms = started.elapsed().as_millis() as u64;
    let account = ctx.account_id();
    let transport = ctx.transport;
    let client = ctx.client.address.as_str();
    match outcome {
        Ok(Ok(reply)) => {
            tracing::info!(command = name, ms, account, ?transport, client, "ok");
            if let Some(area) = area_of(name) {
                host.publish(Change {
                    area,
                    year,
                    account,
                });
            }
            Ok(reply)
        }
        Ok(Err(e)) => {
            if e.is_host_failure() {
                tracing::error!(command = name, ms, account, ?transport, client, kind = %e.kind, "{}", e.message);
            } else {
                tracing::warn!(command = name, ms, account, ?transport, client, kind = %e.kind, "{}", e.message);
            }
            Err(e.for_transport(transport))
        }
        Err(_) => {
            // The panic hook has logged the message, the place and the backtrace.
            tracing::error!(command = name, ms, account, ?transport, client, kind = %"panic", "lệnh bị dừng bất thường");
            Err(ApiError::unexpected())
        }
    }
}

/// A deliberate panic in a named command, for the tests that prove a panic is caught and
/// logged. Debug builds only; a release build has no such switch.
mod fault {
    pub const ENV: &str = "CCHC_FAULT_PANIC";

    #[cfg(debug_assertions)]
    pub fn maybe_panic(name: &str) {
        if std::env::var(ENV).is_ok_and(|c| c == name) {
            panic!("lỗi thử nghiệm do {ENV} gây ra trong lệnh {name}");
        }
    }

    #[cfg(not(debug_assertions))]
    pub fn maybe_panic(_: &str) {}
}

pub use fault::ENV as FAULT_PANIC_ENV;
