//! The `cchc` binary on fresh data folders: what a user or a script sees.

mod backup;
mod dossier;
mod serve;

use std::path::Path;
use std::process::{Command, Output};

mod windows;

fn cchc(dir: &Path, args: &[&str]) -> Output {
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_cchc"))
            .arg("--data-dir")
            .arg(dir)
            .args(args)
            .env_remove("CCHC_DATA_DIR")
            .output()
    };
    let mut tries = 1;
    loop {
        match run() {
            Ok(out) => return out,
            // Wine, not Windows: under load its CreateProcess now and then fails with
            // ERROR_INTERNAL_ERROR (1359) before the program starts. Start it again.
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(1359) && tries < 3 => tries += 1,
            Err(e) => panic!("cchc runs: {e}"),
        }
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn summary_json(dir: &Path, year: &str) -> serde_json::Value {
    let out = cchc(dir, &["summary", "--year", year, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn init_then_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cchc(
        tmp.path(),
        &[
            "init",
            "--commune",
            "Xã Quảng Phú",
            "--province",
            "Thái Nguyên",
            "--year",
            "2025",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Xã Quảng Phú"));
    assert!(tmp.path().join("cchc.sqlite").is_file());
    assert!(tmp.path().join("evidence").is_dir());
    let s = summary_json(tmp.path(), "2025");
    assert_eq!(s["year"], 2025);
    assert_eq!(s["commune"], "Xã Quảng Phú");
    assert_eq!(s["tasks"]["total"], 0);
    assert!(s["tthc"]["on_time_rate_pct"].is_null());
}

#[test]
fn second_init_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let first = cchc(tmp.path(), &["init", "--commune", "A", "--province", "B"]);
    assert!(first.status.success());
    let db = tmp.path().join("cchc.sqlite");
    let before = summary_json(tmp.path(), &this_year());
    let out = cchc(
        tmp.path(),
        &["init", "--commune", "Khác", "--province", "C"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("Lỗi: Thư mục dữ liệu này đã có dữ liệu của Xã A"),
        "{err}"
    );
    assert!(db.is_file());
    assert_eq!(summary_json(tmp.path(), &this_year()), before);
    let demo = cchc(tmp.path(), &["demo"]);
    assert_eq!(demo.status.code(), Some(1));
    assert_eq!(summary_json(tmp.path(), &this_year()), before);
}

fn this_year() -> String {
    // The CLI's default year is the current one; read it the same way a user would.
    let tmp = tempfile::tempdir().unwrap();
    cchc(tmp.path(), &["init", "--commune", "X", "--province", "Y"]);
    let out = cchc(tmp.path(), &["summary", "--json"]);
    let s: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    s["year"].to_string()
}

#[test]
fn demo_prints_its_accounts_and_its_year_has_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cchc(tmp.path(), &["demo", "--year", "2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("congchuc / demo1234"), "{text}");
    assert!(text.contains("chutich / demo1234"), "{text}");
    let s = summary_json(tmp.path(), "2026");
    assert_eq!(s["commune"], "Xã Nông Thượng");
    assert_eq!(s["province"], "Thái Nguyên");
    for key in ["tasks", "sessions", "tthc", "scoring"] {
        assert!(s[key].is_object(), "missing {key}");
    }
    for key in [
        "received",
        "online",
        "bcci",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "in_progress",
        "on_time_rate_pct",
        "online_rate_pct",
    ] {
        assert!(s["tthc"].get(key).is_some(), "missing tthc.{key}");
    }
}

#[test]
fn unknown_year_gets_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo", "--year", "2026"])
        .status
        .success());
    let out = cchc(tmp.path(), &["summary", "--year", "1999", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert_eq!(
        stderr(&out).trim(),
        "Lỗi: Xã Nông Thượng chưa có dữ liệu năm 1999. Các năm đang có: 2025, 2026."
    );
}

#[test]
fn summary_before_setup_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cchc(tmp.path(), &["summary", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cchc init"));
}

#[test]
fn usage_errors_are_vietnamese_and_help_works() {
    let tmp = tempfile::tempdir().unwrap();
    let out = cchc(tmp.path(), &["summary", "--year", "abc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("giá trị “abc” của --year"));
    let out = cchc(tmp.path(), &["--help"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Cách dùng"));
    assert!(stdout(&out).contains("summary"));
}

#[test]
fn data_dir_comes_from_the_environment_too() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .args(["demo", "--year", "2026"])
        .env("CCHC_DATA_DIR", tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(summary_json(tmp.path(), "2026")["year"], 2026);
}

fn tasks_json(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["tasks", "list", "--json"];
    all.extend_from_slice(args);
    let out = cchc(dir, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn a_past_demo_year_has_its_plan_fully_judged() {
    // Every deadline of 2025 is past, so the figures do not depend on today's date.
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo", "--year", "2025"])
        .status
        .success());
    let s = summary_json(tmp.path(), "2025");
    assert_eq!(
        s["tasks"],
        serde_json::json!({
            "total": 20, "done": 16, "done_late": 1, "in_progress": 3, "not_started": 1,
            "not_done": 0, "overdue": 4
        })
    );
    let all = tasks_json(tmp.path(), &["--year", "2025"]);
    assert_eq!(all.len(), 20);
    let overdue = tasks_json(tmp.path(), &["--year", "2025", "--overdue"]);
    assert_eq!(overdue.len(), 4);
    assert!(overdue.iter().all(|t| t["overdue"] == true));
    let human = stdout(&cchc(
        tmp.path(),
        &["tasks", "list", "--year", "2025", "--overdue"],
    ));
    assert!(
        human.starts_with("Kế hoạch CCHC năm 2025: 4 nhiệm vụ quá hạn"),
        "{human}"
    );
    assert!(human.contains("QUÁ HẠN"));
}

#[test]
fn summary_counts_tasks_the_way_the_list_judges_them() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    let s: serde_json::Value =
        serde_json::from_str(&stdout(&cchc(tmp.path(), &["summary", "--json"]))).unwrap();
    let all = tasks_json(tmp.path(), &[]);
    let count = |key: &str| all.iter().filter(|t| t[key] == true).count();
    assert_eq!(s["tasks"]["total"], all.len());
    assert_eq!(s["tasks"]["done"], count("counted_done"));
    assert_eq!(s["tasks"]["overdue"], count("overdue"));
    assert_eq!(all.len(), 20);
    // Each task is in one bucket, the same the summary counts.
    for (key, standing) in [
        ("done", "done"),
        ("in_progress", "in_progress"),
        ("not_started", "not_started"),
        ("not_done", "not_done"),
    ] {
        let n = all.iter().filter(|t| t["standing"] == standing).count();
        assert_eq!(s["tasks"][key], n, "{key}");
    }
}

#[test]
fn tasks_list_refuses_an_unknown_year() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo", "--year", "2026"])
        .status
        .success());
    let out = cchc(tmp.path(), &["tasks", "list", "--year", "2031"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("chưa có dữ liệu năm 2031"));
}

#[test]
fn sessions_list_totals_for_a_period() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo", "--year", "2025"])
        .status
        .success());
    let s = summary_json(tmp.path(), "2025");
    assert_eq!(
        (
            s["sessions"]["count"].as_i64(),
            s["sessions"]["attendees"].as_i64()
        ),
        (Some(15), Some(688))
    );

    let out = cchc(
        tmp.path(),
        &[
            "sessions", "list", "--year", "2025", "--period", "q2", "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["period"]["from"], "2025-03-15");
    assert_eq!(r["period"]["to"], "2025-06-14");
    assert_eq!(r["totals"]["sessions"], 5);
    assert_eq!(r["totals"]["attendees"], 188);
    assert_eq!(r["sessions"].as_array().unwrap().len(), 5);

    let human = stdout(&cchc(tmp.path(), &["sessions", "list", "--year", "2025"]));
    assert!(human.starts_with("Năm 2025 (theo năm dương lịch) (01/01/2025 – 31/12/2025): 15 buổi, 688 lượt người tham dự"), "{human}");

    let bad = cchc(
        tmp.path(),
        &["sessions", "list", "--year", "2025", "--period", "q7"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).starts_with("Lỗi: Không hiểu kỳ báo cáo “q7”"));
}

#[test]
fn criteria_show_and_evidence_add_and_pack() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo", "--year", "2026"])
        .status
        .success());
    let out = cchc(
        tmp.path(),
        &["criteria", "show", "--year", "2026", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let tree: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(tree.as_array().unwrap().len(), 8);
    assert_eq!(tree[0]["code"], "I");
    assert_eq!(tree[0]["max_points"], 14.0);
    assert_eq!(tree[0]["children"][0]["children"][0]["code"], "I.1.1");
    assert_eq!(
        tree[0]["children"][0]["children"][0]["levels"][1]["points"],
        0.5
    );
    let total: f64 = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["max_points"].as_f64().unwrap())
        .sum();
    assert_eq!(total, 100.0);

    let file = tmp.path().join("Quyết định sáng kiến.pdf");
    std::fs::write(&file, b"%PDF-1.4 sang kien").unwrap();
    let added = cchc(
        tmp.path(),
        &[
            "evidence",
            "add",
            file.to_str().unwrap(),
            "--year",
            "2026",
            "--criterion",
            "I.5",
            "--number",
            "7/QĐ-UBND",
            "--date",
            "15/06/2026",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let missing = cchc(
        tmp.path(),
        &["evidence", "add", "khong-co.pdf", "--criterion", "I.5"],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("Không tìm thấy tệp"));
    let bad_code = cchc(
        tmp.path(),
        &[
            "evidence",
            "add",
            file.to_str().unwrap(),
            "--criterion",
            "XX.1",
        ],
    );
    assert!(stderr(&bad_code).contains("không có tiêu chí mã XX.1"));

    let zip = tmp.path().join("pack.zip");
    let packed = cchc(
        tmp.path(),
        &[
            "evidence",
            "pack",
            "--year",
            "2026",
            "--out",
            zip.to_str().unwrap(),
        ],
    );
    assert!(packed.status.success(), "{}", stderr(&packed));
    assert!(stdout(&packed).starts_with("Đã đóng gói"));
    let bytes = std::fs::read(&zip).unwrap();
    assert_eq!(&bytes[..2], b"PK");
    let listing = String::from_utf8_lossy(&bytes);
    assert!(
        listing.contains("I/5 Sáng kiến"),
        "the pack has a folder for I.5"
    );
    assert!(listing.contains("07-QĐ-UBND.pdf"));
}

#[test]
fn import_officers_dry_run_then_for_real_and_a_bad_file() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(
        tmp.path(),
        &[
            "init",
            "--commune",
            "Nông Thượng",
            "--province",
            "Thái Nguyên",
            "--year",
            "2026"
        ]
    )
    .status
    .success());
    let file = tmp.path().join("can-bo.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ")
        .unwrap();
    for (c, h) in ["STT", "Họ và tên", "Chức vụ"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_number(3, 0, 1.0).unwrap();
    ws.write_string(3, 1, "Lê Văn Bình").unwrap();
    ws.write_string(3, 2, "Công chức Tư pháp - Hộ tịch")
        .unwrap();
    wb.save(&file).unwrap();
    let f = file.to_str().unwrap();

    let dry = cchc(tmp.path(), &["import", "officers", f, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).starts_with(
            "Nhập thử danh sách cán bộ, công chức từ trang “Sheet1” (dòng tiêu đề 3): tạo mới 1"
        ),
        "{}",
        stdout(&dry)
    );
    let real = cchc(tmp.path(), &["import", "officers", f, "--json"]);
    let o: serde_json::Value = serde_json::from_str(&stdout(&real)).unwrap();
    assert_eq!(
        (o["applied"].as_bool(), o["created"].as_i64()),
        (Some(true), Some(1))
    );
    let again = cchc(tmp.path(), &["import", "officers", f, "--json"]);
    let o: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(
        (o["created"].as_i64(), o["unchanged"].as_i64()),
        (Some(0), Some(1))
    );

    let broken = tmp.path().join("hong.xlsx");
    std::fs::write(&broken, b"not a workbook").unwrap();
    let bad = cchc(tmp.path(), &["import", "tasks", broken.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("bị hỏng"), "{}", stderr(&bad));
    let kind = cchc(tmp.path(), &["import", "khac", f]);
    assert!(stderr(&kind).contains("Không nhập được loại “khac”"));
}

#[test]
fn old_excel_and_opendocument_files_import_too() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    for name in ["can-bo.xls", "can-bo.ods"] {
        let tmp = tempfile::tempdir().unwrap();
        assert!(cchc(
            tmp.path(),
            &[
                "init",
                "--commune",
                "Nông Thượng",
                "--province",
                "Thái Nguyên",
                "--year",
                "2026"
            ]
        )
        .status
        .success());
        let file = fixtures.join(name);
        let out = cchc(
            tmp.path(),
            &["import", "officers", file.to_str().unwrap(), "--json"],
        );
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let o: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(o["created"], 2, "{name}");
        assert_eq!(o["header_row"], 3, "{name}");
        assert!(
            o["rows"].to_string().contains("Nguyễn Thị Lan Anh"),
            "{name}: NFC"
        );
        let again: serde_json::Value = serde_json::from_str(&stdout(&cchc(
            tmp.path(),
            &["import", "officers", file.to_str().unwrap(), "--json"],
        )))
        .unwrap();
        assert_eq!(again["unchanged"], 2, "{name}");
    }
}

#[test]
fn templates_import_back_through_the_cli_and_tables_export() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo", "--year", "2026"])
        .status
        .success());
    // The one-stop template (title row with the period, two-row merged header, example rows)
    // into a commune with no one-stop figures yet: what the file says is what is counted.
    let fresh = tempfile::tempdir().unwrap();
    assert!(cchc(
        fresh.path(),
        &[
            "init",
            "--commune",
            "Quảng Phú",
            "--province",
            "Thái Nguyên",
            "--year",
            "2026"
        ]
    )
    .status
    .success());
    let file = fresh.path().join("mau-tthc.xlsx");
    let made = cchc(
        fresh.path(),
        &["template", "tthc", "--out", file.to_str().unwrap()],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let first: serde_json::Value = serde_json::from_str(&stdout(&cchc(
        fresh.path(),
        &["import", "tthc", file.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    assert_eq!(first["applied"], true, "{first}");
    assert!(first["created"].as_i64().unwrap() > 0);
    let received = summary_json(fresh.path(), "2026")["tthc"]["received"]
        .as_i64()
        .unwrap();
    assert!(received > 0);
    let second: serde_json::Value = serde_json::from_str(&stdout(&cchc(
        fresh.path(),
        &["import", "tthc", file.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    assert_eq!(
        (second["created"].as_i64(), second["updated"].as_i64()),
        (Some(0), Some(0)),
        "{second}"
    );
    assert_eq!(
        summary_json(fresh.path(), "2026")["tthc"]["received"]
            .as_i64()
            .unwrap(),
        received,
        "not counted twice"
    );

    for table in ["plan", "sessions", "scores", "tthc"] {
        let out = tmp.path().join(format!("{table}.xlsx"));
        let done = cchc(
            tmp.path(),
            &[
                "export",
                table,
                "--year",
                "2026",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(done.status.success(), "{table}: {}", stderr(&done));
        assert!(stdout(&done).starts_with("Đã xuất"), "{table}");
        assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK");
    }
    let bad = cchc(tmp.path(), &["export", "khac", "--out", "x.xlsx"]);
    assert!(stderr(&bad).contains("Không có bảng “khac”"));
}

#[test]
fn reports_print_to_pdf_and_word_and_refuse_what_they_cannot() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    for kind in ["annual", "scoring", "plan", "sessions", "evidence"] {
        let out = tmp.path().join(format!("{kind}.pdf"));
        let o = cchc(
            tmp.path(),
            &[
                "report",
                kind,
                "--period",
                "h1",
                "--number",
                "3",
                "--date",
                "05/01/2026",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        assert!(stdout(&o).contains("trang"), "{}", stdout(&o));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
    let o = cchc(
        tmp.path(),
        &[
            "report",
            "scoring",
            "--out",
            tmp.path().join("s.pdf").to_str().unwrap(),
        ],
    );
    assert!(
        stdout(&o).contains("DỰ THẢO"),
        "the unapproved sheet says it is a draft"
    );
    let docx = tmp.path().join("plan.docx");
    let o = cchc(
        tmp.path(),
        &["report", "plan", "--out", docx.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));

    for (args, message) in [
        (
            vec!["report", "scoring", "--out", "x.docx"],
            "chỉ in ra PDF",
        ),
        (
            vec!["report", "annual", "--period", "q9", "--out", "x.pdf"],
            "Kỳ báo cáo “q9”",
        ),
        (
            vec!["report", "bao-cao", "--out", "x.pdf"],
            "Không có báo cáo “bao-cao”",
        ),
        (
            vec!["report", "plan", "--out", "x.txt"],
            "đuôi .pdf hoặc .docx",
        ),
        (
            vec!["report", "plan", "--date", "31/02/2026", "--out", "x.pdf"],
            "Ngày “31/02/2026”",
        ),
    ] {
        let mut full: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let last = full.len() - 1;
        full[last] = tmp.path().join(&full[last]).display().to_string();
        let refs: Vec<&str> = full.iter().map(String::as_str).collect();
        let o = cchc(tmp.path(), &refs);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(!Path::new(&full[last]).exists());
    }
}

/// Every command leaves a line in the data folder's log, a failure with its kind; the
/// diagnostics file carries those logs and the facts, not the database or the evidence.
#[test]
fn commands_are_logged_and_the_diagnostics_file_carries_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("xã mẫu");
    assert!(cchc(&dir, &["demo"]).status.success());
    let missing = cchc(&dir, &["import", "tasks", "không có.xlsx", "--dry-run"]);
    assert!(!missing.status.success());
    let log: String = std::fs::read_dir(dir.join("logs"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        log.contains("command=\"demo\"") && log.contains(" ok"),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains("command=\"import\"") && l.contains("kind=invalid")),
        "{log}"
    );

    let out = tmp.path().join("gửi hỗ trợ.zip");
    let made = cchc(&dir, &["diagnostics", "--out", out.to_str().unwrap()]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(stdout(&made).contains("thong-tin.txt"), "{}", stdout(&made));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    assert!(
        names.iter().any(|n| n.starts_with("nhat-ky/cli.")),
        "{names:?}"
    );
    assert!(!names
        .iter()
        .any(|n| n.contains("sqlite") || n.starts_with("evidence")));
    let mut info = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("thong-tin.txt").unwrap(), &mut info).unwrap();
    assert!(info.contains("Nhiệm vụ kế hoạch: 20"), "{info}");
}
mod imports;

/// `cchc` with a password on standard input, as a script would give it.
fn cchc_with_password(dir: &Path, args: &[&str], password: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CCHC_DATA_DIR")
        .env_remove("CCHC_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("cchc runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn states(dir: &Path) -> Vec<(String, String)> {
    fn walk(nodes: &[serde_json::Value], out: &mut Vec<(String, String)>) {
        for n in nodes {
            if let Some(s) = n["state"].as_str() {
                out.push((n["code"].as_str().unwrap().to_string(), s.to_string()));
            }
            walk(n["children"].as_array().unwrap(), out);
        }
    }
    let o = cchc(dir, &["criteria", "show", "--json"]);
    let nodes: Vec<serde_json::Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let mut out = Vec::new();
    walk(&nodes, &mut out);
    out
}

#[test]
fn the_chairman_approves_from_the_command_line_under_the_same_rule() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(cchc(tmp.path(), &["demo"]).status.success());
    let before = states(tmp.path());

    // Without --yes: the list, the total, the criteria without evidence; nothing approved.
    let o = cchc_with_password(
        tmp.path(),
        &["criteria", "approve", "--user", "chutich"],
        "demo1234",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("III.3 Tỷ lệ hồ sơ giải quyết đúng hạn"),
        "{out}"
    );
    assert!(
        out.contains("CHƯA CÓ TÀI LIỆU KIỂM CHỨNG (không duyệt)"),
        "{out}"
    );
    assert!(
        out.contains("Duyệt 2 tiêu chí với tổng 3 điểm tự chấm?"),
        "{out}"
    );
    assert!(out.contains("Chưa duyệt gì"), "{out}");
    assert_eq!(states(tmp.path()), before);

    // An officer cannot; a wrong password cannot.
    let o = cchc_with_password(
        tmp.path(),
        &["criteria", "approve", "--user", "congchuc", "--yes"],
        "demo1234",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Chỉ Chủ tịch UBND xã được duyệt"),
        "{}",
        stderr(&o)
    );
    let o = cchc_with_password(
        tmp.path(),
        &["criteria", "approve", "--user", "chutich", "--yes"],
        "sai",
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(states(tmp.path()), before);

    // With --yes: what was listed is approved; those without evidence wait.
    let o = cchc_with_password(
        tmp.path(),
        &["criteria", "approve", "--user", "chutich", "--yes"],
        "demo1234",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(
        "Đã duyệt 2 tiêu chí (3 điểm). 3 tiêu chí chưa có tài liệu kiểm chứng chưa được duyệt: III.3, III.4, VII.2."
    ));
    let after = states(tmp.path());
    let state = |code: &str| after.iter().find(|(c, _)| c == code).unwrap().1.clone();
    assert_eq!(state("I.4.1"), "approved");
    assert_eq!(state("III.3"), "submitted");

    // The commune changes its rule; then one criterion is approved by its code.
    let o = cchc(
        tmp.path(),
        &[
            "criteria",
            "approval-rule",
            "--allow-without-evidence",
            "yes",
        ],
    );
    assert!(stdout(&o).starts_with("Cho phép"), "{}", stdout(&o));
    let o = cchc_with_password(
        tmp.path(),
        &[
            "criteria", "approve", "--user", "chutich", "--code", "III.3", "--yes",
        ],
        "demo1234",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        states(tmp.path())
            .into_iter()
            .find(|(c, _)| c == "III.3")
            .unwrap()
            .1,
        "approved"
    );
}

#[test]
fn a_report_of_an_empty_period_is_not_printed_without_asking() {
    let tmp = tempfile::tempdir().unwrap();
    let init = cchc(
        tmp.path(),
        &[
            "init",
            "--commune",
            "Tân Thành",
            "--province",
            "Thái Nguyên",
            "--year",
            "2026",
        ],
    );
    assert!(init.status.success());
    let out = tmp.path().join("bc.pdf");
    let o = cchc(
        tmp.path(),
        &[
            "report",
            "annual",
            "--period",
            "q1",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "Quý I/2026 chưa có nhiệm vụ của kế hoạch, buổi tuyên truyền, số liệu một cửa"
        ),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "nothing is written");
    let o = cchc(
        tmp.path(),
        &[
            "report",
            "annual",
            "--period",
            "q1",
            "--out",
            out.to_str().unwrap(),
            "--allow-empty",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("Cảnh báo:"));
    assert!(out.is_file());
}
