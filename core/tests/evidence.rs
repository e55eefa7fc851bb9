//! The evidence store end to end on a real data folder: files stored once by hash, revisions,
//! links and labels, search without diacritics, missing and damaged files, and the pack by
//! criterion read back from the zip.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use cchc_core::commune::CommuneInput;
use cchc_core::evidence::{self, blobs, DocumentInput, ProblemKind, Target, TargetKind};
use cchc_core::people::Actor;
use cchc_core::plan::tasks::{self, TaskInput, TaskStatus};
use cchc_core::sessions::{self, SessionForm, SessionInput, SessionKind};
use cchc_core::{audit, commune, setup, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tempfile::TempDir;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 22)
}

struct Env {
    tmp: TempDir,
    store: Store,
    actor: Actor,
}

impl Env {
    fn new() -> Env {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(&tmp.path().join("xa")).unwrap();
        let input = CommuneInput {
            name: "Nông Thượng".into(),
            province: "Thái Nguyên".into(),
            superior: String::new(),
            current_year: 2026,
        };
        setup::initialise(&mut store.conn, &input, None).unwrap();
        let actor = Actor::command_line();
        commune::add_year(&mut store.conn, &actor, 2025).unwrap();
        Env { tmp, store, actor }
    }

    fn dir(&self) -> PathBuf {
        self.store.evidence_dir()
    }

    /// A file to add, outside the data folder, as an officer's scan would be.
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let folder = self.tmp.path().join("may-quet");
        fs::create_dir_all(&folder).unwrap();
        let path = folder.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    fn add(&mut self, input: &DocumentInput, name: &str, bytes: &[u8]) -> evidence::Document {
        let file = self.file(name, bytes);
        let dir = self.dir();
        evidence::add_document(&mut self.store.conn, &dir, &self.actor, input, &file).unwrap()
    }

    fn conn(&self) -> &Connection {
        &self.store.conn
    }
}

fn doc(title: &str, number: &str) -> DocumentInput {
    DocumentInput {
        year: Some(2026),
        title: title.into(),
        doc_number: number.into(),
        doc_date: Some(d(2026, 1, 15)),
        issuer: "UBND xã Nông Thượng".into(),
        location: String::new(),
    }
}

fn sha_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Every regular file below `dir`, relative, with `/` separators.
fn files_below(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

fn audit_actions(conn: &Connection) -> Vec<(String, String)> {
    audit::list(conn, &Actor::command_line(), 500, 0)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect()
}

/// A criteria set for 2026: I (I.1 with I.1.1, I.1.2) and II (II.1 with a long title).
fn insert_criteria(conn: &Connection) {
    conn.execute(
        "INSERT INTO criteria_set (year, created_at) VALUES (2026, '2026-01-05 08:00:00')",
        [],
    )
    .unwrap();
    let rows = [
        (1, None::<i64>, 1, "I", "I", "Công tác chỉ đạo, điều hành CCHC"),
        (2, Some(1), 1, "1", "I.1", "Kế hoạch CCHC năm"),
        (3, Some(2), 1, "1", "I.1.1", "Ban hành kế hoạch CCHC năm"),
        (4, Some(2), 2, "2", "I.1.2", "Mức độ thực hiện kế hoạch CCHC"),
        (5, None, 2, "II", "II", "Cải cách thể chế"),
        (
            6,
            Some(5),
            1,
            "1",
            "II.1",
            "Ban hành văn bản quy phạm pháp luật thuộc thẩm quyền của Hội đồng nhân dân và Ủy ban nhân dân xã theo đúng trình tự, thủ tục quy định của Luật Ban hành văn bản quy phạm pháp luật năm 2025",
        ),
    ];
    for (id, parent, position, code, full_code, title) in rows {
        conn.execute(
            "INSERT INTO criterion (id, year, parent_id, position, code, full_code, title,
                max_hundredths)
             VALUES (?1, 2026, ?2, ?3, ?4, ?5, ?6, 100)",
            rusqlite::params![id, parent, position, code, full_code, title],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO score (criterion_id, state, updated_at) VALUES
            (3, 'approved', '2026-03-01 08:00:00'),
            (4, 'submitted', '2026-03-01 08:00:00')",
        [],
    )
    .unwrap();
}

fn add_task(env: &mut Env) -> i64 {
    let input = TaskInput {
        number: "3".into(),
        content: "Ban hành Kế hoạch cải cách hành chính năm 2026".into(),
        area_id: 1,
        lead_officer_id: None,
        coordinators: String::new(),
        deadline: "Quý I/2026".into(),
        product: "Kế hoạch".into(),
        status: TaskStatus::NotStarted,
        completed_on: None,
        result: String::new(),
        reason: String::new(),
        solution: String::new(),
        start: None,
    };
    tasks::save(&mut env.store.conn, &env.actor, 2026, None, &input, today())
        .unwrap()
        .id
}

fn add_session(env: &mut Env) -> i64 {
    let input = SessionInput {
        kind: SessionKind::Pbgdpl,
        held_on: d(2026, 2, 12),
        place: "Nhà văn hóa thôn Nà Pài".into(),
        village: "Thôn Nà Pài".into(),
        form: SessionForm::Conference,
        form_other: String::new(),
        content: "Phổ biến Luật Hộ tịch".into(),
        laws: vec!["Luật Hộ tịch".into()],
        audience: "Nhân dân thôn".into(),
        attendees: 45,
        presenter_officer_id: None,
        presenter: "Lê Văn Bình".into(),
        materials: Vec::new(),
        task_id: None,
        notes: String::new(),
    };
    sessions::save(&mut env.store.conn, &env.actor, None, &input, today())
        .unwrap()
        .id
}

#[test]
fn the_same_bytes_added_twice_are_stored_once() {
    let mut env = Env::new();
    let bytes = b"%PDF-1.4 Ke hoach CCHC 2026";
    let a = env.add(
        &doc("Kế hoạch CCHC năm 2026", "5/kh-ubnd"),
        "KH 05.pdf",
        bytes,
    );
    let b = env.add(&doc("Bản sao kế hoạch", ""), "ban-sao.pdf", bytes);

    assert_ne!(a.id, b.id);
    assert_eq!(a.current.sha256, sha_hex(bytes));
    assert_eq!(b.current.sha256, a.current.sha256);
    assert_eq!(a.current.size, bytes.len() as i64);
    assert_eq!(a.current.revision, 1);
    assert_eq!(a.current.original_name, "KH 05.pdf");
    assert_eq!(a.current.added_by, "Dòng lệnh cchc");
    // "5/kh-ubnd" is written the way Nghị định 30 prints it.
    assert_eq!(a.doc_number, "05/KH-UBND");
    assert_eq!(
        a.citation,
        "Kế hoạch CCHC năm 2026 số 05/KH-UBND ngày 15/01/2026 của UBND xã Nông Thượng"
    );

    assert_eq!(count(env.conn(), "evidence_blob"), 1);
    assert_eq!(count(env.conn(), "evidence_document"), 2);
    let sha = sha_hex(bytes);
    assert_eq!(
        files_below(&env.dir()),
        vec![format!("{}/{}", &sha[..2], sha)]
    );
    let path = evidence::file_path(env.conn(), &env.dir(), a.id).unwrap();
    assert_eq!(fs::read(path).unwrap(), bytes);

    let actions = audit_actions(env.conn());
    let adds: Vec<_> = actions
        .iter()
        .filter(|(a, _)| a == "evidence.add")
        .collect();
    assert_eq!(adds.len(), 2);
    assert!(
        adds.iter().any(|(_, detail)| detail
            == "Thêm tài liệu kiểm chứng “Kế hoạch CCHC năm 2026” (số 05/KH-UBND, tệp “KH 05.pdf”, 27 byte)."),
        "{adds:?}"
    );
}

#[test]
fn replacing_a_file_keeps_every_revision() {
    let mut env = Env::new();
    let first = env.add(&doc("Báo cáo CCHC quý I", "12/BC-UBND"), "bc-q1.pdf", b"v1");
    let dir = env.dir();

    let newer = env.file("bc-q1-da-ky.pdf", b"v2 signed");
    let doc =
        evidence::replace_file(&mut env.store.conn, &dir, &env.actor, first.id, &newer).unwrap();
    assert_eq!(doc.revisions.len(), 2);
    assert_eq!(doc.current.revision, 2);
    assert_eq!(doc.current.original_name, "bc-q1-da-ky.pdf");
    assert_eq!(doc.current.sha256, sha_hex(b"v2 signed"));
    assert_eq!(doc.revisions[0].sha256, sha_hex(b"v1"));
    assert_eq!(
        fs::read(evidence::file_path(env.conn(), &dir, first.id).unwrap()).unwrap(),
        b"v2 signed"
    );
    // The old file stays in the store and can still be opened.
    let out = env.tmp.path().join("mo-tep");
    let old = evidence::viewable_copy(env.conn(), &dir, first.id, Some(1), &out).unwrap();
    assert_eq!(old.file_name().unwrap(), "bc-q1.pdf");
    assert_eq!(fs::read(&old).unwrap(), b"v1");
    let current = evidence::viewable_copy(env.conn(), &dir, first.id, None, &out).unwrap();
    assert_eq!(current.file_name().unwrap(), "bc-q1-da-ky.pdf");
    assert_eq!(fs::read(&current).unwrap(), b"v2 signed");
    // Opening again reuses the copy (it may be open, and locked, in another program).
    assert_eq!(
        evidence::viewable_copy(env.conn(), &dir, first.id, None, &out).unwrap(),
        current
    );

    // The same bytes again are not a new revision.
    let same = env.file("lai-lan-nua.pdf", b"v2 signed");
    let err =
        evidence::replace_file(&mut env.store.conn, &dir, &env.actor, first.id, &same).unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert_eq!(
        evidence::get(env.conn(), first.id).unwrap().revisions.len(),
        2
    );

    let actions = audit_actions(env.conn());
    assert!(actions.iter().any(|(a, detail)| a == "evidence.replace"
        && detail.contains("bản 2 là tệp “bc-q1-da-ky.pdf”")
        && detail.contains("bản 1 “bc-q1.pdf” vẫn được giữ")));
}

#[test]
fn links_tell_where_a_document_is_used() {
    let mut env = Env::new();
    insert_criteria(env.conn());
    let task = add_task(&mut env);
    let session = add_session(&mut env);
    let plan = env.add(
        &doc("Kế hoạch CCHC năm 2026", "05/KH-UBND"),
        "kh.pdf",
        b"kh",
    );
    let photo = env.add(&doc("Ảnh hội nghị", ""), "anh.jpg", b"jpg");

    for target in [
        Target::Session(session),
        Target::Criterion(4),
        Target::Task(task),
        Target::Criterion(3),
    ] {
        evidence::link(&mut env.store.conn, &env.actor, plan.id, target).unwrap();
    }
    evidence::link(
        &mut env.store.conn,
        &env.actor,
        photo.id,
        Target::Session(session),
    )
    .unwrap();
    // Linking twice changes nothing and is not logged twice.
    let again = evidence::link(
        &mut env.store.conn,
        &env.actor,
        plan.id,
        Target::Criterion(3),
    )
    .unwrap();

    let labels: Vec<_> = again.used_in.iter().map(|u| u.label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "Tiêu chí I.1.1 Ban hành kế hoạch CCHC năm",
            "Tiêu chí I.1.2 Mức độ thực hiện kế hoạch CCHC",
            "Nhiệm vụ 3. Ban hành Kế hoạch cải cách hành chính năm 2026",
            "Buổi tuyên truyền 12/02/2026: Phổ biến Luật Hộ tịch",
        ]
    );
    assert_eq!(again.used_in[0].kind, TargetKind::Criterion);
    assert_eq!(again.used_in[0].year, Some(2026));
    let links = audit_actions(env.conn())
        .into_iter()
        .filter(|(a, _)| a == "evidence.link")
        .count();
    assert_eq!(links, 5);

    let for_session = evidence::documents_for(env.conn(), Target::Session(session)).unwrap();
    assert_eq!(
        for_session.iter().map(|d| d.id).collect::<Vec<_>>(),
        vec![plan.id, photo.id]
    );
    let for_task = evidence::documents_for(env.conn(), Target::Task(task)).unwrap();
    assert_eq!(for_task.len(), 1);
    assert_eq!(for_task[0].title, "Kế hoạch CCHC năm 2026");

    let after = evidence::unlink(
        &mut env.store.conn,
        &env.actor,
        plan.id,
        Target::Criterion(4),
    )
    .unwrap();
    assert_eq!(after.used_in.len(), 3);
    assert!(evidence::documents_for(env.conn(), Target::Criterion(4))
        .unwrap()
        .is_empty());
    let err = evidence::unlink(
        &mut env.store.conn,
        &env.actor,
        plan.id,
        Target::Criterion(4),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert_eq!(
        err.to_string(),
        "Tài liệu “Kế hoạch CCHC năm 2026” chưa được gắn với Tiêu chí I.1.2 Mức độ thực hiện kế hoạch CCHC."
    );
    assert!(audit_actions(env.conn()).iter().any(|(a, d)| a == "evidence.unlink"
        && d == "Bỏ gắn tài liệu “Kế hoạch CCHC năm 2026” khỏi Tiêu chí I.1.2 Mức độ thực hiện kế hoạch CCHC."));

    // Targets must exist.
    let err = evidence::link(
        &mut env.store.conn,
        &env.actor,
        plan.id,
        Target::Criterion(999),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Không tìm thấy tiêu chí số 999.");
    let err = evidence::documents_for(env.conn(), Target::Session(999)).unwrap_err();
    assert_eq!(err.to_string(), "Không tìm thấy buổi tuyên truyền số 999.");
    let err = evidence::link(&mut env.store.conn, &env.actor, 999, Target::Task(task)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Không tìm thấy tài liệu kiểm chứng số 999."
    );

    // Deleting the task takes its links with it.
    tasks::delete(&mut env.store.conn, &env.actor, task).unwrap();
    let plan_now = evidence::get(env.conn(), plan.id).unwrap();
    assert!(plan_now.used_in.iter().all(|u| u.kind != TargetKind::Task));

    // Targets travel to the UI as {kind, id}.
    assert_eq!(
        serde_json::to_value(Target::Criterion(3)).unwrap(),
        serde_json::json!({"kind": "criterion", "id": 3})
    );
    let parsed: Target = serde_json::from_str(r#"{"kind":"session","id":7}"#).unwrap();
    assert_eq!(parsed, Target::Session(7));
}

#[test]
fn a_file_that_cannot_be_added_changes_nothing() {
    let mut env = Env::new();
    let dir = env.dir();
    let before_audit = audit_actions(env.conn()).len();
    let missing = env.tmp.path().join("khong-co").join("bien-ban.pdf");

    let err = evidence::add_document(
        &mut env.store.conn,
        &dir,
        &env.actor,
        &doc("Biên bản kiểm tra", ""),
        &missing,
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid");
    assert!(
        err.to_string().starts_with("Không tìm thấy tệp “")
            && err.to_string().contains("bien-ban.pdf"),
        "{err}"
    );

    let folder = env.tmp.path().join("may-quet");
    fs::create_dir_all(&folder).unwrap();
    let err = evidence::add_document(
        &mut env.store.conn,
        &dir,
        &env.actor,
        &doc("Biên bản kiểm tra", ""),
        &folder,
    )
    .unwrap_err();
    assert!(err.to_string().contains("là một thư mục"), "{err}");

    let empty = env.file("rong.pdf", b"");
    let err = evidence::add_document(
        &mut env.store.conn,
        &dir,
        &env.actor,
        &doc("Biên bản kiểm tra", ""),
        &empty,
    )
    .unwrap_err();
    assert!(err.to_string().contains("rỗng"), "{err}");

    let good = env.file("bien-ban.pdf", b"bien ban");
    let err = evidence::add_document(
        &mut env.store.conn,
        &dir,
        &env.actor,
        &doc("  \u{00A0} ", ""),
        &good,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Tên tài liệu không được để trống.");

    let mut other_year = doc("Biên bản kiểm tra", "");
    other_year.year = Some(2019);
    let err = evidence::add_document(&mut env.store.conn, &dir, &env.actor, &other_year, &good)
        .unwrap_err();
    assert_eq!(err.kind(), "not_found");

    for table in [
        "evidence_document",
        "evidence_revision",
        "evidence_blob",
        "evidence_link",
    ] {
        assert_eq!(count(env.conn(), table), 0, "{table}");
    }
    assert_eq!(audit_actions(env.conn()).len(), before_audit);
    assert!(files_below(&dir).is_empty(), "{:?}", files_below(&dir));
}

#[test]
fn missing_and_damaged_files_are_reported_not_fatal() {
    let mut env = Env::new();
    let dir = env.dir();
    let kept = env.add(&doc("Quyết định kiện toàn", "20/QĐ-UBND"), "qd.pdf", b"qd");
    let lost = env.add(&doc("Biên bản họp", ""), "bien ban.pdf", b"bien ban");
    let broken = env.add(
        &doc("Danh sách tổ công nghệ số", ""),
        "ds.xlsx",
        b"danh sach",
    );
    assert!(evidence::verify(env.conn(), &dir).unwrap().is_empty());

    let lost_path = evidence::file_path(env.conn(), &dir, lost.id).unwrap();
    fs::remove_file(&lost_path).unwrap();
    let broken_path = evidence::file_path(env.conn(), &dir, broken.id).unwrap();
    fs::write(&broken_path, b"danh sach!").unwrap();

    let err = evidence::file_path(env.conn(), &dir, lost.id).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    let sha = &lost.current.sha256;
    assert_eq!(
        err.to_string(),
        format!(
            "Tệp của tài liệu “Biên bản họp” (bản 1, “bien ban.pdf”) không còn trong kho (mất tệp {}/{}…); hãy thay tệp khác.",
            &sha[..2],
            &sha[..12]
        )
    );
    let out = env.tmp.path().join("mo-tep");
    assert_eq!(
        evidence::viewable_copy(env.conn(), &dir, lost.id, None, &out)
            .unwrap_err()
            .kind(),
        "not_found"
    );
    // A damaged file is never handed to a program as if it were the document.
    assert!(evidence::viewable_copy(env.conn(), &dir, broken.id, None, &out).is_err());
    assert!(evidence::file_path(env.conn(), &dir, kept.id).is_ok());

    let problems = evidence::verify(env.conn(), &dir).unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let by_doc: HashMap<i64, &evidence::Problem> =
        problems.iter().map(|p| (p.document_ids[0], p)).collect();
    assert_eq!(by_doc[&lost.id].kind, ProblemKind::Missing);
    assert!(by_doc[&lost.id].message.contains("“Biên bản họp”"));
    assert!(by_doc[&lost.id].message.contains("không còn trong kho"));
    assert_eq!(by_doc[&broken.id].kind, ProblemKind::Corrupt);
    assert!(by_doc[&broken.id].message.contains("đã bị hỏng"));

    // Adding the lost bytes again, whatever the document, puts the lost file back; the damaged
    // one stays reported (its document's first revision still points at it).
    let again = env.file("bien ban.pdf", b"bien ban");
    evidence::replace_file(&mut env.store.conn, &dir, &env.actor, broken.id, &again).unwrap();
    let problems = evidence::verify(env.conn(), &dir).unwrap();
    assert_eq!(
        problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
        vec![ProblemKind::Corrupt]
    );
}

#[test]
fn search_finds_documents_without_diacritics() {
    let mut env = Env::new();
    let plan = env.add(
        &doc("Kế hoạch CCHC năm 2026", "05/KH-UBND"),
        "KH 05.pdf",
        b"1",
    );
    let mut minutes = doc("Biên bản kiểm tra công vụ", "");
    minutes.issuer = "Đoàn kiểm tra CCHC tỉnh".into();
    minutes.location = "Mục III, trang 4".into();
    let minutes = env.add(&minutes, "Biên bản KT.pdf", b"2");
    let mut old = doc("Kế hoạch CCHC năm 2025", "03/KH-UBND");
    old.year = Some(2025);
    let old = env.add(&old, "kh2025.pdf", b"3");
    let mut standing = doc("Quy chế làm việc của UBND xã", "");
    standing.year = None;
    let standing = env.add(&standing, "quy-che.pdf", b"4");

    let ids = |docs: Vec<evidence::Document>| docs.into_iter().map(|d| d.id).collect::<Vec<_>>();
    let mut found = ids(evidence::list(env.conn(), Some(2026), "ke hoach").unwrap());
    found.sort();
    assert_eq!(found, vec![plan.id]);
    assert_eq!(
        ids(evidence::list(env.conn(), None, "KE HOACH").unwrap()).len(),
        2
    );
    assert_eq!(
        ids(evidence::list(env.conn(), Some(2026), "doan kiem tra").unwrap()),
        vec![minutes.id]
    );
    assert_eq!(
        ids(evidence::list(env.conn(), Some(2026), "bien ban kt").unwrap()),
        vec![minutes.id]
    );
    assert_eq!(
        ids(evidence::list(env.conn(), Some(2026), "trang 4").unwrap()),
        vec![minutes.id]
    );
    assert_eq!(
        ids(evidence::list(env.conn(), Some(2026), "05/kh").unwrap()),
        vec![plan.id]
    );
    // Words may come in any order and from different fields.
    assert_eq!(
        ids(evidence::list(env.conn(), Some(2026), "2026 ubnd ke hoach").unwrap()),
        vec![plan.id]
    );
    assert_eq!(
        ids(evidence::list(env.conn(), Some(2025), "ke hoach").unwrap()),
        vec![old.id]
    );
    // A document without a year serves every year.
    let all_2026 = ids(evidence::list(env.conn(), Some(2026), "").unwrap());
    assert_eq!(all_2026.len(), 3);
    assert!(all_2026.contains(&standing.id));
    assert!(!all_2026.contains(&old.id));
    assert!(evidence::list(env.conn(), Some(2026), "ho tich")
        .unwrap()
        .is_empty());
}

#[test]
fn metadata_is_corrected_and_documents_deleted_with_their_links() {
    let mut env = Env::new();
    insert_criteria(env.conn());
    let dir = env.dir();
    let d1 = env.add(&doc("Ke hoach", ""), "kh.pdf", b"kh");
    evidence::link(&mut env.store.conn, &env.actor, d1.id, Target::Criterion(3)).unwrap();

    let mut input = doc("Kế hoạch CCHC năm 2026", "5/kh-ubnd");
    input.location = "Mục II, trang 3".into();
    let updated =
        evidence::update_metadata(&mut env.store.conn, &env.actor, d1.id, &input).unwrap();
    assert_eq!(updated.doc_number, "05/KH-UBND");
    assert_eq!(updated.location, "Mục II, trang 3");
    assert_eq!(
        updated.citation,
        "Kế hoạch CCHC năm 2026 số 05/KH-UBND ngày 15/01/2026 của UBND xã Nông Thượng (Mục II, trang 3)"
    );
    assert!(audit_actions(env.conn()).iter().any(|(a, d)| a == "evidence.update"
        && d.starts_with("Sửa thông tin tài liệu “Ke hoach”: tên “Kế hoạch CCHC năm 2026”; số, ký hiệu “” → “05/KH-UBND”")));
    let err = evidence::update_metadata(
        &mut env.store.conn,
        &env.actor,
        d1.id,
        &doc("", "05/KH-UBND"),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Tên tài liệu không được để trống.");

    evidence::delete_document(&mut env.store.conn, &env.actor, d1.id).unwrap();
    assert_eq!(
        evidence::get(env.conn(), d1.id).unwrap_err().kind(),
        "not_found"
    );
    assert_eq!(count(env.conn(), "evidence_revision"), 0);
    assert_eq!(count(env.conn(), "evidence_link"), 0);
    assert!(evidence::documents_for(env.conn(), Target::Criterion(3))
        .unwrap()
        .is_empty());
    assert!(audit_actions(env.conn()).iter().any(|(a, d)| {
        a == "evidence.delete"
        && d == "Xóa tài liệu kiểm chứng “Kế hoạch CCHC năm 2026” (1 bản tệp, bỏ gắn khỏi 1 mục)."
    }));
    // The file stays in the store; a backup or another document may still need it.
    assert_eq!(files_below(&dir).len(), 1);
}

struct Zipped {
    names: Vec<String>,
    bytes: HashMap<String, Vec<u8>>,
}

fn read_zip(path: &Path) -> Zipped {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut names = Vec::new();
    let mut bytes = HashMap::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut buf = Vec::new();
        entry.read_to_end(&mut buf).unwrap();
        names.push(name.clone());
        bytes.insert(name, buf);
    }
    Zipped { names, bytes }
}

#[test]
fn the_pack_is_organised_by_criterion_with_a_true_manifest() {
    let mut env = Env::new();
    insert_criteria(env.conn());
    let dir = env.dir();

    let plan = env.add(
        &doc("Kế hoạch CCHC năm 2026", "05/KH-UBND"),
        "Ke hoach 05.PDF",
        b"%PDF plan",
    );
    let same_number = env.add(
        &doc("Kế hoạch (bản đính chính)", "05/KH-UBND"),
        "dinh chinh.pdf",
        b"%PDF corrigendum",
    );
    let mut con = doc("CON", "");
    con.doc_date = None;
    let con = env.add(&con, "anh.jpg", b"\xFF\xD8 photo");
    let odd = env.add(&doc("a/b:c?", ""), "odd.docx", b"PK docx");
    let long = env.add(
        &doc(
            "Báo cáo kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật do Hội đồng nhân dân và Ủy ban nhân dân xã ban hành trong kỳ hệ thống hóa 2019 - 2023 theo Nghị định số 34/2016/NĐ-CP",
            "",
        ),
        "bao cao ra soat.pdf",
        b"%PDF long",
    );
    let lost = env.add(
        &doc("Biên bản kiểm tra", "07/BB-UBND"),
        "bb.pdf",
        b"%PDF lost",
    );
    let unlinked = env.add(&doc("Tài liệu chưa gắn", ""), "x.pdf", b"x");

    for (document, criterion) in [
        (plan.id, 3),
        (plan.id, 4),
        (same_number.id, 3),
        (con.id, 3),
        (odd.id, 6),
        (long.id, 6),
        (lost.id, 4),
        (lost.id, 1),
    ] {
        evidence::link(
            &mut env.store.conn,
            &env.actor,
            document,
            Target::Criterion(criterion),
        )
        .unwrap();
    }
    let lost_path = evidence::file_path(env.conn(), &dir, lost.id).unwrap();
    fs::remove_file(lost_path).unwrap();

    let out_dir = env.tmp.path().join("gui-tinh");
    fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("minh-chung-2026.zip");
    let report = evidence::pack(env.conn(), &dir, 2026, &out).unwrap();

    assert_eq!(report.path, out);
    assert_eq!(report.files, 6);
    assert_eq!(report.documents, 5);
    assert_eq!(report.criteria, 4);
    assert_eq!(report.missing, 1);
    assert_eq!(report.problems[0].document_id, lost.id);
    assert_eq!(report.problems[0].kind, ProblemKind::Missing);
    assert_eq!(report.problems[0].criteria, vec!["I", "I.1.2"]);
    assert!(report.problems[0].message.contains("không còn trong kho"));
    assert!(!report.problems.iter().any(|p| p.document_id == unlinked.id));
    // Only the zip is left in the folder: no temporary file.
    assert_eq!(files_below(&out_dir), vec!["minh-chung-2026.zip"]);

    let zipped = read_zip(&out);
    let long_folder = zipped
        .names
        .iter()
        .find(|n| n.starts_with("II/1 "))
        .map(|n| n.rsplit_once('/').unwrap().0.to_string())
        .unwrap();
    let mut expected = vec![
        "I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf".to_string(),
        "I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND (2).pdf".to_string(),
        "I/1.1 Ban hành kế hoạch CCHC năm/CON_.jpg".to_string(),
        "I/1.2 Mức độ thực hiện kế hoạch CCHC/05-KH-UBND.pdf".to_string(),
        format!("{long_folder}/a-b-c.docx"),
        "manifest.csv".to_string(),
        "manifest.json".to_string(),
        "manifest.xlsx".to_string(),
    ];
    let long_file = zipped
        .names
        .iter()
        .find(|n| n.starts_with(&long_folder) && n.ends_with(".pdf"))
        .unwrap()
        .clone();
    expected.push(long_file.clone());
    let mut names = zipped.names.clone();
    names.sort();
    expected.sort();
    assert_eq!(names, expected);
    assert!(long_folder.starts_with("II/1 Ban hành văn bản quy phạm pháp luật"));
    assert!(long_file
        .rsplit('/')
        .next()
        .unwrap()
        .starts_with("Báo cáo kết quả rà soát"));

    for name in &zipped.names {
        assert!(name.chars().count() < 200, "{name}");
        assert!(name.encode_utf16().count() < 200, "{name}");
        for part in name.split('/') {
            assert!(evidence::is_windows_safe(part), "{part:?} in {name}");
        }
    }
    assert_eq!(
        zipped.bytes["I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf"],
        b"%PDF plan"
    );

    // manifest.json: every included file's hash is the hash of the bytes in the zip.
    let manifest: serde_json::Value =
        serde_json::from_slice(&zipped.bytes["manifest.json"]).unwrap();
    assert_eq!(manifest["year"], 2026);
    assert_eq!(manifest["commune"], "Xã Nông Thượng");
    let files = manifest["files"].as_array().unwrap();
    assert_eq!(files.len(), 8);
    for f in files {
        let path = f["path"].as_str().unwrap();
        if f["included"].as_bool().unwrap() {
            let bytes = &zipped.bytes[path];
            assert_eq!(f["sha256"].as_str().unwrap(), sha_hex(bytes), "{path}");
            assert_eq!(f["size"].as_u64().unwrap(), bytes.len() as u64);
        } else {
            assert!(!zipped.bytes.contains_key(path));
            assert_eq!(f["document_id"], lost.id);
            assert!(f["note"].as_str().unwrap().starts_with("THIẾU TỆP"));
        }
    }
    let plan_entry = files
        .iter()
        .find(|f| f["path"] == "I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf")
        .unwrap();
    assert_eq!(plan_entry["title"], "Kế hoạch CCHC năm 2026");
    assert_eq!(plan_entry["doc_number"], "05/KH-UBND");
    assert_eq!(plan_entry["doc_date"], "2026-01-15");
    assert_eq!(plan_entry["issuer"], "UBND xã Nông Thượng");
    assert_eq!(plan_entry["original_name"], "Ke hoach 05.PDF");
    let criteria: Vec<(String, String)> = plan_entry["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_string(),
                c["state_label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        criteria,
        vec![
            ("I.1.1".to_string(), "đã duyệt".to_string()),
            ("I.1.2".to_string(), "chờ duyệt".to_string())
        ]
    );
    let odd_entry = files.iter().find(|f| f["document_id"] == odd.id).unwrap();
    assert_eq!(odd_entry["criteria"][0]["state_label"], "chưa chấm");
    assert!(odd_entry["criteria"][0]["state"].is_null());
    assert_eq!(manifest["problems"].as_array().unwrap().len(), 1);

    // manifest.csv: UTF-8 with a BOM for Excel, one row per file.
    let csv = &zipped.bytes["manifest.csv"];
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 9);
    assert!(lines[0].starts_with("\"Đường dẫn trong gói\",\"Có trong gói\",\"Tên tài liệu\""));
    let plan_line = lines
        .iter()
        .find(|l| l.starts_with("\"I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf\""))
        .unwrap();
    assert!(plan_line.contains("\"15/01/2026\""));
    assert!(plan_line.contains(&format!("\"{}\"", sha_hex(b"%PDF plan"))));
    assert!(plan_line.contains("\"I.1.1: đã duyệt; I.1.2: chờ duyệt\""));
    assert!(lines
        .iter()
        .any(|l| l.contains("\"Không\"") && l.contains("THIẾU TỆP")));

    // manifest.xlsx: the same rows as a workbook (Excel set to Vietnamese splits a CSV on
    // ";"): its shared strings hold the header and the cells, a formula-looking name as text.
    let xlsx = &zipped.bytes["manifest.xlsx"];
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx.clone())).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut book.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    for cell in [
        "Đường dẫn trong gói",
        "I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf",
        "15/01/2026",
        "I.1.1: đã duyệt; I.1.2: chờ duyệt",
        &sha_hex(b"%PDF plan"),
    ] {
        assert!(
            strings.contains(cell),
            "{cell:?} missing from manifest.xlsx"
        );
    }
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut book.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(!sheet.contains("<f>"), "no formula in the list");
    assert_eq!(
        sheet.matches("<row ").count(),
        9,
        "a header and a row per file"
    );

    // Packing again replaces the zip.
    let again = evidence::pack(env.conn(), &dir, 2026, &out).unwrap();
    assert_eq!(again.files, 6);
    assert_eq!(files_below(&out_dir), vec!["minh-chung-2026.zip"]);
}

#[test]
fn a_pack_that_cannot_be_made_leaves_no_file() {
    let mut env = Env::new();
    let dir = env.dir();
    let out = env.tmp.path().join("minh-chung.zip");

    let err = evidence::pack(env.conn(), &dir, 2026, &out).unwrap_err();
    assert!(err.to_string().contains("chưa có bộ tiêu chí"), "{err}");

    insert_criteria(env.conn());
    let err = evidence::pack(env.conn(), &dir, 2026, &out).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Chưa có tài liệu kiểm chứng nào được gắn với tiêu chí năm 2026"),
        "{err}"
    );

    let d1 = env.add(&doc("Kế hoạch", ""), "kh.pdf", b"kh");
    evidence::link(&mut env.store.conn, &env.actor, d1.id, Target::Criterion(3)).unwrap();
    let nowhere = env.tmp.path().join("khong-co-thu-muc").join("goi.zip");
    let err = evidence::pack(env.conn(), &dir, 2026, &nowhere).unwrap_err();
    assert!(err.to_string().contains("không tồn tại"), "{err}");
    assert!(!nowhere.parent().unwrap().exists());

    let err = evidence::pack(env.conn(), &dir, 2019, &out).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert!(!out.exists());

    // Every file in the pack's folder once packing works: just the zip.
    evidence::pack(env.conn(), &dir, 2026, &out).unwrap();
    assert!(out.is_file());
    let leftovers: Vec<_> = fs::read_dir(env.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn blob_paths_are_only_made_from_hashes() {
    let dir = Path::new("kho");
    assert!(blobs::blob_path(dir, "../../cchc.sqlite").is_none());
    let sha = sha_hex(b"x");
    assert_eq!(
        blobs::blob_path(dir, &sha).unwrap(),
        dir.join(&sha[..2]).join(&sha)
    );
}

#[test]
fn a_damaged_file_is_left_out_of_the_pack_and_the_zip_stays_valid() {
    let mut env = Env::new();
    insert_criteria(env.conn());
    let dir = env.dir();
    let good = env.add(
        &doc("Kế hoạch CCHC năm 2026", "05/KH-UBND"),
        "kh.pdf",
        b"good",
    );
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let damaged = env.add(&doc("Báo cáo năm", "30/BC-UBND"), "bc.pdf", &big);
    for id in [good.id, damaged.id] {
        evidence::link(&mut env.store.conn, &env.actor, id, Target::Criterion(3)).unwrap();
    }
    let path = evidence::file_path(env.conn(), &dir, damaged.id).unwrap();
    let mut bad = big.clone();
    bad[150_000] ^= 1;
    fs::write(&path, &bad).unwrap();

    let out = env.tmp.path().join("goi.zip");
    let report = evidence::pack(env.conn(), &dir, 2026, &out).unwrap();
    assert_eq!((report.files, report.documents, report.missing), (1, 1, 1));
    assert_eq!(report.problems[0].kind, ProblemKind::Corrupt);
    assert!(report.problems[0].message.contains("đã bị hỏng"));

    let zipped = read_zip(&out);
    let mut names = zipped.names.clone();
    names.sort();
    assert_eq!(
        names,
        vec![
            "I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf",
            "manifest.csv",
            "manifest.json",
            "manifest.xlsx"
        ]
    );
    assert_eq!(
        zipped.bytes["I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf"],
        b"good"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&zipped.bytes["manifest.json"]).unwrap();
    let entry = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["document_id"] == damaged.id)
        .unwrap();
    assert_eq!(entry["included"], false);
    assert!(entry["note"].as_str().unwrap().starts_with("TỆP HỎNG"));
}
