//! The chairman's approval on the demo commune: the confirmation lists what he approves, the
//! total and the criteria without evidence; by default those wait for evidence, a commune
//! setting (audited) lets them through; the approval takes exactly what the confirmation
//! showed, or nothing.

use cchc_core::people::{self, Actor};
use cchc_core::scoring::approval;
use cchc_core::scoring::sheet;
use cchc_core::scoring::workflow::{Scope, State};
use cchc_core::{audit, db, demo, evidence};
use chrono::NaiveDate;
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo_commune() -> (Connection, tempfile::TempDir) {
    let mut conn = db::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    demo::load(&mut conn, dir.path(), 2026, today()).unwrap();
    (conn, dir)
}

fn as_user(conn: &Connection, username: &str) -> Actor {
    people::login(conn, username, demo::PASSWORD)
        .unwrap()
        .actor()
}

fn states(conn: &Connection) -> Vec<(String, State)> {
    let mut out = Vec::new();
    fn walk(nodes: &[sheet::Node], out: &mut Vec<(String, State)>) {
        for n in nodes {
            if let Some(l) = &n.leaf {
                out.push((n.full_code.clone(), l.state));
            }
            walk(&n.children, out);
        }
    }
    walk(&sheet::sheet(conn, 2026, today()).unwrap().nodes, &mut out);
    out
}

#[test]
fn the_confirmation_names_what_is_approved_and_what_lacks_evidence() {
    let (conn, _dir) = demo_commune();
    let p = approval::preview(&conn, Scope::Sheet(2026)).unwrap();
    assert!(
        !p.allow_without_evidence,
        "the default: evidence is mandatory"
    );
    let codes: Vec<&str> = p.items.iter().map(|i| i.full_code.as_str()).collect();
    assert_eq!(codes, vec!["I.4.1", "I.4.2", "III.3", "III.4", "VII.2"]);
    assert_eq!(p.lacking_evidence, vec!["III.3", "III.4", "VII.2"]);
    assert_eq!(p.approving, 2);
    assert_eq!(p.total.display(), "3");
    assert_eq!(p.question, "Duyệt 2 tiêu chí với tổng 3 điểm tự chấm?");
    assert_eq!(
        p.warning.as_deref(),
        Some("3 tiêu chí chưa có tài liệu kiểm chứng sẽ không được duyệt, chờ bổ sung tài liệu: III.3, III.4, VII.2.")
    );
    assert!(p.items.iter().all(|i| i.held == i.lacks_evidence));
}

#[test]
fn by_default_criteria_without_evidence_wait_and_the_rest_is_approved() {
    let (mut conn, dir) = demo_commune();
    let chairman = as_user(&conn, "chutich");
    let p = approval::preview(&conn, Scope::Sheet(2026)).unwrap();
    let shown: Vec<i64> = p.items.iter().map(|i| i.criterion_id).collect();
    let done =
        approval::approve_leaves(&mut conn, &chairman, Scope::Sheet(2026), Some(&shown)).unwrap();
    assert_eq!(done.approved, 2);
    assert_eq!(done.held, vec!["III.3", "III.4", "VII.2"]);
    assert_eq!(
        done.message,
        "Đã duyệt 2 tiêu chí (3 điểm). 3 tiêu chí chưa có tài liệu kiểm chứng chưa được duyệt: III.3, III.4, VII.2."
    );
    let after = states(&conn);
    let state = |code: &str| after.iter().find(|(c, _)| c == code).unwrap().1;
    assert_eq!(state("I.4.1"), State::Approved);
    assert_eq!(state("III.3"), State::Submitted);

    // A single criterion without evidence: refused, named, nothing changes.
    let iii3 = p
        .items
        .iter()
        .find(|i| i.full_code == "III.3")
        .unwrap()
        .criterion_id;
    let err = approval::approve(&mut conn, &chairman, iii3).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Chưa duyệt được: tiêu chí III.3 chưa có tài liệu kiểm chứng."),
        "{err}"
    );
    assert_eq!(states(&conn), after);

    // Evidence added: it goes through.
    let file = dir.path().join("bao-cao.pdf");
    std::fs::write(&file, b"%PDF-1.4 bao cao").unwrap();
    let input = evidence::DocumentInput {
        year: Some(2026),
        title: "Báo cáo kết quả giải quyết TTHC".into(),
        doc_number: "15/BC-UBND".into(),
        doc_date: None,
        issuer: "UBND xã Nông Thượng".into(),
        location: String::new(),
    };
    let store = dir.path().join("evidence");
    std::fs::create_dir_all(&store).unwrap();
    evidence::add_document_linked(
        &mut conn,
        &store,
        &Actor::command_line(),
        &input,
        &file,
        evidence::Target::Criterion(iii3),
    )
    .unwrap();
    assert_eq!(
        approval::approve(&mut conn, &chairman, iii3)
            .unwrap()
            .approved,
        1
    );
}

#[test]
fn the_approval_takes_what_was_shown_or_nothing() {
    let (mut conn, _dir) = demo_commune();
    let chairman = as_user(&conn, "chutich");
    let p = approval::preview(&conn, Scope::Sheet(2026)).unwrap();
    let before = states(&conn);
    // The confirmation showed only the first criterion: the list has changed since.
    let stale = [p.items[0].criterion_id];
    let err = approval::approve_leaves(&mut conn, &chairman, Scope::Sheet(2026), Some(&stale))
        .unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert_eq!(states(&conn), before);
    // Only the chairman approves.
    let officer = as_user(&conn, "congchuc");
    let shown: Vec<i64> = p.items.iter().map(|i| i.criterion_id).collect();
    let err = approval::approve_leaves(&mut conn, &officer, Scope::Sheet(2026), Some(&shown))
        .unwrap_err();
    assert_eq!(err.kind(), "forbidden");
    assert_eq!(states(&conn), before);
}

#[test]
fn the_rule_is_the_communes_changed_by_the_chairman_or_admin_and_audited() {
    let (mut conn, _dir) = demo_commune();
    let officer = as_user(&conn, "congchuc");
    let err = approval::set_rule(&mut conn, &officer, true).unwrap_err();
    assert_eq!(err.kind(), "forbidden");
    assert!(!approval::rule(&conn).unwrap().allow_without_evidence);

    let chairman = as_user(&conn, "chutich");
    let rule = approval::set_rule(&mut conn, &chairman, true).unwrap();
    assert!(rule.allow_without_evidence);
    let admin = as_user(&conn, "quantri");
    let log = audit::list(&conn, &admin, 1, 0).unwrap();
    assert_eq!(log.entries[0].action, "commune.approval_rule");
    assert!(log.entries[0]
        .detail
        .starts_with("Đổi quy định duyệt điểm: Cho phép"));

    // Now the confirmation says they go through, and they do.
    let p = approval::preview(&conn, Scope::Sheet(2026)).unwrap();
    assert_eq!(p.approving, 5);
    assert!(p
        .warning
        .unwrap()
        .contains("vẫn được duyệt (theo cài đặt của xã): III.3, III.4, VII.2"));
    let done = approval::approve_scope(&mut conn, &chairman, Scope::Sheet(2026)).unwrap();
    assert_eq!((done.approved, done.held.len()), (5, 0));
    let history = cchc_core::scoring::workflow::history(
        &conn,
        p.items
            .iter()
            .find(|i| i.full_code == "VII.2")
            .unwrap()
            .criterion_id,
    )
    .unwrap();
    assert_eq!(
        history.last().unwrap().detail,
        "duyệt (chưa có tài liệu kiểm chứng)"
    );
    // Setting the same value again writes no audit entry.
    let n = audit::list(&conn, &admin, 1, 0).unwrap().total;
    approval::set_rule(&mut conn, &admin, true).unwrap();
    assert_eq!(audit::list(&conn, &admin, 1, 0).unwrap().total, n);
}
