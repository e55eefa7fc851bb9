//! The log at the command boundary: a failing command and a panicking one are both logged with
//! their kind, the host keeps answering after the panic, and no password ever reaches a log
//! file. One test, because logging is set up once per process.

use std::path::Path;
use std::sync::{Arc, Mutex};

use cchc_api::{ApiError, Client, Ctx, Host, NoEvents, Reply, Sessions, Transport};
use cchc_core::diagnostics::logging::{self, Program};
use cchc_core::people::{Account, Actor};
use serde_json::{json, Value};

#[derive(Default)]
struct TestSession(Mutex<Option<Actor>>);

impl Sessions for TestSession {
    fn begin(&self, _: &Host, account: &Account) -> Result<Option<String>, ApiError> {
        *self.0.lock().unwrap() = Some(account.actor());
        Ok(None)
    }
    fn end(&self, _: &Host) {
        *self.0.lock().unwrap() = None;
    }
}

fn call(
    host: &Host,
    session: &Arc<TestSession>,
    name: &str,
    args: Value,
) -> Result<Value, ApiError> {
    let actor = session.0.lock().unwrap().clone();
    let ctx = Ctx::new(
        actor,
        Client::default(),
        Transport::Desktop,
        Arc::new(NoEvents),
        session.clone(),
    );
    match cchc_api::dispatch(host, &ctx, name, args)? {
        Reply::Json(v) => Ok(v),
        other => panic!("{name}: unexpected reply {other:?}"),
    }
}

/// A criterion the caller may score that is not yet submitted or approved.
fn draft_leaf(nodes: &Value, scorable: &Value) -> Option<i64> {
    let mine: Vec<i64> = scorable
        .as_array()?
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    nodes.as_array()?.iter().find_map(|n| {
        let id = n["id"].as_i64()?;
        let open = matches!(n["leaf"]["state"].as_str(), Some("draft" | "returned"));
        if open && mine.contains(&id) {
            Some(id)
        } else {
            draft_leaf(&n["children"], scorable)
        }
    })
}

fn read_logs(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    all
}

#[test]
fn failures_and_panics_are_logged_and_secrets_are_not() {
    // SAFETY: set before any other thread of this test process reads the environment.
    unsafe { std::env::set_var(cchc_api::FAULT_PANIC_ENV, "dashboard") };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("xa");
    let logs = logging::init(&dir, Program::Host).expect("logging starts");
    let host = Host::open(Ok(dir.clone()));
    let session = Arc::new(TestSession::default());

    call(&host, &session, "load_demo", Value::Null).unwrap();
    let wrong = call(
        &host,
        &session,
        "login",
        json!({"username": "congchuc", "password": "sai-mat-khau-1"}),
    );
    assert_eq!(wrong.unwrap_err().kind, "bad_credentials");
    let logged_in = call(
        &host,
        &session,
        "login",
        json!({"username": "congchuc", "password": "demo1234"}),
    )
    .unwrap();
    let year = logged_in["commune"]["current_year"].as_i64().unwrap();

    // A command that panics answers with the Vietnamese message; the host goes on.
    let panicked = call(&host, &session, "dashboard", json!({ "year": year })).unwrap_err();
    assert_eq!(panicked.kind, "internal");
    assert_eq!(panicked.message, cchc_core::error::UNEXPECTED);
    let plan = call(&host, &session, "plan_screen", json!({ "year": year })).unwrap();
    assert!(plan["figures"].is_object(), "{plan}");

    // A command that fails on bad input.
    let refused = call(
        &host,
        &session,
        "save_task",
        json!({"year": year, "id": null, "input": {"content": "", "area_id": 1, "deadline": "", "status": "not_started"}}),
    )
    .unwrap_err();
    assert_eq!(refused.kind, "invalid");

    // Import a workbook (dry run) and score a criterion, as an officer's day goes.
    let template = tmp.path().join("mau nhiem vu.xlsx");
    call(
        &host,
        &session,
        "save_template",
        json!({"kind": "tasks", "year": year, "path": template}),
    )
    .unwrap();
    let outcome = call(
        &host,
        &session,
        "import_file",
        json!({"kind": "tasks", "path": template, "year": year, "dryRun": true, "from": null, "to": null}),
    )
    .unwrap();
    assert_eq!(outcome["applied"], json!(false));
    let screen = call(&host, &session, "scoring_screen", json!({ "year": year })).unwrap();
    let leaf = draft_leaf(&screen["sheet"]["nodes"], &screen["scorable"])
        .expect("the demo officer has a criterion to score");
    call(
        &host,
        &session,
        "score_criterion",
        json!({"id": leaf, "input": {"level": 0, "explanation": "Đã ban hành kế hoạch đúng hạn."}}),
    )
    .unwrap();
    let password_change = call(
        &host,
        &session,
        "change_own_password",
        json!({"current": "demo1234", "replacement": "Mat-khau-moi-2026"}),
    );
    password_change.unwrap();

    let text = read_logs(&logs);
    let line_of = |command: &str| {
        text.lines()
            .filter(|l| l.contains(&format!("command=\"{command}\"")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let dashboard = line_of("dashboard");
    assert!(dashboard.contains("kind=panic"), "{text}");
    assert!(
        text.contains("lỗi thử nghiệm do CCHC_FAULT_PANIC"),
        "the panic message: {text}"
    );
    assert!(
        text.contains("backtrace") || text.contains("cchc_api::"),
        "a backtrace: {text}"
    );
    assert!(line_of("save_task").contains("kind=invalid"), "{text}");
    assert!(line_of("login").contains("kind=bad_credentials"), "{text}");
    assert!(line_of("import_file").contains(" ok"), "{text}");
    assert!(line_of("score_criterion").contains("account="), "{text}");
    for secret in [
        "demo1234",
        "sai-mat-khau-1",
        "Mat-khau-moi-2026",
        "Nguyễn Thị Lan Anh",
    ] {
        assert!(
            !text.contains(secret),
            "“{secret}” leaked into the log:\n{text}"
        );
    }
}
