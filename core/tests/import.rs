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

// ---- Dissemination sessions -------------------------------------------------------------

fn sessions_file(dir: &Path, name: &str, first: V, second: V) -> PathBuf {
    use V::*;
    workbook(
        dir,
        name,
        &[
            (0, 0, 0, 11, "ỦY BAN NHÂN DÂN XÃ NÔNG THƯỢNG"),
            (1, 0, 1, 11, "DANH SÁCH CÁC BUỔI TUYÊN TRUYỀN NĂM 2026"),
        ],
        &[
            // The columns in an order of the commune's own.
            (
                3,
                vec![
                    S("Nội dung tuyên truyền"),
                    S("Thời gian tổ chức"),
                    S("Số lượt người"),
                    S("Hình thức"),
                    S("Thôn, tổ dân phố"),
                    S("Báo cáo viên"),
                    S("Luật được phổ biến"),
                    S("Loại"),
                    S("STT"),
                    S("Địa điểm"),
                    S("Đối tượng"),
                    S("Tài liệu phát"),
                ],
            ),
            (
                4,
                vec![
                    S("Phổ biến Luật Đất đai năm 2024"),
                    S("5/3/2026"),
                    first,
                    S("Hội nghị"),
                    S("Thôn Làng Mới"),
                    S("Lê Văn Bình"),
                    S("Luật Đất đai 2024; Luật Hôn nhân và gia đình"),
                    S("PBGDPL"),
                    N(1.0),
                    S("Hội trường UBND xã"),
                    S("Cán bộ và nhân dân"),
                    S("Tờ gấp: 200"),
                ],
            ),
            (
                5,
                vec![
                    S("Tuyên truyền cải cách thủ tục hành chính"),
                    D(46122.0),
                    second,
                    S("Lồng ghép sinh hoạt thôn"),
                    S("Thôn Đồng Tâm"),
                    S("Nguyễn Văn Khách"),
                    S("Luật Phòng, chống ma túy\nNghị định 15/2020/NĐ-CP"),
                    S("Tuyên truyền CCHC"),
                    N(2.0),
                    S("Nhà văn hóa thôn"),
                    S("Nhân dân"),
                ],
            ),
            (
                6,
                vec![
                    S("Phát thanh về Luật Hộ tịch"),
                    S("20/04/2026"),
                    S(""),
                    S("Loa truyền thanh"),
                    S(""),
                    S(""),
                    S("Luật Hộ tịch"),
                    S(""),
                    N(3.0),
                ],
            ),
            (7, vec![S("Tổng cộng"), S(""), S("1.341")]),
        ],
    )
}

fn sessions_of_2026(conn: &Connection) -> Vec<cchc_core::sessions::SessionView> {
    let year = cchc_core::period::resolve("cal-year", 2026).unwrap();
    cchc_core::sessions::in_period(conn, &year).unwrap()
}

#[test]
fn sessions_from_a_communes_log_dry_run_apply_reimport_and_edit() {
    use cchc_core::sessions::{Material, SessionForm, SessionKind};
    let (mut conn, actor) = commune();
    let officer = officers::save(
        &mut conn,
        &actor,
        None,
        &officers::OfficerInput {
            full_name: "Lê Văn Bình".into(),
            position: "Công chức Tư pháp - Hộ tịch".into(),
            department: "Văn phòng".into(),
            active: true,
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = sessions_file(dir.path(), "tuyen-truyen.xlsx", V::S("1.296"), V::N(45.0));

    let dry = run(&mut conn, &actor, Kind::Sessions, &file, true);
    assert_eq!(
        (dry.created, dry.updated, dry.unchanged),
        (3, 0, 0),
        "{:?}",
        dry.problems
    );
    assert_eq!(dry.header_row, 4);
    assert!(!dry.applied);
    assert!(!dry.has_errors(), "{:?}", dry.problems);
    assert!(
        sessions_of_2026(&conn).is_empty(),
        "a dry run writes nothing"
    );

    let done = run(&mut conn, &actor, Kind::Sessions, &file, false);
    assert!(done.applied, "{:?}", done.problems);
    let list = sessions_of_2026(&conn);
    assert_eq!(list.len(), 3);
    let first = &list[0];
    assert_eq!(first.held_on, NaiveDate::from_ymd_opt(2026, 3, 5).unwrap());
    assert_eq!(
        first.attendees, 1296,
        "“1.296” is one thousand two hundred…"
    );
    assert_eq!(first.kind, SessionKind::Pbgdpl);
    assert_eq!(first.form, SessionForm::Conference);
    assert_eq!(first.presenter_officer_id, Some(officer.id));
    assert_eq!(
        first.laws,
        vec!["Luật Đất đai 2024", "Luật Hôn nhân và gia đình"]
    );
    assert_eq!(
        first.materials,
        vec![Material {
            kind: "Tờ gấp".into(),
            count: 200
        }]
    );
    assert_eq!(first.village, "Thôn Làng Mới");
    let second = &list[1];
    assert_eq!(
        second.held_on,
        NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(),
        "the date cell"
    );
    assert_eq!(second.kind, SessionKind::Cchc);
    assert_eq!(second.form, SessionForm::VillageMeeting);
    assert_eq!(second.presenter_officer_id, None);
    assert_eq!(second.presenter, "Nguyễn Văn Khách");
    assert_eq!(
        second.laws,
        vec!["Luật Phòng, chống ma túy", "Nghị định 15/2020/NĐ-CP"],
        "a line break inside the cell separates laws"
    );
    assert_eq!(list[2].form, SessionForm::Loudspeaker);
    assert_eq!(list[2].attendees, 0);
    let figures = cchc_core::summary::for_year(&conn, 2026, today()).unwrap();
    assert_eq!(
        (figures.sessions.count, figures.sessions.attendees),
        (3, 1341),
        "the total row is not a session"
    );

    let again = run(&mut conn, &actor, Kind::Sessions, &file, false);
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 3),
        "{:?}",
        again.rows
    );
    assert!(again
        .rows
        .iter()
        .filter(|r| r.action != Action::Skip)
        .all(|r| r.action == Action::Unchanged));

    let edited = sessions_file(
        dir.path(),
        "tuyen-truyen-sua.xlsx",
        V::S("1.296"),
        V::N(50.0),
    );
    let changed = run(&mut conn, &actor, Kind::Sessions, &edited, false);
    assert_eq!(
        (changed.created, changed.updated, changed.unchanged),
        (0, 1, 2)
    );
    let list = sessions_of_2026(&conn);
    assert_eq!(list.len(), 3);
    assert_eq!(list[1].attendees, 50);
    assert_eq!(list[1].laws.len(), 2, "the laws are kept on update");
}

#[test]
fn a_bad_attendee_count_names_its_column_and_nothing_is_written() {
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    for (name, bad, says) in [
        ("chu.xlsx", V::S("khoảng 40"), "không phải là một số nguyên"),
        ("am.xlsx", V::N(-5.0), "không được âm"),
    ] {
        let file = sessions_file(dir.path(), name, V::N(30.0), bad);
        let out = run(&mut conn, &actor, Kind::Sessions, &file, false);
        assert!(!out.applied);
        let err = out
            .problems
            .iter()
            .find(|p| p.severity == Severity::Error)
            .unwrap();
        assert_eq!(
            (err.sheet.as_str(), err.row, err.column.as_str()),
            ("Sheet1", 6, "C"),
            "{err:?}"
        );
        assert!(err.message.contains(says), "{}", err.message);
        assert!(
            sessions_of_2026(&conn).is_empty(),
            "the good rows are not written either"
        );
    }
}

// ---- One-stop statistics ----------------------------------------------------------------

fn tthc_file(
    dir: &Path,
    name: &str,
    title_period: bool,
    marriage_online: f64,
    copies_total: f64,
) -> PathBuf {
    use V::*;
    let mut merged = vec![
        (0, 0, 0, 12, "ỦY BAN NHÂN DÂN XÃ NÔNG THƯỢNG"),
        (
            1,
            0,
            1,
            12,
            "THỐNG KÊ TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
        ),
        (4, 0, 5, 0, "STT"),
        (4, 1, 5, 1, "Tên thủ tục hành chính"),
        (4, 2, 5, 2, "Mã TTHC"),
        (4, 3, 4, 6, "Số hồ sơ tiếp nhận"),
        (4, 7, 4, 10, "Số hồ sơ đã giải quyết"),
        (4, 11, 5, 11, "Đang giải quyết"),
        (4, 12, 5, 12, "Hồ sơ trả lại, rút"),
    ];
    if title_period {
        merged.push((2, 0, 2, 12, "(Từ ngày 01/01/2026 đến ngày 31/03/2026)"));
    }
    let marriage_total = 20.0 + marriage_online;
    workbook(
        dir,
        name,
        &merged,
        &[
            (
                5,
                vec![
                    S(""),
                    S(""),
                    S(""),
                    S("Tổng số"),
                    S("Trực tiếp"),
                    S("Qua dịch vụ công trực tuyến"),
                    S("Qua BCCI"),
                    S("Tổng số"),
                    S("Trước hạn"),
                    S("Đúng hạn"),
                    S("Quá hạn"),
                ],
            ),
            (
                6,
                vec![
                    S("(1)"),
                    S("(2)"),
                    S("(3)"),
                    S("(4)=(5)+(6)+(7)"),
                    S("(5)"),
                    S("(6)"),
                    S("(7)"),
                    S("(8)"),
                    S("(9)"),
                    S("(10)"),
                    S("(11)"),
                    S("(12)"),
                    S("(13)"),
                ],
            ),
            (7, vec![S("I"), S("Lĩnh vực Hộ tịch")]),
            (
                8,
                vec![
                    N(1.0),
                    S("Đăng ký khai sinh"),
                    S("1.001193"),
                    S("1.296"),
                    N(800.0),
                    N(490.0),
                    N(6.0),
                    S("1.290"),
                    S("1.000"),
                    N(289.0),
                    N(1.0),
                    N(6.0),
                    N(0.0),
                ],
            ),
            (
                9,
                vec![
                    N(2.0),
                    S("Đăng ký kết hôn"),
                    S("1.000894"),
                    N(marriage_total),
                    N(20.0),
                    N(marriage_online),
                    N(0.0),
                    N(marriage_total),
                    N(10.0),
                    N(marriage_total - 10.0),
                    N(0.0),
                    N(0.0),
                    S("-"),
                ],
            ),
            (10, vec![S("II"), S("LĨNH VỰC CHỨNG THỰC")]),
            (
                11,
                vec![
                    N(1.0),
                    S("Chứng thực bản sao từ bản chính"),
                    S("2.000815"),
                    N(copies_total),
                    N(500.0),
                    N(0.0),
                    N(0.0),
                    N(500.0),
                    N(0.0),
                    N(499.0),
                    N(1.0),
                    N(0.0),
                    N(0.0),
                ],
            ),
            (
                12,
                vec![
                    S(""),
                    S("Tổng cộng"),
                    S(""),
                    N(1296.0 + marriage_total + copies_total),
                    S("1.320"),
                    N(490.0 + marriage_online),
                    N(6.0),
                    N(1790.0 + marriage_total),
                    S("1.010"),
                    N(788.0 + marriage_total - 10.0),
                    N(2.0),
                    N(6.0),
                    N(0.0),
                ],
            ),
        ],
    )
}

#[test]
fn one_stop_statistics_as_the_province_system_exports_them() {
    use cchc_core::onestop::{self, batches};
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = tthc_file(dir.path(), "thong-ke-mot-cua.xlsx", true, 40.0, 500.0);

    let dry = run(&mut conn, &actor, Kind::Tthc, &file, true);
    assert_eq!(
        (dry.created, dry.updated, dry.unchanged),
        (3, 0, 0),
        "{:?}",
        dry.problems
    );
    assert_eq!(dry.header_row, 6, "the second header row");
    assert!(!dry.applied);
    assert!(batches::of_year(&conn, 2026).unwrap().is_empty());
    assert!(dry.problems.is_empty(), "{:?}", dry.problems);
    // A row whose written total is not what its channels add up to ("(4)=(5)+(6)+(7)") is an
    // error at the total's cell; nothing is imported.
    let bad = tthc_file(dir.path(), "thong-ke-lech.xlsx", true, 40.0, 501.0);
    let refused = run(&mut conn, &actor, Kind::Tthc, &bad, false);
    assert!(!refused.applied);
    let error = refused
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap();
    assert_eq!((error.row, error.column.as_str()), (12, "D"), "{error:?}");
    assert!(
        error.message.contains("(4)=(5)+(6)+(7)") && error.message.contains("501"),
        "{}",
        error.message
    );
    assert!(batches::of_year(&conn, 2026).unwrap().is_empty());
    let fields: Vec<&str> = dry
        .rows
        .iter()
        .filter(|r| r.action == Action::Skip)
        .map(|r| r.summary.as_str())
        .collect();
    assert_eq!(fields, vec!["Lĩnh vực: Hộ tịch", "Lĩnh vực: Chứng thực"]);

    let done = run(&mut conn, &actor, Kind::Tthc, &file, false);
    assert!(done.applied, "{:?}", done.problems);
    let list = batches::of_year(&conn, 2026).unwrap();
    assert_eq!(list.len(), 1);
    let batch = &list[0];
    assert_eq!(
        (batch.from, batch.to),
        (
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
        )
    );
    assert_eq!(batch.source, "import");
    assert_eq!(batch.rows.len(), 3);
    let birth = batch
        .rows
        .iter()
        .find(|r| r.procedure_code == "1.001193")
        .unwrap();
    assert_eq!(birth.procedure_name, "Đăng ký khai sinh");
    assert_eq!(birth.field, "Hộ tịch");
    assert_eq!(birth.counts.received(), 1296);
    assert_eq!(birth.counts.resolved_early, 1000);
    let copies = batch
        .rows
        .iter()
        .find(|r| r.procedure_code == "2.000815")
        .unwrap();
    assert_eq!(copies.field, "Chứng thực");

    let view = onestop::year_view(&conn, 2026).unwrap();
    assert_eq!((view.received, view.resolved), (1856, 1850));
    assert_eq!(view.on_time_rate_pct, Some(99.9), "1.848 of 1.850");
    assert_eq!(view.online_rate_pct, Some(28.6), "530 of 1.856");
    let figures = cchc_core::summary::for_year(&conn, 2026, today()).unwrap();
    assert_eq!(figures.tthc.received, 1856);
    assert_eq!(figures.tthc.online, 530);
    assert_eq!(figures.tthc.resolved_late, 2);
    assert_eq!(figures.tthc.in_progress, 6);
    assert_eq!(figures.tthc.on_time_rate_pct, Some(99.9));

    let audits = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap()
    };
    let before = audits(&conn);
    let again = run(&mut conn, &actor, Kind::Tthc, &file, false);
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 3),
        "{:?}",
        again.problems
    );
    assert_eq!(audits(&conn), before, "nothing written");
    assert_eq!(batches::of_year(&conn, 2026).unwrap()[0].id, batch.id);

    let edited = tthc_file(dir.path(), "thong-ke-sua.xlsx", true, 45.0, 500.0);
    let changed = run(&mut conn, &actor, Kind::Tthc, &edited, false);
    assert_eq!(
        (changed.created, changed.updated, changed.unchanged),
        (0, 1, 2),
        "{:?}",
        changed.problems
    );
    let list = batches::of_year(&conn, 2026).unwrap();
    assert_eq!(list.len(), 1, "the same range is replaced, not added");
    assert_eq!(list[0].total.received(), 1861);
}

#[test]
fn one_stop_period_from_the_request_or_refused() {
    use cchc_core::onestop::batches;
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = tthc_file(dir.path(), "khong-ghi-ky.xlsx", false, 40.0, 500.0);

    let out = run(&mut conn, &actor, Kind::Tthc, &file, false);
    assert!(!out.applied);
    let err = out
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap();
    assert!(
        err.message.starts_with("Không xác định được kỳ thống kê"),
        "{}",
        err.message
    );
    assert!(batches::of_year(&conn, 2026).unwrap().is_empty());

    let april = (
        NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 4, 30).unwrap(),
    );
    let req = import::Request {
        period: Some(april),
        ..request(Kind::Tthc, &file, false)
    };
    let out = import::run(&mut conn, &actor, &req, &mut |_, _| {}).unwrap();
    assert!(out.applied, "{:?}", out.problems);
    assert_eq!(out.created, 3);
    let list = batches::of_year(&conn, 2026).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].label, "Tháng 4/2026");
    assert_eq!(list[0].total.received(), 1856);
}

#[test]
fn one_stop_overall_figures_from_a_file_without_procedures() {
    use V::*;
    let (mut conn, actor) = commune();
    let dir = tempfile::tempdir().unwrap();
    let file = workbook(
        dir.path(),
        "tong-hop-mot-cua.xlsx",
        &[(0, 0, 0, 7, "từ ngày 1/1/2026 đến ngày 31/3/2026")],
        &[
            (
                2,
                vec![
                    S("Nội dung"),
                    S("Tổng số hồ sơ tiếp nhận"),
                    S("Trực tiếp"),
                    S("Trực tuyến"),
                    S("Qua BCCI"),
                    S("Trước hạn"),
                    S("Đúng hạn"),
                    S("Quá hạn"),
                ],
            ),
            (
                3,
                vec![
                    S("Tổng cộng"),
                    N(351.0),
                    N(300.0),
                    N(50.0),
                    N(1.0),
                    N(0.0),
                    N(351.0),
                    N(0.0),
                ],
            ),
        ],
    );
    let out = run(&mut conn, &actor, Kind::Tthc, &file, false);
    assert!(out.applied, "{:?}", out.problems);
    assert_eq!(out.created, 1);
    let view = cchc_core::onestop::year_view(&conn, 2026).unwrap();
    assert_eq!((view.received, view.resolved), (351, 351));
    assert_eq!(view.on_time_rate_pct, Some(100.0));
    let batch = &view.batches[0];
    assert_eq!(batch.rows.len(), 1);
    assert_eq!(batch.rows[0].procedure_name, "");
    let again = run(&mut conn, &actor, Kind::Tthc, &file, false);
    assert_eq!((again.created, again.unchanged), (0, 1));
}
