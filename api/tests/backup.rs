//! Backup, restore and the data check through the commands, as the desktop app on the host
//! calls them: a backup made while the host serves, a restore over the data in use (the host
//! closes and reopens its folder, ends the window's session, keeps the old data aside), a
//! restore refused while a write is under way or when the file is damaged (nothing changes and
//! the host keeps answering), the first-start restore, the check with its orphan files, and
//! what Tổng quan warns about.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use cchc_api::{ApiError, Client, Ctx, Events, Host, Reply, Sessions, Transport};
use cchc_core::people::{Account, Actor};
use serde_json::{json, Value};

#[derive(Default)]
struct Window(Mutex<Option<Actor>>);

impl Sessions for Window {
    fn begin(&self, _: &Host, account: &Account) -> Result<Option<String>, ApiError> {
        *self.0.lock().unwrap() = Some(account.actor());
        Ok(None)
    }
    fn end(&self, _: &Host) {
        *self.0.lock().unwrap() = None;
    }
}

/// The progress events a call sent.
#[derive(Default)]
struct Heard(Mutex<Vec<(String, Value)>>);

impl Events for Heard {
    fn emit(&self, event: &str, payload: Value) {
        self.0.lock().unwrap().push((event.to_string(), payload));
    }
}

struct App {
    host: Arc<Host>,
    window: Arc<Window>,
    heard: Arc<Heard>,
    dir: PathBuf,
    tmp: tempfile::TempDir,
}

impl App {
    fn demo() -> App {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("xa");
        {
            let mut store = cchc_core::Store::open(&dir).unwrap();
            let evidence = store.evidence_dir();
            cchc_core::demo::load(&mut store.conn, &evidence, 2026, cchc_core::clock::today())
                .unwrap();
        }
        App::open(tmp, dir)
    }

    fn open(tmp: tempfile::TempDir, dir: PathBuf) -> App {
        App {
            host: Arc::new(Host::open(Ok(dir.clone()))),
            window: Arc::default(),
            heard: Arc::default(),
            dir,
            tmp,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn call(&self, name: &str, args: Value) -> Result<Value, ApiError> {
        let ctx = Ctx::new(
            self.window.0.lock().unwrap().clone(),
            Client {
                id: "desktop".into(),
                address: String::new(),
            },
            Transport::Desktop,
            self.heard.clone(),
            self.window.clone(),
        );
        match cchc_api::dispatch(&self.host, &ctx, name, args)? {
            Reply::Json(v) => Ok(v),
            other => panic!("{name}: unexpected reply {other:?}"),
        }
    }

    fn ok(&self, name: &str, args: Value) -> Value {
        self.call(name, args)
            .unwrap_or_else(|e| panic!("{name}: {} ({})", e.message, e.kind))
    }

    fn login(&self, username: &str) {
        self.ok(
            "login",
            json!({"username": username, "password": "demo1234"}),
        );
    }

    fn years(&self) -> Vec<i64> {
        let conn = rusqlite::Connection::open(self.dir.join("cchc.sqlite")).unwrap();
        let mut stmt = conn
            .prepare("SELECT year FROM work_year ORDER BY year")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

fn siblings_set_aside(parent: &Path) -> Vec<PathBuf> {
    fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("trước khôi phục"))
        .collect()
}

#[test]
fn a_backup_made_from_the_panel_is_recorded_and_clears_the_warning() {
    let app = App::demo();
    app.login("quantri");
    // The demo's history ends with yesterday evening's backup: nothing to warn about.
    assert_eq!(app.ok("data_health", json!({}))["backup_warn"], false);
    // Ten days later without a backup.
    let conn = rusqlite::Connection::open(app.dir.join("cchc.sqlite")).unwrap();
    conn.execute(
        "UPDATE backup_record SET started_at = datetime(started_at, '-10 days'),
            finished_at = datetime(finished_at, '-10 days')",
        [],
    )
    .unwrap();
    let health = app.ok("data_health", json!({}));
    assert_eq!(health["backup_warn"], true);
    assert_eq!(health["backup_warnings"][0]["code"], "stale");
    assert!(health["backup_warnings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Lần sao lưu tốt gần nhất đã cách đây"));
    assert_eq!(health["can_fix"], true);

    let panel = app.ok("backup_panel", json!({}));
    let name = panel["file_name"].as_str().unwrap().to_string();
    assert!(
        name.starts_with("cchc-xa-nong-thuong-") && name.ends_with(".cchcbak"),
        "{name}"
    );
    assert_eq!(panel["on_host"], true);
    assert_eq!(panel["history"].as_array().unwrap().len(), 4);

    let out = app.path(&name);
    let made = app.ok("make_backup", json!({"path": out}));
    assert!(out.is_file());
    assert_eq!(made["made"]["verified"], true);
    assert_eq!(made["record"]["kind"], "manual");
    let heard = app.heard.0.lock().unwrap();
    let phases: Vec<&str> = heard
        .iter()
        .filter(|(e, _)| e == "backup-progress")
        .filter_map(|(_, p)| p["phase"].as_str())
        .collect();
    for phase in ["snapshot", "writing", "verifying"] {
        assert!(phases.contains(&phase), "{phase} in {phases:?}");
    }
    drop(heard);

    let panel = app.ok("backup_panel", json!({}));
    let first = &panel["history"][0];
    assert_eq!(first["ok"], true);
    assert_eq!(first["verified"], true);
    assert_eq!(first["path"], out.display().to_string());
    assert_eq!(first["made_by"], "Nông Văn Khánh");
    let health = app.ok("data_health", json!({}));
    assert_eq!(health["backup_warn"], false, "{health}");

    // A failure is recorded with what the user read, and changes nothing.
    let gone = app.path("o-usb-da-rut").join("sao-luu.cchcbak");
    let err = app.call("make_backup", json!({"path": gone})).unwrap_err();
    assert_eq!(err.kind, "not_found");
    let panel = app.ok("backup_panel", json!({}));
    assert_eq!(panel["history"][0]["ok"], false);
    assert_eq!(panel["history"][0]["error"], err.message);

    // An officer neither sees the panel nor backs up; Tổng quan tells them whom to ask.
    app.login("congchuc");
    assert_eq!(
        app.call("backup_panel", json!({})).unwrap_err().kind,
        "forbidden"
    );
    assert_eq!(
        app.call("make_backup", json!({"path": app.path("b.cchcbak")}))
            .unwrap_err()
            .kind,
        "forbidden"
    );
    assert_eq!(app.ok("data_health", json!({}))["can_fix"], false);
}

#[test]
fn the_automatic_folder_is_chosen_on_the_host_and_takes_a_backup_now() {
    let app = App::demo();
    app.login("quantri");
    let folder = app.path("USB");
    fs::create_dir(&folder).unwrap();
    let set = app.ok("set_backup_folder", json!({"folder": folder}));
    assert_eq!(set["folder"], folder.display().to_string());
    let outcome = app.ok("backup_to_folder", json!({}));
    assert_eq!(outcome["ran"], true);
    let files: Vec<_> = fs::read_dir(&folder).unwrap().collect();
    assert_eq!(files.len(), 1);
    let panel = app.ok("backup_panel", json!({}));
    assert_eq!(panel["status"]["folder_reachable"], true);
    assert_eq!(panel["status"]["warn"], false);

    // The stick pulled: Tổng quan says so, with the way to fix it.
    fs::rename(&folder, app.path("USB da rut")).unwrap();
    let health = app.ok("data_health", json!({}));
    assert_eq!(health["backup_warn"], true);
    let unreachable = health["backup_warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "unreachable")
        .expect("an unreachable warning");
    assert!(unreachable["message"]
        .as_str()
        .unwrap()
        .contains("hãy cắm ổ USB"));

    let off = app.ok("set_backup_folder", json!({"folder": null}));
    assert!(off.is_null());
}

#[test]
fn a_restore_over_the_data_in_use_swaps_it_and_everyone_logs_in_again() {
    let app = App::demo();
    app.login("quantri");
    let out = app.path("goc.cchcbak");
    app.ok("make_backup", json!({"path": out}));
    // Work after the backup: a new year.
    app.ok("add_year", json!({"year": 2027}));
    assert_eq!(app.years(), vec![2025, 2026, 2027]);

    let preview = app.ok("preview_backup", json!({"path": out}));
    assert_eq!(preview["commune"], "Xã Nông Thượng");
    assert_eq!(preview["counts"]["tasks"], 20);
    assert_eq!(preview["needs_migration"], false);

    // A long read under way (a backup holds the folder): the restore waits for it.
    let lease = app.host.lease().unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        drop(lease);
    });
    app.heard.0.lock().unwrap().clear();
    let restored = app.ok("restore_backup", json!({"path": out}));
    release.join().unwrap();
    let aside = PathBuf::from(restored["set_aside"].as_str().unwrap());
    assert!(aside.join("cchc.sqlite").is_file());
    assert_eq!(siblings_set_aside(app.tmp.path()), vec![aside.clone()]);
    assert_eq!(app.years(), vec![2025, 2026], "the backup's data is back");
    let phases: Vec<String> = app
        .heard
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|(_, p)| p["phase"].as_str().map(String::from))
        .collect();
    assert!(phases.contains(&"extracting".to_string()), "{phases:?}");

    // The window's session ended; the host serves the restored data to whoever logs in.
    assert!(app.ok("current_session", json!({})).is_null());
    assert_eq!(
        app.call("backup_panel", json!({})).unwrap_err().kind,
        "not_logged_in"
    );
    app.login("quantri");
    let dash = app.ok("dashboard", json!({"year": 2026}));
    assert_eq!(dash["summary"]["tasks"]["total"], 20);
    // The host writes to the restored database, and its log goes on in the restored folder.
    app.ok("add_year", json!({"year": 2028}));
    assert_eq!(app.years(), vec![2025, 2026, 2028]);
    let audit = app.ok("audit_log", json!({"limit": 5, "offset": 0}));
    assert!(
        audit
            .to_string()
            .contains("Khôi phục dữ liệu từ bản sao lưu “goc.cchcbak”"),
        "{audit}"
    );
}

#[test]
fn a_restore_is_refused_while_a_write_is_under_way_or_the_file_is_damaged() {
    let app = App::demo();
    app.login("quantri");
    let out = app.path("goc.cchcbak");
    app.ok("make_backup", json!({"path": out}));
    app.ok("add_year", json!({"year": 2027}));

    // Another user's write holds the writer.
    let host = app.host.clone();
    let (started, wait) = std::sync::mpsc::channel();
    let (finish, finished) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        host.write(|_| {
            started.send(()).unwrap();
            finished.recv().unwrap();
            Ok(())
        })
        .unwrap();
    });
    wait.recv().unwrap();
    let err = app
        .call("restore_backup", json!({"path": out}))
        .unwrap_err();
    finish.send(()).unwrap();
    writer.join().unwrap();
    assert_eq!(err.kind, "conflict");
    assert!(
        err.message.contains("Đang có người ghi dữ liệu"),
        "{}",
        err.message
    );
    assert_eq!(app.years(), vec![2025, 2026, 2027]);

    // One flipped byte: refused, nothing set aside, the host answers as before.
    let mut bytes = fs::read(&out).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    let damaged = app.path("hong.cchcbak");
    fs::write(&damaged, bytes).unwrap();
    let err = app
        .call("restore_backup", json!({"path": damaged}))
        .unwrap_err();
    assert_eq!(err.kind, "invalid");
    assert!(err.message.contains("Chưa thay đổi gì"), "{}", err.message);
    assert!(siblings_set_aside(app.tmp.path()).is_empty());
    assert_eq!(app.years(), vec![2025, 2026, 2027]);
    assert!(
        !app.ok("current_session", json!({})).is_null(),
        "still logged in"
    );
    app.ok("add_year", json!({"year": 2029}));

    // Officers do not restore.
    app.login("congchuc");
    assert_eq!(
        app.call("restore_backup", json!({"path": out}))
            .unwrap_err()
            .kind,
        "forbidden"
    );
    assert_eq!(
        app.call("preview_backup", json!({"path": out}))
            .unwrap_err()
            .kind,
        "forbidden"
    );
}

#[test]
fn the_first_start_restores_into_the_folder_the_app_just_opened() {
    let made = App::demo();
    made.login("quantri");
    let out = made.path("goc.cchcbak");
    made.ok("make_backup", json!({"path": out}));

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vn.cchcxa.desktop");
    let app = App::open(tmp, dir.clone());
    assert_eq!(app.ok("app_status", json!({}))["initialised"], false);
    let preview = app.ok("preview_backup", json!({"path": out, "firstStart": true}));
    assert_eq!(preview["commune"], "Xã Nông Thượng");
    let restored = app.ok("restore_first_start", json!({"path": out}));
    assert!(restored["set_aside"].is_null());
    assert!(siblings_set_aside(app.tmp.path()).is_empty());
    let status = app.ok("app_status", json!({}));
    assert_eq!(status["initialised"], true);
    assert_eq!(status["needs_first_account"], false);
    app.login("quantri");
    assert_eq!(
        app.ok("dashboard", json!({"year": 2026}))["summary"]["tasks"]["total"],
        20
    );

    // Once the commune is there, the first-start way is closed.
    app.ok("logout", json!({}));
    let err = app
        .call("restore_first_start", json!({"path": out}))
        .unwrap_err();
    assert_eq!(err.kind, "forbidden");
    assert!(err.message.contains("Cài đặt › Sao lưu"), "{}", err.message);
}

/// Sets a file's modification time `age` into the past.
fn age(path: &Path, age: Duration) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn the_check_lists_orphans_and_prunes_exactly_those_confirmed() {
    let app = App::demo();
    app.login("quantri");
    let evidence = app.dir.join("evidence");
    let mut orphans = Vec::new();
    for (i, content) in [b"bien ban cu".as_slice(), b"anh cu", b"vua tai len"]
        .iter()
        .enumerate()
    {
        let sha = {
            use sha2::Digest;
            format!("{:x}", sha2::Sha256::digest(content))
        };
        let shard = evidence.join(&sha[..2]);
        fs::create_dir_all(&shard).unwrap();
        fs::write(shard.join(&sha), content).unwrap();
        if i < 2 {
            age(&shard.join(&sha), Duration::from_secs(3600));
        }
        orphans.push(sha);
    }
    // Files in transit and the log are not data: never orphans, never strays.
    let transfers = app
        .dir
        .join("transfers")
        .join("up")
        .join("0123456789abcdef");
    fs::create_dir_all(&transfers).unwrap();
    fs::write(transfers.join("ke-hoach.xlsx"), b"x").unwrap();

    let checked = app.ok("check_data", json!({"full": false}));
    assert_eq!(checked["report"]["ok"], true, "{checked}");
    let listed: Vec<&str> = checked["report"]["orphans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["sha256"].as_str().unwrap())
        .collect();
    let mut expected: Vec<&str> = orphans.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert!(checked["report"]["strays"].as_array().unwrap().is_empty());
    let lines = checked["lines"].to_string();
    assert!(
        lines.contains("3 tệp trong kho không còn tài liệu nào dùng"),
        "{lines}"
    );
    let full = app.ok("check_data", json!({"full": true}));
    assert_eq!(full["report"]["level"], "full");
    assert!(full["lines"][0]
        .as_str()
        .unwrap()
        .contains("kiểm tra toàn bộ"));

    // The user confirmed two of them: only those go (a third, just written, is spared anyway).
    let pruned = app.ok("prune_orphans", json!({"shown": [orphans[0], orphans[2]]}));
    let removed: Vec<&str> = pruned["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["sha256"].as_str().unwrap())
        .collect();
    assert_eq!(removed, vec![orphans[0].as_str()]);
    assert!(!evidence.join(&orphans[0][..2]).join(&orphans[0]).exists());
    assert!(evidence.join(&orphans[1][..2]).join(&orphans[1]).exists());
    assert!(evidence.join(&orphans[2][..2]).join(&orphans[2]).exists());
    assert!(transfers.join("ke-hoach.xlsx").exists());
}

#[test]
fn the_start_up_check_finds_a_missing_file_for_the_overview() {
    let app = App::demo();
    app.login("congchuc");
    app.host.check_at_start();
    assert!(app.ok("data_health", json!({}))["check_problems"]
        .as_array()
        .unwrap()
        .is_empty());
    // An evidence file deleted behind the app's back.
    let conn = rusqlite::Connection::open(app.dir.join("cchc.sqlite")).unwrap();
    let sha: String = conn
        .query_row("SELECT sha256 FROM evidence_revision LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    fs::remove_file(app.dir.join("evidence").join(&sha[..2]).join(&sha)).unwrap();
    app.host.check_at_start();
    let health = app.ok("data_health", json!({}));
    let problems = health["check_problems"].to_string();
    assert!(problems.contains("có vấn đề"), "{problems}");
}
