//! The plan document read back as an inspector's PDF reader sees it: "KẾ HOẠCH" with its
//! sections, every task of the plan in the landscape appendix with STT restarting in each
//! area, PDF 1.4 or later with its fonts embedded and its document information; the Word copy
//! with its landscape section; the blank number kept; the texts per year carried forward; the
//! number and date it is issued with becoming the reference other reports cite.

use std::process::Command;

use cchc_core::people::{Actor, Role};
use cchc_core::plan::{reference, rollover, tasks, texts};
use cchc_core::report::{self, Format, ReportKind, Request};
use cchc_core::{db, demo};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn demo_commune() -> (Connection, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open_in_memory().unwrap();
    let evidence = dir.path().join("evidence");
    std::fs::create_dir(&evidence).unwrap();
    demo::load(&mut conn, &evidence, 2026, today()).unwrap();
    (conn, dir)
}

fn admin() -> Actor {
    Actor {
        account_id: None,
        name: "Kiểm thử".into(),
        role: Role::Admin,
        client: String::new(),
    }
}

fn request(conn: &Connection, number: &str, format: Format) -> Request {
    let mut settings = report::settings::get(conn, ReportKind::PlanDocument).unwrap();
    settings.number = number.into();
    Request {
        kind: ReportKind::PlanDocument,
        year: 2026,
        period: "year".into(),
        date: NaiveDate::from_ymd_opt(2026, 1, 8).unwrap(),
        settings,
        format,
    }
}

fn tool(name: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(name).args(args).output().ok()?;
    assert!(out.status.success(), "{name} {args:?}");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Whether poppler can read the PDFs back (not under Wine: it prints without checking).
fn poppler() -> bool {
    let here = Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(here || cfg!(windows), "pdftotext (poppler-utils) is needed");
    here
}

struct Word {
    text: String,
}

/// The words of pages `from`… in reading order (page, then line, then left to right).
fn bbox(pdf: &str, from: usize) -> Vec<Word> {
    let html = tool("pdftotext", &["-bbox", "-f", &from.to_string(), pdf, "-"]).unwrap();
    let mut out = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            out.push(Word {
                text: text.replace("&amp;", "&").replace("&quot;", "\""),
            });
        }
    }
    out
}

/// Whether `wanted` occurs in `stream` in order, at most `gap` other words between two of its
/// words.
fn in_order(stream: &[&str], wanted: &[&str], gap: usize) -> bool {
    (0..stream.len()).any(|start| {
        let mut at = start;
        for (i, w) in wanted.iter().enumerate() {
            let window = if i == 0 { 1 } else { gap + 1 };
            match stream[at..(at + window).min(stream.len())]
                .iter()
                .position(|s| s == w)
            {
                Some(k) => at += k + 1,
                None => return false,
            }
        }
        true
    })
}

#[test]
fn the_plan_document_holds_every_task_in_its_landscape_appendix() {
    let (conn, dir) = demo_commune();
    let out = dir.path().join("ke-hoach.pdf");
    let req = request(&conn, "", Format::Pdf);
    let made = report::write(&conn, &req, today(), &out, &mut |_| {}).unwrap();
    assert!(!made.draft);
    assert!(made.pages >= 3, "{} pages", made.pages);
    let bytes = std::fs::read(&out).unwrap();
    // NĐ 30/2020: PDF 1.4 or later.
    let header = std::str::from_utf8(&bytes[..8]).unwrap();
    let version: f32 = header.trim_start_matches("%PDF-").trim().parse().unwrap();
    assert!(version >= 1.4, "{header}");
    if !poppler() {
        return;
    }
    let p = out.to_str().unwrap();
    let info = tool("pdfinfo", &[p]).unwrap();
    assert!(
        info.contains("Title:           Kế hoạch Cải cách hành chính năm 2026"),
        "{info}"
    );
    assert!(
        info.contains("Author:          UBND xã Nông Thượng"),
        "{info}"
    );
    assert!(
        info.contains("Subject:         Kế hoạch CCHC năm"),
        "{info}"
    );
    let fonts = tool("pdffonts", &[p]).unwrap();
    for f in fonts.lines().skip(2) {
        let cols: Vec<&str> = f.split_whitespace().collect();
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{f}"
        );
    }
    let t = tool("pdftotext", &["-layout", p, "-"]).unwrap();
    for phrase in [
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "III. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
    ] {
        assert!(t.contains(phrase), "{phrase:?} missing");
    }
    // The number is left blank for the văn thư to fill in, its width kept.
    let number_line = t.lines().find(|l| l.contains("/KH-UBND")).unwrap();
    let gap = number_line.split("Số:").nth(1).unwrap();
    assert!(gap.starts_with("    "), "{number_line:?}");

    // The appendix: landscape pages after the portrait body, every task's content in it,
    // STT restarting at 1 in each area.
    let sizes = tool("pdfinfo", &["-f", "1", "-l", "99", p]).unwrap();
    let landscape = sizes
        .lines()
        .filter(|l| l.contains("size:") && l.contains("841.89 x 595.276"))
        .count();
    assert!(landscape >= 1, "{sizes}");
    assert!(sizes
        .lines()
        .any(|l| l.starts_with("Page    1 size:") && l.contains("595.276 x 841.89")));
    let first_landscape = sizes
        .lines()
        .filter(|l| l.contains("size:"))
        .position(|l| l.contains("841.89 x 595.276"))
        .unwrap()
        + 1;
    // Every task's content, read in the appendix pages: its words in order, a table row's
    // other cells (lead, coordination, deadline, product) standing between its lines.
    let words = bbox(p, first_landscape);
    let stream: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let list = tasks::list(&conn, 2026, today()).unwrap();
    assert!(list.len() >= 15);
    for task in &list {
        let wanted: Vec<&str> = task.content.split_whitespace().collect();
        assert!(
            in_order(&stream, &wanted, 16),
            "task {:?} missing from the appendix",
            task.content
        );
    }
    // Rows numbered 1… under every area's group row: as many "1"s starting a row as areas.
    let areas: std::collections::BTreeSet<i64> = list.iter().map(|t| t.area_id).collect();
    let layout = tool(
        "pdftotext",
        &[
            "-layout",
            "-f",
            &first_landscape.to_string(),
            "-l",
            "99",
            p,
            "-",
        ],
    )
    .unwrap();
    let ones = layout
        .lines()
        .filter(|l| l.trim_start().starts_with("1 ") && l.len() > 20)
        .count();
    assert_eq!(ones, areas.len(), "{layout}");
}

#[test]
fn the_word_copy_turns_its_appendix_landscape() {
    let (conn, dir) = demo_commune();
    let out = dir.path().join("ke-hoach.docx");
    report::write(
        &conn,
        &request(&conn, "", Format::Docx),
        today(),
        &out,
        &mut |_| {},
    )
    .unwrap();
    let file = std::fs::File::open(&out).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"));
    // Two sections: the portrait body (its properties on a paragraph) and the landscape appendix.
    assert_eq!(xml.matches("<w:sectPr").count(), 2, "{xml}");
    assert!(xml.contains(r#"w:orient="landscape""#));
    // The blank number keeps its spaces for the number written by hand.
    assert!(xml.contains("Số:        /KH-UBND"));
}

#[test]
fn issuing_the_plan_makes_its_number_the_reference_reports_cite() {
    let (mut conn, dir) = demo_commune();
    // A blank number issues nothing.
    assert!(report::issued_reference(&request(&conn, "", Format::Pdf))
        .unwrap()
        .is_none());
    let req = request(&conn, "7", Format::Pdf);
    let (number, date) = report::issued_reference(&req).unwrap().unwrap();
    assert_eq!(number, "07/KH-UBND");
    let out = dir.path().join("kh.pdf");
    report::write(&conn, &req, today(), &out, &mut |_| {}).unwrap();
    reference::save(&mut conn, &admin(), 2026, &number, Some(date)).unwrap();
    let info = reference::get(&conn, 2026).unwrap();
    assert_eq!(
        info.citation().unwrap(),
        "Kế hoạch số 07/KH-UBND ngày 08/01/2026"
    );
    // A date outside the plan's year (or the one before) is refused before anything is written.
    let mut late = request(&conn, "7", Format::Pdf);
    late.date = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let bad = dir.path().join("sai.pdf");
    assert!(report::issued_reference(&late).is_err());
    assert!(report::write(&conn, &late, today(), &bad, &mut |_| {}).is_err());
    assert!(!bad.exists());
}

#[test]
fn the_texts_are_kept_per_year_and_carried_to_next_years_plan() {
    let (mut conn, _dir) = demo_commune();
    let saved = texts::get(&conn, 2026).unwrap();
    assert!(saved.saved, "the demo wrote its texts");
    let mut t = saved.clone();
    t.purpose = "1. Mục đích\nNâng cao chất lượng phục vụ năm 2026.\u{0020}\u{0020}".into();
    t.organisation = "Văn phòng - Thống kê theo dõi năm 2026.".into();
    let stored = texts::save(&mut conn, &admin(), 2026, &t).unwrap();
    assert_eq!(
        stored.purpose,
        "1. Mục đích\nNâng cao chất lượng phục vụ năm 2026."
    );
    // A year nobody wrote for offers the usual wording, not saved yet.
    assert!(!texts::get(&conn, 2025).unwrap().saved);
    rollover::start_next_year(&mut conn, &admin(), 2026, today()).unwrap();
    let next = texts::get(&conn, 2027).unwrap();
    assert!(next.saved);
    assert_eq!(
        next.purpose,
        "1. Mục đích\nNâng cao chất lượng phục vụ năm 2027."
    );
    assert_eq!(next.organisation, "Văn phòng - Thống kê theo dõi năm 2027.");
    // And the plan document of 2027 prints them.
    let mut req = request(&conn, "", Format::Pdf);
    req.year = 2027;
    req.date = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    let doc = report::build(&conn, &req, today()).unwrap();
    let text: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            report::doc::Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect();
    assert!(text
        .iter()
        .any(|t| t == "Nâng cao chất lượng phục vụ năm 2027."));
}
