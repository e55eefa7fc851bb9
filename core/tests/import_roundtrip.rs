//! Round trips as properties, on generated data: a plan with STT restarting per area, the same
//! content in two areas, NFD text, stray spaces and empty cells; sessions; one-stop periods
//! per procedure and overall; criteria sets with levels, decimals and bonus groups. For each:
//! importing the file again changes nothing, exporting and importing the export back changes
//! nothing ("giữ nguyên N"), and importing the export into a fresh commune gives the same data.

use std::path::{Path, PathBuf};

use cchc_core::commune::CommuneInput;
use cchc_core::export;
use cchc_core::import::{self, Kind, Outcome};
use cchc_core::onestop::batches::{self, BatchInput, CountRow};
use cchc_core::onestop::Counts;
use cchc_core::people::Actor;
use cchc_core::{db, plan, sessions, setup};
use chrono::NaiveDate;
use proptest::prelude::*;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use unicode_normalization::UnicodeNormalization;

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

fn run(conn: &mut Connection, kind: Kind, path: &Path, dry: bool) -> Outcome {
    let req = import::Request {
        kind,
        path,
        year: 2026,
        today: today(),
        dry_run: dry,
        period: None,
    };
    let out = import::run(conn, &Actor::command_line(), &req, &mut |_, _| {}).unwrap();
    assert!(!out.has_errors(), "{:?}", out.problems);
    out
}

/// Imports `path` into `conn` and checks that it then changes nothing.
fn settled(conn: &mut Connection, kind: Kind, path: &Path, rows: usize) {
    let out = run(conn, kind, path, true);
    assert_eq!(
        (out.created, out.updated, out.unchanged),
        (0, 0, rows),
        "{:#?}",
        out.rows
            .iter()
            .filter(|r| r.action != import::Action::Unchanged)
            .collect::<Vec<_>>()
    );
}

/// Text as an old tool might write it: NFD, stray spaces.
fn messy(s: &str, nfd: bool, spaces: bool) -> String {
    let t: String = if nfd {
        s.nfd().collect()
    } else {
        s.to_string()
    };
    if spaces {
        format!("  {}\u{00A0}", t.replace(' ', "  "))
    } else {
        t
    }
}

fn save(wb: &mut Workbook, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

const AREAS: [&str; 4] = [
    "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "CẢI CÁCH THỂ CHẾ",
    "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
];
const CONTENTS: [&str; 8] = [
    "Ban hành kế hoạch thực hiện",
    "Kiểm tra công tác cải cách hành chính",
    "Rà soát văn bản quy phạm pháp luật",
    "Báo cáo kết quả định kỳ",
    "Tuyên truyền trên hệ thống loa",
    "Số hóa hồ sơ lưu trữ",
    "Khảo sát sự hài lòng của người dân",
    "Tập huấn kỹ năng cho công chức",
];
const DEADLINES: [&str; 6] = [
    "Quý I/2026",
    "Quý II/2026",
    "30/06/2026",
    "Hằng tháng",
    "Thường xuyên",
    "15/12/2026",
];

#[derive(Debug, Clone)]
struct GenTask {
    content: usize,
    deadline: usize,
    /// 0 not started, 1 in progress, 2 done, 3 dropped.
    status: u8,
    product: Option<usize>,
    nfd: bool,
    spaces: bool,
}

fn gen_plan() -> impl Strategy<Value = Vec<(usize, Vec<GenTask>)>> {
    let task = (
        0..8usize,
        0..6usize,
        0..4u8,
        proptest::option::of(0..8usize),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(content, deadline, status, product, nfd, spaces)| GenTask {
                content,
                deadline,
                status,
                product,
                nfd,
                spaces,
            },
        );
    proptest::collection::vec((0..4usize, proptest::collection::vec(task, 1..6)), 1..4)
}

fn plan_workbook(dir: &Path, groups: &[(usize, Vec<GenTask>)]) -> (PathBuf, usize) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let headers = [
        "STT",
        "Nội dung nhiệm vụ",
        "Thời hạn",
        "Sản phẩm",
        "Trạng thái",
        "Ngày hoàn thành",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 0;
    let mut count = 0;
    let mut seen_areas = Vec::new();
    for (g, (area, tasks)) in groups.iter().enumerate() {
        if seen_areas.contains(area) {
            continue;
        }
        seen_areas.push(*area);
        r += 1;
        ws.write_string(r, 0, ["I", "II", "III", "IV"][g.min(3)])
            .unwrap();
        ws.write_string(r, 1, AREAS[*area]).unwrap();
        let mut seen = Vec::new();
        let mut n = 0;
        for t in tasks {
            if seen.contains(&t.content) {
                continue;
            }
            seen.push(t.content);
            n += 1;
            r += 1;
            count += 1;
            ws.write_number(r, 0, f64::from(n)).unwrap();
            ws.write_string(r, 1, messy(CONTENTS[t.content], t.nfd, t.spaces))
                .unwrap();
            ws.write_string(r, 2, DEADLINES[t.deadline]).unwrap();
            if let Some(p) = t.product {
                ws.write_string(r, 3, messy(CONTENTS[p], t.spaces, t.nfd))
                    .unwrap();
            }
            let status = [
                "Chưa thực hiện",
                "Đang thực hiện",
                "Hoàn thành",
                "Không thực hiện",
            ][usize::from(t.status)];
            ws.write_string(r, 4, status).unwrap();
            if t.status == 2 {
                ws.write_string(r, 5, "10/03/2026").unwrap();
            }
        }
    }
    (save(&mut wb, dir, "ke-hoach.xlsx"), count)
}

fn plan_snapshot(conn: &Connection) -> Vec<String> {
    let mut v: Vec<String> = plan::tasks::list(conn, 2026, today())
        .unwrap()
        .into_iter()
        .map(|t| {
            format!(
                "{}|{}|{}|{}|{}|{:?}|{:?}|{}|{}",
                t.area_name,
                t.content,
                t.number,
                t.deadline_text,
                t.product,
                t.status,
                t.completed_on,
                t.coordinators,
                t.result
            )
        })
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn plans_round_trip(groups in gen_plan()) {
        let dir = tempfile::tempdir().unwrap();
        let (file, count) = plan_workbook(dir.path(), &groups);
        let mut a = fresh();
        let first = run(&mut a, Kind::Tasks, &file, false);
        prop_assert_eq!(first.created, count);
        settled(&mut a, Kind::Tasks, &file, count);
        let out = dir.path().join("xuat.xlsx");
        export::export_plan(&a, 2026, today(), &out).unwrap();
        settled(&mut a, Kind::Tasks, &out, count);
        let mut b = fresh();
        run(&mut b, Kind::Tasks, &out, false);
        prop_assert_eq!(plan_snapshot(&a), plan_snapshot(&b));
    }
}

const PLACES: [&str; 4] = [
    "Nhà văn hóa thôn Bản Cái",
    "Hội trường UBND xã",
    "Nhà văn hóa thôn Nà Mòn",
    "",
];
const FORMS: [&str; 5] = [
    "Hội nghị",
    "Loa truyền thanh",
    "Lồng ghép sinh hoạt thôn, tổ dân phố",
    "Tư vấn pháp luật lưu động",
    "Phát tài liệu",
];
const LAWS: [&str; 4] = [
    "Luật Hộ tịch",
    "Luật Đất đai 2024",
    "Nghị định 15/2020/NĐ-CP",
    "Luật Phòng, chống ma túy",
];

#[derive(Debug, Clone)]
struct GenSession {
    day: u32,
    content: usize,
    place: usize,
    form: usize,
    laws: Vec<usize>,
    attendees: u32,
    leaflets: Option<u32>,
    cchc: bool,
    nfd: bool,
}

fn gen_sessions() -> impl Strategy<Value = Vec<GenSession>> {
    let s = (
        0..300u32,
        0..8usize,
        0..4usize,
        0..5usize,
        proptest::collection::vec(0..4usize, 0..3),
        0..2000u32,
        proptest::option::of(1..500u32),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(day, content, place, form, laws, attendees, leaflets, cchc, nfd)| GenSession {
                day,
                content,
                place,
                form,
                laws,
                attendees,
                leaflets,
                cchc,
                nfd,
            },
        );
    proptest::collection::vec(s, 1..12)
}

fn sessions_workbook(dir: &Path, list: &[GenSession]) -> (PathBuf, usize) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let headers = [
        "Ngày tổ chức",
        "Loại",
        "Hình thức",
        "Nội dung",
        "Văn bản pháp luật",
        "Địa điểm",
        "Số người tham dự",
        "Tài liệu phát",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut seen = Vec::new();
    let mut r = 0;
    for s in list {
        let key = (s.day, s.content, s.place);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        r += 1;
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(s.day));
        let x = rust_xlsxwriter::ExcelDateTime::from_ymd(
            2026,
            d.format("%m").to_string().parse().unwrap(),
            d.format("%d").to_string().parse().unwrap(),
        )
        .unwrap();
        ws.write_date_with_format(r, 0, &x, &date).unwrap();
        ws.write_string(
            r,
            1,
            if s.cchc {
                "Tuyên truyền CCHC"
            } else {
                "PBGDPL"
            },
        )
        .unwrap();
        ws.write_string(r, 2, FORMS[s.form]).unwrap();
        ws.write_string(r, 3, messy(CONTENTS[s.content], s.nfd, false))
            .unwrap();
        let mut laws: Vec<&str> = Vec::new();
        for l in &s.laws {
            if !laws.contains(&LAWS[*l]) {
                laws.push(LAWS[*l]);
            }
        }
        if !laws.is_empty() {
            ws.write_string(r, 4, laws.join("; ")).unwrap();
        }
        if !PLACES[s.place].is_empty() {
            ws.write_string(r, 5, messy(PLACES[s.place], false, s.nfd))
                .unwrap();
        }
        ws.write_number(r, 6, f64::from(s.attendees)).unwrap();
        if let Some(n) = s.leaflets {
            ws.write_string(r, 7, format!("Tờ gấp: {n}")).unwrap();
        }
    }
    (save(&mut wb, dir, "tuyen-truyen.xlsx"), seen.len())
}

fn sessions_snapshot(conn: &Connection) -> Vec<String> {
    let p = cchc_core::period::resolve("cal-year", 2026).unwrap();
    let mut v: Vec<String> = sessions::in_period(conn, &p)
        .unwrap()
        .into_iter()
        .map(|s| {
            format!(
                "{}|{:?}|{:?}|{}|{}|{}|{:?}|{}|{}|{:?}",
                s.held_on,
                s.kind,
                s.form,
                s.form_other,
                s.content,
                s.place,
                s.laws,
                s.attendees,
                s.presenter,
                s.materials
            )
        })
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn sessions_round_trip(list in gen_sessions()) {
        let dir = tempfile::tempdir().unwrap();
        let (file, count) = sessions_workbook(dir.path(), &list);
        let mut a = fresh();
        prop_assert_eq!(run(&mut a, Kind::Sessions, &file, false).created, count);
        settled(&mut a, Kind::Sessions, &file, count);
        let out = dir.path().join("xuat.xlsx");
        let p = cchc_core::period::resolve("cal-year", 2026).unwrap();
        export::export_sessions(&a, &p, &out).unwrap();
        settled(&mut a, Kind::Sessions, &out, count);
        let mut b = fresh();
        run(&mut b, Kind::Sessions, &out, false);
        prop_assert_eq!(sessions_snapshot(&a), sessions_snapshot(&b));
    }
}

const PROCEDURES: [(&str, &str, &str); 5] = [
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch"),
    ("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực"),
    ("", "Xác nhận tình trạng hôn nhân", "Hộ tịch"),
    ("1.004227", "", ""),
];

fn gen_counts() -> impl Strategy<Value = Counts> {
    (proptest::array::uniform8(0..500i64), 0..50i64, 0..20i64).prop_map(|(a, pending, overdue)| {
        Counts {
            received_direct: a[0],
            received_online: a[1],
            received_bcci: a[2] % 30,
            carried_over: a[3] % 40,
            resolved_early: a[4],
            resolved_on_time: a[5],
            resolved_late: a[6] % 5,
            in_progress: pending,
            in_progress_overdue: overdue.min(pending),
            returned: a[7] % 7,
        }
    })
}

/// A month, its procedures' counts (None: the whole one-stop), the whole one-stop's counts.
type GenPeriod = (u32, Option<Vec<(usize, Counts)>>, Counts);

fn gen_periods() -> impl Strategy<Value = Vec<GenPeriod>> {
    proptest::collection::vec(
        (
            1..12u32,
            proptest::option::of(proptest::collection::vec((0..5usize, gen_counts()), 1..5)),
            gen_counts(),
        ),
        1..4,
    )
}

fn batches_snapshot(conn: &Connection) -> Vec<String> {
    batches::of_year(conn, 2026)
        .unwrap()
        .into_iter()
        .map(|b| {
            let mut rows: Vec<String> = b.rows.iter().map(|r| format!("{r:?}")).collect();
            rows.sort();
            format!("{}–{}: {}", b.from, b.to, rows.join("; "))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn one_stop_periods_round_trip(periods in gen_periods()) {
        let mut a = fresh();
        let actor = Actor::command_line();
        let mut months = Vec::new();
        let mut rows_in_all = 0;
        for (month, procedures, overall) in periods {
            if months.contains(&month) {
                continue;
            }
            months.push(month);
            let from = NaiveDate::from_ymd_opt(2026, month, 1).unwrap();
            let to = plan::deadline::last_day_of_month(2026, month).unwrap();
            let rows: Vec<CountRow> = match procedures {
                Some(list) => {
                    let mut rows: Vec<CountRow> = Vec::new();
                    for (p, counts) in list {
                        let (code, name, field) = PROCEDURES[p];
                        if rows.iter().any(|r| r.procedure_code == code && r.procedure_name == name) {
                            continue;
                        }
                        rows.push(CountRow {
                            procedure_code: code.into(),
                            procedure_name: name.into(),
                            field: field.into(),
                            counts,
                        });
                    }
                    rows
                }
                None => vec![CountRow {
                    procedure_code: String::new(),
                    procedure_name: String::new(),
                    field: String::new(),
                    counts: overall,
                }],
            };
            rows_in_all += rows.len();
            batches::save(&mut a, &actor, &BatchInput { from, to, rows }).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("mot-cua.xlsx");
        export::export_tthc(&a, 2026, &out).unwrap();
        settled(&mut a, Kind::Tthc, &out, rows_in_all);
        let mut b = fresh();
        let done = run(&mut b, Kind::Tthc, &out, false);
        prop_assert_eq!(done.created, rows_in_all);
        prop_assert_eq!(batches_snapshot(&a), batches_snapshot(&b));
        let summary = |c: &Connection| serde_json::to_value(cchc_core::summary::for_year(c, 2026, today()).unwrap().tthc).unwrap();
        prop_assert_eq!(summary(&a), summary(&b));
    }
}

#[derive(Debug, Clone)]
struct GenNode {
    quarters: u32,
    evidence: bool,
    levels: u8,
    children: u8,
}

fn gen_criteria() -> impl Strategy<Value = (Vec<Vec<GenNode>>, bool)> {
    let node = (1..40u32, any::<bool>(), 0..3u8, 0..3u8).prop_map(
        |(quarters, evidence, levels, children)| GenNode {
            quarters,
            evidence,
            levels,
            children,
        },
    );
    (
        proptest::collection::vec(proptest::collection::vec(node, 1..4), 1..4),
        any::<bool>(),
    )
}

fn criteria_workbook(dir: &Path, fields: &[Vec<GenNode>], bonus: bool) -> (PathBuf, usize) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "STT",
        "Lĩnh vực/Tiêu chí/Tiêu chí thành phần",
        "Điểm tối đa",
        "Tài liệu kiểm chứng",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 0;
    let mut count = 0;
    let romans = ["I", "II", "III", "IV"];
    let points = |q: u32| f64::from(q) / 4.0;
    for (f, nodes) in fields.iter().enumerate() {
        r += 1;
        count += 1;
        let last = f + 1 == fields.len();
        ws.write_string(r, 0, romans[f]).unwrap();
        let title = if bonus && last {
            "Điểm thưởng".to_string()
        } else {
            messy(
                &format!("Lĩnh vực {} của bộ tiêu chí", f + 1),
                f % 2 == 0,
                false,
            )
        };
        ws.write_string(r, 1, title).unwrap();
        ws.write_number(r, 2, nodes.iter().map(|n| points(n.quarters)).sum::<f64>())
            .unwrap();
        for (i, n) in nodes.iter().enumerate() {
            r += 1;
            count += 1;
            ws.write_number(r, 0, (i + 1) as f64).unwrap();
            ws.write_string(r, 1, format!("Tiêu chí {}.{}  ", f + 1, i + 1))
                .unwrap();
            ws.write_number(r, 2, points(n.quarters)).unwrap();
            if n.evidence {
                ws.write_string(r, 3, "Kế hoạch, báo cáo của UBND xã")
                    .unwrap();
            }
            let write_levels =
                |ws: &mut rust_xlsxwriter::Worksheet, r: &mut u32, max: f64, k: u8| {
                    for l in 0..k {
                        *r += 1;
                        let p = if l == 0 { max } else { 0.0 };
                        ws.write_string(
                            *r,
                            1,
                            format!("- Mức {}: {}", l + 1, p.to_string().replace('.', ",")),
                        )
                        .unwrap();
                    }
                };
            if n.children == 0 {
                write_levels(ws, &mut r, points(n.quarters), n.levels);
            } else {
                for k in 0..n.children {
                    r += 1;
                    count += 1;
                    ws.write_string(r, 0, format!("{}.{}", i + 1, k + 1))
                        .unwrap();
                    ws.write_string(r, 1, format!("Tiêu chí thành phần {}", k + 1))
                        .unwrap();
                    ws.write_number(r, 2, points(n.quarters)).unwrap();
                    write_levels(ws, &mut r, points(n.quarters), n.levels);
                }
            }
        }
    }
    (save(&mut wb, dir, "bo-tieu-chi.xlsx"), count)
}

fn criteria_snapshot(conn: &Connection) -> String {
    let sheet = cchc_core::scoring::sheet::sheet(conn, 2026, today()).unwrap();
    fn walk(nodes: &[cchc_core::scoring::sheet::Node], out: &mut Vec<String>) {
        for n in nodes {
            out.push(format!(
                "{}|{}|{}|{:?}|{:?}",
                n.full_code,
                n.title,
                n.max_points.display(),
                n.kind,
                n.levels
            ));
            walk(&n.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&sheet.nodes, &mut out);
    out.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn criteria_round_trip((fields, bonus) in gen_criteria()) {
        let dir = tempfile::tempdir().unwrap();
        let (file, count) = criteria_workbook(dir.path(), &fields, bonus);
        let mut a = fresh();
        prop_assert_eq!(run(&mut a, Kind::Criteria, &file, false).created, count);
        settled(&mut a, Kind::Criteria, &file, count);
        let out = dir.path().join("xuat.xlsx");
        export::export_criteria(&a, 2026, &out).unwrap();
        settled(&mut a, Kind::Criteria, &out, count);
        let mut b = fresh();
        run(&mut b, Kind::Criteria, &out, false);
        prop_assert_eq!(criteria_snapshot(&a), criteria_snapshot(&b));
    }
}
