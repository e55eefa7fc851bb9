//! The office-network host from the outside: a real server on a loopback port, spoken to with
//! raw HTTP so that every header (Host, Cookie, X-CSRF-Token) is what the test says. These are
//! the security rules of the issue: no cookie → 401, an officer approving → 403, no anti-forgery
//! value → 403, a foreign Host → 421, guessing passwords → 429, a path out of the data folder or
//! `../` → refused, an expired session → 401; and the files and live events of the network.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::{call, login, request, start};
use serde_json::{json, Value};

fn year() -> i32 {
    2026
}

#[test]
fn who_may_call_what() {
    let s = start();
    // No session: the screens' data needs a log-in; the start screen does not.
    assert_eq!(
        call(&s, None, "dashboard", json!({"year": year()})).status,
        401
    );
    let start = call(&s, None, "app_status", json!({}));
    assert_eq!(start.status, 200);
    assert_eq!(
        start.json()["data_dir"],
        "trên máy chủ",
        "no host path for a client"
    );

    let officer = login(&s, "congchuc");
    assert_eq!(
        call(&s, Some(&officer), "dashboard", json!({"year": year()})).status,
        200
    );

    // Without the anti-forgery value, nothing a session may do goes through.
    let forged = request(
        &s,
        "POST",
        "/api/dashboard",
        &[
            ("Cookie", &format!("cchc_session={}", officer.cookie)),
            ("Content-Type", "application/json"),
        ],
        br#"{"year":2026}"#,
    );
    assert_eq!(forged.status, 403);
    assert_eq!(forged.json()["kind"], "forbidden");

    // An officer may not approve.
    let screen = call(
        &s,
        Some(&officer),
        "scoring_screen",
        json!({"year": year()}),
    )
    .json();
    let leaf = first_leaf(&screen["sheet"]["nodes"]).unwrap();
    let approve = call(&s, Some(&officer), "approve_criterion", json!({"id": leaf}));
    assert_eq!(
        approve.status,
        403,
        "{}",
        String::from_utf8_lossy(&approve.body)
    );

    // A page of another site may not call the host.
    let cross = request(
        &s,
        "POST",
        "/api/dashboard",
        &[
            ("Cookie", &format!("cchc_session={}", officer.cookie)),
            ("X-CSRF-Token", &officer.csrf),
            ("Origin", "http://evil.example"),
        ],
        br#"{"year":2026}"#,
    );
    assert_eq!(cross.status, 403);

    // A Host that is not this PC (DNS rebinding) is refused; this PC's own name is fine.
    let foreign = request(
        &s,
        "POST",
        "/api/app_status",
        &[("Host", "evil.example:8765")],
        b"{}",
    );
    assert_eq!(foreign.status, 421);
    let named = request(
        &s,
        "POST",
        "/api/app_status",
        &[("Host", "may-chu:8765")],
        b"{}",
    );
    assert_eq!(named.status, 200);

    // Log-out ends the session for good.
    let out = call(&s, Some(&officer), "logout", json!({}));
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(
        call(&s, Some(&officer), "dashboard", json!({"year": year()})).status,
        401
    );
}

fn first_leaf(nodes: &Value) -> Option<i64> {
    nodes.as_array()?.iter().find_map(|n| {
        if n["children"].as_array().is_some_and(|c| c.is_empty()) {
            n["id"].as_i64()
        } else {
            first_leaf(&n["children"])
        }
    })
}

#[test]
fn password_guessing_is_slowed_and_sessions_expire() {
    let s = start();
    for _ in 0..5 {
        let wrong = call(
            &s,
            None,
            "login",
            json!({"username": "chutich", "password": "doan-thu"}),
        );
        assert_eq!(wrong.status, 401);
    }
    let blocked = call(
        &s,
        None,
        "login",
        json!({"username": "chutich", "password": "demo1234"}),
    );
    assert_eq!(blocked.status, 429);
    assert!(blocked.json()["message"]
        .as_str()
        .unwrap()
        .contains("một phút"));
    // Other accounts are not blocked.
    let chairman_blocked_only = login(&s, "congchuc");

    // A session idle for more than 8 hours is over.
    let db = rusqlite::Connection::open(s.dir.join("cchc.sqlite")).unwrap();
    db.execute(
        "UPDATE client_session SET last_seen_at = datetime('now', 'localtime', '-9 hours')",
        [],
    )
    .unwrap();
    let expired = call(
        &s,
        Some(&chairman_blocked_only),
        "dashboard",
        json!({"year": year()}),
    );
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json()["kind"], "not_logged_in");
}

#[test]
fn files_stay_inside_the_data_folder() {
    let s = start();
    let officer = login(&s, "congchuc");
    // A host path from a client is refused, whatever it is.
    let passwd = call(
        &s,
        Some(&officer),
        "import_file",
        json!({"kind": "tasks", "path": "/etc/passwd", "year": year(), "dryRun": true, "from": null, "to": null}),
    );
    assert_eq!(passwd.status, 403);
    let escape = call(
        &s,
        Some(&officer),
        "save_template",
        json!({"kind": "tasks", "year": year(), "path": "download:0123456789abcdef/../../../../cchc.sqlite"}),
    );
    // The name is reduced to its last part inside the transfers folder (here refused for its
    // extension); the database is never touched.
    assert_eq!(
        escape.status,
        400,
        "{}",
        String::from_utf8_lossy(&escape.body)
    );
    let db = rusqlite::Connection::open(s.dir.join("cchc.sqlite")).unwrap();
    let tasks: i64 = db
        .query_row("SELECT count(*) FROM task", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tasks, 20);
    let cookie = format!("cchc_session={}", officer.cookie);
    let dotdot = request(
        &s,
        "GET",
        "/api/download/..%2F..%2Fcchc.sqlite",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(dotdot.status, 404);
    let traversal = request(
        &s,
        "GET",
        "/api/download/../../cchc.sqlite",
        &[("Cookie", &cookie)],
        b"",
    );
    assert!(
        matches!(traversal.status, 404 | 400),
        "{}",
        traversal.status
    );

    // A template written for this browser, downloaded with its name.
    let asked = call(
        &s,
        Some(&officer),
        "save_template",
        json!({"kind": "tasks", "year": year(), "path": "download:aaaabbbbccccdddd1111/mẫu nhiệm vụ.xlsx"}),
    );
    assert_eq!(
        asked.status,
        200,
        "{}",
        String::from_utf8_lossy(&asked.body)
    );
    let got = request(
        &s,
        "GET",
        "/api/download/aaaabbbbccccdddd1111",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(got.status, 200);
    assert!(got.body.starts_with(b"PK"), "an xlsx");
    let disposition = got.header("content-disposition").unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''m%E1%BA%AB"),
        "{disposition}"
    );
    // Another user's session cannot fetch it.
    let chairman = login(&s, "chutich");
    let other = request(
        &s,
        "GET",
        "/api/download/aaaabbbbccccdddd1111",
        &[("Cookie", &format!("cchc_session={}", chairman.cookie))],
        b"",
    );
    assert_eq!(other.status, 404);

    // The same file uploaded back and checked by the import, which only sees its upload id.
    let upload = request(
        &s,
        "POST",
        "/api/upload?name=m%E1%BA%ABu.xlsx",
        &[("Cookie", &cookie), ("X-CSRF-Token", &officer.csrf)],
        &got.body,
    );
    assert_eq!(
        upload.status,
        200,
        "{}",
        String::from_utf8_lossy(&upload.body)
    );
    let id = upload.json()["upload"].as_str().unwrap().to_string();
    let checked = call(
        &s,
        Some(&officer),
        "import_file",
        json!({"kind": "tasks", "path": id, "year": year(), "dryRun": true, "from": null, "to": null}),
    );
    assert_eq!(
        checked.status,
        200,
        "{}",
        String::from_utf8_lossy(&checked.body)
    );
    assert_eq!(checked.json()["applied"], false);
    // The chairman cannot use the officer's upload.
    let stolen = call(
        &s,
        Some(&chairman),
        "import_file",
        json!({"kind": "tasks", "path": id, "year": year(), "dryRun": true, "from": null, "to": null}),
    );
    assert_eq!(stolen.status, 404);
    // A corrupted upload is refused when the client says what it sent.
    let bad = request(
        &s,
        "POST",
        "/api/upload?name=a.pdf",
        &[
            ("Cookie", &cookie),
            ("X-CSRF-Token", &officer.csrf),
            ("X-Content-SHA256", "00"),
        ],
        b"%PDF-1.4 noi dung",
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn other_clients_hear_of_a_change() {
    let s = start();
    let officer = login(&s, "congchuc");
    let chairman = login(&s, "chutich");
    // The officer's screen listens.
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: {}\r\nCookie: cchc_session={}\r\n\r\n",
        s.addr, officer.cookie
    )
    .unwrap();
    let mut buf = [0u8; 512];
    let n = stream.read(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    // The chairman changes the plan's reference.
    let saved = call(
        &s,
        Some(&chairman),
        "save_plan_reference",
        json!({"year": year(), "docNumber": "05/KH-UBND", "issuedOn": "2026-01-15"}),
    );
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    let mut seen = String::new();
    while !seen.contains("\"area\":\"plan\"") {
        let n = stream.read(&mut buf).expect("an event within seconds");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("event: change"), "{seen}");
    assert!(seen.contains("\"year\":2026"), "{seen}");
}

#[test]
fn the_audit_log_names_the_pc() {
    let s = start();
    let officer = login(&s, "congchuc");
    let saved = call(
        &s,
        Some(&officer),
        "save_plan_reference",
        json!({"year": year(), "docNumber": "07/KH-UBND", "issuedOn": "2026-01-20"}),
    );
    assert_eq!(saved.status, 200);
    let db = rusqlite::Connection::open(s.dir.join("cchc.sqlite")).unwrap();
    let client: String = db
        .query_row(
            "SELECT client_address FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(client, "127.0.0.1");
}

/// Backups over the network: an admin of another PC downloads one, and the history says so
/// without a host path; choosing the host's folder and restoring happen on the host only; the
/// check's report names the data folder in words.
#[test]
fn backups_from_another_pc_are_downloads_and_restores_stay_on_the_host() {
    let s = start();
    let admin = login(&s, "quantri");
    let cookie = format!("cchc_session={}", admin.cookie);
    let panel = call(&s, Some(&admin), "backup_panel", json!({}));
    assert_eq!(
        panel.status,
        200,
        "{}",
        String::from_utf8_lossy(&panel.body)
    );
    assert_eq!(panel.json()["on_host"], false);
    let name = panel.json()["file_name"].as_str().unwrap().to_string();

    let made = call(
        &s,
        Some(&admin),
        "make_backup",
        json!({"path": format!("download:0f0f0f0f0f0f0f0f1111/{name}")}),
    );
    assert_eq!(made.status, 200, "{}", String::from_utf8_lossy(&made.body));
    let record_path = made.json()["record"]["path"].as_str().unwrap().to_string();
    assert_eq!(record_path, format!("Tải về máy 127.0.0.1: {name}"));
    assert!(
        !String::from_utf8_lossy(&made.body).contains(&s.dir.display().to_string()),
        "no host path in the answer: {}",
        String::from_utf8_lossy(&made.body)
    );
    let got = request(
        &s,
        "GET",
        "/api/download/0f0f0f0f0f0f0f0f1111",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(got.status, 200);
    assert!(got.body.starts_with(b"PK"), "a zip");
    assert!(got
        .header("content-disposition")
        .unwrap()
        .contains(".cchcbak"));

    let folder = call(
        &s,
        Some(&admin),
        "set_backup_folder",
        json!({"folder": s.dir.parent().unwrap()}),
    );
    assert_eq!(folder.status, 403);
    assert!(folder.json()["message"]
        .as_str()
        .unwrap()
        .contains("trên máy chủ"));
    for (command, args) in [
        (
            "preview_backup",
            json!({"path": "upload:0123456789abcdef0123"}),
        ),
        (
            "restore_backup",
            json!({"path": "upload:0123456789abcdef0123"}),
        ),
        (
            "restore_first_start",
            json!({"path": "upload:0123456789abcdef0123"}),
        ),
    ] {
        let refused = call(&s, Some(&admin), command, args);
        assert_eq!(refused.status, 403, "{command}");
        assert!(
            refused.json()["message"]
                .as_str()
                .unwrap()
                .contains("Chỉ khôi phục được trên máy chủ"),
            "{command}: {}",
            String::from_utf8_lossy(&refused.body)
        );
    }

    let checked = call(&s, Some(&admin), "check_data", json!({"full": false}));
    assert_eq!(checked.status, 200);
    let dir = s.dir.display().to_string();
    assert!(
        !String::from_utf8_lossy(&checked.body).contains(&dir),
        "no host path in the check"
    );
    // An officer of another PC sees only whether to worry.
    let officer = login(&s, "congchuc");
    assert_eq!(
        call(&s, Some(&officer), "check_data", json!({})).status,
        403
    );
    let health = call(&s, Some(&officer), "data_health", json!({}));
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["can_fix"], false);
}

#[test]
fn a_browser_gets_the_annotated_copy_of_its_upload() {
    let s = start();
    let officer = login(&s, "congchuc");
    let cookie = format!("cchc_session={}", officer.cookie);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, v) in ["STT", "Nội dung nhiệm vụ", "Thời hạn"].iter().enumerate() {
        ws.write_string(0, c as u16, *v).unwrap();
    }
    ws.write_string(1, 0, "1").unwrap();
    ws.write_string(1, 1, "Tập huấn kỹ năng số cho công chức")
        .unwrap();
    ws.write_string(1, 2, "khi nào xong").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let upload = request(
        &s,
        "POST",
        "/api/upload?name=ke-hoach.xlsx",
        &[("Cookie", &cookie), ("X-CSRF-Token", &officer.csrf)],
        &bytes,
    );
    assert_eq!(upload.status, 200);
    let id = upload.json()["upload"].as_str().unwrap().to_string();
    let annotate = |out: &str| {
        call(
            &s,
            Some(&officer),
            "annotate_import",
            json!({"kind": "tasks", "path": id, "year": year(), "from": null, "to": null, "out": out}),
        )
    };
    // Never a host path, nor the upload itself.
    assert_eq!(annotate("/tmp/ban-sao.xlsx").status, 403);
    assert_eq!(annotate(&id).status, 403);

    let made = annotate("download:ccccddddeeeeffff2222/ke-hoach - danh dau loi.xlsx");
    assert_eq!(made.status, 200, "{}", String::from_utf8_lossy(&made.body));
    // The unreadable deadline, and the area the sheet does not give.
    assert_eq!(made.json()["problems"], 2);
    let got = request(
        &s,
        "GET",
        "/api/download/ccccddddeeeeffff2222",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(got.status, 200);
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(got.body)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Danh sách lỗi", "Sheet1"]);
    let list = book.worksheet_range("Danh sách lỗi").unwrap();
    let cells: Vec<String> = (3..5)
        .map(|r| list.get_value((r, 2)).unwrap().to_string())
        .collect();
    assert!(cells.contains(&"C2".to_string()), "{cells:?}");
}

#[test]
fn two_users_on_one_task_the_second_is_told_and_nothing_is_overwritten() {
    let s = start();
    let officer = login(&s, "congchuc");
    let chairman = login(&s, "chutich");
    let tasks = call(
        &s,
        Some(&officer),
        "search_tasks",
        json!({"year": year(), "filter": {}}),
    )
    .json();
    let task = &tasks.as_array().unwrap()[0];
    let id = task["id"].as_i64().unwrap();
    let version = task["version"].as_i64().unwrap();
    let input = |result: &str| {
        json!({
            "content": task["content"], "area_id": task["area_id"],
            "lead_officer_id": task["lead_officer_id"], "coordinators": task["coordinators"],
            "deadline": task["deadline_text"], "product": task["product"],
            "status": task["status"], "completed_on": task["completed_on"],
            "result": result, "reason": task["reason"], "solution": task["solution"],
        })
    };
    // Both opened the task at the same version; the chairman saves first.
    let first = call(
        &s,
        Some(&chairman),
        "save_task",
        json!({"year": year(), "id": id, "input": input("Chủ tịch ghi kết quả"), "version": version}),
    );
    assert_eq!(
        first.status,
        200,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    let second = call(
        &s,
        Some(&officer),
        "save_task",
        json!({"year": year(), "id": id, "input": input("Công chức ghi đè"), "version": version}),
    );
    assert_eq!(second.status, 409);
    assert_eq!(second.json()["kind"], "stale");
    let message = second.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("vừa được Trần Văn Hùng sửa lúc"),
        "{message}"
    );
    let now = call(
        &s,
        Some(&officer),
        "search_tasks",
        json!({"year": year(), "filter": {}}),
    )
    .json();
    let saved = now
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap();
    assert_eq!(
        saved["result"], "Chủ tịch ghi kết quả",
        "the first save stands"
    );
    assert_eq!(saved["version"].as_i64(), Some(version + 1));
    // Reloaded, the officer saves on the new version.
    let again = call(
        &s,
        Some(&officer),
        "save_task",
        json!({"year": year(), "id": id, "input": input("Công chức ghi sau khi tải lại"), "version": version + 1}),
    );
    assert_eq!(
        again.status,
        200,
        "{}",
        String::from_utf8_lossy(&again.body)
    );
}
