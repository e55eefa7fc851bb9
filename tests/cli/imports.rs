//! `cchc import` as issue 11 left it, and `cchc years`: next year opened by an import, updates
//! shown old → new, the annotated copy, and a closed output pipe ending the program quietly.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{cchc, stderr, stdout};

fn demo(dir: &Path) {
    assert!(cchc(dir, &["demo", "--year", "2026"]).status.success());
}

fn xlsx(path: &Path, rows: &[Vec<&str>]) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

#[test]
fn years_lists_and_opens_a_year() {
    let tmp = tempfile::tempdir().unwrap();
    demo(tmp.path());
    let out = cchc(tmp.path(), &["years"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("các năm làm việc 2025, 2026"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&cchc(tmp.path(), &["years", "--json"]))).unwrap();
    assert_eq!(json["years"], serde_json::json!([2026, 2025]));
    let next = json["offered"][0].as_i64().unwrap();
    assert!(next >= 2027);
    let year = next.to_string();
    let out = cchc(tmp.path(), &["years", "add", &year]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("Đã mở năm {year}.")));
    let again = cchc(tmp.path(), &["years", "add", &year]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("đã có trong danh sách"));
    let bad = cchc(tmp.path(), &["years", "add", "1800"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("không hợp lệ"));
}

#[test]
fn next_years_criteria_dry_run_says_it_will_open_the_year_and_annotates_the_copy() {
    let tmp = tempfile::tempdir().unwrap();
    demo(tmp.path());
    let file = xlsx(
        &tmp.path().join("tieu-chi-2027.xlsx"),
        &[
            vec!["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa"],
            vec!["I", "Công tác chỉ đạo", "12"],
            vec!["1", "Kế hoạch CCHC", "mười"],
        ],
    );
    let copy = tmp.path().join("danh-dau.xlsx");
    let out = cchc(
        tmp.path(),
        &[
            "import",
            "criteria",
            file.to_str().unwrap(),
            "--year",
            "2027",
            "--dry-run",
            "--annotate",
            copy.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("Sẽ mở năm 2027."), "{text}");
    assert!(
        text.contains("Lỗi — trang “Sheet1”, dòng 3, cột C"),
        "{text}"
    );
    assert!(text.contains("Đã ghi bản đánh dấu lỗi"), "{text}");
    assert!(stderr(&out).contains("Tệp có 1 lỗi; chưa nhập gì."));
    assert_eq!(&std::fs::read(&copy).unwrap()[..2], b"PK");
    let years: serde_json::Value =
        serde_json::from_str(&stdout(&cchc(tmp.path(), &["years", "--json"]))).unwrap();
    assert_eq!(
        years["years"],
        serde_json::json!([2026, 2025]),
        "a dry run opens nothing"
    );
    // The copy is never written over the file being imported.
    let same = cchc(
        tmp.path(),
        &[
            "import",
            "criteria",
            file.to_str().unwrap(),
            "--dry-run",
            "--annotate",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(same.status.code(), Some(1));
    assert!(stderr(&same).contains("phải khác tệp đang nhập"));
}

#[test]
fn an_update_is_printed_old_to_new() {
    let tmp = tempfile::tempdir().unwrap();
    demo(tmp.path());
    let list: Vec<serde_json::Value> = serde_json::from_str(&stdout(&cchc(
        tmp.path(),
        &["tasks", "list", "--year", "2026", "--json"],
    )))
    .unwrap();
    let open = list.iter().find(|t| t["status"] != "dropped").unwrap();
    let file = xlsx(
        &tmp.path().join("sua.xlsx"),
        &[
            vec![
                "STT",
                "Nội dung nhiệm vụ",
                "Lĩnh vực",
                "Thời hạn",
                "Trạng thái",
            ],
            vec![
                "99",
                open["content"].as_str().unwrap(),
                open["area_name"].as_str().unwrap(),
                open["deadline_text"].as_str().unwrap(),
                "Không thực hiện",
            ],
        ],
    );
    let out = cchc(
        tmp.path(),
        &["import", "tasks", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("tạo mới 0, cập nhật 1"), "{text}");
    assert!(
        text.contains(&format!(
            "STT: “{}” → “99”",
            open["number"].as_str().unwrap()
        )),
        "{text}"
    );
    assert!(text.contains("→ “Không thực hiện”"), "{text}");
}

#[test]
fn a_closed_output_pipe_ends_the_import_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    demo(tmp.path());
    let mut rows = vec![vec!["TT".to_string(), "Nội dung".into(), "Tiến độ".into()]];
    rows.push(vec!["I".into(), "CẢI CÁCH THỂ CHẾ".into(), String::new()]);
    for n in 1..=3000 {
        rows.push(vec![
            n.to_string(),
            format!("Việc số {n} cần làm trong năm"),
            "Thường xuyên".into(),
        ]);
    }
    let borrowed: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let file = xlsx(&tmp.path().join("lon.xlsx"), &borrowed);
    let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--data-dir")
        .arg(tmp.path())
        .args([
            "import",
            "tasks",
            file.to_str().unwrap(),
            "--dry-run",
            "--json",
        ])
        .env_remove("CCHC_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        let out = child.stdout.take().unwrap();
        BufReader::new(out).read_line(&mut first).unwrap();
        // Dropped here, as `head -1` closes the pipe after one line.
    }
    assert_eq!(first.trim(), "{");
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    // Ended by the closed pipe (quietly), never by a panic's exit code 101.
    assert_ne!(status.code(), Some(101));
}
