//! Backing up and restoring a data folder with a large evidence store: the demo commune plus
//! 300 evidence files of 1 MB (half photos, stored as they are; half PDF-like, deflated), as a
//! commune accumulates over a few years. Prints the medians of three runs of `backup::create`
//! (snapshot, zip, read back and verify, rename) and `backup::restore` (seal, unpack with every
//! hash checked, migrate, swap), with the throughput. Not criterion: one run takes seconds.

use std::path::Path;
use std::time::Instant;

use cchc_core::backup::{self, BackupOptions, RestoreOptions};
use cchc_core::evidence::{self, DocumentInput};
use cchc_core::people::Actor;
use cchc_core::{demo, Store};
use chrono::NaiveDate;

mod common;
use common::{decimal_comma, median};

const FILES: u64 = 300;
const FILE_BYTES: usize = 1 << 20;

fn fill(dir: &Path) -> u64 {
    let mut store = Store::open(dir).expect("store");
    let evidence_dir = store.evidence_dir();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    demo::load(&mut store.conn, &evidence_dir, 2026, today).expect("demo");
    let scans = dir.parent().expect("parent").join("scans");
    std::fs::create_dir_all(&scans).expect("scans");
    let actor = Actor::command_line();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut total = 0;
    for i in 0..FILES {
        let (name, mut bytes) = if i % 2 == 0 {
            (format!("anh-{i}.jpg"), b"\xFF\xD8\xFF\xE0".to_vec())
        } else {
            (format!("van-ban-{i}.pdf"), b"%PDF-1.4\n".to_vec())
        };
        while bytes.len() < FILE_BYTES {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // PDF-like files compress somewhat (text streams), photos not at all.
            let word = if i % 2 == 1 && x.is_multiple_of(3) {
                0x2020_2020_2020_2020
            } else {
                x
            };
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        let path = scans.join(&name);
        std::fs::write(&path, &bytes).expect("scan");
        total += bytes.len() as u64;
        let input = DocumentInput {
            year: Some(2026),
            title: format!("Tài liệu {i}"),
            ..Default::default()
        };
        evidence::add_document(&mut store.conn, &evidence_dir, &actor, &input, &path).expect("add");
    }
    total
}

fn main() {
    // `cargo bench` passes "--bench"; a filter that does not match skips the run.
    if let Some(filter) = std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        if !"backup".contains(filter.as_str()) {
            return;
        }
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("xa");
    let evidence_bytes = fill(&data);
    let mut backup_s = Vec::new();
    let mut restore_s = Vec::new();
    let mut size = 0;
    for run in 0..3 {
        let out = tmp.path().join(format!("b-{run}.cchcbak"));
        let t = Instant::now();
        let made =
            backup::create(&data, &out, &BackupOptions::default(), &mut |_| {}).expect("backup");
        backup_s.push(t.elapsed().as_secs_f64());
        size = made.size;
        let target = tmp.path().join(format!("r-{run}"));
        let t = Instant::now();
        backup::restore(
            &out,
            &target,
            &RestoreOptions::default(),
            "bench",
            &mut |_| {},
        )
        .expect("restore");
        restore_s.push(t.elapsed().as_secs_f64());
        std::fs::remove_dir_all(&target).expect("clean");
        std::fs::remove_file(&out).expect("clean");
    }
    let mb = evidence_bytes as f64 / (1 << 20) as f64;
    let (b, r) = (median(&backup_s), median(&restore_s));
    println!(
        "Sao lưu {FILES} tệp tài liệu kiểm chứng ({} MB, tệp sao lưu {} MB), gồm cả đọc lại kiểm tra: trung vị {} s ({} MB/s)",
        decimal_comma(mb, 0),
        decimal_comma(size as f64 / (1 << 20) as f64, 0),
        decimal_comma(b, 2),
        decimal_comma(mb / b, 0)
    );
    println!(
        "Khôi phục cùng bản sao lưu vào thư mục mới (kiểm tra mọi mã SHA-256): trung vị {} s ({} MB/s)",
        decimal_comma(r, 2),
        decimal_comma(mb / r, 0)
    );
}
