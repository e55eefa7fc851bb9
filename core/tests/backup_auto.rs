//! Automatic backups and checks on the demo commune: the admin's folder, when a daily or on-exit
//! backup is due, the record of every attempt, retention after a good backup, the status Tổng
//! quan shows; `check` naming a missing evidence file, cleaning leftovers, listing and pruning
//! orphans only when asked.

mod backup_common;

use std::fs;
use std::time::{Duration, SystemTime};

use backup_common::Env;
use cchc_core::backup::{self, history, BackupKind, CheckLevel, CheckOptions, Trigger};
use cchc_core::evidence::{self, DocumentInput};
use cchc_core::people::{Actor, Role};
use cchc_core::{commune, Error};
use chrono::{Duration as Days, NaiveDateTime};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn officer() -> Actor {
    Actor {
        account_id: None,
        name: "Nguyễn Thị Lan Anh".into(),
        role: Role::Officer,
        client: String::new(),
    }
}

/// The time of the latest backup record, which `run_auto` stamps with the real clock.
fn now_after_backups(env: &Env) -> NaiveDateTime {
    let store = env.store();
    let last = history::last(&store.conn).unwrap().unwrap();
    at(&last.finished_at)
}

#[test]
fn the_demo_has_a_backup_history_to_show() {
    let env = Env::demo();
    let store = env.store();
    let list = history::list(&store.conn, 10).unwrap();
    assert_eq!(list.len(), 4);
    assert_eq!(list[0].started_at, "2026-11-21 17:30:48");
    assert!(list[0].is_good());
    assert_eq!(
        list[0].path,
        r"E:\SaoLuu-CCHC\cchc-xa-nong-thuong-2026-11-21-173048.cchcbak"
    );
    let failed = list.iter().find(|r| !r.ok).unwrap();
    assert!(failed.error.contains("đã đầy"), "{}", failed.error);
    // The evening after: a good backup yesterday, nothing changed since; no folder chosen yet.
    let s = backup::status(&store.conn, at("2026-11-22 09:00:00")).unwrap();
    assert!(!s.warn, "{:?}", s.warnings);
    assert!(!s.changed_since_good);
    assert_eq!(s.warnings[0].code, "no_folder");
}

#[test]
fn only_the_admin_chooses_a_folder_that_exists_and_takes_files() {
    let env = Env::demo();
    let mut store = env.store();
    let usb = env.path("USB");
    fs::create_dir(&usb).unwrap();
    let err = history::set_folder(&mut store.conn, &officer(), Some(&usb)).unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err}");
    let admin = Actor::command_line();
    let err =
        history::set_folder(&mut store.conn, &admin, Some(&env.path("khong-co"))).unwrap_err();
    assert!(err.to_string().contains("Không tìm thấy thư mục"), "{err}");
    assert!(history::folder(&store.conn).unwrap().is_none());
    let set = history::set_folder(&mut store.conn, &admin, Some(&usb))
        .unwrap()
        .unwrap();
    assert_eq!(set.folder, usb.display().to_string());
    assert_eq!(
        fs::read_dir(&usb).unwrap().count(),
        0,
        "the probe file is gone"
    );
    let note: String = store
        .conn
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'backup.folder'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(note.starts_with("Chọn thư mục sao lưu tự động"), "{note}");
    assert!(history::set_folder(&mut store.conn, &admin, None)
        .unwrap()
        .is_none());
}

#[test]
fn daily_and_exit_backups_run_when_due_and_are_recorded() {
    let env = Env::demo();
    let usb = env.path("USB");
    fs::create_dir(&usb).unwrap();
    let admin = Actor::command_line();
    let now = at("2026-11-30 08:00:00");
    {
        let store = env.store();
        let due = backup::due(&store.conn, Trigger::Daily, now).unwrap();
        assert!(!due.needed);
        assert_eq!(due.reason, "Chưa chọn thư mục sao lưu tự động.");
        let err =
            backup::run_auto(&env.data, Trigger::Daily, now, "Ứng dụng", &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("Chưa chọn thư mục"), "{err}");
    }
    history::set_folder(&mut env.store().conn, &admin, Some(&usb)).unwrap();

    // No backup yet: the daily one is due and runs.
    let first = backup::run_auto(&env.data, Trigger::Daily, now, "Ứng dụng", &mut |_| {}).unwrap();
    assert!(first.ran, "{}", first.reason);
    let made = first.made.unwrap();
    assert_eq!(
        made.path,
        usb.join("cchc-xa-nong-thuong-2026-11-30-080000.cchcbak")
    );
    backup::verify(&made.path, &mut |_| {}).unwrap();
    let record = first.record.unwrap();
    assert_eq!(record.kind, BackupKind::Daily);
    assert!(record.ok && record.verified && record.is_good());
    assert_eq!(record.size, fs::metadata(&made.path).unwrap().len());
    assert_eq!(record.evidence_files, made.counts.evidence_files);
    let stamp = now_after_backups(&env);

    // Nothing changed: neither is due, within the day or on exit.
    let store = env.store();
    assert!(
        !backup::due(&store.conn, Trigger::Daily, stamp + Days::hours(2))
            .unwrap()
            .needed
    );
    assert!(
        !backup::due(&store.conn, Trigger::Exit, stamp + Days::hours(2))
            .unwrap()
            .needed
    );
    // A day later with nothing changed: still not (until 7 days, to prove the folder works).
    assert!(
        !backup::due(&store.conn, Trigger::Daily, stamp + Days::hours(30))
            .unwrap()
            .needed
    );
    assert!(
        backup::due(&store.conn, Trigger::Daily, stamp + Days::days(8))
            .unwrap()
            .needed
    );
    drop(store);

    // A change: due on exit at once, daily after 24 hours.
    commune::add_year(&mut env.store().conn, &admin, 2027).unwrap();
    let store = env.store();
    assert!(
        backup::due(&store.conn, Trigger::Exit, stamp + Days::minutes(5))
            .unwrap()
            .needed
    );
    let daily = backup::due(&store.conn, Trigger::Daily, stamp + Days::minutes(5)).unwrap();
    assert!(!daily.needed, "{}", daily.reason);
    assert!(
        backup::due(&store.conn, Trigger::Daily, stamp + Days::hours(25))
            .unwrap()
            .needed
    );
    drop(store);

    let exit = backup::run_auto(
        &env.data,
        Trigger::Exit,
        now + Days::minutes(5),
        "Ứng dụng",
        &mut |_| {},
    )
    .unwrap();
    assert!(exit.ran);
    assert_eq!(exit.record.unwrap().kind, BackupKind::Exit);
    let store = env.store();
    assert!(
        !backup::due(
            &store.conn,
            Trigger::Exit,
            now_after_backups(&env) + Days::minutes(1)
        )
        .unwrap()
        .needed
    );
    let list = history::list(&store.conn, 10).unwrap();
    assert_eq!(list.len(), 4 + 2, "the demo's four and these two");
    assert_eq!(list[0].kind_label, "Tự động khi đóng ứng dụng");
}

#[test]
fn retention_after_a_good_backup_keeps_ten_and_one_a_month() {
    let env = Env::demo();
    let usb = env.path("USB");
    fs::create_dir(&usb).unwrap();
    history::set_folder(&mut env.store().conn, &Actor::command_line(), Some(&usb)).unwrap();
    let now = at("2026-11-30 18:00:00");
    // A year and more of daily backups already there, and the officer's own file.
    let mut t = at("2025-10-01 17:00:00");
    let mut names = Vec::new();
    while t < now - Days::hours(12) {
        let name = backup::default_file_name("Xã Nông Thượng", t);
        fs::write(usb.join(&name), b"cu").unwrap();
        names.push(name);
        t += Days::days(1);
    }
    fs::write(usb.join("ghi-chu cua toi.txt"), b"x").unwrap();
    let outcome =
        backup::run_auto(&env.data, Trigger::Daily, now, "Ứng dụng", &mut |_| {}).unwrap();
    assert!(outcome.ran);
    let mut left: Vec<String> = fs::read_dir(&usb)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(left.contains(&"ghi-chu cua toi.txt".to_string()));
    assert!(left.contains(&"cchc-xa-nong-thuong-2026-11-30-180000.cchcbak".to_string()));
    // The new one and the 9 before it, and the last of each month December 2025 – October 2026.
    assert_eq!(left.len(), 1 + 10 + 11, "{left:#?}");
    assert!(left.contains(&"cchc-xa-nong-thuong-2025-12-31-170000.cchcbak".to_string()));
    assert!(!left.contains(&"cchc-xa-nong-thuong-2025-11-30-170000.cchcbak".to_string()));
    assert_eq!(outcome.removed.len(), names.len() + 1 - 21);
}

#[test]
fn a_failed_backup_is_recorded_and_the_status_warns() {
    let env = Env::demo();
    let usb = env.path("USB");
    fs::create_dir(&usb).unwrap();
    let now = at("2026-11-30 08:00:00");
    {
        let store = env.store();
        let s = backup::status(&store.conn, now).unwrap();
        assert!(s.warn);
        // The demo's last backup was the evening before its "today", 22/11: 8 days ago.
        let codes: Vec<_> = s.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, vec!["stale", "no_folder"]);
    }
    history::set_folder(&mut env.store().conn, &Actor::command_line(), Some(&usb)).unwrap();
    backup::run_auto(&env.data, Trigger::Now, now, "Ứng dụng", &mut |_| {}).unwrap();
    let stamp = now_after_backups(&env);
    let store = env.store();
    let fresh = backup::status(&store.conn, stamp + Days::days(2)).unwrap();
    assert!(!fresh.warn, "{:?}", fresh.warnings);
    assert!(fresh.folder_reachable);
    assert_eq!(fresh.days_since_good, Some(2));
    assert!(!fresh.changed_since_good);
    let stale = backup::status(&store.conn, stamp + Days::days(8)).unwrap();
    assert!(stale.warn);
    assert_eq!(stale.warnings[0].code, "stale");
    assert!(
        stale.warnings[0]
            .message
            .starts_with("Lần sao lưu tốt gần nhất đã cách đây 8 ngày"),
        "{}",
        stale.warnings[0].message
    );
    drop(store);

    // The stick is taken away: the status says so, and the next backup fails and is recorded.
    fs::rename(&usb, env.path("USB-da-rut")).unwrap();
    let store = env.store();
    let s = backup::status(&store.conn, stamp + Days::hours(1)).unwrap();
    assert!(s.warn && !s.folder_reachable);
    assert_eq!(s.warnings[0].code, "unreachable");
    drop(store);
    let err = backup::run_auto(
        &env.data,
        Trigger::Now,
        now + Days::hours(1),
        "Ứng dụng",
        &mut |_| {},
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("Không truy cập được thư mục sao lưu tự động"),
        "{err}"
    );
    let store = env.store();
    let last = history::last(&store.conn).unwrap().unwrap();
    assert!(!last.ok && !last.verified);
    assert_eq!(last.error, err.to_string());
    let s = backup::status(&store.conn, stamp + Days::hours(1)).unwrap();
    assert!(s.warnings.iter().any(|w| w.code == "last_failed"));
    // The last good backup is still the one before.
    assert!(s.last_good.unwrap().ok);
}

#[test]
fn check_names_a_missing_file_and_cleans_up_after_crashes() {
    let env = Env::demo();
    let mut store = env.store();
    let evidence_dir = store.evidence_dir();
    let ok = backup::check(
        &store.conn,
        &env.data,
        &CheckOptions::new(CheckLevel::Standard),
    )
    .unwrap();
    assert!(ok.ok, "{:?}", ok.lines());
    assert!(ok.files_checked >= 10);
    assert!(ok.orphans.is_empty() && ok.strays.is_empty());

    // A file deleted by hand; leftovers of a crashed add (old) and of one still writing (new);
    // a document deleted (its file stays, now an orphan); a stray file dropped in by hand.
    let doc = evidence::list(&store.conn, Some(2026), "")
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let victim = evidence::blobs::blob_path(&evidence_dir, &doc.current.sha256).unwrap();
    fs::remove_file(&victim).unwrap();
    let old_temp = evidence_dir.join(".incoming-1-2-3.tmp");
    fs::write(&old_temp, b"nua chung").unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old_temp)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let new_temp = evidence_dir.join(".incoming-4-5-6.tmp");
    fs::write(&new_temp, b"dang ghi").unwrap();
    let snapshot_journal = env.data.join(".snapshot-7-8-9.tmp-journal");
    fs::write(&snapshot_journal, b"x").unwrap();
    fs::File::options()
        .write(true)
        .open(&snapshot_journal)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let extra = env.path("them.pdf");
    fs::write(&extra, b"%PDF-1.4 mot tai lieu se bi xoa").unwrap();
    let input = DocumentInput {
        year: Some(2026),
        title: "Tài liệu sẽ xóa".into(),
        ..Default::default()
    };
    let added = evidence::add_document(
        &mut store.conn,
        &evidence_dir,
        &Actor::command_line(),
        &input,
        &extra,
    )
    .unwrap();
    evidence::delete_document(&mut store.conn, &Actor::command_line(), added.id).unwrap();
    let orphan_path = evidence::blobs::blob_path(&evidence_dir, &added.current.sha256).unwrap();
    fs::write(evidence_dir.join("Ảnh chụp.jpg"), b"x").unwrap();

    let report = backup::check(
        &store.conn,
        &env.data,
        &CheckOptions::new(CheckLevel::Standard),
    )
    .unwrap();
    assert!(!report.ok);
    assert_eq!(report.file_problems.len(), 1);
    let lines = report.lines().join("\n");
    assert!(lines.contains(&format!("“{}”", doc.title)), "{lines}");
    assert!(lines.contains("không còn trong kho"), "{lines}");
    assert_eq!(
        report.temp_removed,
        vec![snapshot_journal.clone(), old_temp.clone()]
    );
    assert!(!old_temp.exists() && !snapshot_journal.exists());
    assert_eq!(report.temp_kept, vec![new_temp.clone()]);
    assert!(new_temp.exists());
    assert_eq!(report.orphans.len(), 1);
    assert_eq!(report.orphans[0].path, orphan_path);
    assert_eq!(report.strays, vec![evidence_dir.join("Ảnh chụp.jpg")]);
    assert!(orphan_path.exists(), "listing deletes nothing");

    // The cheap start-up check finds the missing file too, without reading any.
    let quick = backup::check(
        &store.conn,
        &env.data,
        &CheckOptions::new(CheckLevel::Startup),
    )
    .unwrap();
    assert_eq!(quick.file_problems.len(), 1);

    // Pruning spares a file written just now, then deletes it once it is old enough.
    let pruned = backup::prune_orphans(
        &mut store.conn,
        &env.data,
        &Actor::command_line(),
        None,
        Duration::from_secs(600),
    )
    .unwrap();
    assert!(pruned.removed.is_empty());
    assert!(orphan_path.exists());
    let pruned = backup::prune_orphans(
        &mut store.conn,
        &env.data,
        &Actor::command_line(),
        None,
        Duration::ZERO,
    )
    .unwrap();
    assert_eq!(pruned.removed.len(), 1);
    assert!(!orphan_path.exists());
    let rows: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM evidence_blob WHERE sha256 = ?1",
            [&added.current.sha256],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 0);
    // Every file a document uses is still there.
    let after =
        backup::check(&store.conn, &env.data, &CheckOptions::new(CheckLevel::Full)).unwrap();
    assert_eq!(after.file_problems.len(), 1, "only the one deleted by hand");
    assert!(after.orphans.is_empty());
    assert!(
        evidence_dir.join("Ảnh chụp.jpg").exists(),
        "strays are never deleted"
    );
}
