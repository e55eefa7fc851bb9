//! Never a panic on any input: generated workbooks (header words of every kind in random
//! places and merges, numbers of every size, dates, formulas as text, long and odd text) and
//! damaged files (bytes of a real workbook flipped, cut or repeated) go through the workbook
//! reader, every importer's dry run and the annotated copy; each returns a result or a
//! Vietnamese error, never a panic. `PROPTEST_CASES` raises the count (scripts/bench.sh runs
//! these longer, next to the cargo-fuzz targets in fuzz/). A crash once found stays below as a
//! regression test.

use std::path::Path;

use cchc_core::commune::CommuneInput;
use cchc_core::import::{self, Kind};
use cchc_core::people::Actor;
use cchc_core::{db, setup};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};

fn commune() -> rusqlite::Connection {
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

const KINDS: [Kind; 5] = [
    Kind::Tasks,
    Kind::Criteria,
    Kind::Sessions,
    Kind::Tthc,
    Kind::Officers,
];

/// Every importer's dry run, and the annotated copy of what it found.
fn all_importers(conn: &mut rusqlite::Connection, path: &Path, out: &Path) {
    for kind in KINDS {
        for year in [2026, 2027] {
            let req = import::Request {
                kind,
                path,
                year,
                today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
                dry_run: true,
                period: Some((
                    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
                )),
            };
            if let Ok(outcome) = import::run(conn, &Actor::command_line(), &req, &mut |_, _| {}) {
                let _ = import::annotate(path, &outcome, out);
            }
        }
    }
}

const WORDS: [&str; 40] = [
    "STT",
    "TT",
    "Nội dung nhiệm vụ",
    "Lĩnh vực/Tiêu chí",
    "Điểm tối đa",
    "Thời hạn",
    "Trạng thái",
    "Ngày tổ chức",
    "Họ và tên",
    "Chức vụ",
    "Tên thủ tục hành chính",
    "Mã TTHC",
    "Số đầu kỳ (3=4+5)",
    "Kỳ trước chuyển qua",
    "Tiếp nhận trong kỳ",
    "Kết quả giải quyết",
    "Hồ sơ giải quyết xong",
    "Hồ sơ đang giải quyết",
    "Tổng số",
    "Sớm hạn",
    "Đúng hạn",
    "Trễ hạn",
    "Quá hạn",
    "Chưa đến hạn",
    "Tổng số trễ hạn",
    "Trực tuyến",
    "BCCI",
    "Từ ngày 01/01/2026 đến ngày 31/03/2026",
    "Từ ngày",
    "Đến ngày",
    "(1)",
    "(3)=(4)+(5)",
    "(4=99+1)",
    "I",
    "1.1",
    "I.1.a",
    "Tổng cộng",
    "Lĩnh vực Hộ tịch",
    "- Mức: 0,5",
    "Mã dữ liệu (không sửa)",
];

#[derive(Debug, Clone)]
enum Gen {
    Word(usize),
    Text(String),
    Number(f64),
    Date(u32),
    Empty,
}

fn cell() -> impl Strategy<Value = Gen> {
    prop_oneof![
        4 => (0..WORDS.len()).prop_map(Gen::Word),
        2 => "\\PC{0,40}".prop_map(Gen::Text),
        1 => Just(Gen::Text("=SUM(A1:A3)".into())),
        1 => Just(Gen::Text("x".repeat(5000))),
        1 => Just(Gen::Text("cchc-000000000000-nv-1".into())),
        3 => prop_oneof![
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
            (-5i64..5000).prop_map(|n| n as f64),
            Just(1e300),
            Just(-0.0),
            Just(9.007_199_254_740_993e15),
        ]
        .prop_map(Gen::Number),
        1 => (0..80_000u32).prop_map(Gen::Date),
        4 => Just(Gen::Empty),
    ]
}

type Merge = (u32, u16, u32, u16);

fn book() -> impl Strategy<Value = (Vec<Vec<Gen>>, Vec<Merge>)> {
    (
        proptest::collection::vec(proptest::collection::vec(cell(), 0..14), 0..24),
        proptest::collection::vec((0..20u32, 0..12u16, 0..3u32, 0..4u16), 0..4).prop_map(|m| {
            m.into_iter()
                .map(|(r, c, h, w)| (r, c, r + h, c + w))
                .collect()
        }),
    )
}

fn write(path: &Path, rows: &[Vec<Gen>], merges: &[Merge]) -> bool {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut placed: Vec<Merge> = Vec::new();
    for m in merges {
        let overlaps = placed
            .iter()
            .any(|p| m.0 <= p.2 && p.0 <= m.2 && m.1 <= p.3 && p.1 <= m.3);
        if overlaps || (m.0 == m.2 && m.1 == m.3) {
            continue;
        }
        if ws
            .merge_range(
                m.0,
                m.1,
                m.2,
                m.3,
                WORDS[(m.0 as usize + m.1 as usize) % WORDS.len()],
                &Format::new(),
            )
            .is_ok()
        {
            placed.push(*m);
        }
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if placed
                .iter()
                .any(|p| r >= p.0 && r <= p.2 && c >= p.1 && c <= p.3)
            {
                continue;
            }
            let _ = match v {
                Gen::Word(w) => ws.write_string(r, c, WORDS[*w]).map(|_| ()),
                Gen::Text(t) => ws.write_string(r, c, t).map(|_| ()),
                Gen::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                Gen::Date(d) => ws
                    .write_number_with_format(r, c, f64::from(*d), &date)
                    .map(|_| ()),
                Gen::Empty => Ok(()),
            };
        }
    }
    wb.save(path).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn generated_workbooks_never_panic((rows, merges) in book()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sinh.xlsx");
        prop_assume!(write(&path, &rows, &merges));
        let mut conn = commune();
        all_importers(&mut conn, &path, &dir.path().join("danh-dau.xlsx"));
    }
}

/// A real-shaped workbook to damage.
fn seed(dir: &Path) -> Vec<u8> {
    let rows: Vec<Vec<Gen>> = vec![
        vec![Gen::Word(27)],
        vec![
            Gen::Word(0),
            Gen::Word(10),
            Gen::Word(13),
            Gen::Word(14),
            Gen::Word(20),
            Gen::Word(22),
        ],
        vec![Gen::Word(30), Gen::Word(30), Gen::Word(30)],
        vec![
            Gen::Number(1.0),
            Gen::Text("Đăng ký khai sinh".into()),
            Gen::Number(2.0),
            Gen::Number(30.0),
            Gen::Number(25.0),
            Gen::Number(1.0),
        ],
        vec![
            Gen::Empty,
            Gen::Word(36),
            Gen::Number(2.0),
            Gen::Number(30.0),
            Gen::Number(25.0),
            Gen::Number(1.0),
        ],
    ];
    let path = dir.join("goc.xlsx");
    assert!(write(&path, &rows, &[(0, 0, 0, 5)]));
    std::fs::read(&path).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn damaged_files_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..4u8), 1..12),
        ext in prop::sample::select(vec!["xlsx", "xls", "ods", "xlsb"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = seed(dir.path());
        for (at, byte, how) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => bytes.truncate(i.max(1)),
                2 => bytes.insert(i, byte),
                _ => {
                    let copy: Vec<u8> = bytes[i..(i + 64).min(bytes.len())].to_vec();
                    bytes.splice(i..i, copy);
                }
            }
        }
        let path = dir.path().join(format!("hong.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        let mut conn = commune();
        all_importers(&mut conn, &path, &dir.path().join("danh-dau.xlsx"));
    }
}

#[test]
fn empty_odd_and_foreign_files_are_refused_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = commune();
    for (name, bytes) in [
        ("rong.xlsx", Vec::new()),
        ("chu.xlsx", b"STT;Noi dung\n1;abc".to_vec()),
        ("zip.xlsx", b"PK\x03\x04garbage".to_vec()),
        ("ole.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec()),
        ("so.ods", vec![0u8; 4096]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let req = import::Request {
            kind: Kind::Tasks,
            path: &path,
            year: 2026,
            today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            dry_run: true,
            period: None,
        };
        let err =
            import::run(&mut conn, &Actor::command_line(), &req, &mut |_, _| {}).expect_err(name);
        assert!(
            err.to_string().starts_with("Không đọc được tệp"),
            "{name}: {err}"
        );
    }
}

/// Found by `generated_workbooks_never_panic`: a count of 1e300 overflowed the sums (a panic
/// in a debug build, a wrong total in a release one). It is now a problem at its cell.
#[test]
fn a_count_past_any_real_one_is_a_problem_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qua-lon.xlsx");
    let rows = vec![
        vec![Gen::Word(27)],
        vec![Gen::Word(10), Gen::Word(14), Gen::Word(20), Gen::Word(22)],
        vec![
            Gen::Text("Đăng ký khai sinh".into()),
            Gen::Number(1e300),
            Gen::Number(1e300),
            Gen::Number(1.0),
        ],
        vec![
            Gen::Text("Đăng ký kết hôn".into()),
            Gen::Number(9.2e18),
            Gen::Number(3.0),
            Gen::Number(0.0),
        ],
    ];
    assert!(write(&path, &rows, &[]));
    let mut conn = commune();
    let req = import::Request {
        kind: Kind::Tthc,
        path: &path,
        year: 2026,
        today: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        dry_run: false,
        period: None,
    };
    let out = import::run(&mut conn, &Actor::command_line(), &req, &mut |_, _| {}).unwrap();
    assert!(!out.applied);
    let cells: Vec<(usize, &str)> = out
        .problems
        .iter()
        .filter(|p| p.severity == import::Severity::Error)
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(cells, vec![(3, "B"), (3, "C"), (4, "B")]);
}
