//! Importing one-stop statistics of 100 000 procedures (one per row): `calamine` alone reading
//! the workbook against the whole TTHC import as a dry run (read, find the header, check every
//! row, save the batch inside the transaction, roll back). The target: the import within about
//! 1,5× of reading the file.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto, Reader};
use cchc_core::commune::CommuneInput;
use cchc_core::import::{self, Kind};
use cchc_core::people::Actor;
use cchc_core::{db, setup};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use rust_xlsxwriter::{Format, Workbook};

mod common;
use common::{decimal_comma, median};

const ROWS: u32 = 100_000;

fn build(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    let merges: [(u32, u16, u32, u16, &str); 9] = [
        (0, 0, 0, 12, "ỦY BAN NHÂN DÂN XÃ NÔNG THƯỢNG"),
        (
            1,
            0,
            1,
            12,
            "THỐNG KÊ TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
        ),
        (2, 0, 2, 12, "Từ ngày 01/01/2026 đến ngày 31/03/2026"),
        (4, 0, 5, 0, "STT"),
        (4, 1, 5, 1, "Tên thủ tục hành chính"),
        (4, 2, 5, 2, "Mã TTHC"),
        (4, 3, 4, 6, "Số hồ sơ tiếp nhận"),
        (4, 7, 4, 10, "Số hồ sơ đã giải quyết"),
        (4, 11, 5, 11, "Đang giải quyết"),
    ];
    for (r0, c0, r1, c1, text) in merges {
        ws.merge_range(r0, c0, r1, c1, text, &plain).expect("merge");
    }
    ws.merge_range(4, 12, 5, 12, "Trả lại, rút hồ sơ", &plain)
        .expect("merge");
    let subs = [
        "Tổng số",
        "Trực tiếp",
        "Trực tuyến",
        "Qua BCCI",
        "Tổng số",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
    ];
    for (i, s) in subs.iter().enumerate() {
        ws.write_string(5, 3 + i as u16, *s).expect("header");
    }
    for c in 0..13u16 {
        ws.write_string(6, c, format!("({})", c + 1))
            .expect("numbers");
    }
    for p in 0..ROWS {
        let r = 7 + p;
        let k = f64::from(p % 50);
        let (direct, online, bcci) = (10.0 + k, 5.0 + k, 1.0);
        let (early, on_time, late) = (3.0, 12.0 + 2.0 * k, 1.0);
        ws.write_number(r, 0, f64::from(p + 1)).expect("cell");
        ws.write_string(r, 1, format!("Thủ tục hành chính số {}", p + 1))
            .expect("cell");
        ws.write_string(r, 2, format!("1.{:06}", p + 1))
            .expect("cell");
        let counts = [
            direct + online + bcci,
            direct,
            online,
            bcci,
            early + on_time + late,
            early,
            on_time,
            late,
            0.0,
            0.0,
        ];
        for (i, v) in counts.iter().enumerate() {
            ws.write_number(r, 3 + i as u16, *v).expect("cell");
        }
    }
    let path = dir.join("thong-ke-100000.xlsx");
    wb.save(&path).expect("save");
    path
}

fn commune() -> rusqlite::Connection {
    let mut conn = db::open_in_memory().expect("database");
    let input = CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    setup::initialise(&mut conn, &input, None).expect("set-up");
    conn
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let path = build(dir.path());
    println!(
        "Tệp thử: {} dòng thủ tục, tạo trong {:.1} s",
        ROWS,
        started.elapsed().as_secs_f64()
    );
    let mut conn = commune();
    let actor = Actor::command_line();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");

    // Seconds per run of each, as measured (warm-up included).
    let read_times = RefCell::new(Vec::new());
    let import_times = RefCell::new(Vec::new());

    let mut group = c.benchmark_group("import_tthc_100000");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    group.bench_function("calamine", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let mut book = open_workbook_auto(&path).expect("open");
                let mut cells = 0;
                for name in book.sheet_names() {
                    let range = book.worksheet_range(&name).expect("sheet");
                    cells += range.get_size().0 * range.get_size().1;
                }
                std::hint::black_box(cells);
            }
            let elapsed = start.elapsed();
            read_times
                .borrow_mut()
                .push(elapsed.as_secs_f64() / iters as f64);
            elapsed
        })
    });
    group.bench_function("import_dry_run", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let request = import::Request {
                    kind: Kind::Tthc,
                    path: &path,
                    year: 2026,
                    today,
                    dry_run: true,
                    period: None,
                };
                let out = import::run(&mut conn, &actor, &request, &mut |_, _| {}).expect("import");
                assert_eq!(out.created, ROWS as usize, "{:?}", out.problems.first());
                std::hint::black_box(out);
            }
            let elapsed = start.elapsed();
            import_times
                .borrow_mut()
                .push(elapsed.as_secs_f64() / iters as f64);
            elapsed
        })
    });
    group.finish();

    let (read, import) = (median(&read_times.borrow()), median(&import_times.borrow()));
    if read.is_finite() && import.is_finite() {
        println!("trung vị calamine: {} ms", decimal_comma(read * 1000.0, 0));
        println!(
            "trung vị nhập (chạy thử): {} ms",
            decimal_comma(import * 1000.0, 0)
        );
        println!("tỷ lệ nhập/calamine: {}", decimal_comma(import / read, 1));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
