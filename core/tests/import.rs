//! Importing workbooks shaped like the real ones: title rows and merged cells above the header,
//! a two-row header, a row of column numbers, group and total rows, text decimals, NFD text,
//! date cells. Dry runs write nothing; a second import changes nothing; bad files are refused.

use std::path::{Path, PathBuf};

use cchc_core::commune::CommuneInput;
use cchc_core::import::{self, Action, Kind, Severity};
use cchc_core::people::Actor;
use cchc_core::plan::tasks::{self, TaskStatus};
use cchc_core::{db, officers, scoring, setup};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn commune() -> (Connection, Actor) {
    let mut conn = db::open_in_memory().unwrap();
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).unwrap();
    (conn, Actor::command_line())
}

enum V {
    S(&'static str),
    N(f64),
    D(f64),
}

fn workbook(
    dir: &Path,
    name: &str,
    merged: &[(u32, u16, u32, u16, &str)],
    rows: &[(u32, Vec<V>)],
) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r0, c0, r1, c1, text) in merged {
        ws.merge_range(*r0, *c0, *r1, *c1, text, &Format::new())
            .unwrap();
    }
    for (r, cells) in rows {
        for (c, v) in cells.iter().enumerate() {
            let c = c as u16;
            match v {
                V::S("") => {}
                V::S(s) => {
                    ws.write_string(*r, c, *s).unwrap();
                }
                V::N(n) => {
                    ws.write_number(*r, c, *n).unwrap();
                }
                V::D(n) => {
                    ws.write_number_with_format(*r, c, *n, &date).unwrap();
                }
            }
        }
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

fn request(kind: Kind, path: &Path, dry_run: bool) -> import::Request<'_> {
    import::Request {
        kind,
        path,
        year: 2026,
        today: today(),
        dry_run,
        period: None,
    }
}

fn run(
    conn: &mut Connection,
    actor: &Actor,
    kind: Kind,
    path: &Path,
    dry: bool,
) -> import::Outcome {
    import::run(conn, actor, &request(kind, path, dry), &mut |_, _| {}).unwrap()
}

fn plan_file(dir: &Path, first_deadline: &'static str) -> PathBuf {
    use V::*;
    workbook(
        dir,
        "ke-hoach.xlsx",
        &[
            (0, 0, 0, 6, "ỦY BAN NHÂN DÂN XÃ NÔNG THƯỢNG"),
            (1, 0, 1, 6, "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026"),
        ],
        &[
            (
                3,
                vec![
                    S("TT"),
                    S("Nội dung nhiệm vụ"),
                    S("Cơ quan chủ trì"),
                    S("Phối hợp"),
                    S("Thời gian hoàn thành"),
                    S("Sản phẩm"),
                    S("Tình trạng"),
                ],
            ),
            (
                4,
                vec![
                    S("(1)"),
                    S("(2)"),
                    S("(3)"),
                    S("(4)"),
                    S("(5)"),
                    S("(6)"),
                    S("(7)"),
                ],
            ),
            (
                5,
                vec![S("I"), S("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH")],
            ),
            (
                6,
                vec![
                    S("1"),
                    S("Ban hành Kế hoạch CCHC năm 2026"),
                    S("Văn phòng - Thống kê"),
                    S("Các bộ phận"),
                    S(first_deadline),
                    S("Kế hoạch"),
                    S("Hoàn thành"),
                ],
            ),
            (
                7,
                vec![
                    S("2"),
                    S("Báo cáo CCHC định kỳ"),
                    S("Văn phòng - Thống kê"),
                    S(""),
                    S("Hằng quý"),
                    S("Báo cáo"),
                    S("Đang thực hiện"),
                ],
            ),
            (8, vec![S("II"), S("CẢI CÁCH THỂ CHẾ")]),
            // NFD text, an Excel date as the deadline.
            (
                9,
                vec![
                    S("3"),
                    S("Ra\u{0300} soa\u{0301}t văn bản QPPL"),
                    S("Công chức Tư pháp"),
                    S(""),
                    D(46203.0),
                    S("Báo cáo"),
                    S("Chưa thực hiện"),
                ],
            ),
            (10, vec![S("Tổng cộng"), S("3 nhiệm vụ")]),
        ],
    )
}

#[test]
fn tasks_from_a_real_shaped_plan_dry_run_apply_and_reimport() {
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path(), "Trước 15/01/2026");

    let dry = run(&mut conn, &actor, Kind::Tasks, &file, true);
    assert_eq!(
        (dry.created, dry.updated, dry.unchanged),
        (3, 0, 0),
        "{:?}",
        dry.problems
    );
    assert_eq!(dry.header_row, 4);
    assert!(!dry.applied);
    assert!(
        tasks::list(&conn, 2026, today()).unwrap().is_empty(),
        "a dry run writes nothing"
    );
    assert!(
        dry.problems.iter().all(|p| p.severity == Severity::Warning),
        "{:?}",
        dry.problems
    );
    // The completion date was not given: warned, not refused.
    assert!(dry
        .problems
        .iter()
        .any(|p| p.row == 7 && p.message.contains("ngày hoàn thành")));

    let done = run(&mut conn, &actor, Kind::Tasks, &file, false);
    assert!(done.applied);
    let list = tasks::list(&conn, 2026, today()).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].area_name, "Công tác chỉ đạo, điều hành CCHC");
    assert_eq!(list[2].area_name, "Cải cách thể chế");
    assert_eq!(list[0].status, TaskStatus::Done);
    assert_eq!(list[1].occurrences.len(), 4);
    assert_eq!(list[2].content, "Rà soát văn bản QPPL", "NFC");
    assert_eq!(
        list[2].due,
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        "the date cell"
    );
    assert!(list[0]
        .coordinators
        .starts_with("Chủ trì: Văn phòng - Thống kê"));

    let again = run(&mut conn, &actor, Kind::Tasks, &file, false);
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));

    let edited = plan_file(dir.path(), "Trước 20/01/2026");
    let changed = run(&mut conn, &actor, Kind::Tasks, &edited, false);
    assert_eq!(
        (changed.created, changed.updated, changed.unchanged),
        (0, 1, 2)
    );
    assert_eq!(
        tasks::list(&conn, 2026, today()).unwrap()[0].deadline_text,
        "Trước 20/01/2026"
    );
}

#[test]
fn a_bad_row_names_sheet_row_column_and_nothing_is_written() {
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = plan_file(dir.path(), "khi nào xong");
    let out = run(&mut conn, &actor, Kind::Tasks, &file, false);
    assert!(!out.applied);
    let err = out
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap();
    assert_eq!(
        (err.sheet.as_str(), err.row, err.column.as_str()),
        ("Sheet1", 7, "E")
    );
    assert!(err
        .message
        .starts_with("Không đọc được thời hạn “khi nào xong”"));
    assert!(
        tasks::list(&conn, 2026, today()).unwrap().is_empty(),
        "the good rows are not written either"
    );
}

#[test]
fn criteria_set_from_the_provinces_file() {
    use V::*;
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = workbook(
        dir.path(),
        "bo-tieu-chi.xlsx",
        &[(0, 0, 0, 3, "BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CCHC CẤP XÃ")],
        &[
            (
                2,
                vec![
                    S("STT"),
                    S("Lĩnh vực/Tiêu chí/Tiêu chí thành phần"),
                    S("Điểm tối đa"),
                    S("Tài liệu kiểm chứng"),
                ],
            ),
            (3, vec![S("I"), S("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), N(3.0)]),
            (4, vec![S("1"), S("Kế hoạch CCHC"), N(3.0)]),
            (
                5,
                vec![
                    S("1.1"),
                    S("Ban hành kế hoạch"),
                    N(1.0),
                    S("Kế hoạch CCHC năm"),
                ],
            ),
            (6, vec![S(""), S("- Ban hành đúng thời hạn: 1")]),
            (7, vec![S(""), S("- Ban hành chậm: 0,5")]),
            (8, vec![S("1.2"), S("Mức độ hoàn thành"), S("2")]),
            (
                9,
                vec![
                    S(""),
                    S("- Đạt 100%: 2; từ 80% đến dưới 100%: 1; dưới 80%: 0"),
                ],
            ),
            (
                10,
                vec![S("II"), S("CẢI CÁCH THỦ TỤC HÀNH CHÍNH"), S("1,5")],
            ),
            (11, vec![S("2."), S("Công khai TTHC"), S("1,5")]),
            (12, vec![S("a)"), S("Tại bộ phận một cửa"), S("0,75")]),
            (
                13,
                vec![S("b)"), S("Trên trang thông tin điện tử"), S("0,75")],
            ),
            (14, vec![S("III"), S("ĐIỂM THƯỞNG"), N(1.0)]),
            (15, vec![S("1"), S("Sáng kiến"), N(1.0)]),
            (16, vec![S(""), S("Tổng điểm"), N(104.5)]),
        ],
    );
    let out = run(&mut conn, &actor, Kind::Criteria, &file, false);
    assert!(out.applied, "{:?}", out.problems);
    assert_eq!(out.created, 10);
    let s = scoring::sheet::sheet(&conn, 2026, today()).unwrap();
    let codes: Vec<String> = {
        fn walk(n: &[scoring::sheet::Node], out: &mut Vec<String>) {
            for x in n {
                out.push(x.full_code.clone());
                walk(&x.children, out);
            }
        }
        let mut v = Vec::new();
        walk(&s.nodes, &mut v);
        v
    };
    assert_eq!(
        codes,
        vec!["I", "I.1", "I.1.1", "I.1.2", "II", "II.2", "II.2.a", "II.2.b", "III", "III.1"]
    );
    assert_eq!(
        s.max_total,
        scoring::Points(450),
        "3 + 1,5; the bonus field counts outside"
    );
    let i11 = &s.nodes[0].children[0].children[0];
    assert_eq!(i11.levels.len(), 2);
    assert_eq!(i11.levels[1].points, scoring::Points(50));
    assert_eq!(s.nodes[0].children[0].children[1].levels.len(), 3);
    assert_eq!(s.nodes[2].kind, scoring::criteria::Kind::Bonus);

    let again = run(&mut conn, &actor, Kind::Criteria, &file, false);
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 10));
}

#[test]
fn officers_with_a_two_row_header() {
    use V::*;
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = workbook(
        dir.path(),
        "can-bo.xlsx",
        &[(0, 1, 0, 2, "Cán bộ, công chức"), (0, 0, 1, 0, "TT")],
        &[
            (1, vec![S(""), S("Họ và tên"), S("Chức vụ"), S("Bộ phận")]),
            (
                2,
                vec![
                    N(1.0),
                    S("Nguye\u{0302}\u{0303}n Thị Lan Anh"),
                    S("Công chức Văn phòng - Thống kê"),
                    S("Văn phòng"),
                ],
            ),
            (
                3,
                vec![
                    N(2.0),
                    S("Lê Văn Bình"),
                    S("Công chức Tư pháp - Hộ tịch"),
                    S("Văn phòng"),
                ],
            ),
        ],
    );
    let out = run(&mut conn, &actor, Kind::Officers, &file, false);
    assert_eq!((out.created, out.unchanged), (2, 0), "{:?}", out.problems);
    let names: Vec<String> = officers::list(&conn)
        .unwrap()
        .into_iter()
        .map(|o| o.full_name)
        .collect();
    assert_eq!(names, vec!["Nguyễn Thị Lan Anh", "Lê Văn Bình"]);
    let again = run(&mut conn, &actor, Kind::Officers, &file, false);
    assert_eq!((again.created, again.unchanged), (0, 2));
    assert!(again.rows.iter().all(|r| r.action == Action::Unchanged));
}

#[test]
fn bad_files_are_refused_and_change_nothing() {
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("hong.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really a workbook").unwrap();
    let text = dir.path().join("ghi-chu.txt");
    std::fs::write(&text, "Nội dung").unwrap();
    let locked = dir.path().join("mat-khau.xlsx");
    std::fs::write(
        &locked,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    let empty = dir.path().join("rong.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let no_header = workbook(
        dir.path(),
        "khong-tieu-de.xlsx",
        &[],
        &[(0, vec![V::S("Xin chào"), V::S("Không phải bảng")])],
    );
    let cases: [(&Path, &str); 6] = [
        (&broken, "bị hỏng"),
        (&text, "chỉ nhận tệp Excel"),
        (&locked, "đặt mật khẩu"),
        (&empty, "tệp rỗng"),
        (&dir.path().join("khong-co.xlsx"), "Không tìm thấy tệp"),
        (&no_header, "Không tìm thấy dòng tiêu đề"),
    ];
    for (path, says) in cases {
        let err = import::run(
            &mut conn,
            &actor,
            &request(Kind::Tasks, path, false),
            &mut |_, _| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains(says), "{}: {err}", path.display());
    }
    assert!(tasks::list(&conn, 2026, today()).unwrap().is_empty());
}
