//! The plan document and the appraisal dossier through the commands: over the office network
//! (the dossier made as a download, uploaded back, checked and read; the plan printed with a
//! number issuing the reports' reference; the plan texts kept) and on a desktop PC with no
//! commune data and nobody logged in, as an appraising body uses the program.

mod common;

use std::sync::Arc;

use cchc_api::{Client, Ctx, Host, NoEvents, Reply, Transport};
use common::{call, login, request, start};
use serde_json::{json, Value};

#[derive(Default)]
struct NoSession;

impl cchc_api::Sessions for NoSession {
    fn begin(
        &self,
        _: &Host,
        _: &cchc_core::people::Account,
    ) -> Result<Option<String>, cchc_api::ApiError> {
        Ok(None)
    }
    fn end(&self, _: &Host) {}
}

fn first_evidence(nodes: &Value) -> Option<String> {
    nodes.as_array()?.iter().find_map(|n| {
        n["evidence"][0]["path"]
            .as_str()
            .map(str::to_string)
            .or_else(|| first_evidence(&n["children"]))
    })
}

#[test]
fn a_dossier_over_the_network_downloads_uploads_back_and_verifies() {
    let s = start();
    // Nobody logged in may not check a dossier on the host.
    assert_eq!(
        call(
            &s,
            None,
            "verify_dossier",
            json!({"path": "upload:0123456789abcdef"})
        )
        .status,
        401
    );
    let officer = login(&s, "congchuc");
    let pre = call(
        &s,
        Some(&officer),
        "dossier_preflight",
        json!({"year": 2026}),
    )
    .json();
    assert_eq!(pre["ready"], false);
    assert!(pre["problems"][0].as_str().unwrap().contains("chưa duyệt"));
    let pre = call(
        &s,
        Some(&officer),
        "dossier_preflight",
        json!({"year": 2025}),
    )
    .json();
    assert_eq!(pre["ready"], true, "{pre}");

    // The unapproved year: refused, nothing to download.
    let mut req = json!({
        "year": 2026,
        "letter": "to_trinh",
        "date": "2026-01-10",
        "settings": pre["to_trinh"].clone(),
    });
    let refused = call(
        &s,
        Some(&officer),
        "make_dossier",
        json!({"request": req, "out": "download:bbbbccccddddeeee0001/ho-so.zip"}),
    );
    assert_eq!(refused.status, 400);
    assert!(refused.json()["message"]
        .as_str()
        .unwrap()
        .contains("chưa ghi tệp nào"));
    let cookie = format!("cchc_session={}", officer.cookie);
    let none = request(
        &s,
        "GET",
        "/api/download/bbbbccccddddeeee0001",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(none.status, 404);

    req["year"] = json!(2025);
    req["settings"]["number"] = json!("21");
    let made = call(
        &s,
        Some(&officer),
        "make_dossier",
        json!({"request": req, "out": "download:bbbbccccddddeeee0002/ho-so.zip"}),
    );
    assert_eq!(made.status, 200, "{}", String::from_utf8_lossy(&made.body));
    let made = made.json();
    assert_eq!(
        made["path"], "download:bbbbccccddddeeee0002/ho-so.zip",
        "no host path"
    );
    let zip = request(
        &s,
        "GET",
        "/api/download/bbbbccccddddeeee0002",
        &[("Cookie", &cookie)],
        b"",
    );
    assert_eq!(zip.status, 200);
    let bytes = zip.body.clone();
    assert!(bytes.starts_with(b"PK"));
    // The letter's number is remembered for the next dossier.
    let again = call(
        &s,
        Some(&officer),
        "dossier_preflight",
        json!({"year": 2025}),
    )
    .json();
    assert_eq!(again["to_trinh"]["number"], "21/TTr-UBND");

    let upload = request(
        &s,
        "POST",
        "/api/upload?name=ho-so.zip",
        &[("Cookie", &cookie), ("X-CSRF-Token", &officer.csrf)],
        &bytes,
    );
    assert_eq!(upload.status, 200);
    let id = upload.json()["upload"].as_str().unwrap().to_string();
    let v = call(&s, Some(&officer), "verify_dossier", json!({"path": id})).json();
    assert_eq!(v["intact"], true, "{v}");
    assert_eq!(v["code"], made["code"]);
    let received = call(
        &s,
        Some(&officer),
        "open_received_dossier",
        json!({"path": id}),
    )
    .json();
    assert_eq!(received["sheet"]["year"], 2025);
    let file = call(
        &s,
        Some(&officer),
        "open_dossier_file",
        json!({"path": id, "entry": "02-bao-cao-tu-danh-gia.pdf"}),
    );
    assert_eq!(file.status, 200);
    assert!(file.body.starts_with(b"%PDF-"));
    // A host path is never read for a client.
    let host_path = call(
        &s,
        Some(&officer),
        "verify_dossier",
        json!({"path": "/etc/passwd"}),
    );
    assert_eq!(host_path.status, 403);
}

#[test]
fn the_plan_document_saved_with_a_number_issues_the_plan_and_its_texts_are_kept() {
    let s = start();
    let officer = login(&s, "congchuc");
    let texts = call(&s, Some(&officer), "plan_texts", json!({"year": 2026})).json();
    assert!(texts["purpose"].as_str().unwrap().contains("Mục đích"));
    let saved = call(
        &s,
        Some(&officer),
        "save_plan_texts",
        json!({"year": 2026, "texts": {"purpose": "  Phục vụ người dân tốt hơn.  ", "organisation": "Các bộ phận phối hợp."}}),
    );
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    assert_eq!(saved.json()["purpose"], "Phục vụ người dân tốt hơn.");
    assert_eq!(saved.json()["saved"], true);

    let mut settings = call(
        &s,
        Some(&officer),
        "report_settings",
        json!({"kind": "plan_document"}),
    )
    .json();
    settings["number"] = json!("4");
    let request = |out: Value| {
        json!({"request": {
            "kind": "plan_document", "year": 2026, "period": "year", "date": "2026-01-08",
            "settings": settings, "format": "pdf", "out": out,
        }})
    };
    // A preview issues nothing.
    let before = call(&s, Some(&officer), "plan_screen", json!({"year": 2026})).json();
    let preview = call(&s, Some(&officer), "make_report", request(Value::Null));
    // Over the network a preview must name its download.
    assert_eq!(preview.status, 400);
    let made = call(
        &s,
        Some(&officer),
        "make_report",
        request(json!("download:ccccddddeeeeffff0001/ke-hoach.pdf")),
    );
    assert_eq!(made.status, 200, "{}", String::from_utf8_lossy(&made.body));
    assert_eq!(
        made.json()["citation"],
        "Kế hoạch số 04/KH-UBND ngày 08/01/2026"
    );
    let after = call(&s, Some(&officer), "plan_screen", json!({"year": 2026})).json();
    assert_ne!(before["info"], after["info"]);
    assert_eq!(
        after["info"]["doc_number"], "04/KH-UBND",
        "{}",
        after["info"]
    );
}

fn desktop(host: &Host, name: &str, args: Value) -> Result<Reply, cchc_api::ApiError> {
    let ctx = Ctx::new(
        None,
        Client::default(),
        Transport::Desktop,
        Arc::new(NoEvents),
        Arc::new(NoSession),
    );
    cchc_api::dispatch(host, &ctx, name, args)
}

#[test]
fn a_pc_with_no_commune_checks_and_reads_a_dossier_without_logging_in() {
    // The commune makes its dossier.
    let commune = tempfile::tempdir().unwrap();
    let mut store = cchc_core::Store::open(commune.path()).unwrap();
    let evidence = store.evidence_dir();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    cchc_core::demo::load(&mut store.conn, &evidence, 2026, today).unwrap();
    let pre = cchc_core::dossier::preflight(&store.conn, 2025, today).unwrap();
    let zip = commune.path().join("ho-so.zip");
    let req = cchc_core::dossier::DossierRequest {
        year: 2025,
        letter: cchc_core::dossier::LetterKind::ToTrinh,
        date: today,
        settings: pre.to_trinh,
    };
    cchc_core::dossier::make(&store.conn, &evidence, &req, today, &zip, &mut |_| {}).unwrap();

    // The appraising body's PC: a fresh data folder, no commune, nobody logged in.
    let appraiser = tempfile::tempdir().unwrap();
    let host = Host::open(Ok(appraiser.path().join("du-lieu")));
    let path = zip.to_str().unwrap();
    let Reply::Json(v) = desktop(&host, "verify_dossier", json!({"path": path})).unwrap() else {
        panic!("json")
    };
    assert_eq!(v["intact"], true);
    let Reply::Json(r) = desktop(&host, "open_received_dossier", json!({"path": path})).unwrap()
    else {
        panic!("json")
    };
    let first = first_evidence(&r["sheet"]["nodes"]).unwrap();
    let Reply::Open(copy) = desktop(
        &host,
        "open_dossier_file",
        json!({"path": path, "entry": first}),
    )
    .unwrap() else {
        panic!("open")
    };
    assert!(copy.is_file());
    // What needs the commune's data still asks for a log-in.
    let e = desktop(&host, "dossier_preflight", json!({"year": 2025})).unwrap_err();
    assert_eq!(e.kind, "not_logged_in", "{}", e.message);
}
