//! `cchc backup`, `cchc restore`, `cchc check` on real folders: what an officer (or a scheduled
//! task) sees, and the exit code when something is wrong.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{cchc, stderr, stdout, summary_json};

fn demo(dir: &Path) {
    let out = cchc(dir, &["demo", "--year", "2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

fn backup_to(dir: &Path, file: &Path) {
    let out = cchc(dir, &["backup", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Đã sao lưu dữ liệu của Xã Nông Thượng vào “"),
        "{text}"
    );
    assert!(text.contains("20 nhiệm vụ, 15 buổi tuyên truyền"), "{text}");
}

fn blobs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for shard in fs::read_dir(dir.join("evidence")).unwrap() {
        let shard = shard.unwrap().path();
        if shard.is_dir() {
            for f in fs::read_dir(&shard).unwrap() {
                out.push(f.unwrap().path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn backup_then_restore_into_a_new_folder_then_check() {
    let tmp = tempfile::tempdir().unwrap();
    let xa = tmp.path().join("xa");
    demo(&xa);
    let file = tmp.path().join("sao-luu.cchcbak");
    backup_to(&xa, &file);

    let preview = cchc(
        &tmp.path().join("moi"),
        &["restore", file.to_str().unwrap(), "--preview"],
    );
    assert!(preview.status.success(), "{}", stderr(&preview));
    let text = stdout(&preview);
    assert!(
        text.contains("Xã: Xã Nông Thượng, Thái Nguyên (dữ liệu mẫu)"),
        "{text}"
    );
    assert!(text.contains("Các năm: 2025, 2026"), "{text}");
    assert!(text.contains("Kiểm tra: tệp nguyên vẹn"), "{text}");
    assert!(
        !tmp.path().join("moi").exists(),
        "a preview restores nothing"
    );

    let moi = tmp.path().join("moi");
    let restored = cchc(&moi, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(stdout(&restored).contains("Đã khôi phục dữ liệu của Xã Nông Thượng"));
    assert_eq!(summary_json(&moi, "2026"), summary_json(&xa, "2026"));
    for (a, b) in blobs(&xa).iter().zip(blobs(&moi)) {
        assert_eq!(fs::read(a).unwrap(), fs::read(&b).unwrap());
    }
    let check = cchc(&moi, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let stored = blobs(&moi).len();
    assert!(stored >= 10, "the demo's evidence: {stored} files");
    assert!(
        stdout(&check).contains(&format!(
            "Tài liệu kiểm chứng: {stored} tệp, tất cả đúng mã SHA-256."
        )),
        "{}",
        stdout(&check)
    );

    // Over the data now in use: only with --replace, and the old data is kept aside.
    let again = cchc(&moi, &["restore", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--replace"), "{}", stderr(&again));
    let replaced = cchc(&moi, &["restore", file.to_str().unwrap(), "--replace"]);
    assert!(replaced.status.success(), "{}", stderr(&replaced));
    assert!(
        stdout(&replaced).contains("(trước khôi phục "),
        "{}",
        stdout(&replaced)
    );
    let aside = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("moi (trước khôi phục "))
        .expect("the old data is kept");
    assert!(tmp.path().join(aside).join("cchc.sqlite").is_file());
}

#[test]
fn a_missing_evidence_file_fails_the_check_and_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let xa = tmp.path().join("xa");
    demo(&xa);
    let stored = blobs(&xa).len();
    let first = blobs(&xa).remove(0);
    let sha = first.file_name().unwrap().to_string_lossy().into_owned();
    fs::remove_file(&first).unwrap();
    let out = cchc(&xa, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "Tài liệu kiểm chứng: 1 trong {stored} tệp có vấn đề:"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("mất tệp {}/{}…", &sha[..2], &sha[..12])),
        "{text}"
    );
    assert!(text.contains("Tệp của tài liệu “"), "{text}");
    assert!(
        stderr(&out)
            .starts_with("Lỗi: Dữ liệu có vấn đề: 1 tệp tài liệu kiểm chứng bị thiếu hoặc hỏng."),
        "{}",
        stderr(&out)
    );
    // JSON for scripts says the same.
    let json = cchc(&xa, &["check", "--full", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["report"]["ok"], false);
    assert_eq!(v["report"]["file_problems"][0]["kind"], "missing");
    assert_eq!(v["report"]["file_problems"][0]["sha256"], sha.as_str());
}

#[test]
fn orphans_are_listed_and_pruned_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let xa = tmp.path().join("xa");
    demo(&xa);
    let used = blobs(&xa).len();
    // A stored file no document uses (its document was deleted long ago).
    let bytes = b"%PDF-1.4 tai lieu da xoa";
    let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(bytes));
    let orphan = xa.join("evidence").join(&sha[..2]).join(&sha);
    fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    fs::write(&orphan, bytes).unwrap();
    fs::File::options()
        .write(true)
        .open(&orphan)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(86_400))
        .unwrap();
    let listed = cchc(&xa, &["check"]);
    assert!(listed.status.success(), "orphans are not an error");
    assert!(
        stdout(&listed).contains("1 tệp trong kho không còn tài liệu nào dùng"),
        "{}",
        stdout(&listed)
    );
    assert!(
        stdout(&listed).contains("Để xóa các tệp đó: cchc check --prune-orphans"),
        "the terminal says how to prune; the app's lines have its own button instead"
    );
    assert!(orphan.exists());
    let pruned = cchc(&xa, &["check", "--prune-orphans"]);
    assert!(pruned.status.success(), "{}", stderr(&pruned));
    assert!(
        stdout(&pruned).contains("Đã xóa 1 tệp không còn tài liệu nào dùng"),
        "{}",
        stdout(&pruned)
    );
    assert!(!orphan.exists());
    assert_eq!(blobs(&xa).len(), used, "every file a document uses stays");
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let xa = tmp.path().join("xa");
    demo(&xa);
    let file = tmp.path().join("a.cchcbak");
    backup_to(&xa, &file);
    let mut bytes = fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(&file, &bytes).unwrap();
    let target = tmp.path().join("moi");
    let out = cchc(&target, &["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("đã bị hỏng hoặc bị sửa sau khi tạo"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists());
    let not_a_backup = tmp.path().join("bao-cao.pdf");
    fs::write(&not_a_backup, b"%PDF-1.4").unwrap();
    let out = cchc(&target, &["restore", not_a_backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("không phải bản sao lưu của CCHC Xã"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn automatic_backups_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let xa = tmp.path().join("xa");
    demo(&xa);
    // A commune just set up and never backed up: something is wrong, says the exit code.
    let fresh = tmp.path().join("xa-moi");
    let init = cchc(
        &fresh,
        &[
            "init",
            "--commune",
            "Quảng Phú",
            "--province",
            "Thái Nguyên",
        ],
    );
    assert!(init.status.success(), "{}", stderr(&init));
    let status = cchc(&fresh, &["backup", "status"]);
    assert_eq!(
        status.status.code(),
        Some(1),
        "never backed up is something wrong"
    );
    assert!(stdout(&status).contains("Dữ liệu chưa được sao lưu lần nào"));
    // The demo shows its history: last evening's backup, so nothing is due today.
    let status = cchc(&xa, &["backup", "status"]);
    assert!(status.status.success(), "{}", stderr(&status));
    assert!(
        stdout(&status).contains("— Tự động hằng ngày — “E:\\SaoLuu-CCHC\\cchc-xa-nong-thuong-"),
        "{}",
        stdout(&status)
    );

    let usb = tmp.path().join("USB");
    let missing = cchc(&xa, &["backup", "auto", "--folder", usb.to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("Không tìm thấy thư mục"));
    fs::create_dir(&usb).unwrap();
    let set = cchc(&xa, &["backup", "auto", "--folder", usb.to_str().unwrap()]);
    assert!(set.status.success(), "{}", stderr(&set));
    let not_yet = cchc(&xa, &["backup", "auto", "--if-due", "daily"]);
    assert!(not_yet.status.success(), "{}", stderr(&not_yet));
    assert!(
        stdout(&not_yet).starts_with("Chưa cần sao lưu"),
        "{}",
        stdout(&not_yet)
    );
    let run = cchc(&xa, &["backup", "auto"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).starts_with("Đã sao lưu tự động"),
        "{}",
        stdout(&run)
    );
    let files: Vec<_> = fs::read_dir(&usb).unwrap().collect();
    assert_eq!(files.len(), 1);
    let again = cchc(&xa, &["backup", "auto", "--if-due", "exit"]);
    assert!(
        stdout(&again).starts_with("Chưa cần sao lưu"),
        "{}",
        stdout(&again)
    );

    let status = cchc(&xa, &["backup", "status", "--json"]);
    assert!(status.status.success(), "{}", stderr(&status));
    let v: serde_json::Value = serde_json::from_str(&stdout(&status)).unwrap();
    assert_eq!(v["status"]["warn"], false);
    assert_eq!(v["history"][0]["kind"], "manual");
    assert_eq!(v["history"][0]["verified"], true);
    assert_eq!(
        v["history"][0]["path"],
        files[0].as_ref().unwrap().path().to_str().unwrap()
    );
    let bad = cchc(&xa, &["backup", "auto", "--if-due", "weekly"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("dùng daily"));
    let nothing = cchc(&xa, &["backup"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(stderr(&nothing).contains("cchc backup --out"));
}
