//! Exports and templates read back with calamine, as Excel users and the imports see them:
//! headers, counts and totals of the demo commune, real dates, text that looks like a formula
//! staying text, templates that import cleanly, and failures that leave no file behind.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, DataType, Range, Reader};
use cchc_core::commune::CommuneInput;
use cchc_core::export::{self, TemplateKind};
use cchc_core::import::{self, Action, Kind, Severity};
use cchc_core::people::Actor;
use cchc_core::plan::tasks::{self, TaskInput, TaskStatus};
use cchc_core::{db, demo, onestop, period, scoring, sessions, setup};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The demo commune; the TempDir holds the evidence files and is where files are exported.
fn demo_commune() -> (Connection, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open_in_memory().unwrap();
    let evidence = dir.path().join("evidence");
    std::fs::create_dir(&evidence).unwrap();
    demo::load(&mut conn, &evidence, 2026, today()).unwrap();
    (conn, dir)
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn first_sheet(path: &Path) -> Range<Data> {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).unwrap()
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn num(r: &Range<Data>, row: u32, col: u32) -> f64 {
    r.get_value((row, col))
        .and_then(|d| d.as_f64())
        .unwrap_or_else(|| panic!("no number at ({row}, {col}): {:?}", r.get_value((row, col))))
}

fn row_texts(r: &Range<Data>, row: u32, cols: u32) -> Vec<String> {
    (0..cols).map(|c| text(r, row, c)).collect()
}

/// The first row whose column `col` starts with `prefix`.
fn find_row(r: &Range<Data>, col: u32, prefix: &str) -> u32 {
    let end = r.end().unwrap().0;
    (0..=end)
        .find(|&row| text(r, row, col).starts_with(prefix))
        .unwrap_or_else(|| panic!("no row starting with “{prefix}” in column {col}"))
}

fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

const TASK_HEADERS: [&str; 12] = [
    "STT",
    "Nội dung nhiệm vụ",
    "Lĩnh vực",
    "Chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Sản phẩm",
    "Trạng thái",
    "Ngày hoàn thành",
    "Kết quả",
    "Lý do",
    "Giải pháp",
];

#[test]
fn plan_export_lists_every_task_with_real_dates() {
    let (conn, dir) = demo_commune();
    let out = dir.path().join("ke-hoach-2026.xlsx");
    let written = export::export_plan(&conn, 2026, today(), &out).unwrap();
    assert_eq!(written, 20);
    assert!(leftovers(dir.path()).is_empty());

    let r = sheet(&out, "Kế hoạch CCHC");
    assert!(text(&r, 0, 0).contains("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"));
    let line = text(&r, 1, 0);
    assert!(line.contains("UBND xã Nông Thượng"), "{line}");
    assert!(line.contains("05/KH-UBND"), "{line}");
    let figures = tasks::figures(&conn, 2026, today()).unwrap();
    assert!(
        line.contains(&format!("{}/20 nhiệm vụ", figures.done)),
        "{line}"
    );
    let header = row_texts(&r, 2, 14);
    assert_eq!(&header[..12], TASK_HEADERS);
    assert_eq!(&header[12..], ["Hạn tiếp theo", "Quá hạn"]);

    let list = tasks::list(&conn, 2026, today()).unwrap();
    let rows: Vec<u32> = (3..=r.end().unwrap().0)
        .filter(|&row| !text(&r, row, 1).is_empty())
        .collect();
    assert_eq!(rows.len(), 20);
    for (t, &row) in list.iter().zip(&rows) {
        assert_eq!(text(&r, row, 1), t.content);
        assert_eq!(text(&r, row, 2), t.area_name);
        assert_eq!(text(&r, row, 5), t.deadline_text);
        assert_eq!(text(&r, row, 7), t.status.label());
        let completed = r.get_value((row, 8)).unwrap();
        match t.completed_on {
            // A real date cell (calamine only says so when the number format is a date one).
            Some(d) => assert_eq!(completed.as_date(), Some(d), "row {row}"),
            None => assert!(completed.is_empty(), "row {row}: {completed:?}"),
        }
        assert_eq!(
            text(&r, row, 13),
            if t.overdue { "Quá hạn" } else { "" },
            "row {row}"
        );
    }
    let done_rows = rows
        .iter()
        .filter(|&&row| text(&r, row, 7).starts_with("Hoàn thành"))
        .count();
    assert!(done_rows >= 1);
}

#[test]
fn an_exported_plan_imports_back_unchanged() {
    let (mut conn, dir) = demo_commune();
    let out = dir.path().join("ke-hoach.xlsx");
    export::export_plan(&conn, 2026, today(), &out).unwrap();
    let request = import::Request {
        kind: Kind::Tasks,
        path: &out,
        year: 2026,
        today: today(),
        dry_run: true,
        period: None,
    };
    let outcome = import::run(&mut conn, &Actor::command_line(), &request, &mut |_, _| {}).unwrap();
    let errors: Vec<_> = outcome
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(outcome.created, 0, "{:#?}", outcome.rows);
    assert_eq!(outcome.unchanged, 20, "{:#?}", outcome.rows);
}

#[test]
fn an_exported_sessions_list_imports_back_unchanged() {
    let (mut conn, dir) = demo_commune();
    let out = dir.path().join("tuyen-truyen.xlsx");
    let year = period::resolve("year", 2026).unwrap();
    export::export_sessions(&conn, &year, &out).unwrap();
    let request = import::Request {
        kind: Kind::Sessions,
        path: &out,
        year: 2026,
        today: today(),
        dry_run: true,
        period: None,
    };
    let outcome = import::run(&mut conn, &Actor::command_line(), &request, &mut |_, _| {}).unwrap();
    let errors: Vec<_> = outcome
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(outcome.unchanged, 15, "{:#?}", outcome.rows);
}

#[test]
fn sessions_export_has_the_periods_sessions_and_total() {
    let (conn, dir) = demo_commune();
    let out = dir.path().join("tuyen-truyen.xlsx");
    let year = period::resolve("year", 2026).unwrap();
    let written = export::export_sessions(&conn, &year, &out).unwrap();
    assert_eq!(written, 15);

    let r = sheet(&out, "Tuyên truyền");
    assert_eq!(
        row_texts(&r, 2, 14),
        [
            "STT",
            "Ngày tổ chức",
            "Loại",
            "Hình thức",
            "Nội dung",
            "Văn bản pháp luật",
            "Địa điểm",
            "Thôn, tổ dân phố",
            "Đối tượng",
            "Số người tham dự",
            "Báo cáo viên",
            "Tài liệu phát",
            "Nhiệm vụ kế hoạch",
            "Ghi chú",
        ]
    );
    assert!(text(&r, 1, 0).contains("15 buổi, 688 người tham dự"));
    let list = sessions::in_period(&conn, &year).unwrap();
    let mut attendees = 0.0;
    for (i, s) in list.iter().enumerate() {
        let row = 3 + i as u32;
        assert_eq!(num(&r, row, 0), (i + 1) as f64);
        assert_eq!(r.get_value((row, 1)).unwrap().as_date(), Some(s.held_on));
        assert_eq!(text(&r, row, 2), s.kind_label);
        assert_eq!(text(&r, row, 4), s.content);
        assert_eq!(text(&r, row, 5), s.laws.join("; "));
        attendees += num(&r, row, 9);
    }
    assert_eq!(attendees, 688.0);
    let total = find_row(&r, 0, "Tổng cộng");
    assert_eq!(total, 3 + 15);
    assert_eq!(text(&r, total, 0), "Tổng cộng: 15 buổi");
    assert_eq!(num(&r, total, 9), 688.0);

    // An empty period still gives a workbook with the header and a zero total.
    let q = period::resolve("cal-m1", 2026).unwrap();
    let empty = dir.path().join("trong.xlsx");
    let n = export::export_sessions(&conn, &q, &empty).unwrap();
    let r = sheet(&empty, "Tuyên truyền");
    assert_eq!(text(&r, 2, 1), "Ngày tổ chức");
    let total = find_row(&r, 0, "Tổng cộng");
    assert_eq!(total, 3 + n as u32);
}

#[test]
fn scores_export_has_the_tree_scores_and_evidence() {
    let (conn, dir) = demo_commune();
    let out = dir.path().join("cham-diem.xlsx");
    let written = export::export_scores(&conn, 2026, today(), &out).unwrap();
    let sheet_data = scoring::sheet::sheet(&conn, 2026, today()).unwrap();
    fn count(nodes: &[scoring::sheet::Node]) -> usize {
        nodes.iter().map(|n| 1 + count(&n.children)).sum()
    }
    assert_eq!(written, count(&sheet_data.nodes));

    let r = sheet(&out, "Tự chấm điểm");
    assert!(text(&r, 0, 0).contains("BẢNG TỰ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026"));
    let is_final = matches!(sheet_data.status.as_str(), "approved" | "appraised");
    assert_eq!(text(&r, 2, 0) == "DỰ THẢO", !is_final);
    assert_eq!(
        row_texts(&r, 3, 11),
        [
            "Mã số",
            "Lĩnh vực, tiêu chí, tiêu chí thành phần",
            "Điểm tối đa",
            "Điểm tự chấm",
            "Diễn giải",
            "Trạng thái",
            "Người chấm",
            "Thẩm định lần 1",
            "Thẩm định lần 2",
            "Điểm thẩm định",
            "Văn bản, tài liệu kiểm chứng",
        ]
    );
    // The first field, in order, with its printed maximum and summed self-score.
    let first = &sheet_data.nodes[0];
    assert_eq!(text(&r, 4, 0), first.full_code);
    assert_eq!(text(&r, 4, 1), first.title);
    assert_eq!(num(&r, 4, 2), first.max_points.as_f64());
    assert_eq!(num(&r, 4, 3), first.self_points.as_f64());

    // Every leaf with evidence lists it as "Số …, ngày …" citations, one per line.
    let end = r.end().unwrap().0;
    let cited: Vec<String> = (4..=end)
        .map(|row| text(&r, row, 10))
        .filter(|t| !t.is_empty())
        .collect();
    assert!(!cited.is_empty());
    assert!(
        cited
            .iter()
            .any(|t| t.starts_with("- Số ") && t.contains(", ngày ")),
        "{cited:#?}"
    );
    let leaf_row = (4..=end)
        .find(|&row| text(&r, row, 10).starts_with("- Số "))
        .unwrap();
    let code = text(&r, leaf_row, 0);
    fn find<'a>(nodes: &'a [scoring::sheet::Node], code: &str) -> Option<&'a scoring::sheet::Node> {
        nodes.iter().find_map(|n| {
            (n.full_code == code)
                .then_some(n)
                .or_else(|| find(&n.children, code))
        })
    }
    let node = find(&sheet_data.nodes, &code).unwrap();
    let docs =
        cchc_core::evidence::documents_for(&conn, cchc_core::evidence::Target::Criterion(node.id))
            .unwrap();
    assert_eq!(text(&r, leaf_row, 10).lines().count(), docs.len());

    let total = find_row(&r, 0, "Tổng điểm");
    assert_eq!(total, 4 + written as u32);
    assert_eq!(num(&r, total, 2), sheet_data.max_total.as_f64());
    assert_eq!(num(&r, total, 3), sheet_data.self_total.as_f64());
}

#[test]
fn tthc_export_has_the_batches_and_the_years_rates() {
    let (conn, dir) = demo_commune();
    let out = dir.path().join("mot-cua.xlsx");
    let written = export::export_tthc(&conn, 2026, &out).unwrap();
    let view = onestop::year_view(&conn, 2026).unwrap();
    assert_eq!(written, view.batches.len());
    assert_eq!(written, 10);

    let r = sheet(&out, "Một cửa");
    assert_eq!(text(&r, 2, 0), "Kỳ thống kê");
    assert_eq!(text(&r, 2, 3), "Kỳ trước chuyển qua");
    assert_eq!(text(&r, 2, 4), "Số hồ sơ tiếp nhận trong kỳ");
    assert_eq!(text(&r, 2, 8), "Số hồ sơ đã giải quyết");
    assert_eq!(text(&r, 2, 12), "Hồ sơ đang giải quyết");
    assert_eq!(
        row_texts(&r, 3, 14)[4..],
        [
            "Tổng số",
            "Trực tiếp",
            "Trực tuyến",
            "Qua BCCI",
            "Tổng số",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Quá hạn"
        ]
    );
    assert_eq!(text(&r, 2, 15), "Tỷ lệ đúng hạn");
    assert_eq!(text(&r, 4, 0), "Tháng 1/2026");
    assert_eq!(
        r.get_value((4, 1)).unwrap().as_date(),
        NaiveDate::from_ymd_opt(2026, 1, 1)
    );
    assert_eq!(num(&r, 4, 4), 98.0);
    assert_eq!(num(&r, 4, 3), 3.0, "carried over into January");

    let total = find_row(&r, 0, "Tổng cộng năm 2026");
    assert_eq!(total, 4 + 10);
    assert_eq!(num(&r, total, 4), 1296.0);
    let on_time = num(&r, total, 9) + num(&r, total, 10);
    assert_eq!(on_time, 1295.0);
    // Carried over into the first period, in progress at the end of the last.
    assert_eq!(num(&r, total, 3), 3.0);
    assert_eq!((num(&r, total, 12), num(&r, total, 13)), (3.0, 1.0));
    // 99,9% as Excel keeps a percentage: the fraction.
    assert!((num(&r, total, 15) - 0.999).abs() < 1e-9);
    let targets = find_row(&r, 0, "Chỉ tiêu năm");
    assert!(text(&r, targets, 17).starts_with("Đúng hạn: "));
    // Every period's rows with their dates, for the import to read back.
    let wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["Một cửa", "Số liệu chi tiết"]);
}

#[test]
fn tthc_export_lists_per_procedure_rows_on_a_second_sheet() {
    use cchc_core::onestop::batches::{self, BatchInput, CountRow};
    let (mut conn, dir) = demo_commune();
    let row = |code: &str, name: &str, field: &str, direct: i64, online: i64| CountRow {
        procedure_code: code.into(),
        procedure_name: name.into(),
        field: field.into(),
        counts: onestop::Counts {
            received_direct: direct,
            received_online: online,
            resolved_on_time: direct + online,
            ..Default::default()
        },
    };
    let input = BatchInput {
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        rows: vec![
            row("1.001193", "Đăng ký khai sinh", "Hộ tịch", 12, 8),
            row("", "=Chứng thực bản sao", "Chứng thực", 30, 0),
        ],
    };
    batches::save(&mut conn, &Actor::command_line(), &input).unwrap();
    let out = dir.path().join("mot-cua.xlsx");
    assert_eq!(export::export_tthc(&conn, 2026, &out).unwrap(), 11);

    let wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["Một cửa", "Số liệu chi tiết"]);
    let r = sheet(&out, "Số liệu chi tiết");
    assert_eq!(
        row_texts(&r, 1, 8),
        [
            "Kỳ thống kê",
            "Từ ngày",
            "Đến ngày",
            "Mã thủ tục",
            "Tên thủ tục hành chính",
            "Lĩnh vực",
            "Kỳ trước chuyển qua",
            "Số hồ sơ tiếp nhận trong kỳ"
        ]
    );
    let first = find_row(&r, 4, "Đăng ký khai sinh");
    assert_eq!(text(&r, first, 0), "01/11/2026 – 20/11/2026");
    assert_eq!(text(&r, first, 3), "1.001193");
    assert_eq!(num(&r, first, 7), 20.0);
    assert!((num(&r, first, 19) - 0.4).abs() < 1e-9, "online rate 40%");
    let second = find_row(&r, 4, "=Chứng");
    assert_eq!(text(&r, second, 4), "=Chứng thực bản sao");
    assert_eq!(num(&r, second, 7), 30.0);
    // The months before are overall figures.
    assert_eq!(text(&r, 3, 4), "(Toàn bộ một cửa)");

    let r = sheet(&out, "Một cửa");
    let total = find_row(&r, 0, "Tổng cộng năm 2026");
    assert_eq!(num(&r, total, 4), 1296.0 + 50.0);
}

fn template_headers(kind: TemplateKind) -> (u32, Vec<&'static str>) {
    match kind {
        TemplateKind::Tasks => (2, TASK_HEADERS.to_vec()),
        TemplateKind::Criteria => (
            2,
            vec![
                "STT",
                "Lĩnh vực, tiêu chí, tiêu chí thành phần",
                "Điểm tối đa",
                "Tài liệu kiểm chứng",
            ],
        ),
        TemplateKind::Officers => (2, vec!["STT", "Họ và tên", "Chức vụ", "Bộ phận"]),
        TemplateKind::Sessions => (
            2,
            vec![
                "Ngày tổ chức",
                "Loại",
                "Hình thức",
                "Nội dung",
                "Văn bản pháp luật",
                "Địa điểm",
                "Thôn, tổ dân phố",
                "Đối tượng",
                "Số người tham dự",
                "Báo cáo viên",
            ],
        ),
        TemplateKind::Tthc => (
            3,
            vec![
                "Tên thủ tục hành chính",
                "Lĩnh vực",
                "Kỳ trước chuyển qua",
                "Số hồ sơ tiếp nhận trong kỳ",
                "",
                "",
                "",
                "Số hồ sơ đã giải quyết",
                "",
                "",
                "Hồ sơ đang giải quyết",
                "",
                "Trả lại, rút",
            ],
        ),
    }
}

#[test]
fn every_template_has_its_headers_and_an_example_row() {
    let (conn, dir) = demo_commune();
    for kind in TemplateKind::ALL {
        let out = dir.path().join(kind.file_name());
        export::template_for(&conn, kind, 2026, &out).unwrap();
        let r = first_sheet(&out);
        let (row, headers) = template_headers(kind);
        assert_eq!(
            row_texts(&r, row, headers.len() as u32),
            headers,
            "{kind:?}"
        );
        assert!(!text(&r, 0, 0).is_empty(), "{kind:?} has a title");
        let example = if kind == TemplateKind::Tthc { 5 } else { 3 };
        assert!(
            !text(&r, example, 1).is_empty(),
            "{kind:?} has an example row"
        );
    }

    // The one-stop template: the period in a title row, the two-row header.
    let r = first_sheet(&dir.path().join(TemplateKind::Tthc.file_name()));
    assert_eq!(text(&r, 1, 0), "Từ ngày 01/01/2026 đến ngày 31/03/2026");
    assert_eq!(
        row_texts(&r, 4, 12)[3..],
        [
            "Tổng số",
            "Trực tiếp",
            "Trực tuyến",
            "Qua BCCI",
            "Trước hạn",
            "Đúng hạn",
            "Quá hạn",
            "Tổng số",
            "Quá hạn"
        ]
    );
    assert_eq!(num(&r, 5, 2), 3.0, "carried over");
    assert_eq!(num(&r, 5, 3), 25.0);

    // Example values: a quarter for the deadline, a status from the list, real dates.
    let r = first_sheet(&dir.path().join(TemplateKind::Tasks.file_name()));
    assert_eq!(text(&r, 3, 1), "Ban hành Kế hoạch CCHC năm 2026");
    assert_eq!(text(&r, 3, 5), "Quý I/2026");
    assert_eq!(text(&r, 3, 7), TaskStatus::Done.label());
    assert_eq!(
        r.get_value((3, 8)).unwrap().as_date(),
        NaiveDate::from_ymd_opt(2026, 1, 15)
    );
    let r = first_sheet(&dir.path().join(TemplateKind::Sessions.file_name()));
    assert_eq!(
        r.get_value((3, 0)).unwrap().as_date(),
        NaiveDate::from_ymd_opt(2026, 3, 20)
    );
    assert_eq!(
        text(&r, 3, 2),
        cchc_core::sessions::SessionForm::Conference.label()
    );
    assert_eq!(num(&r, 3, 8), 52.0);

    // The drop-down lists sit in a hidden sheet, commas and all.
    let mut wb = open_workbook_auto(dir.path().join(TemplateKind::Sessions.file_name())).unwrap();
    let lists = wb.worksheet_range("Danh mục").unwrap();
    let values: Vec<String> = (0..=lists.end().unwrap().0)
        .map(|row| text(&lists, row, 1))
        .collect();
    assert!(values.contains(&"Lồng ghép sinh hoạt thôn, tổ dân phố".to_string()));
    let xml = zip_entry(
        &dir.path().join(TemplateKind::Sessions.file_name()),
        "xl/worksheets/sheet1.xml",
    );
    assert!(xml.contains("dataValidation"), "validations written");
    assert!(xml.contains("'Danh mục'!$B$2:$B$8"), "form list range");
}

#[test]
fn templates_import_cleanly() {
    // A commune just set up: no plan, officers or criteria yet.
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    for kind in TemplateKind::ALL {
        let import_kind = match kind {
            TemplateKind::Tasks => Kind::Tasks,
            TemplateKind::Officers => Kind::Officers,
            TemplateKind::Criteria => Kind::Criteria,
            TemplateKind::Sessions => Kind::Sessions,
            TemplateKind::Tthc => Kind::Tthc,
        };
        let out = dir.path().join(kind.file_name());
        export::template_for(&conn, kind, 2026, &out).unwrap();
        let request = import::Request {
            kind: import_kind,
            path: &out,
            year: 2026,
            today: today(),
            dry_run: true,
            period: None,
        };
        let outcome =
            import::run(&mut conn, &Actor::command_line(), &request, &mut |_, _| {}).unwrap();
        let errors: Vec<_> = outcome
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{kind:?}: {errors:#?}");
        let header = if kind == TemplateKind::Tthc { 5 } else { 3 };
        assert_eq!(outcome.header_row, header, "{kind:?}");
        // Tasks and officers: the example row; criteria: the field and its criterion.
        let expected = if kind == TemplateKind::Criteria { 2 } else { 1 };
        assert_eq!(outcome.created, expected, "{kind:?}: {:#?}", outcome.rows);
        assert!(
            outcome.rows.iter().all(|r| r.action == Action::Create),
            "{kind:?}: {:#?}",
            outcome.rows
        );
    }
    // Without a database: the usual areas, this year.
    let out = dir.path().join("mau.xlsx");
    export::template(TemplateKind::Tasks, &out).unwrap();
    let r = first_sheet(&out);
    assert_eq!(row_texts(&r, 2, 12), TASK_HEADERS);
    assert_eq!(text(&r, 3, 2), "Công tác chỉ đạo, điều hành CCHC");
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let (mut conn, dir) = demo_commune();
    let area_id = tasks::list(&conn, 2026, today()).unwrap()[0].area_id;
    let input = TaskInput {
        number: String::new(),
        content: "=SUM(A1)".into(),
        area_id,
        lead_officer_id: None,
        coordinators: "+84 912 345 678".into(),
        deadline: "Quý IV/2026".into(),
        product: "@HYPERLINK(\"http://x\")".into(),
        status: TaskStatus::InProgress,
        completed_on: None,
        result: "-1+2".into(),
        reason: String::new(),
        solution: String::new(),
        start: None,
    };
    tasks::save(
        &mut conn,
        &Actor::command_line(),
        2026,
        None,
        &input,
        today(),
    )
    .unwrap();
    let out = dir.path().join("ke-hoach.xlsx");
    assert_eq!(export::export_plan(&conn, 2026, today(), &out).unwrap(), 21);

    let r = sheet(&out, "Kế hoạch CCHC");
    let row = find_row(&r, 1, "=SUM");
    assert_eq!(
        r.get_value((row, 1)),
        Some(&Data::String("=SUM(A1)".into()))
    );
    assert_eq!(text(&r, row, 4), "+84 912 345 678");
    assert_eq!(text(&r, row, 6), "@HYPERLINK(\"http://x\")");
    assert_eq!(text(&r, row, 9), "-1+2");

    // No cell of the sheet holds a formula.
    let mut wb = open_workbook_auto(&out).unwrap();
    let formulas = wb.worksheet_formula("Kế hoạch CCHC").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{:?}",
        formulas.used_cells().collect::<Vec<_>>()
    );
    let xml = zip_entry(&out, "xl/worksheets/sheet1.xml");
    assert!(!xml.contains("<f>"), "no formula element");
    // Excel's apostrophe: the quote prefix keeps it text even after the cell is edited.
    let styles = zip_entry(&out, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""));
}

#[test]
fn exports_refuse_a_missing_folder_and_leave_no_half_file() {
    let (conn, dir) = demo_commune();
    let missing = dir.path().join("khong-co").join("ke-hoach.xlsx");
    let e = export::export_plan(&conn, 2026, today(), &missing).unwrap_err();
    assert_eq!(e.kind(), "invalid");
    assert!(e.to_string().contains("không tồn tại"), "{e}");
    let e = export::template(TemplateKind::Officers, &missing).unwrap_err();
    assert!(e.to_string().starts_with("Thư mục"), "{e}");
    assert!(!missing.exists());

    let e = export::export_tthc(&conn, 2026, &dir.path().join("mot-cua.csv")).unwrap_err();
    assert_eq!(e.kind(), "invalid");
    assert!(e.to_string().contains(".xlsx"), "{e}");
    let e = export::export_tthc(&conn, 2026, dir.path()).unwrap_err();
    assert_eq!(e.kind(), "invalid");

    // An export that fails part way (a year not set up) leaves the older file as it was.
    let out = dir.path().join("ke-hoach.xlsx");
    std::fs::write(&out, b"old").unwrap();
    assert!(export::export_plan(&conn, 2031, today(), &out).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), b"old");
    // A successful one replaces it whole.
    export::export_plan(&conn, 2026, today(), &out).unwrap();
    assert_eq!(text(&first_sheet(&out), 2, 1), "Nội dung nhiệm vụ");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}
