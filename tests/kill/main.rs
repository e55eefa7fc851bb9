//! The kill harness: runs the `cchc` binary on copies of the demo commune and SIGKILLs it at a
//! random moment during an import, an evidence add, an evidence replace, a backup, a restore
//! over data in use, and a report. After each kill, as the app's next start would, it opens the
//! folder and checks: the database passes `integrity_check`; the change happened wholly or not
//! at all; no evidence row points at a missing or damaged file; a restore left either the old or
//! the new data complete (the other one kept beside it); a backup or report file, if there, is
//! complete.
//!
//! `CCHC_KILLS` sets the number of kills (30 by default; `scripts/bench.sh` runs 300) and
//! `CCHC_KILL_SEED` replays a run. It prints the count survived.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cchc_core::backup::{self, CheckLevel, CheckOptions};
use cchc_core::{evidence, Store};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

const IMPORT_ROWS: usize = 600;

fn cchc(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cchc"));
    c.arg("--data-dir")
        .arg(dir)
        .env_remove("CCHC_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn run_ok(dir: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CCHC_DATA_DIR")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cchc {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// xorshift64*: enough randomness for when to kill, and a seed to replay a failure.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every table's rows as sorted text (tables in `skip` left out).
fn dump(db: &Path, skip: &[&str]) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables.into_iter().filter(|t| !skip.contains(&t.as_str())) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    cells.push(match r.get_ref(i)? {
                        ValueRef::Null => "NULL".into(),
                        ValueRef::Integer(v) => v.to_string(),
                        ValueRef::Real(v) => format!("{v:?}"),
                        ValueRef::Text(v) => String::from_utf8_lossy(v).into_owned(),
                        ValueRef::Blob(v) => format!("{v:?}"),
                    });
                }
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.insert(t, rows);
    }
    out
}

fn without_restore_note(mut d: BTreeMap<String, Vec<String>>) -> BTreeMap<String, Vec<String>> {
    if let Some(rows) = d.get_mut("audit_log") {
        rows.retain(|r| !r.contains("|backup.restore|"));
    }
    d
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A tasks workbook as a commune's plan looks: title rows, header, a group row, many tasks.
fn plan_workbook(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025")
        .unwrap();
    let header = [
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm",
        "Tình trạng",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "I").unwrap();
    ws.write_string(3, 1, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")
        .unwrap();
    for i in 0..IMPORT_ROWS {
        let r = 4 + i as u32;
        ws.write_string(r, 0, (i + 1).to_string()).unwrap();
        ws.write_string(
            r,
            1,
            format!(
                "Nhiệm vụ kiểm thử số {} về rà soát thủ tục hành chính",
                i + 1
            ),
        )
        .unwrap();
        ws.write_string(r, 2, "Văn phòng - Thống kê").unwrap();
        ws.write_string(r, 3, "Các bộ phận chuyên môn").unwrap();
        ws.write_string(
            r,
            4,
            format!("Quý {}/2025", ["I", "II", "III", "IV"][i % 4]),
        )
        .unwrap();
        ws.write_string(r, 5, "Báo cáo").unwrap();
        ws.write_string(r, 6, "Đang thực hiện").unwrap();
    }
    wb.save(path).unwrap();
}

/// A scan-sized file whose bytes differ for each `n`, so every add stores a new file.
fn scan(path: &Path, n: u64) {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while bytes.len() < 3 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    fs::write(path, bytes).unwrap();
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Op {
    Import,
    EvidenceAdd,
    EvidenceReplace,
    Backup,
    Restore,
    Report,
}

const OPS: [Op; 6] = [
    Op::Import,
    Op::EvidenceAdd,
    Op::EvidenceReplace,
    Op::Backup,
    Op::Restore,
    Op::Report,
];

struct Fixture {
    root: PathBuf,
    base: PathBuf,
    plan: PathBuf,
    backup_file: PathBuf,
    /// The backup's database as a restore leaves it (without the restore's own note).
    backup_dump: BTreeMap<String, Vec<String>>,
    replace_doc: i64,
}

fn args_for(op: Op, fx: &Fixture, work: &Path, n: u64) -> Vec<String> {
    let s = |p: &Path| p.to_string_lossy().into_owned();
    match op {
        Op::Import => vec![
            "import".into(),
            "tasks".into(),
            s(&fx.plan),
            "--year".into(),
            "2025".into(),
        ],
        Op::EvidenceAdd => {
            let f = fx.root.join(format!("quet-{n}.pdf"));
            scan(&f, n);
            vec![
                "evidence".into(),
                "add".into(),
                s(&f),
                "--year".into(),
                "2026".into(),
                "--criterion".into(),
                "I.1.1".into(),
                "--title".into(),
                format!("Bản quét {n}"),
            ]
        }
        Op::EvidenceReplace => {
            let f = fx.root.join(format!("thay-{n}.pdf"));
            scan(&f, 1_000_000 + n);
            vec![
                "evidence".into(),
                "replace".into(),
                fx.replace_doc.to_string(),
                s(&f),
            ]
        }
        Op::Backup => vec![
            "backup".into(),
            "--out".into(),
            s(&work.with_extension("cchcbak")),
        ],
        Op::Restore => vec!["restore".into(), s(&fx.backup_file), "--replace".into()],
        Op::Report => vec![
            "report".into(),
            "annual".into(),
            "--year".into(),
            "2026".into(),
            "--out".into(),
            s(&work.with_extension("pdf")),
        ],
    }
}

/// What the work folder held before the run, to judge all-or-nothing after it.
struct Before {
    dump: BTreeMap<String, Vec<String>>,
    tasks_2025: i64,
    documents: i64,
    revisions: i64,
}

fn before(work: &Path, fx: &Fixture) -> Before {
    let conn = Connection::open(work.join("cchc.sqlite")).unwrap();
    Before {
        dump: dump(&work.join("cchc.sqlite"), &[]),
        tasks_2025: count(&conn, "SELECT count(*) FROM task WHERE year = 2025"),
        documents: count(&conn, "SELECT count(*) FROM evidence_document"),
        revisions: count(
            &conn,
            &format!(
                "SELECT count(*) FROM evidence_revision WHERE document_id = {}",
                fx.replace_doc
            ),
        ),
    }
}

/// The checks after a kill; Err says what broke.
fn check_after(op: Op, fx: &Fixture, work: &Path, was: &Before) -> Result<(), String> {
    // As the app would on its next start: finish an interrupted restore, open, migrate.
    let store = Store::open(work).map_err(|e| format!("the folder does not open: {e}"))?;
    let integrity: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if integrity != "ok" {
        return Err(format!("integrity_check: {integrity}"));
    }
    let problems =
        evidence::verify(&store.conn, &store.evidence_dir()).map_err(|e| e.to_string())?;
    if let Some(p) = problems.first() {
        return Err(format!(
            "an evidence row points at a bad file: {}",
            p.message
        ));
    }
    let report = backup::check(&store.conn, work, &CheckOptions::new(CheckLevel::Full))
        .map_err(|e| e.to_string())?;
    if !report.ok {
        return Err(format!("check: {:?}", report.lines()));
    }
    let conn = &store.conn;
    match op {
        Op::Import => {
            let n = count(conn, "SELECT count(*) FROM task WHERE year = 2025");
            if n != was.tasks_2025 && n != was.tasks_2025 + IMPORT_ROWS as i64 {
                return Err(format!("import half done: {n} tasks in 2025"));
            }
        }
        Op::EvidenceAdd => {
            let n = count(conn, "SELECT count(*) FROM evidence_document");
            if n != was.documents && n != was.documents + 1 {
                return Err(format!("{n} documents after one add"));
            }
            let links = count(conn, "SELECT count(*) FROM evidence_document d WHERE NOT EXISTS (SELECT 1 FROM evidence_link l WHERE l.document_id = d.id)");
            if links != 0 {
                return Err("a document was added without its link".into());
            }
        }
        Op::EvidenceReplace => {
            let n = count(
                conn,
                &format!(
                    "SELECT count(*) FROM evidence_revision WHERE document_id = {}",
                    fx.replace_doc
                ),
            );
            if n != was.revisions && n != was.revisions + 1 {
                return Err(format!("{n} revisions after one replace"));
            }
        }
        Op::Backup => {
            drop(store);
            let skip = ["backup_record"];
            if dump(&work.join("cchc.sqlite"), &skip)
                != was
                    .dump
                    .iter()
                    .filter(|(k, _)| !skip.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            {
                return Err("a backup changed the data".into());
            }
            let out = work.with_extension("cchcbak");
            if out.exists() {
                backup::verify(&out, &mut |_| {})
                    .map_err(|e| format!("the backup in place is not whole: {e}"))?;
            }
        }
        Op::Restore => {
            drop(store);
            let now = dump(&work.join("cchc.sqlite"), &[]);
            let parent = work.parent().unwrap();
            let name = work.file_name().unwrap().to_string_lossy().into_owned();
            let asides: Vec<PathBuf> = fs::read_dir(parent)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("{name} (trước khôi phục "))
                })
                .collect();
            if now == was.dump {
                // The old data stayed; a new copy may not have been set aside.
            } else if without_restore_note(now) == fx.backup_dump {
                // The new data is in; the old must be whole beside it.
                let kept = asides
                    .iter()
                    .any(|a| dump(&a.join("cchc.sqlite"), &[]) == was.dump);
                if !kept {
                    return Err("restored, but the old data is not kept whole".into());
                }
            } else {
                return Err("the folder holds neither the old nor the new data".into());
            }
            for a in asides {
                fs::remove_dir_all(a).unwrap();
            }
        }
        Op::Report => {
            let out = work.with_extension("pdf");
            if out.exists() {
                let bytes = fs::read(&out).unwrap();
                if !bytes.starts_with(b"%PDF-")
                    || !String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..])
                        .contains("%%EOF")
                {
                    return Err("a half-written report is in place".into());
                }
            }
        }
    }
    Ok(())
}

fn setup(root: &Path) -> Fixture {
    let base = root.join("goc");
    run_ok(&base, &["demo", "--year", "2026"]);
    let plan = root.join("ke-hoach-2025.xlsx");
    plan_workbook(&plan);
    // The backup a restore brings back: the demo with one more document than the work copies.
    let other = root.join("khac");
    copy_dir(&base, &other);
    let extra = root.join("them.pdf");
    scan(&extra, 999_999);
    run_ok(
        &other,
        &[
            "evidence",
            "add",
            &extra.to_string_lossy(),
            "--year",
            "2026",
            "--criterion",
            "I.2",
            "--title",
            "Tài liệu chỉ có trong bản sao lưu",
        ],
    );
    let backup_file = root.join("ban-sao-luu.cchcbak");
    run_ok(&other, &["backup", "--out", &backup_file.to_string_lossy()]);
    let scratch = root.join("thu-khoi-phuc");
    run_ok(&scratch, &["restore", &backup_file.to_string_lossy()]);
    let backup_dump = without_restore_note(dump(&scratch.join("cchc.sqlite"), &[]));
    let conn = Connection::open(base.join("cchc.sqlite")).unwrap();
    let replace_doc = count(&conn, "SELECT min(id) FROM evidence_document");
    Fixture {
        root: root.to_path_buf(),
        base,
        plan,
        backup_file,
        backup_dump,
        replace_doc,
    }
}

#[test]
fn sigkill_at_random_moments_loses_nothing() {
    let kills: u64 = std::env::var("CCHC_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("CCHC_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
                | 1
        });
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let fx = setup(tmp.path());

    // How long each operation takes when left alone: kills land within that window.
    let mut window = BTreeMap::new();
    for (i, op) in OPS.iter().enumerate() {
        let work = tmp.path().join(format!("do-{i}"));
        copy_dir(&fx.base, &work);
        let was = before(&work, &fx);
        let started = Instant::now();
        let status = cchc(&work)
            .args(args_for(*op, &fx, &work, i as u64))
            .status()
            .unwrap();
        assert!(status.success(), "{op:?} fails without a kill");
        window.insert(format!("{op:?}"), started.elapsed());
        check_after(*op, &fx, &work, &was).unwrap_or_else(|e| panic!("{op:?} without a kill: {e}"));
        fs::remove_dir_all(&work).unwrap();
    }

    let mut survived = 0;
    let mut cut = 0;
    let mut failures = Vec::new();
    for k in 0..kills {
        let op = OPS[(k as usize) % OPS.len()];
        let work = tmp.path().join(format!("lan-{k}"));
        copy_dir(&fx.base, &work);
        let was = before(&work, &fx);
        let span = window[&format!("{op:?}")];
        let delay = span.mul_f64(rng.unit() * 0.95);
        let mut child = cchc(&work)
            .args(args_for(op, &fx, &work, 100 + k))
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        if !finished {
            cut += 1;
        }
        match check_after(op, &fx, &work, &was) {
            Ok(()) => survived += 1,
            Err(e) => failures.push(format!("lần {k} ({op:?}, ngắt sau {delay:?}): {e}")),
        }
        let _ = fs::remove_dir_all(&work);
        let _ = fs::remove_file(work.with_extension("cchcbak"));
        let _ = fs::remove_file(work.with_extension("pdf"));
        let _ = fs::remove_file(fx.root.join(format!("quet-{}.pdf", 100 + k)));
        let _ = fs::remove_file(fx.root.join(format!("thay-{}.pdf", 100 + k)));
    }
    let windows: Vec<String> = window
        .iter()
        .map(|(op, d)| format!("{op} {} ms", d.as_millis()))
        .collect();
    println!(
        "Sống sót {survived}/{kills} lần ngắt bằng SIGKILL ({cut} lần ngắt giữa chừng, còn lại ngắt khi lệnh vừa xong); hạt giống CCHC_KILL_SEED={seed}; thời gian mỗi thao tác: {}",
        windows.join(", ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let _ = Duration::ZERO;
}
