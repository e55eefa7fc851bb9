//! The five reports of the demo commune read back with poppler's tools, as an inspector's PDF
//! reader sees them: the Vietnamese text exactly (NFC), the faces embedded and subset, A4, no
//! text outside the margins, page numbers from page 2, the table header repeated, "DỰ THẢO"
//! until the chairman approves; the Word versions; remembered settings and the officer's
//! assessment texts; bad input refused with nothing written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use cchc_core::people::{Actor, Role};
use cchc_core::report::{self, Assessment, Format, ReportKind, Request};
use cchc_core::scoring::sheet::{self, Node};
use cchc_core::scoring::workflow::{self, Scope, SelfScore};
use cchc_core::{db, demo};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

const MM: f64 = 72.0 / 25.4;

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

fn request(
    conn: &Connection,
    kind: ReportKind,
    year: i32,
    period: &str,
    format: Format,
) -> Request {
    let mut settings = report::settings::get(conn, kind).unwrap();
    settings.number = "12".into();
    Request {
        kind,
        year,
        period: period.into(),
        date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        settings,
        format,
    }
}

fn print(conn: &Connection, dir: &Path, kind: ReportKind, year: i32, period: &str) -> PathBuf {
    let out = dir.join(format!("{}-{year}-{period}.pdf", kind.code()));
    let req = request(conn, kind, year, period, Format::Pdf);
    let made = report::write(conn, &req, today(), &out, &mut |_| {}).unwrap();
    assert!(made.pages >= 1);
    out
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Whether poppler is here to read the PDFs back. It is part of the Linux test setup
/// (scripts/setup.sh) and required there; a Windows build of these tests (under Wine, or on
/// Windows in the release workflow) has no pdftotext, so it still prints every report but
/// skips the read-back, and says so on the console (past the test harness's capture).
fn poppler(test: &str) -> bool {
    if Command::new("pdftotext").arg("-v").output().is_ok() {
        return true;
    }
    if !cfg!(windows) {
        panic!("pdftotext (poppler-utils) is needed: scripts/setup.sh installs it");
    }
    let _ = writeln!(
        std::io::stderr(),
        "{test}: bỏ qua phần đọc lại PDF (không có pdftotext của poppler-utils cho Windows); báo cáo vẫn được in"
    );
    false
}

fn text(pdf: &Path) -> String {
    tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
}

/// A word of `pdftotext -bbox` with its page (from 1) and box in points.
#[derive(Debug)]
struct Word {
    page: usize,
    page_width: f64,
    x0: f64,
    y0: f64,
    x1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

fn words(pdf: &Path) -> Vec<Word> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let (mut page, mut width) = (0, 0.0);
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
            width = attr(line, "width");
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            out.push(Word {
                page,
                page_width: width,
                x0: attr(line, "xMin"),
                y0: attr(line, "yMin"),
                x1: attr(line, "xMax"),
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            });
        }
    }
    out
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().last().unwrap().parse().unwrap()
}

/// What every report must be: the official format, read back by poppler.
fn check_format(pdf: &Path, draft: bool) {
    check_format_numbered(pdf, draft, "Số: 12/BC-UBND");
}

fn check_format_numbered(pdf: &Path, draft: bool, number: &str) {
    let t = text(pdf);
    assert_eq!(t, t.nfc().collect::<String>(), "the text comes back in NFC");
    for phrase in [
        "ỦY BAN NHÂN DÂN",
        "XÃ NÔNG THƯỢNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        number,
        "Nông Thượng, ngày 05 tháng 01 năm 2026",
    ] {
        assert!(t.contains(phrase), "{}: {phrase:?} missing", pdf.display());
    }

    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let faces: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!faces.is_empty());
    for f in &faces {
        let cols: Vec<&str> = f.split_whitespace().collect();
        assert!(cols[0].contains("+LiberationSerif"), "{f}");
        // emb, sub, uni
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{f}"
        );
    }
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "{info}");

    let ws = words(pdf);
    let n = pages(pdf);
    for w in &ws {
        let right = w.page_width - 15.0 * MM;
        assert!(
            w.x0 >= 30.0 * MM - 0.5 && w.x1 <= right + 0.5,
            "{w:?} outside the margins"
        );
    }
    for p in 1..=n {
        let top: Vec<&str> = ws
            .iter()
            .filter(|w| w.page == p && w.y0 < 20.0 * MM)
            .map(|w| w.text.as_str())
            .collect();
        let number = top.iter().find(|t| t.parse::<usize>().is_ok());
        if p == 1 {
            assert_eq!(number, None, "no number on page 1");
        } else {
            assert_eq!(number, Some(&p.to_string().as_str()), "page {p}: {top:?}");
        }
        assert_eq!(
            top.contains(&"DỰ") && top.contains(&"THẢO"),
            draft,
            "page {p}: {top:?}"
        );
    }
}

#[test]
fn every_report_is_in_the_official_format() {
    let (conn, dir) = demo_commune();
    let read_back = poppler("every_report_is_in_the_official_format");
    for kind in ReportKind::ALL {
        let pdf = print(&conn, dir.path(), kind, 2026, "year");
        if !read_back {
            continue;
        }
        let draft = matches!(kind, ReportKind::Scoring | ReportKind::Evidence);
        check_format_numbered(&pdf, draft, &format!("Số: 12/{}", kind.number_suffix()));
        let t = text(&pdf);
        // Every report ends with Nơi nhận and the signature block.
        for phrase in ["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "- Lưu: VT."] {
            assert!(t.contains(phrase), "{kind:?}: {phrase:?}");
        }
    }
}

#[test]
fn the_plan_report_lists_every_task_and_repeats_its_table_header() {
    let (conn, dir) = demo_commune();
    let pdf = print(&conn, dir.path(), ReportKind::Plan, 2026, "year");
    if !poppler("the_plan_report_lists_every_task_and_repeats_its_table_header") {
        return;
    }
    let t = text(&pdf);
    assert!(t.contains("Tiến độ thực hiện Kế hoạch cải cách hành chính năm 2026"));
    assert!(t.contains("đã hoàn thành 16/20 (80%)"), "{t}");
    let tasks = cchc_core::plan::tasks::list(&conn, 2026, today()).unwrap();
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for task in &tasks {
        let words: Vec<&str> = task.content.split_whitespace().take(3).collect();
        assert!(flat.contains(&words.join(" ")), "{}", task.content);
        if !task.counted_done && !task.reason.is_empty() {
            let reason: Vec<&str> = task.reason.split_whitespace().take(3).collect();
            assert!(
                flat.contains(&reason.join(" ")),
                "reason of {}",
                task.content
            );
        }
    }
    let n = pages(&pdf);
    assert!(n >= 2);
    let ws = words(&pdf);
    for p in 2..=n {
        // Below the top margin, the first row of each page is the table's header.
        let first = ws
            .iter()
            .filter(|w| w.page == p && w.y0 > 20.0 * MM)
            .min_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)))
            .unwrap();
        // (A page may instead open with the next section's heading.)
        assert!(
            first.text == "STT" || first.text.ends_with('.'),
            "page {p}: {}",
            first.text
        );
    }
}

#[test]
fn the_scoring_sheet_is_a_draft_until_the_chairman_approves_it() {
    let (mut conn, dir) = demo_commune();
    let pdf = print(&conn, dir.path(), ReportKind::Scoring, 2026, "year");
    if !poppler("the_scoring_sheet_is_a_draft_until_the_chairman_approves_it") {
        return;
    }
    check_format(&pdf, true);
    let t = text(&pdf);
    assert!(t.contains("Giải trình cách chấm") && t.contains("Tài liệu kiểm chứng"));
    assert!(
        t.contains("(Chưa có tài liệu kiểm chứng)"),
        "a score without evidence is flagged"
    );
    assert!(
        !t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("Điểm thẩm định"),
        "no appraisal yet"
    );

    // Score what is left, submit and approve the whole sheet as the chairman.
    let admin = Actor::command_line();
    fn leaves(nodes: &[Node], out: &mut Vec<Node>) {
        for n in nodes {
            if n.children.is_empty() {
                out.push(n.clone());
            }
            leaves(&n.children, out);
        }
    }
    let s = sheet::sheet(&conn, 2026, today()).unwrap();
    let mut all = Vec::new();
    leaves(&s.nodes, &mut all);
    for l in all.iter().filter(|l| !l.not_applicable) {
        let state = l
            .leaf
            .as_ref()
            .map(|x| x.state_label.clone())
            .unwrap_or_default();
        if state.contains("duyệt") && !state.contains("Chờ") {
            continue;
        }
        let score = SelfScore {
            level: None,
            score: Some(l.max_points),
            explanation: "Đã thực hiện đầy đủ.".into(),
        };
        let _ = workflow::score(&mut conn, &admin, l.id, &score);
    }
    workflow::submit_scope(&mut conn, &admin, Scope::Sheet(2026)).unwrap();
    let (id, name): (i64, String) = conn
        .query_row(
            "SELECT a.id, o.full_name FROM account a JOIN officer o ON o.id = a.officer_id WHERE a.role = 'chairman'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let chairman = Actor {
        account_id: Some(id),
        name,
        role: Role::Chairman,
        client: String::new(),
    };
    // Some leaves have no evidence yet: by default they wait; this commune allows them.
    let first = workflow::approve_scope(&mut conn, &chairman, Scope::Sheet(2026)).unwrap();
    assert!(!first.held.is_empty(), "{first:?}");
    assert_ne!(
        sheet::sheet(&conn, 2026, today()).unwrap().status,
        "approved"
    );
    cchc_core::scoring::approval::set_rule(&mut conn, &chairman, true).unwrap();
    workflow::approve_scope(&mut conn, &chairman, Scope::Sheet(2026)).unwrap();
    assert_eq!(
        sheet::sheet(&conn, 2026, today()).unwrap().status,
        "approved"
    );

    let pdf = print(&conn, dir.path(), ReportKind::Scoring, 2026, "year");
    check_format(&pdf, false);

    // Last year's sheet was appraised: its report has the appraisal column and no draft mark.
    let pdf = print(&conn, dir.path(), ReportKind::Scoring, 2025, "year");
    check_format(&pdf, false);
    let flat = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Điểm thẩm định"), "{flat}");
}

#[test]
fn the_annual_report_follows_its_period_and_prints_the_officers_assessment() {
    let (mut conn, dir) = demo_commune();
    let actor = Actor::command_line();
    let texts = Assessment {
        strengths:
            "Công tác cải cách hành chính được Đảng ủy, Ủy ban nhân dân xã quan tâm chỉ đạo.".into(),
        limits: "Tỷ lệ hồ sơ trực tuyến còn thấp.".into(),
        causes: "Người dân chưa quen nộp hồ sơ trực tuyến.".into(),
        next_tasks: "Đẩy mạnh hướng dẫn nộp hồ sơ trực tuyến.".into(),
        recommendations: "Đề nghị Sở Nội vụ tổ chức tập huấn.".into(),
    };
    // "h1" is the 6-month period; the texts are kept per period.
    let saved = report::settings::save_assessment(&mut conn, &actor, 2026, "h1", &texts).unwrap();
    assert_eq!(saved, texts);
    assert_eq!(
        report::settings::assessment(&conn, 2026, "year").unwrap(),
        Assessment::default()
    );

    let pdf = print(&conn, dir.path(), ReportKind::Annual, 2026, "6m");
    if !poppler("the_annual_report_follows_its_period_and_prints_the_officers_assessment") {
        return;
    }
    check_format(&pdf, false);
    let flat = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in [
        "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2026",
        "từ ngày 15/12/2025 đến ngày 14/06/2026",
        "Căn cứ Kế hoạch số 05/KH-UBND",
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "Tỷ lệ hồ sơ trực tuyến còn thấp.",
        "Đề nghị Sở Nội vụ tổ chức tập huấn.",
    ] {
        assert!(flat.contains(phrase), "{phrase:?} missing");
    }
    // The plan as it stood on 14/06: tasks finished later were still open then.
    let cut = NaiveDate::from_ymd_opt(2026, 6, 14).unwrap();
    let tasks = cchc_core::plan::tasks::list(&conn, 2026, cut).unwrap();
    let done_then = tasks
        .iter()
        .filter(|t| t.counted_done && t.completed_on.is_none_or(|d| d <= cut))
        .count();
    assert!(done_then < 16);
    assert!(
        flat.contains(&format!("đã hoàn thành {done_then}/20")),
        "{flat}"
    );
    // A quarter's one-stop figures are its three months' records.
    let q2: i64 = cchc_core::onestop::batches::of_year(&conn, 2026)
        .unwrap()
        .iter()
        .filter(|b| b.counted && (4..=6).contains(&chrono::Datelike::month(&b.to)))
        .map(|b| b.total.received())
        .sum();
    assert!(q2 > 0);
    let pdf = print(&conn, dir.path(), ReportKind::Annual, 2026, "q2");
    let flat = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let q2_text = format!(
        "(từ tháng 4 đến tháng 6/2026): tiếp nhận {} hồ sơ",
        cchc_core::text::format_int(q2)
    );
    assert!(flat.contains(&q2_text), "{q2_text} not in {flat}");
    // The year's report has the year's figures: 15 sessions, 688 people; 1.296 records.
    let pdf = print(&conn, dir.path(), ReportKind::Annual, 2026, "year");
    let flat = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("15 buổi tuyên truyền, phổ biến pháp luật với 688 lượt người"),
        "{flat}"
    );
    assert!(flat.contains("tiếp nhận 1.296 hồ sơ"));
    assert!(flat.contains("99,9%"));
}

#[test]
fn word_versions_of_the_annual_and_plan_reports() {
    use std::io::Read;
    let (conn, dir) = demo_commune();
    for kind in [ReportKind::Annual, ReportKind::Plan] {
        let out = dir.path().join(format!("{}.docx", kind.code()));
        let req = request(&conn, kind, 2026, "year", Format::Docx);
        report::write(&conn, &req, today(), &out, &mut |_| {}).unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        for phrase in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Số: 12/BC-UBND",
            "TM. ỦY BAN NHÂN DÂN",
            "BÁO CÁO",
        ] {
            assert!(xml.contains(phrase), "{kind:?}: {phrase}");
        }
        assert!(xml.contains("w:tblHeader"));
    }
    // The scoring sheet is PDF only.
    let req = request(&conn, ReportKind::Scoring, 2026, "year", Format::Docx);
    let out = dir.path().join("scoring.docx");
    let err = report::write(&conn, &req, today(), &out, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("chỉ in ra PDF"), "{err}");
    assert!(!out.exists());
}

#[test]
fn settings_are_remembered_and_bad_input_writes_nothing() {
    let (conn, dir) = demo_commune();
    // Defaults: the commune's name as the place, the chairman as the signer.
    let s = report::settings::get(&conn, ReportKind::Plan).unwrap();
    assert_eq!(s.place, "Nông Thượng");
    assert_eq!(s.signer.title, "CHỦ TỊCH");
    assert!(!s.signer.name.is_empty());
    assert_eq!(s.recipients.last().unwrap(), "Lưu: VT");

    let mut req = request(&conn, ReportKind::Plan, 2026, "year", Format::Pdf);
    req.settings.number = "7".into();
    req.settings.recipients = vec![
        "- UBND tỉnh Thái Nguyên;".into(),
        "  ".into(),
        "Lưu: VT, VP".into(),
    ];
    let out = dir.path().join("plan.pdf");
    report::write(&conn, &req, today(), &out, &mut |_| {}).unwrap();
    if poppler("settings_are_remembered_and_bad_input_writes_nothing") {
        let t = text(&out);
        assert!(
            t.contains("Số: 07/BC-UBND"),
            "numbers under 10 take a leading zero"
        );
        assert!(t.contains("- UBND tỉnh Thái Nguyên;") && t.contains("- Lưu: VT, VP."));
    }
    let again = report::settings::get(&conn, ReportKind::Plan).unwrap();
    assert_eq!(again.number, "07/BC-UBND");
    assert_eq!(
        again.recipients,
        ["UBND tỉnh Thái Nguyên;", "Lưu: VT, VP"].map(String::from)
    );

    // Refused with a Vietnamese message; no file, nothing remembered.
    let bad = dir.path().join("bad.pdf");
    for (change, message) in [
        (
            Box::new(|r: &mut Request| r.settings.place = " ".into()) as Box<dyn Fn(&mut Request)>,
            "Địa danh",
        ),
        (
            Box::new(|r: &mut Request| r.settings.number = "số 5".into()),
            "chưa đúng dạng",
        ),
        (
            Box::new(|r: &mut Request| r.settings.signer.title = String::new()),
            "Chức vụ người ký",
        ),
        (
            Box::new(|r: &mut Request| {
                r.kind = ReportKind::Annual;
                r.period = "q5".into()
            }),
            "Kỳ báo cáo “q5”",
        ),
        (Box::new(|r: &mut Request| r.year = 1990), "1990"),
    ] {
        let mut r = request(&conn, ReportKind::Plan, 2026, "year", Format::Pdf);
        change(&mut r);
        let err = report::write(&conn, &r, today(), &bad, &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
        assert!(!bad.exists());
    }
    assert_eq!(
        report::settings::get(&conn, ReportKind::Plan).unwrap(),
        again
    );
    let err = report::write(
        &conn,
        &req,
        today(),
        &dir.path().join("x.docx"),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("không khớp"), "{err}");
}
