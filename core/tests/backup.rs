//! Backup and restore end to end on the demo commune's data folder: the same data after a round
//! trip, a snapshot of one moment while another connection writes, every kind of bad file
//! refused with nothing changed, older backups migrated and newer ones refused, the swap with
//! the old data set aside, and the destination vanishing mid-backup.

mod backup_common;

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use backup_common::{dump, files, repack, Env};
use cchc_core::backup::{self, BackupOptions, Phase, Progress, RestoreOptions};
use cchc_core::{db, Error};
use rusqlite::Connection;

fn quiet() -> impl FnMut(Progress) {
    |_| {}
}

fn make_backup(env: &Env, name: &str) -> std::path::PathBuf {
    let out = env.path(name);
    backup::create(&env.data, &out, &BackupOptions::default(), &mut quiet()).unwrap();
    out
}

fn restore(file: &Path, target: &Path, replace: bool) -> cchc_core::Result<backup::Restored> {
    backup::restore(
        file,
        target,
        &RestoreOptions { replace },
        "Kiểm thử",
        &mut quiet(),
    )
}

/// The dump without the restore's own audit entry.
fn dump_without_restore_note(db: &Path) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut d = dump(db);
    if let Some(rows) = d.get_mut("audit_log") {
        rows.retain(|r| !r.contains("'backup.restore'"));
    }
    d
}

#[test]
fn backup_then_restore_into_a_new_folder_is_the_same_data() {
    let env = Env::demo();
    let before = dump(&env.data.join("cchc.sqlite"));
    let evidence_before = files(&env.data.join("evidence"));
    assert!(evidence_before.len() >= 10, "the demo has evidence files");

    let mut phases = Vec::new();
    let out = env.path("sao-luu.cchcbak");
    let made = backup::create(&env.data, &out, &BackupOptions::default(), &mut |p| {
        assert!(p.done_bytes <= p.total_bytes, "{p:?}");
        phases.push(p);
    })
    .unwrap();
    assert!(made.verified);
    assert_eq!(made.commune, "Xã Nông Thượng");
    assert_eq!(made.counts.tasks, 20);
    assert_eq!(made.counts.evidence_files as usize, evidence_before.len());
    assert!(made.skipped.is_empty() && made.damaged.is_empty());
    assert_eq!(made.size, fs::metadata(&out).unwrap().len());
    let last_writing = phases
        .iter()
        .rev()
        .find(|p| p.phase == Phase::Writing)
        .unwrap();
    assert_eq!(last_writing.done_bytes, last_writing.total_bytes);
    assert!(phases.iter().any(|p| p.phase == Phase::Verifying));
    // Only the finished file is left: no temporary file beside it, no snapshot in the data.
    let beside: Vec<_> = fs::read_dir(env.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");
    assert!(fs::read_dir(&env.data).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));

    let preview = backup::preview(&out).unwrap();
    assert_eq!(preview.commune, "Xã Nông Thượng");
    assert_eq!(preview.province, "Thái Nguyên");
    assert_eq!(preview.years, vec![2025, 2026]);
    assert_eq!(preview.counts.tasks, 20);
    assert_eq!(preview.counts.sessions, made.counts.sessions);
    assert!(preview.counts.criteria > 50);
    assert_eq!(
        preview.counts.evidence_files as usize,
        evidence_before.len()
    );
    assert!(!preview.needs_migration);

    let target = env.path("may-moi");
    let restored = restore(&out, &target, false).unwrap();
    assert_eq!(restored.set_aside, None);
    assert!(!restored.migrated);
    assert_eq!(
        dump_without_restore_note(&target.join("cchc.sqlite")),
        before
    );
    assert_eq!(files(&target.join("evidence")), evidence_before);
    // The restore is in the restored data's log.
    let conn = Connection::open(target.join("cchc.sqlite")).unwrap();
    let note: String = conn
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'backup.restore'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        note.starts_with("Khôi phục dữ liệu từ bản sao lưu “sao-luu.cchcbak”"),
        "{note}"
    );
    // No staging folder or marker left.
    let left: Vec<String> = fs::read_dir(env.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.iter().all(|n| !n.contains("khoi-phuc")), "{left:?}");
    assert!(!target.join(".khoi-phuc-san-sang").exists());
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_one_moment() {
    let env = Env::demo();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let db = env.data.join("cchc.sqlite");
        std::thread::spawn(move || {
            let mut conn = db::open(&db).unwrap();
            let mut pairs = 0;
            while !stop.load(Ordering::Relaxed) {
                let tx = conn.transaction().unwrap();
                for half in ["A", "B"] {
                    tx.execute(
                        "INSERT INTO officer (full_name, position) VALUES (?1, 'cặp')",
                        [format!("Người {pairs}{half}")],
                    )
                    .unwrap();
                }
                tx.commit().unwrap();
                pairs += 1;
            }
            pairs
        })
    };
    // Let the writer get going, then back up three times while it writes.
    while Connection::open(env.data.join("cchc.sqlite"))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM officer WHERE position = 'cặp'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut counts = Vec::new();
    for i in 0..3 {
        let out = make_backup(&env, &format!("dang-ghi-{i}.cchcbak"));
        let target = env.path(&format!("khoi-phuc-{i}"));
        restore(&out, &target, false).unwrap();
        let n: i64 = Connection::open(target.join("cchc.sqlite"))
            .unwrap()
            .query_row(
                "SELECT count(*) FROM officer WHERE position = 'cặp'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n % 2, 0, "a transaction was cut in half: {n} rows");
        counts.push(n);
    }
    stop.store(true, Ordering::Relaxed);
    let pairs = writer.join().unwrap();
    assert!(counts[0] > 0 && counts[2] <= 2 * pairs);
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
}

fn assert_refused(
    result: cchc_core::Result<backup::Restored>,
    target: &Path,
    says: &str,
) -> String {
    let err = result.expect_err("refused");
    let msg = err.to_string();
    assert!(msg.contains(says), "{msg}");
    assert!(!target.exists(), "nothing may be created: {msg}");
    msg
}

#[test]
fn one_flipped_byte_anywhere_is_refused_and_nothing_changes() {
    let env = Env::demo();
    let out = make_backup(&env, "goc.cchcbak");
    let good = fs::read(&out).unwrap();
    let n = good.len();
    // The first header, inside the database entry, inside an evidence file, the central
    // directory, the end record, and the seal itself.
    let positions = [0, 30, n / 4, n / 2, n - 200, n - 90, n - 10, n - 1];
    for (i, at) in positions.into_iter().enumerate() {
        let damaged = env.path(&format!("hong-{i}.cchcbak"));
        let mut bytes = good.clone();
        bytes[at] ^= 0x10;
        fs::write(&damaged, &bytes).unwrap();
        let target = env.path(&format!("dich-{i}"));
        let err = restore(&damaged, &target, false).expect_err(&format!("byte {at} flipped"));
        let msg = err.to_string();
        assert!(
            msg.contains("hỏng")
                || msg.contains("không phải bản sao lưu")
                || msg.contains("dấu kiểm tra"),
            "byte {at}: {msg}"
        );
        assert!(!target.exists());
        assert!(backup::verify(&damaged, &mut quiet()).is_err(), "byte {at}");
    }
    // Over data in use: refused the same way, the data untouched.
    let mut bytes = good.clone();
    bytes[n / 2] ^= 0x01;
    let damaged = env.path("hong.cchcbak");
    fs::write(&damaged, &bytes).unwrap();
    let before = dump(&env.data.join("cchc.sqlite"));
    let err = restore(&damaged, &env.data, true).unwrap_err();
    assert!(err.to_string().contains("hỏng"), "{err}");
    assert_eq!(dump(&env.data.join("cchc.sqlite")), before);
    let siblings: Vec<String> = fs::read_dir(env.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        siblings
            .iter()
            .all(|s| !s.contains("trước khôi phục") && !s.contains("khoi-phuc")),
        "{siblings:?}"
    );
}

#[test]
fn files_that_are_not_backups_are_refused_naming_what_is_wrong() {
    let env = Env::demo();
    let target = env.path("dich");

    let text = env.path("ghi-chu.cchcbak");
    fs::write(&text, "không phải tệp nén").unwrap();
    assert_refused(
        restore(&text, &target, false),
        &target,
        "không phải bản sao lưu của CCHC Xã",
    );

    // Any other zip (here a Word-like archive).
    let other = env.path("khac.zip");
    backup_common::pack(&other, &[("word/document.xml".into(), b"<w/>".to_vec())]);
    assert_refused(
        restore(&other, &target, false),
        &target,
        "không có manifest.json",
    );

    // A zip with a manifest of someone else's.
    let foreign = env.path("tinh-khac.cchcbak");
    let good = make_backup(&env, "goc.cchcbak");
    repack(&good, &foreign, |m, _| {
        m["format"] = serde_json::json!("phan-mem-khac")
    });
    assert_refused(
        restore(&foreign, &target, false),
        &target,
        "nội dung ghi là “phan-mem-khac”",
    );

    // Cut short, as a copy that did not finish.
    let bytes = fs::read(&good).unwrap();
    let short = env.path("chep-do.cchcbak");
    fs::write(&short, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let msg = assert_refused(restore(&short, &target, false), &target, "");
    assert!(
        msg.contains("không phải bản sao lưu") || msg.contains("cắt cụt"),
        "{msg}"
    );

    // A listing edited by hand: an extra file, a missing one, a path that climbs out.
    let extra = env.path("them.cchcbak");
    repack(&good, &extra, |_, entries| {
        entries.push(("virus.exe".into(), b"MZ".to_vec()))
    });
    assert_refused(
        restore(&extra, &target, false),
        &target,
        "tệp lạ “virus.exe”",
    );
    let missing = env.path("thieu.cchcbak");
    repack(&good, &missing, |_, entries| {
        let i = entries
            .iter()
            .position(|(n, _)| n.starts_with("evidence/"))
            .unwrap();
        entries.remove(i);
    });
    assert_refused(
        restore(&missing, &target, false),
        &target,
        "thiếu tệp “evidence/",
    );
    let climbing = env.path("leo.cchcbak");
    repack(&good, &climbing, |m, entries| {
        entries.push(("../ngoai.txt".into(), b"x".to_vec()));
        m["entries"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"path": "../ngoai.txt", "size": 1, "sha256": "00"}));
    });
    assert_refused(
        restore(&climbing, &target, false),
        &target,
        "“../ngoai.txt” không hợp lệ",
    );
    assert!(!env.tmp.path().join("ngoai.txt").exists());

    assert_refused(
        restore(&env.path("khong-co.cchcbak"), &target, false),
        &target,
        "Không tìm thấy tệp sao lưu",
    );
}

#[test]
fn a_backup_from_a_newer_version_is_refused_with_a_clear_message() {
    let env = Env::demo();
    let good = make_backup(&env, "goc.cchcbak");
    let target = env.path("dich");
    let newer = env.path("moi-hon.cchcbak");
    repack(&good, &newer, |m, _| {
        m["app_version"] = serde_json::json!("9.2.0")
    });
    let msg = assert_refused(
        restore(&newer, &target, false),
        &target,
        "phiên bản 9.2.0, mới hơn",
    );
    assert!(msg.contains("hãy cập nhật CCHC Xã"), "{msg}");
    assert!(
        backup::preview(&newer).is_err(),
        "the preview refuses it already"
    );
    let newer_schema = env.path("csdl-moi-hon.cchcbak");
    repack(&good, &newer_schema, |m, _| {
        m["schema_version"] = serde_json::json!(db::MIGRATION_FILES.len() + 3)
    });
    assert_refused(
        restore(&newer_schema, &target, false),
        &target,
        "mới hơn phiên bản đang dùng",
    );
    let newer_format = env.path("dinh-dang-moi.cchcbak");
    repack(&good, &newer_format, |m, _| {
        m["format_version"] = serde_json::json!(backup::FORMAT_VERSION + 1)
    });
    assert_refused(
        restore(&newer_format, &target, false),
        &target,
        "mới hơn phiên bản đang dùng",
    );
}

/// How to take a database one schema step back, for each migration that may be the last: the
/// statements that undo it and the tables whose content it changes. A new migration adds its
/// line here, so that "a backup of the previous version is migrated" keeps being tested.
const UNDO: &[(&str, &str, &[&str])] = &[
    (
        "0009_stumbles.sql",
        "ALTER TABLE task DROP COLUMN tracked_from;
         ALTER TABLE commune DROP COLUMN approve_without_evidence;",
        &["task", "commune"],
    ),
    (
        "0010_client_sessions.sql",
        "DROP TABLE client_session; DROP TABLE host_setting;
         ALTER TABLE audit_log DROP COLUMN client_address;",
        &["client_session", "host_setting", "audit_log"],
    ),
    (
        "0013_versions.sql",
        "ALTER TABLE task DROP COLUMN version; ALTER TABLE task DROP COLUMN updated_by;
         ALTER TABLE outreach_session DROP COLUMN version;
         ALTER TABLE outreach_session DROP COLUMN updated_by;
         ALTER TABLE score DROP COLUMN version; ALTER TABLE score DROP COLUMN updated_by;
         ALTER TABLE criterion DROP COLUMN version; ALTER TABLE criterion DROP COLUMN updated_by;
         ALTER TABLE criterion DROP COLUMN updated_at;
         ALTER TABLE commune DROP COLUMN version; ALTER TABLE commune DROP COLUMN updated_by;
         ALTER TABLE commune DROP COLUMN updated_at;",
        &["task", "outreach_session", "score", "criterion", "commune"],
    ),
];

#[test]
fn a_backup_from_an_older_version_is_migrated() {
    let env = Env::demo();
    let good = make_backup(&env, "goc.cchcbak");
    let before = dump(&env.data.join("cchc.sqlite"));
    let older = env.path("cu.cchcbak");
    let latest = db::MIGRATION_FILES.len();
    let (last, _) = db::MIGRATION_FILES[latest - 1];
    let (_, undo, touched) = UNDO
        .iter()
        .find(|(name, _, _)| *name == last)
        .unwrap_or_else(|| panic!("add how to undo {last} to UNDO"));
    repack(&good, &older, |m, entries| {
        // The database as the previous version had it: one schema step behind.
        let (_, bytes) = entries
            .iter_mut()
            .find(|(n, _)| n == "cchc.sqlite")
            .unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("old.sqlite");
        fs::write(&path, &bytes).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("{undo} PRAGMA user_version = {};", latest - 1))
            .unwrap();
        drop(conn);
        *bytes = fs::read(&path).unwrap();
        m["schema_version"] = serde_json::json!(latest - 1);
        m["app_version"] = serde_json::json!("0.0.9");
    });
    let preview = backup::preview(&older).unwrap();
    assert!(preview.needs_migration);
    let target = env.path("dich");
    let restored = restore(&older, &target, false).unwrap();
    assert!(restored.migrated);
    let conn = db::open(&target.join("cchc.sqlite")).unwrap();
    assert_eq!(db::schema_version(&conn).unwrap(), latest as i64);
    drop(conn);
    let mut after = dump_without_restore_note(&target.join("cchc.sqlite"));
    let mut before = before;
    for t in *touched {
        before.remove(*t);
        assert!(after.remove(*t).is_some(), "{t} is there again");
    }
    assert_eq!(after, before);
}

#[test]
fn restore_over_data_in_use_keeps_the_old_data_aside() {
    let env = Env::demo();
    let out = make_backup(&env, "goc.cchcbak");
    let backed_up = dump(&env.data.join("cchc.sqlite"));
    // Work goes on after the backup: a new year and an officer.
    {
        let mut store = env.store();
        let actor = cchc_core::people::Actor::command_line();
        cchc_core::commune::add_year(&mut store.conn, &actor, 2027).unwrap();
    }
    let changed = dump(&env.data.join("cchc.sqlite"));
    assert_ne!(changed, backed_up);

    // Without --replace: refused, naming whose data it is.
    let err = restore(&out, &env.data, false).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)));
    let msg = err.to_string();
    assert!(
        msg.contains("đang có dữ liệu của Xã Nông Thượng") && msg.contains("--replace"),
        "{msg}"
    );
    assert_eq!(dump(&env.data.join("cchc.sqlite")), changed);

    // While something holds the database open: refused, nothing changed.
    let holder = Connection::open(env.data.join("cchc.sqlite")).unwrap();
    holder
        .query_row("SELECT count(*) FROM task", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let err = restore(&out, &env.data, true).unwrap_err();
    assert!(err.to_string().contains("đang được mở"), "{err}");
    drop(holder);
    assert_eq!(dump(&env.data.join("cchc.sqlite")), changed);

    let restored = restore(&out, &env.data, true).unwrap();
    let aside = restored.set_aside.clone().unwrap();
    let aside_name = aside.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        aside_name.starts_with("xa (trước khôi phục 20"),
        "{aside_name}"
    );
    assert_eq!(
        dump_without_restore_note(&env.data.join("cchc.sqlite")),
        backed_up
    );
    // The data that was there is whole beside it, evidence and all.
    assert_eq!(dump(&aside.join("cchc.sqlite")), changed);
    assert_eq!(
        files(&aside.join("evidence")),
        files(&env.data.join("evidence"))
    );

    // A second restore in the same minute gets its own name.
    let again = restore(&out, &env.data, true).unwrap();
    assert_ne!(again.set_aside.unwrap(), aside);
}

#[test]
fn restore_into_a_folder_with_other_files_or_an_empty_one() {
    let env = Env::demo();
    let out = make_backup(&env, "goc.cchcbak");
    let documents = env.path("Tai lieu");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("thu.docx"), b"x").unwrap();
    let err = restore(&out, &documents, true).unwrap_err();
    assert!(
        err.to_string()
            .contains("không phải thư mục dữ liệu của CCHC Xã"),
        "{err}"
    );
    assert_eq!(fs::read_dir(&documents).unwrap().count(), 1);

    let empty = env.path("trong");
    fs::create_dir(&empty).unwrap();
    let restored = restore(&out, &empty, false).unwrap();
    assert_eq!(restored.set_aside, None);
    assert!(empty.join("cchc.sqlite").is_file());

    // A new folder where the app already started its log: the log is not data, and it stays.
    let logged = env.path("moi co nhat ky");
    fs::create_dir_all(logged.join("logs")).unwrap();
    fs::write(logged.join("logs").join("app.2026-11-30.log"), b"bat dau\n").unwrap();
    restore(&out, &logged, false).unwrap();
    assert!(logged.join("cchc.sqlite").is_file());
    assert_eq!(
        fs::read(logged.join("logs").join("app.2026-11-30.log")).unwrap(),
        b"bat dau\n"
    );

    // The backup inside the very folder it would replace.
    let inside = env.data.join("sao-luu.cchcbak");
    fs::copy(&out, &inside).unwrap();
    let err = restore(&inside, &env.data, true).unwrap_err();
    assert!(
        err.to_string().contains("nằm trong chính thư mục dữ liệu"),
        "{err}"
    );
}

#[test]
fn missing_and_damaged_evidence_go_into_the_backup_as_they_are_and_are_named() {
    let env = Env::demo();
    let evidence = env.data.join("evidence");
    let mut stored: Vec<_> = files(&evidence).into_keys().collect();
    stored.sort();
    fs::remove_file(evidence.join(&stored[0])).unwrap();
    let damaged = evidence.join(&stored[1]);
    let mut bytes = fs::read(&damaged).unwrap();
    bytes[10] ^= 0xff;
    fs::write(&damaged, &bytes).unwrap();

    let out = env.path("co-loi.cchcbak");
    let made = backup::create(&env.data, &out, &BackupOptions::default(), &mut quiet()).unwrap();
    assert_eq!(made.skipped.len(), 1);
    assert!(
        made.skipped[0].message.contains("không còn trong kho"),
        "{}",
        made.skipped[0].message
    );
    assert!(
        made.skipped[0].message.contains("(bản 1, tệp “"),
        "{}",
        made.skipped[0].message
    );
    assert_eq!(made.damaged.len(), 1);
    let preview = backup::preview(&out).unwrap();
    assert_eq!((preview.missing_files, preview.damaged_files), (1, 1));
    assert_eq!(preview.notes.len(), 2);

    // Restored faithfully: the damaged bytes as they were, the missing file still missing.
    let target = env.path("dich");
    let restored = restore(&out, &target, false).unwrap();
    assert_eq!(restored.notes.len(), 2);
    assert_eq!(
        fs::read(target.join("evidence").join(&stored[1])).unwrap(),
        bytes
    );
    assert!(!target.join("evidence").join(&stored[0]).exists());
}

/// Unix only: there a folder can be removed under an open file, as a pulled stick's folder
/// vanishes; Windows keeps a folder whose file is open (a real pull is in `backup_faults`).
#[cfg(unix)]
#[test]
fn the_destination_vanishing_mid_backup_is_named_and_the_data_is_untouched() {
    let env = Env::demo();
    let usb = env.path("usb");
    let dest = usb.join("SaoLuu");
    fs::create_dir_all(&dest).unwrap();
    let before = dump(&env.data.join("cchc.sqlite"));
    let mut pulled = false;
    let err = backup::create(
        &env.data,
        &dest.join("a.cchcbak"),
        &BackupOptions::default(),
        &mut |p| {
            if p.phase == Phase::Writing && p.done_bytes > 0 && !pulled {
                pulled = true;
                fs::remove_dir_all(&usb).unwrap();
            }
        },
    )
    .unwrap_err();
    assert!(pulled);
    assert!(
        matches!(
            err,
            Error::Disk {
                fault: cchc_core::error::DiskFault::Gone,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("ổ USB đã bị rút ra"), "{err}");
    assert_eq!(dump(&env.data.join("cchc.sqlite")), before);
    assert!(fs::read_dir(&env.data).unwrap().all(|e| !e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with(".snapshot")));
}

#[test]
fn a_backup_replacing_one_of_the_same_name_is_whole_or_nothing() {
    let env = Env::demo();
    let out = make_backup(&env, "hang-ngay.cchcbak");
    let first = fs::read(&out).unwrap();
    // A destination that is a folder, or in a folder that does not exist: refused plainly.
    let err = backup::create(
        &env.data,
        env.tmp.path(),
        &BackupOptions::default(),
        &mut quiet(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("là một thư mục")
            || err.to_string().contains("không phải tên tệp"),
        "{err}"
    );
    let err = backup::create(
        &env.data,
        &env.path("khong-co/a.cchcbak"),
        &BackupOptions::default(),
        &mut quiet(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("Không tìm thấy thư mục"), "{err}");
    assert_eq!(fs::read(&out).unwrap(), first);
    // A second backup of the same name replaces it whole.
    let made = backup::create(&env.data, &out, &BackupOptions::default(), &mut quiet()).unwrap();
    assert!(made.verified);
    backup::verify(&out, &mut quiet()).unwrap();
}
