//! The Import screen's commands on the desktop: the years offered (the kept ones and the next,
//! which an import opens), a dry run that says which year it would open, and the annotated copy
//! of a checked workbook, which is never written over the workbook itself.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use calamine::{open_workbook_auto, Reader};
use cchc_api::{ApiError, Client, Ctx, Host, NoEvents, Reply, Sessions, Transport};
use cchc_core::people::{Account, Actor};
use serde_json::{json, Value};

#[derive(Default)]
struct TestSession(Mutex<Option<Actor>>);

impl Sessions for TestSession {
    fn begin(&self, _: &Host, account: &Account) -> Result<Option<String>, ApiError> {
        *self.0.lock().unwrap() = Some(account.actor());
        Ok(None)
    }
    fn end(&self, _: &Host) {
        *self.0.lock().unwrap() = None;
    }
}

struct Office {
    host: Host,
    session: Arc<TestSession>,
    year: i32,
    _tmp: tempfile::TempDir,
    files: PathBuf,
}

impl Office {
    /// The demo commune in this year, with the officer logged in at the desktop.
    fn demo() -> Office {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("xa");
        let year = cchc_core::clock::this_year();
        {
            let mut store = cchc_core::Store::open(&dir).unwrap();
            let evidence = store.evidence_dir();
            cchc_core::demo::load(&mut store.conn, &evidence, year, cchc_core::clock::today())
                .unwrap();
        }
        let files = tmp.path().join("tệp của tôi");
        std::fs::create_dir_all(&files).unwrap();
        let office = Office {
            host: Host::open(Ok(dir)),
            session: Arc::new(TestSession::default()),
            year,
            _tmp: tmp,
            files,
        };
        office
            .call(
                "login",
                json!({"username": "congchuc", "password": "demo1234"}),
            )
            .unwrap();
        office
    }

    fn call(&self, name: &str, args: Value) -> Result<Value, ApiError> {
        let ctx = Ctx::new(
            self.session.0.lock().unwrap().clone(),
            Client::default(),
            Transport::Desktop,
            Arc::new(NoEvents),
            self.session.clone(),
        );
        match cchc_api::dispatch(&self.host, &ctx, name, args)? {
            Reply::Json(v) => Ok(v),
            other => panic!("{name}: unexpected reply {other:?}"),
        }
    }
}

/// A plan workbook of two tasks, one with a deadline nobody can read and an extra column the
/// import does not use.
fn plan_with_a_problem(dir: &Path) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [[&str; 5]; 3] = [
        [
            "STT",
            "Nội dung nhiệm vụ",
            "Thời hạn",
            "Lĩnh vực",
            "Số hồ sơ lưu trữ",
        ],
        [
            "1",
            "Rà soát quy chế làm việc của UBND xã",
            "30/06",
            "Cải cách tổ chức bộ máy",
            "HS-2026/014",
        ],
        [
            "2",
            "Tập huấn kỹ năng số cho công chức",
            "khi nào xong",
            "Xây dựng chính quyền điện tử, chính quyền số",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let path = dir.join("kế hoạch bổ sung.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn the_years_offered_are_the_kept_ones_and_the_next() {
    let o = Office::demo();
    let years = o.call("import_years", Value::Null).unwrap();
    let years: Vec<(i64, bool)> = years
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_i64().unwrap(), y["kept"].as_bool().unwrap()))
        .collect();
    let y = i64::from(o.year);
    assert_eq!(
        years.first(),
        Some(&(y + 1, false)),
        "next year first, to open"
    );
    assert!(years.contains(&(y, true)), "{years:?}");
    assert!(years.iter().skip(1).all(|(_, kept)| *kept), "{years:?}");
}

#[test]
fn a_dry_run_into_next_year_says_it_would_open_it_and_opens_nothing() {
    let o = Office::demo();
    let file = plan_with_a_problem(&o.files);
    let outcome = o
        .call(
            "import_file",
            json!({"kind": "tasks", "path": file, "year": o.year + 1, "dryRun": true, "from": null, "to": null}),
        )
        .unwrap();
    assert_eq!(outcome["opens_years"], json!([o.year + 1]));
    assert_eq!(outcome["applied"], false);
    let unused = &outcome["unused_columns"];
    assert_eq!(unused.as_array().unwrap().len(), 1, "{unused}");
    assert_eq!(unused[0]["column"], "E");
    assert_eq!(unused[0]["header"], "Số hồ sơ lưu trữ");
    let years = o.call("import_years", Value::Null).unwrap();
    assert!(
        years
            .as_array()
            .unwrap()
            .iter()
            .any(|y| y["year"] == json!(o.year + 1) && y["kept"] == json!(false)),
        "a dry run opens no year: {years}"
    );
}

#[test]
fn the_annotated_copy_marks_the_problem_cells_and_never_overwrites_the_file() {
    let o = Office::demo();
    let file = plan_with_a_problem(&o.files);
    let before = std::fs::read(&file).unwrap();
    let args = |out: &Path| json!({"kind": "tasks", "path": file, "year": o.year, "from": null, "to": null, "out": out});

    let refused = o.call("annotate_import", args(&file)).unwrap_err();
    assert_eq!(refused.kind, "invalid");
    assert!(
        refused.message.contains("phải khác tệp đang nhập"),
        "{}",
        refused.message
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the workbook is untouched"
    );

    let copy = o.files.join("kế hoạch bổ sung - đánh dấu lỗi.xlsx");
    let done = o.call("annotate_import", args(&copy)).unwrap();
    // The unreadable deadline (an error) and the unused column (a note on its header).
    assert_eq!(done["problems"], 2, "{done}");
    assert_eq!(done["cells"], 2, "{done}");
    assert_eq!(done["sheets"], 1, "{done}");
    let mut book = open_workbook_auto(&copy).unwrap();
    assert_eq!(book.sheet_names()[0], "Danh sách lỗi");
    let list = book.worksheet_range("Danh sách lỗi").unwrap();
    let cells: Vec<String> = (3..5)
        .map(|r| list.get_value((r, 2)).unwrap().to_string())
        .collect();
    assert!(cells.contains(&"C3".to_string()), "{cells:?}");
    assert!(cells.contains(&"E1".to_string()), "{cells:?}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the workbook is untouched"
    );

    // Nothing of the check was written.
    let plan = o.call("plan_screen", json!({"year": o.year})).unwrap();
    assert!(
        !plan
            .to_string()
            .contains("Tập huấn kỹ năng số cho công chức"),
        "the annotated copy imports nothing"
    );
}
