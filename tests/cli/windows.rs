//! Windows cases of the `cchc` binary, run natively on Linux and as `cchc.exe` under Wine
//! (scripts/check-windows.sh): a data folder and output files with spaces and Vietnamese
//! letters (NFD, as old tools and some copies from macOS write them), a report name Windows
//! refuses, and the default data folder when no --data-dir is given.

use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;

use super::{cchc, stderr, stdout};

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

#[test]
fn folders_and_files_with_spaces_and_vietnamese_letters() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(nfd("Dữ liệu CCHC")).join("Xã Nông Thượng");
    assert!(cchc(&dir, &["demo"]).status.success());
    let pdf = tmp.path().join("bao cao 9 tháng.pdf");
    let o = cchc(
        &dir,
        &[
            "report",
            "annual",
            "--period",
            "9m",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let zip = tmp.path().join(nfd("hồ sơ kiểm chứng.zip"));
    let o = cchc(&dir, &["evidence", "pack", "--out", zip.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(zip.is_file());
    let xlsx = tmp.path().join("Kế hoạch năm.xlsx");
    let o = cchc(&dir, &["export", "plan", "--out", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(xlsx.is_file());
}

#[test]
fn a_report_name_windows_refuses_is_refused_in_vietnamese() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    let out = tmp.path().join("ra");
    std::fs::create_dir(&out).unwrap();
    for (name, suggestion) in [("CON.pdf", "CON_.pdf"), ("Quý 3?.pdf", "Quý 3.pdf")] {
        let target = out.join(name);
        let o = cchc(
            tmp.path(),
            &["report", "plan", "--out", target.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert!(err.contains("không dùng được trên Windows"), "{err}");
        assert!(err.contains(suggestion), "{err}");
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

/// The folder the app and the CLI use when nothing says otherwise.
fn default_folder(home: &Path) -> PathBuf {
    if cfg!(windows) {
        PathBuf::from(std::env::var_os("APPDATA").expect("APPDATA is set"))
            .join("vn.cchcxa.desktop")
    } else {
        home.join(".local/share/vn.cchcxa.desktop")
    }
}

#[test]
fn without_data_dir_the_commune_lives_in_the_app_data_folder() {
    let home = tempfile::tempdir().unwrap();
    let folder = default_folder(home.path());
    if folder.exists() {
        // A Windows PC with the app in use: its real data is never touched by a test.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("bỏ qua: {} đã có dữ liệu thật\n", folder.display()).as_bytes(),
        );
        return;
    }
    // On Windows the folder is %APPDATA%\vn.cchcxa.desktop of the account running the test
    // (the Wine prefix's own account under Wine); elsewhere HOME points into the test's folder.
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cchc"))
            .args(args)
            .env_remove("CCHC_DATA_DIR")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", home.path())
            .output()
            .unwrap()
    };
    let o = run(&[
        "init",
        "--commune",
        "Xã Nông Thượng",
        "--province",
        "Thái Nguyên",
    ]);
    let created = folder.join("cchc.sqlite").is_file();
    let summary = run(&["summary", "--json"]);
    if cfg!(windows) {
        let _ = std::fs::remove_dir_all(&folder);
    }
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(created, "{} was not created", folder.display());
    assert!(summary.status.success(), "{}", stderr(&summary));
    assert!(stdout(&summary).contains("Xã Nông Thượng"));
}
