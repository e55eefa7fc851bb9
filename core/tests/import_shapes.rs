//! The failures of issue 11, each with a workbook built in the shape real offices send: a plan
//! whose STT restarts in each area imported twice, a 12-task addendum and a 3 000-task plan
//! into the demo commune, the one-stop per-procedure report with its three-row merged header,
//! column-number row and "Tổng số" row, another province's export with other words and order,
//! a criteria sheet headed "STT | Lĩnh vực/Tiêu chí | Điểm tối đa" with "mười" and a negative
//! maximum, next year's criteria, a plan with merged area cells, a LibreOffice .ods, and the
//! annotated copy of a checked workbook.

use std::io::Write;
use std::path::{Path, PathBuf};

use cchc_core::commune::CommuneInput;
use cchc_core::import::{self, Action, Kind, Outcome, Severity};
use cchc_core::onestop::batches;
use cchc_core::people::Actor;
use cchc_core::plan::tasks::{self, TaskStatus};
use cchc_core::{commune, db, demo, setup};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn fresh() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    conn
}

fn demo_commune(dir: &Path) -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn, &dir.join("evidence"), 2026, today()).unwrap();
    conn
}

/// A cell of a test workbook.
#[derive(Clone)]
enum V {
    S(String),
    N(f64),
    Date(NaiveDate),
    E,
}

fn s(t: &str) -> V {
    V::S(t.to_string())
}

/// Writes rows (from row 0) with merged ranges (r0, c0, r1, c1, text) to an .xlsx.
fn xlsx(dir: &Path, name: &str, merged: &[(u32, u16, u32, u16, &str)], rows: &[Vec<V>]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r0, c0, r1, c1, text) in merged {
        ws.merge_range(*r0, *c0, *r1, *c1, text, &Format::new())
            .unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if merged.iter().any(|m| m.0 == r && m.1 == c) {
                continue;
            }
            match v {
                V::S(t) => {
                    ws.write_string(r, c, t).unwrap();
                }
                V::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                V::Date(d) => {
                    let x = rust_xlsxwriter::ExcelDateTime::from_ymd(
                        d.format("%Y").to_string().parse().unwrap(),
                        d.format("%m").to_string().parse().unwrap(),
                        d.format("%d").to_string().parse().unwrap(),
                    )
                    .unwrap();
                    ws.write_date_with_format(r, c, &x, &date).unwrap();
                }
                V::E => {}
            }
        }
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

fn run_year(conn: &mut Connection, kind: Kind, path: &Path, year: i32, dry: bool) -> Outcome {
    let req = import::Request {
        kind,
        path,
        year,
        today: today(),
        dry_run: dry,
        period: None,
    };
    import::run(conn, &Actor::command_line(), &req, &mut |_, _| {}).unwrap()
}

fn run(conn: &mut Connection, kind: Kind, path: &Path, dry: bool) -> Outcome {
    run_year(conn, kind, path, 2026, dry)
}

fn errors(o: &Outcome) -> Vec<&import::Problem> {
    o.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

/// Content, deadline, status, completion date.
type PlanRow = (&'static str, &'static str, &'static str, &'static str);

/// The most common plan shape: four area groups, STT restarting at 1 in each, 20 tasks.
fn restarting_plan(dir: &Path, name: &str) -> PathBuf {
    let groups: [(&str, &str, &[PlanRow]); 4] = [
        (
            "I",
            "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
            &[
                (
                    "Ban hành Kế hoạch CCHC năm 2026",
                    "Quý I/2026",
                    "Hoàn thành",
                    "15/01/2026",
                ),
                (
                    "Kiểm tra công tác CCHC tại các bộ phận",
                    "Quý III/2026",
                    "Hoàn thành",
                    "20/08/2026",
                ),
                (
                    "Báo cáo kết quả CCHC định kỳ",
                    "Hằng quý",
                    "Đang thực hiện",
                    "",
                ),
                (
                    "Tuyên truyền CCHC trên hệ thống loa",
                    "Thường xuyên",
                    "Đang thực hiện",
                    "",
                ),
                (
                    "Tổng kết công tác CCHC năm 2026",
                    "15/12/2026",
                    "Chưa thực hiện",
                    "",
                ),
            ],
        ),
        (
            "II",
            "CẢI CÁCH THỂ CHẾ",
            &[
                (
                    "Rà soát văn bản quy phạm pháp luật",
                    "30/06/2026",
                    "Hoàn thành",
                    "25/06/2026",
                ),
                (
                    "Kiểm tra công tác CCHC tại các bộ phận",
                    "Quý IV/2026",
                    "Chưa thực hiện",
                    "",
                ),
                (
                    "Theo dõi thi hành pháp luật",
                    "Thường xuyên",
                    "Đang thực hiện",
                    "",
                ),
                (
                    "Xây dựng hương ước thôn",
                    "Quý II/2026",
                    "Hoàn thành trễ hạn",
                    "10/07/2026",
                ),
                ("Phổ biến văn bản mới", "Hằng tháng", "Đang thực hiện", ""),
            ],
        ),
        (
            "III",
            "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
            &[
                (
                    "Niêm yết công khai thủ tục hành chính",
                    "Quý I/2026",
                    "Hoàn thành",
                    "20/03/2026",
                ),
                (
                    "Rà soát, đơn giản hóa thủ tục hành chính",
                    "30/09/2026",
                    "Hoàn thành",
                    "15/09/2026",
                ),
                (
                    "Số hóa hồ sơ, kết quả giải quyết TTHC",
                    "Thường xuyên",
                    "Đang thực hiện",
                    "",
                ),
                (
                    "Khảo sát mức độ hài lòng của người dân",
                    "Quý IV/2026",
                    "Chưa thực hiện",
                    "",
                ),
                (
                    "Báo cáo kết quả CCHC định kỳ",
                    "Hằng quý",
                    "Đang thực hiện",
                    "",
                ),
            ],
        ),
        (
            "IV",
            "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
            &[
                (
                    "Duy trì Trang thông tin điện tử xã",
                    "Thường xuyên",
                    "Đang thực hiện",
                    "",
                ),
                (
                    "Vận hành Tổ công nghệ số cộng đồng",
                    "Quý II/2026",
                    "Hoàn thành",
                    "30/05/2026",
                ),
                (
                    "Ứng dụng chữ ký số trong văn bản",
                    "30/06/2026",
                    "Hoàn thành",
                    "28/06/2026",
                ),
                (
                    "Tập huấn kỹ năng số cho công chức",
                    "Quý III/2026",
                    "Chưa thực hiện",
                    "",
                ),
                (
                    "Cập nhật cơ sở dữ liệu dân cư",
                    "Thường xuyên",
                    "Đang thực hiện",
                    "",
                ),
            ],
        ),
    ];
    let mut rows = vec![
        vec![s("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026")],
        vec![],
        vec![
            s("STT"),
            s("Nội dung nhiệm vụ"),
            s("Cơ quan chủ trì"),
            s("Thời gian\nhoàn thành"),
            s("KẾT QUẢ THỰC HIỆN"),
            s("Ngày hoàn thành"),
        ],
    ];
    for (roman, area, tasks) in groups {
        rows.push(vec![s(roman), s(area)]);
        for (n, (content, deadline, status, done)) in tasks.iter().enumerate() {
            rows.push(vec![
                V::N((n + 1) as f64),
                s(content),
                s("Văn phòng - Thống kê"),
                s(deadline),
                s(status),
                if done.is_empty() { V::E } else { s(done) },
            ]);
        }
    }
    xlsx(
        dir,
        name,
        &[(0, 0, 0, 5, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026")],
        &rows,
    )
}

fn plan_state(conn: &Connection) -> Vec<(String, String, String, String, TaskStatus)> {
    let mut v: Vec<_> = tasks::list(conn, 2026, today())
        .unwrap()
        .into_iter()
        .map(|t| (t.area_name, t.content, t.number, t.deadline_text, t.status))
        .collect();
    v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    v
}

#[test]
fn a_plan_whose_stt_restarts_in_each_area_imports_again_unchanged() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = restarting_plan(dir.path(), "ke-hoach-stt-lap.xlsx");
    let first = run(&mut conn, Kind::Tasks, &file, false);
    assert!(first.applied, "{:?}", first.problems);
    assert_eq!(first.created, 20);
    let before = plan_state(&conn);
    let figures = tasks::figures(&conn, 2026, today()).unwrap();

    let again = run(&mut conn, Kind::Tasks, &file, true);
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 20),
        "{:#?}",
        again
            .rows
            .iter()
            .filter(|r| r.action == Action::Update)
            .collect::<Vec<_>>()
    );
    assert!(errors(&again).is_empty(), "{:?}", again.problems);
    let applied = run(&mut conn, Kind::Tasks, &file, false);
    assert_eq!(applied.unchanged, 20);
    assert_eq!(plan_state(&conn), before, "nothing swapped between tasks");
    assert_eq!(tasks::figures(&conn, 2026, today()).unwrap(), figures);
    // The same content in two areas is two tasks, each kept in its own area.
    let checks: Vec<_> = before
        .iter()
        .filter(|t| t.1 == "Kiểm tra công tác CCHC tại các bộ phận")
        .collect();
    assert_eq!(checks.len(), 2);
    assert_ne!(checks[0].0, checks[1].0);
}

#[test]
fn an_edited_plan_says_what_changes_from_what_to_what() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = restarting_plan(dir.path(), "ke-hoach.xlsx");
    assert!(run(&mut conn, Kind::Tasks, &file, false).applied);
    // The same plan with rows moved, renumbered, and one task finished.
    let mut rows = vec![vec![
        s("TT"),
        s("Nội dung nhiệm vụ"),
        s("Lĩnh vực"),
        s("Thời hạn"),
        s("Trạng thái"),
        s("Ngày hoàn thành"),
    ]];
    rows.push(vec![
        V::N(7.0),
        s("Tập huấn kỹ năng số cho công chức"),
        s("Xây dựng chính quyền điện tử, chính quyền số"),
        s("Quý III/2026"),
        s("Hoàn thành"),
        V::Date(NaiveDate::from_ymd_opt(2026, 9, 12).unwrap()),
    ]);
    rows.push(vec![
        V::N(1.0),
        s("Ban hành Kế hoạch CCHC năm 2026"),
        s("Công tác chỉ đạo, điều hành CCHC"),
        s("Quý I/2026"),
        s("Hoàn thành"),
        s("15/01/2026"),
    ]);
    let edited = xlsx(dir.path(), "sua.xlsx", &[], &rows);
    let out = run(&mut conn, Kind::Tasks, &edited, true);
    assert_eq!(
        (out.created, out.updated, out.unchanged),
        (0, 1, 1),
        "{:?}",
        out.problems
    );
    let training = &out.rows[0];
    assert_eq!(training.action, Action::Update);
    let fields: Vec<(&str, &str, &str)> = training
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("STT", "4", "7"),
            ("Trạng thái", "Chưa thực hiện", "Hoàn thành"),
            ("Ngày hoàn thành", "", "12/09/2026")
        ]
    );
    // The columns the file lacks (Chủ trì) keep what was recorded.
    assert_eq!(out.rows[1].action, Action::Unchanged);
    assert!(out.rows[1].changes.is_empty());
    let json = serde_json::to_value(&out).unwrap();
    assert_eq!(json["rows"][0]["changes"][1]["new"], "Hoàn thành");
}

#[test]
fn a_twelve_task_addendum_adds_to_the_demo_plan_and_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = demo_commune(dir.path());
    let before = plan_state(&conn);
    assert_eq!(before.len(), 20);
    let mut rows = vec![vec![
        s("STT"),
        s("Nội dung nhiệm vụ"),
        s("Lĩnh vực"),
        s("Thời hạn"),
        s("Trạng thái"),
    ]];
    for n in 1..=12 {
        rows.push(vec![
            V::N(f64::from(n)),
            s(&format!(
                "Nhiệm vụ bổ sung số {n}: rà soát quy trình nội bộ đợt {n}"
            )),
            s("Cải cách tổ chức bộ máy hành chính"),
            s("Quý IV/2026"),
            s("Chưa thực hiện"),
        ]);
    }
    let file = xlsx(dir.path(), "bo-sung.xlsx", &[], &rows);
    let dry = run(&mut conn, Kind::Tasks, &file, true);
    assert_eq!(
        (dry.created, dry.updated, dry.unchanged),
        (12, 0, 0),
        "{:?}",
        dry.problems
    );
    let done = run(&mut conn, Kind::Tasks, &file, false);
    assert!(done.applied);
    let after = plan_state(&conn);
    assert_eq!(after.len(), 32);
    for t in &before {
        assert!(after.contains(t), "the demo's task {t:?} is kept as it was");
    }
}

#[test]
fn a_three_thousand_task_plan_adds_to_the_demo_and_keeps_its_twenty() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = demo_commune(dir.path());
    let before = plan_state(&conn);
    let areas = [
        "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "CẢI CÁCH THỂ CHẾ",
        "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    ];
    let mut rows = vec![vec![s("TT"), s("Nội dung"), s("Tiến độ"), s("Tình trạng")]];
    for (g, area) in areas.iter().enumerate() {
        rows.push(vec![s(["I", "II", "III"][g]), s(area)]);
        for n in 1..=1000 {
            rows.push(vec![
                V::N(f64::from(n)),
                s(&format!("Việc {n} của nhóm {}", g + 1)),
                s("Thường xuyên"),
                s("Đang thực hiện"),
            ]);
        }
    }
    let file = xlsx(dir.path(), "3000.xlsx", &[], &rows);
    let done = run(&mut conn, Kind::Tasks, &file, false);
    assert!(done.applied, "{:?}", done.problems.first());
    assert_eq!((done.created, done.updated), (3000, 0));
    let after = plan_state(&conn);
    assert_eq!(after.len(), 3020);
    for t in &before {
        assert!(after.contains(t));
    }
}

#[test]
fn a_row_that_matches_two_tasks_or_a_task_matched_twice_is_an_error_not_a_guess() {
    let mut conn = fresh();
    let actor = Actor::command_line();
    let area = cchc_core::plan::areas::list(&conn).unwrap()[1].id;
    for number in ["1", "2"] {
        let input = tasks::TaskInput {
            number: number.into(),
            content: "Rà soát văn bản".into(),
            area_id: area,
            lead_officer_id: None,
            coordinators: String::new(),
            deadline: "Quý II/2026".into(),
            product: String::new(),
            status: TaskStatus::NotStarted,
            completed_on: None,
            result: String::new(),
            reason: String::new(),
            solution: String::new(),
            start: None,
        };
        tasks::save(&mut conn, &actor, 2026, None, &input, today()).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = xlsx(
        dir.path(),
        "trung.xlsx",
        &[],
        &[
            vec![s("STT"), s("Nội dung"), s("Lĩnh vực"), s("Thời hạn")],
            vec![
                V::N(1.0),
                s("Rà soát văn bản"),
                s("Cải cách thể chế"),
                s("Quý III/2026"),
            ],
        ],
    );
    let out = run(&mut conn, Kind::Tasks, &file, false);
    assert!(!out.applied);
    let e = errors(&out);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].row, e[0].column.as_str()), (2, "B"));
    assert!(
        e[0].message.contains("khớp với 2 nhiệm vụ"),
        "{}",
        e[0].message
    );

    let file = xlsx(
        dir.path(),
        "hai-dong.xlsx",
        &[],
        &[
            vec![s("STT"), s("Nội dung"), s("Lĩnh vực"), s("Thời hạn")],
            vec![
                V::N(1.0),
                s("Tổng kết năm"),
                s("Cải cách thể chế"),
                s("Quý IV/2026"),
            ],
            vec![
                V::N(2.0),
                s("TỔNG KẾT NĂM."),
                s("Cải cách thể chế"),
                s("15/12/2026"),
            ],
        ],
    );
    let out = run(&mut conn, Kind::Tasks, &file, true);
    let e = errors(&out);
    assert_eq!(e.len(), 1, "{:?}", out.problems);
    assert_eq!(e[0].row, 3);
    assert!(e[0].message.contains("dòng 2"), "{}", e[0].message);
}

#[test]
fn a_plan_with_merged_area_cells_and_unused_columns() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    // "Lĩnh vực" merged down over its three tasks; "Ghi chú nội bộ" is not a column we read.
    let merged = [
        (1, 1, 3, 1, "Cải cách thủ tục hành chính"),
        (4, 1, 5, 1, "Cải cách tài chính công"),
    ];
    let rows = vec![
        vec![
            s("STT"),
            s("Lĩnh vực"),
            s("Nội dung nhiệm vụ"),
            s("Thời hạn"),
            s("Người theo dõi riêng"),
        ],
        vec![
            V::N(1.0),
            V::E,
            s("Công khai TTHC"),
            s("Quý I/2026"),
            s("chị Hoa"),
        ],
        vec![V::N(2.0), V::E, s("Số hóa hồ sơ"), s("Quý II/2026"), V::E],
        vec![
            V::N(3.0),
            V::E,
            s("Đo lường sự hài lòng"),
            s("Quý III/2026"),
            V::E,
        ],
        vec![
            V::N(1.0),
            V::E,
            s("Công khai ngân sách"),
            s("Quý I/2026"),
            V::E,
        ],
        vec![V::N(2.0), V::E, s("Công khai TTHC"), s("Quý II/2026"), V::E],
    ];
    let file = xlsx(dir.path(), "gop-o.xlsx", &merged, &rows);
    let out = run(&mut conn, Kind::Tasks, &file, false);
    assert!(out.applied, "{:?}", out.problems);
    assert_eq!(out.created, 5);
    let list = tasks::list(&conn, 2026, today()).unwrap();
    let area_of = |content: &str, number: &str| {
        list.iter()
            .find(|t| t.content == content && t.number == number)
            .map(|t| t.area_name.clone())
            .unwrap()
    };
    assert_eq!(area_of("Số hóa hồ sơ", "2"), "Cải cách thủ tục hành chính");
    assert_eq!(
        area_of("Đo lường sự hài lòng", "3"),
        "Cải cách thủ tục hành chính"
    );
    assert_eq!(area_of("Công khai TTHC", "2"), "Cải cách tài chính công");
    assert_eq!(
        out.unused_columns,
        vec![import::UnusedColumn {
            sheet: "Sheet1".into(),
            column: "E".into(),
            header: "Người theo dõi riêng".into()
        }]
    );
}

/// The per-procedure statistics report of a provincial one-stop system: title, period, a
/// three-row merged header, a column-number row with "(3=4+5)", field and procedure rows and a
/// "Tổng số" row. Late results are in column J; overdue pending records in column M.
fn provincial_report(dir: &Path, name: &str, handled_extra: f64) -> PathBuf {
    let merged = [
        (
            0,
            0,
            0,
            13,
            "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
        ),
        (1, 0, 1, 13, "Từ ngày 01/07/2026 đến ngày 30/09/2026"),
        (3, 0, 5, 0, "STT"),
        (3, 1, 5, 1, "Lĩnh vực/Thủ tục hành chính"),
        (3, 2, 5, 2, "Số đầu kỳ (3=4+5)"),
        (3, 3, 5, 3, "Kỳ trước chuyển qua"),
        (3, 4, 5, 4, "Tiếp nhận trong kỳ"),
        (3, 5, 3, 11, "Kết quả giải quyết"),
        (4, 5, 4, 8, "Hồ sơ giải quyết xong"),
        (4, 9, 4, 11, "Hồ sơ đang giải quyết"),
        (3, 12, 5, 12, "Tổng số trễ hạn"),
        (3, 13, 5, 13, "Mã TTHC"),
    ];
    let mut rows: Vec<Vec<V>> = vec![vec![]; 6];
    rows[5] = vec![
        V::E,
        V::E,
        V::E,
        V::E,
        V::E,
        s("Tổng số"),
        s("Sớm hạn"),
        s("Đúng hạn"),
        s("Trễ hạn"),
        s("Tổng số"),
        s("Chưa đến hạn"),
        s("Quá hạn"),
    ];
    rows.push(
        [
            "(1)",
            "(2)",
            "(3=4+5)",
            "(4)",
            "(5)",
            "(6=7+8+9)",
            "(7)",
            "(8)",
            "(9)",
            "(10=11+12)",
            "(11)",
            "(12)",
            "(13=9+12)",
            "(14)",
        ]
        .iter()
        .map(|t| s(t))
        .collect(),
    );
    let n = V::N;
    rows.push(vec![s("I"), s("Lĩnh vực Hộ tịch")]);
    // carried, received, early, on time, late, not due, overdue
    let procedures: [(&str, &str, [f64; 7]); 3] = [
        (
            "Đăng ký khai sinh",
            "1.001193",
            [4.0, 120.0, 60.0, 50.0, 0.0, 6.0, 0.0],
        ),
        (
            "Đăng ký kết hôn",
            "1.000894",
            [1.0, 30.0, 10.0, 18.0, 1.0, 0.0, 2.0],
        ),
        (
            "Chứng thực bản sao từ bản chính",
            "2.000815",
            [0.0, 300.0, 290.0, 10.0, 0.0, 0.0, 0.0],
        ),
    ];
    let mut sums = [0.0f64; 12];
    for (i, (proc_name, code, [c, r, e, o, l, nd, od])) in procedures.iter().enumerate() {
        if i == 2 {
            rows.push(vec![s("II"), s("LĨNH VỰC CHỨNG THỰC")]);
        }
        let extra = if i == 0 { handled_extra } else { 0.0 };
        let values = [
            c + r + extra,
            *c,
            *r,
            e + o + l,
            *e,
            *o,
            *l,
            nd + od,
            *nd,
            *od,
            l + od,
        ];
        for (k, v) in values.iter().enumerate() {
            sums[k] += v;
        }
        let mut row = vec![n((i + 1) as f64), s(proc_name)];
        row.extend(values.iter().map(|v| n(*v)));
        row.push(s(code));
        rows.push(row);
    }
    let mut total = vec![V::E, s("Tổng số")];
    total.extend(sums.iter().take(11).map(|v| n(*v)));
    rows.push(total);
    xlsx(dir, name, &merged, &rows)
}

#[test]
fn the_provincial_per_procedure_report_is_read_column_by_header_path() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = provincial_report(dir.path(), "bao-cao-tthc-quy-3.xlsx", 0.0);
    let dry = run(&mut conn, Kind::Tthc, &file, true);
    // The report does not split received records by channel, and the dry run says so.
    assert_eq!(dry.problems.len(), 1, "{:?}", dry.problems);
    assert_eq!(dry.problems[0].severity, Severity::Warning);
    assert_eq!(dry.problems[0].column, "E");
    assert!(dry.problems[0].message.contains("theo kênh"));
    assert!(dry.unused_columns.is_empty(), "{:?}", dry.unused_columns);
    assert_eq!(dry.header_row, 6);
    assert_eq!(dry.created, 3);
    let out = run(&mut conn, Kind::Tthc, &file, false);
    assert!(out.applied);
    let list = batches::of_year(&conn, 2026).unwrap();
    assert_eq!(list.len(), 1);
    let b = &list[0];
    assert_eq!(b.label, "01/07/2026 – 30/09/2026");
    assert_eq!(b.rows.len(), 3, "every procedure's row is kept");
    let birth = b
        .rows
        .iter()
        .find(|r| r.procedure_code == "1.001193")
        .unwrap();
    assert_eq!(birth.field, "Hộ tịch");
    let c = birth.counts;
    assert_eq!(c.carried_over, 4);
    assert_eq!(
        c.received(),
        120,
        "received in the period, without the carried over"
    );
    assert_eq!(c.resolved_early, 60);
    assert_eq!(c.resolved_on_time, 50);
    assert_eq!((c.in_progress, c.in_progress_overdue), (6, 0));
    let marriage = b
        .rows
        .iter()
        .find(|r| r.procedure_code == "1.000894")
        .unwrap()
        .counts;
    assert_eq!(marriage.resolved_late, 1, "not the overdue pending column");
    assert_eq!((marriage.in_progress, marriage.in_progress_overdue), (2, 2));
    let figures = cchc_core::summary::for_year(&conn, 2026, today()).unwrap();
    assert_eq!(figures.tthc.received, 450);
    assert_eq!(figures.tthc.carried_over, 5);
    assert_eq!(figures.tthc.in_progress_overdue, 2);
    assert_eq!(figures.tthc.resolved_late, 1);
    // 60+50 + 10+18 + 290+10 = 438 of 439 resolved.
    assert_eq!(figures.tthc.on_time_rate_pct, Some(99.8));
    let json = serde_json::to_value(&figures).unwrap();
    assert_eq!(json["tthc"]["carried_over"], 5);
    assert_eq!(json["tthc"]["in_progress_overdue"], 2);

    // A row that does not add up ("(3=4+5)") is an error at its cell.
    let bad = provincial_report(dir.path(), "lech.xlsx", 1.0);
    let out = run(&mut conn, Kind::Tthc, &bad, true);
    let e = errors(&out);
    assert!(!e.is_empty());
    assert!(
        e.iter().any(|p| p.row == 9 && p.column == "C"),
        "(3=4+5) at C9: {e:?}"
    );
    assert!(!out.applied);
}

#[test]
fn another_provinces_export_with_other_words_and_order() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    // Channels split under "Mới tiếp nhận", "Tồn kỳ trước" last, "Trong hạn" before "Trước
    // hạn", pending records "Đang xử lý" split "Trong hạn | Quá hạn", all upper case.
    let merged = [
        (
            0,
            0,
            0,
            12,
            "THỐNG KÊ HỒ SƠ TTHC TỪ NGÀY 01/01/2026 ĐẾN NGÀY 31/03/2026",
        ),
        (2, 0, 3, 0, "TT"),
        (2, 1, 3, 1, "TÊN TTHC"),
        (2, 2, 2, 4, "MỚI TIẾP NHẬN"),
        (2, 5, 2, 7, "ĐÃ GIẢI QUYẾT"),
        (2, 8, 2, 9, "ĐANG XỬ LÝ"),
        (2, 10, 3, 10, "TỒN KỲ TRƯỚC"),
        (2, 11, 3, 11, "TRẢ LẠI/RÚT HỒ SƠ"),
        (2, 12, 3, 12, "GHI CHÚ"),
    ];
    let mut rows: Vec<Vec<V>> = vec![vec![]; 3];
    rows.push(vec![
        V::E,
        V::E,
        s("TRỰC TUYẾN"),
        s("TRỰC TIẾP"),
        s("BƯU CHÍNH CÔNG ÍCH"),
        s("TRONG HẠN"),
        s("TRƯỚC HẠN"),
        s("QUÁ HẠN"),
        s("TRONG HẠN"),
        s("QUÁ HẠN"),
    ]);
    rows.push(vec![
        V::N(1.0),
        s("Cấp bản sao trích lục hộ tịch"),
        V::N(40.0),
        V::N(60.0),
        V::N(5.0),
        V::N(70.0),
        V::N(30.0),
        V::N(2.0),
        V::N(3.0),
        V::N(1.0),
        V::N(1.0),
        V::N(0.0),
        s("kiểm tra lại"),
    ]);
    let file = xlsx(dir.path(), "tinh-khac.xlsx", &merged, &rows);
    let out = run(&mut conn, Kind::Tthc, &file, false);
    assert!(out.applied, "{:?}", out.problems);
    let c = batches::of_year(&conn, 2026).unwrap()[0].rows[0].counts;
    assert_eq!(
        (c.received_online, c.received_direct, c.received_bcci),
        (40, 60, 5)
    );
    assert_eq!(
        (c.resolved_on_time, c.resolved_early, c.resolved_late),
        (70, 30, 2)
    );
    assert_eq!((c.in_progress, c.in_progress_overdue), (4, 1));
    assert_eq!(c.carried_over, 1);
    assert_eq!(out.unused_columns.len(), 1);
    assert_eq!(out.unused_columns[0].column, "M");
    assert_eq!(out.unused_columns[0].header, "GHI CHÚ");
}

#[test]
fn a_one_stop_sheet_without_received_or_resolved_columns_is_refused_by_name() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = xlsx(
        dir.path(),
        "khong-ro.xlsx",
        &[(0, 0, 0, 3, "Từ ngày 01/01/2026 đến ngày 31/03/2026")],
        &[
            vec![],
            vec![
                s("STT"),
                s("Tên thủ tục hành chính"),
                s("Hồ sơ A"),
                s("Hồ sơ B"),
            ],
            vec![V::N(1.0), s("Đăng ký khai sinh"), V::N(12.0), V::N(10.0)],
        ],
    );
    let out = run(&mut conn, Kind::Tthc, &file, false);
    assert!(!out.applied);
    let e = errors(&out);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message.contains("Tiếp nhận trong kỳ"),
        "{}",
        e[0].message
    );
    assert!(
        e[0].message.contains("Giải quyết đúng hạn"),
        "{}",
        e[0].message
    );
    assert!(e[0].message.contains("C “Hồ sơ A”"), "{}", e[0].message);
    assert!(batches::of_year(&conn, 2026).unwrap().is_empty());
}

fn criteria_with_problems(dir: &Path) -> PathBuf {
    xlsx(
        dir,
        "bo-tieu-chi.xlsx",
        &[],
        &[
            vec![s("BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC CẤP XÃ NĂM 2027")],
            vec![s("STT"), s("Lĩnh vực/Tiêu chí"), s("Điểm tối đa")],
            vec![s("I"), s("Công tác chỉ đạo, điều hành"), V::N(12.0)],
            vec![V::N(1.0), s("Kế hoạch CCHC"), s("mười")],
            vec![V::N(2.0), s("Báo cáo CCHC"), V::N(-2.0)],
            vec![s("II"), s("Cải cách thể chế"), V::N(8.0)],
            vec![V::N(1.0), s("Rà soát văn bản"), s("8")],
        ],
    )
}

#[test]
fn a_criteria_sheet_headed_linh_vuc_slash_tieu_chi_shows_its_problems_at_their_cells() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = criteria_with_problems(dir.path());
    let out = run_year(&mut conn, Kind::Criteria, &file, 2027, true);
    let e = errors(&out);
    assert_eq!(
        e.iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect::<Vec<_>>(),
        vec![(4, "C"), (5, "C")]
    );
    assert!(e[0].message.contains("“mười”"), "{}", e[0].message);
    assert!(e[1].message.contains("âm"), "{}", e[1].message);
    assert_eq!(out.opens_years, vec![2027]);
    assert!(
        !commune::years(&conn).unwrap().contains(&2027),
        "a dry run opens nothing"
    );

    // Never over the user's own file, however its path is spelled.
    let before = std::fs::read(&file).unwrap();
    let respelled = dir.path().join(".").join(file.file_name().unwrap());
    for target in [&file, &respelled] {
        let refused = import::annotate(&file, &out, target).unwrap_err();
        assert!(
            refused.to_string().contains("phải khác tệp đang nhập"),
            "{refused}"
        );
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the source is untouched"
    );

    // The annotated copy: the same sheet and values, the two cells noted, a list first.
    let copy = dir.path().join("bo-tieu-chi-danh-dau.xlsx");
    let done = import::annotate(&file, &out, &copy).unwrap();
    assert_eq!((done.problems, done.cells, done.sheets), (2, 2, 1));
    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(&copy).unwrap();
    assert_eq!(book.sheet_names(), vec!["Danh sách lỗi", "Sheet1"]);
    let list = book.worksheet_range("Danh sách lỗi").unwrap();
    assert_eq!(list.get_value((3, 2)).unwrap().to_string(), "C4");
    assert!(list.get_value((3, 4)).unwrap().to_string().contains("mười"));
    let copied = book.worksheet_range("Sheet1").unwrap();
    assert_eq!(copied.get_value((3, 2)).unwrap().to_string(), "mười");
    assert_eq!(
        copied.get_value((6, 1)).unwrap().to_string(),
        "Rà soát văn bản"
    );
    let zip = std::fs::File::open(&copy).unwrap();
    let mut zip = zip::ZipArchive::new(zip).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let notes = part("xl/comments1.xml");
    assert!(notes.contains("mười") && notes.contains("âm"), "{notes}");
    let list_xml = part("xl/worksheets/sheet1.xml");
    assert!(list_xml.contains("location=\"'Sheet1'!C4\""), "{list_xml}");
    let styles = part("xl/styles.xml");
    assert!(styles.contains("FFFFC7CE"), "the error fill");
}

#[test]
fn next_years_criteria_open_the_year() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = xlsx(
        dir.path(),
        "tieu-chi-2027.xlsx",
        &[],
        &[
            vec![s("STT"), s("LĨNH VỰC, TIÊU CHÍ"), s("ĐIỂM TỐI ĐA")],
            vec![s("I"), s("Công tác chỉ đạo"), V::N(2.0)],
            vec![V::N(1.0), s("Kế hoạch CCHC"), V::N(2.0)],
            vec![V::E, s("- Ban hành đúng hạn: 2"), V::E],
            vec![V::E, s("- Ban hành chậm: 1"), V::E],
        ],
    );
    let dry = run_year(&mut conn, Kind::Criteria, &file, 2027, true);
    assert_eq!(dry.opens_years, vec![2027]);
    assert!(!commune::years(&conn).unwrap().contains(&2027));
    let done = run_year(&mut conn, Kind::Criteria, &file, 2027, false);
    assert!(done.applied, "{:?}", done.problems);
    assert_eq!(done.opens_years, vec![2027]);
    assert!(commune::years(&conn).unwrap().contains(&2027));
    assert_eq!(
        import::years_offered(&conn, today()).unwrap(),
        vec![2028, 2027, 2026]
    );
    // A year far away is not opened by an import.
    let req = import::Request {
        kind: Kind::Criteria,
        path: &file,
        year: 2062,
        today: today(),
        dry_run: true,
        period: None,
    };
    let err = import::run(&mut conn, &Actor::command_line(), &req, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("cchc years add 2062"), "{err}");
}

#[test]
fn sessions_and_officers_are_matched_by_what_identifies_them() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    // The same day and content in two villages: two sessions.
    let file = xlsx(
        dir.path(),
        "tuyen-truyen.xlsx",
        &[],
        &[
            vec![
                s("Ngày"),
                s("Nội dung"),
                s("Địa điểm"),
                s("Hình thức"),
                s("Số người"),
            ],
            vec![
                V::Date(day),
                s("Luật Hộ tịch"),
                s("Nhà văn hóa thôn Bản Cái"),
                s("Hội nghị"),
                V::N(40.0),
            ],
            vec![
                V::Date(day),
                s("Luật Hộ tịch"),
                s("Nhà văn hóa thôn Nà Mòn"),
                s("Hội nghị"),
                V::N(35.0),
            ],
        ],
    );
    let out = run(&mut conn, Kind::Sessions, &file, false);
    assert_eq!(out.created, 2, "{:?}", out.problems);
    let again = run(&mut conn, Kind::Sessions, &file, true);
    assert_eq!((again.created, again.unchanged), (0, 2));

    // Two officers with one name, told apart by position.
    let file = xlsx(
        dir.path(),
        "can-bo.xlsx",
        &[],
        &[
            vec![s("Họ và tên"), s("Chức vụ")],
            vec![s("Nguyễn Văn Hùng"), s("Chủ tịch UBND xã")],
            vec![s("Nguyễn Văn Hùng"), s("Công chức Địa chính")],
        ],
    );
    let out = run(&mut conn, Kind::Officers, &file, false);
    assert_eq!(out.created, 2, "{:?}", out.problems);
    assert_eq!(run(&mut conn, Kind::Officers, &file, true).unchanged, 2);
    let file = xlsx(
        dir.path(),
        "can-bo-2.xlsx",
        &[],
        &[
            vec![s("Họ và tên"), s("Bộ phận")],
            vec![s("Nguyễn Văn Hùng"), s("Văn phòng")],
        ],
    );
    let out = run(&mut conn, Kind::Officers, &file, true);
    let e = errors(&out);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message.contains("khớp với 2 người"),
        "{}",
        e[0].message
    );
}

/// An .ods as LibreOffice saves it: repeated empty rows and columns, a merged cell with its
/// covered cells, dates as date values, a line break inside a header cell.
fn libreoffice_plan(dir: &Path) -> PathBuf {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>
<table:table table:name="Kế hoạch">
<table:table-column table:number-columns-repeated="5"/>
<table:table-row><table:table-cell table:number-columns-spanned="5" office:value-type="string"><text:p>KẾ HOẠCH CCHC NĂM 2026</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>STT</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Nội dung nhiệm vụ</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Thời gian</text:p><text:p>hoàn thành</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Trạng thái</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Ngày hoàn thành</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>I</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>CẢI CÁCH THỦ TỤC HÀNH CHÍNH</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Niêm yết  công khai TTHC </text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Quý I/2026</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Hoàn thành</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-03-20"><text:p>20/03/2026</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Số hóa hồ sơ TTHC</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2026-06-30"><text:p>30/06/2026</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Đang thực hiện</text:p></table:table-cell><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="1048568"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let path = dir.join("ke-hoach-libreoffice.ods");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn a_plan_saved_by_libreoffice() {
    let mut conn = fresh();
    let dir = tempfile::tempdir().unwrap();
    let file = libreoffice_plan(dir.path());
    let out = run(&mut conn, Kind::Tasks, &file, false);
    assert!(out.applied, "{:?}", out.problems);
    assert_eq!(out.created, 2);
    let list = tasks::list(&conn, 2026, today()).unwrap();
    assert_eq!(list[0].content, "Niêm yết công khai TTHC");
    assert_eq!(list[0].completed_on, NaiveDate::from_ymd_opt(2026, 3, 20));
    assert_eq!(list[1].deadline_text, "30/06/2026");
    assert_eq!(run(&mut conn, Kind::Tasks, &file, true).unchanged, 2);
    // The annotated copy of an .ods is an .xlsx.
    let copy = dir.path().join("danh-dau.xlsx");
    let done = import::annotate(&file, &out, &copy).unwrap();
    assert_eq!(done.sheets, 1);
    use calamine::{open_workbook_auto, Reader};
    let book = open_workbook_auto(&copy).unwrap();
    assert_eq!(book.sheet_names(), vec!["Danh sách lỗi", "Kế hoạch"]);
}
