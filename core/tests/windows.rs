//! Windows cases, run natively on Linux and as a Windows program under Wine
//! (`scripts/check-windows.sh`), and natively on Windows in the release workflow: data folders
//! with spaces, Vietnamese letters in NFC and NFD and paths past 260 characters; titles and
//! names Windows forbids as file names; a file held open by another program while the app
//! replaces it; CRLF line ends in imported workbooks; the default data folder under %APPDATA%.
//! Where Wine does not behave as Windows does, the test says so.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Reader};
use cchc_core::evidence::{self, DocumentInput, Target, TargetKind};
use cchc_core::import::{self, Kind};
use cchc_core::people::Actor;
use cchc_core::report::{self, Format, ReportKind};
use cchc_core::{demo, export, filename, store, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use unicode_normalization::UnicodeNormalization;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// True when this Windows build runs under Wine (set by scripts/windows/runner.sh).
fn under_wine() -> bool {
    cfg!(windows) && std::env::var_os("CCHC_UNDER_WINE").is_some()
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

fn demo_store(dir: &Path) -> Store {
    let mut store = Store::open(dir).unwrap();
    let evidence = store.evidence_dir();
    demo::load(&mut store.conn, &evidence, 2026, today()).unwrap();
    store
}

fn request(conn: &Connection, kind: ReportKind, number: &str, format: Format) -> report::Request {
    let mut settings = report::settings::get(conn, kind).unwrap();
    settings.number = number.into();
    report::Request {
        kind,
        year: 2026,
        period: "9m".into(),
        date: NaiveDate::from_ymd_opt(2026, 9, 20).unwrap(),
        settings,
        format,
    }
}

fn print(conn: &Connection, out: &Path, number: &str) -> cchc_core::Result<report::Made> {
    let req = request(conn, ReportKind::Annual, number, Format::Pdf);
    report::write(conn, &req, today(), out, &mut |_| {})
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn tasks(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM task WHERE year = 2026", [], |r| {
        r.get(0)
    })
    .unwrap()
}

/// Everything an officer does with files, in `dir` (the data folder) writing into `out`:
/// prints a report, adds a scan, packs the evidence, exports the plan, reopens the folder.
fn work_in(dir: &Path, out: &Path, scan_name: &str) {
    let mut store = demo_store(dir);
    let before = tasks(&store.conn);
    fs::create_dir_all(out).unwrap();

    let pdf = out.join(nfd("Báo cáo 9 tháng.pdf"));
    let made = print(&store.conn, &pdf, "12").unwrap();
    assert!(made.pages >= 2);
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let scan = out.join(scan_name);
    fs::write(&scan, b"%PDF-1.4 bien ban").unwrap();
    let evidence_dir = store.evidence_dir();
    let input = DocumentInput {
        year: Some(2026),
        title: "Biên bản kiểm tra CCHC".into(),
        doc_number: "07/BB-UBND".into(),
        doc_date: NaiveDate::from_ymd_opt(2026, 5, 4),
        issuer: "UBND xã Nông Thượng".into(),
        location: String::new(),
    };
    let criterion: i64 = store
        .conn
        .query_row(
            "SELECT id FROM criterion WHERE year = 2026 AND parent_id IS NOT NULL ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let doc = evidence::add_document_linked(
        &mut store.conn,
        &evidence_dir,
        &Actor::command_line(),
        &input,
        &scan,
        Target::new(TargetKind::Criterion, criterion),
    )
    .unwrap();
    // The name as the office sees it is NFC, whatever form the file system gave.
    assert_eq!(
        doc.current.original_name,
        scan_name.nfc().collect::<String>()
    );
    let copy = evidence::viewable_copy(&store.conn, &evidence_dir, doc.id, None, out).unwrap();
    assert_eq!(fs::read(&copy).unwrap(), b"%PDF-1.4 bien ban");
    assert!(evidence::verify(&store.conn, &evidence_dir)
        .unwrap()
        .is_empty());

    let zip = out.join("hồ sơ kiểm chứng.zip");
    let packed = evidence::pack(&store.conn, &evidence_dir, 2026, &zip).unwrap();
    assert!(packed.problems.is_empty(), "{:?}", packed.problems);
    let xlsx = out.join(nfd("Kế hoạch CCHC 2026.xlsx"));
    export::export_table(&store.conn, "plan", 2026, "", today(), &xlsx).unwrap();
    let wb = open_workbook_auto(&xlsx).unwrap();
    assert!(!wb.sheet_names().is_empty());

    drop(store);
    let store = Store::open(dir).unwrap();
    assert_eq!(tasks(&store.conn), before);
}

#[test]
fn data_folders_with_spaces_and_vietnamese_letters_in_nfc_and_nfd() {
    let tmp = tempfile::tempdir().unwrap();
    let nfc_dir = tmp.path().join("Dữ liệu CCHC").join("Xã Nông Thượng");
    let nfd_dir = tmp
        .path()
        .join(nfd("Dữ liệu CCHC"))
        .join(nfd("Xã Nông Thượng"));
    work_in(&nfc_dir, &tmp.path().join("Báo cáo"), "Biên bản họp.pdf");
    work_in(
        &nfd_dir,
        &tmp.path().join(nfd("Báo cáo")),
        &nfd("Biên bản họp.pdf"),
    );
    // Neither NTFS nor ext4 normalises names: the two spellings are two folders, each a
    // complete data folder of its own.
    assert_eq!(names_in(tmp.path()).len(), 4, "{:?}", names_in(tmp.path()));
    assert!(nfc_dir.join(store::DB_FILE).is_file());
    assert!(nfd_dir.join(store::DB_FILE).is_file());
}

#[test]
fn paths_longer_than_260_characters() {
    let tmp = tempfile::tempdir().unwrap();
    let mut dir = tmp.path().to_path_buf();
    // A folder tree as offices make them, nested until the database path alone passes
    // Windows' old MAX_PATH of 260 UTF-16 units. Wine does not enforce MAX_PATH, so under Wine
    // this shows that the `\\?\` form handed to SQLite (db::open) works, not that the plain
    // form would fail; the native Windows run of the release workflow shows the limit.
    let mut n = 1;
    while filename::units(&dir.join(store::DB_FILE).to_string_lossy()) <= 300 {
        dir.push(format!("{n:02} Hồ sơ cải cách hành chính năm 2026"));
        n += 1;
    }
    let out = dir.join("Báo cáo gửi Sở Nội vụ");
    work_in(
        &dir,
        &out,
        "Quyết định kiện toàn tổ công nghệ số cộng đồng.pdf",
    );
    let blob_paths = fs::read_dir(dir.join(store::EVIDENCE_DIR))
        .unwrap()
        .flat_map(|shard| fs::read_dir(shard.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .collect::<Vec<PathBuf>>();
    assert!(!blob_paths.is_empty());
    for p in blob_paths {
        assert!(
            filename::units(&p.to_string_lossy()) > 260,
            "{}",
            p.display()
        );
    }
}

/// Writes every entry of the zip as a file under `into` and returns the names found there
/// afterwards: on Windows a name such as "CON" or "a:b" would not become a file.
fn extract(zip_path: &Path, into: &Path) -> (Vec<String>, usize) {
    let mut zip = zip::ZipArchive::new(File::open(zip_path).unwrap()).unwrap();
    let mut written = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().unwrap().to_string();
        for part in name.split('/') {
            assert!(filename::is_windows_safe(part), "{part:?} in {name}");
        }
        let path = name.split('/').fold(into.to_path_buf(), |p, s| p.join(s));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        fs::write(&path, &bytes).unwrap();
        assert_eq!(
            fs::read(&path).unwrap(),
            bytes,
            "{name} was not written as a file"
        );
        written += 1;
    }
    let mut found = Vec::new();
    let mut stack = vec![into.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    (found, written)
}

#[test]
fn titles_windows_forbids_as_names_still_give_files_windows_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = demo_store(&tmp.path().join("xa"));
    let evidence_dir = store.evidence_dir();
    let criterion: i64 = store
        .conn
        .query_row(
            "SELECT id FROM criterion WHERE year = 2026 AND full_code = 'I.1'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| {
            store
                .conn
                .query_row(
                    "SELECT id FROM criterion WHERE year = 2026 ORDER BY id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        });
    let scans = tmp.path().join("scan");
    fs::create_dir(&scans).unwrap();
    let titles = [
        "CON",
        "NUL",
        "AUX",
        "COM1",
        "con.pdf",
        "Quyết định: \"Một cửa\" <số 5>? | * ",
        "Báo cáo quý I.",
        "Kế hoạch\\2026/bổ sung",
    ];
    let copies = tmp.path().join("mo-tep");
    for (i, title) in titles.iter().enumerate() {
        let file = scans.join(format!("tep {i}.pdf"));
        fs::write(&file, format!("%PDF-1.4 {i}")).unwrap();
        let input = DocumentInput {
            year: Some(2026),
            title: (*title).into(),
            // Numbers such as 05/QĐ-UBND hold a slash; these hold the names Windows refuses.
            doc_number: if i % 2 == 0 {
                String::new()
            } else {
                (*title).into()
            },
            doc_date: NaiveDate::from_ymd_opt(2026, 3, 1),
            issuer: "UBND xã".into(),
            location: String::new(),
        };
        let doc = evidence::add_document_linked(
            &mut store.conn,
            &evidence_dir,
            &Actor::command_line(),
            &input,
            &file,
            Target::new(TargetKind::Criterion, criterion),
        )
        .unwrap();
        let copy =
            evidence::viewable_copy(&store.conn, &evidence_dir, doc.id, None, &copies).unwrap();
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        assert!(filename::is_windows_safe(&name), "{name}");
        assert_eq!(fs::read(&copy).unwrap(), format!("%PDF-1.4 {i}").as_bytes());
    }

    let zip = tmp.path().join("goi.zip");
    evidence::pack(&store.conn, &evidence_dir, 2026, &zip).unwrap();
    let (found, written) = extract(&zip, &tmp.path().join("giai-nen"));
    assert_eq!(found.len(), written, "every entry became a file: {found:?}");
    for t in ["CON", "NUL", "AUX", "COM1"] {
        assert!(
            found.iter().any(|f| f.starts_with(&format!("{t}_"))),
            "{t} in {found:?}"
        );
    }
}

#[test]
fn report_and_export_names_windows_refuses_are_refused_before_any_work() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp.path().join("xa"));
    let out = tmp.path().join("ra");
    fs::create_dir(&out).unwrap();
    for bad in [
        "CON.pdf",
        "nul.pdf",
        "Báo cáo: quý 3?.pdf",
        "bao-cao|1.pdf",
        "COM1.pdf",
    ] {
        let err = print(&store.conn, &out.join(bad), "12").unwrap_err();
        assert_eq!(err.kind(), "invalid", "{bad}: {err}");
        assert!(
            err.to_string().contains("không dùng được trên Windows"),
            "{err}"
        );
    }
    for bad in ["AUX.xlsx", "Kế hoạch \"mới\".xlsx"] {
        let err = export::export_table(&store.conn, "plan", 2026, "", today(), &out.join(bad))
            .unwrap_err();
        assert_eq!(err.kind(), "invalid", "{bad}: {err}");
    }
    let err = evidence::pack(
        &store.conn,
        &store.evidence_dir(),
        2026,
        &out.join("PRN.zip"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid", "{err}");
    assert!(names_in(&out).is_empty(), "{:?}", names_in(&out));

    // The names the app offers in its save dialogs are all ones Windows accepts.
    for kind in ReportKind::ALL {
        for p in report::periods(2026) {
            for f in [Format::Pdf, Format::Docx] {
                let name = kind.file_name(2026, &p, f);
                assert!(filename::is_windows_safe(&name), "{name}");
            }
        }
    }
    for kind in export::TemplateKind::ALL {
        assert!(filename::is_windows_safe(kind.file_name()));
    }
}

/// Opens `path` the way Excel, Word or a PDF reader on Windows does: no other handle may
/// write or delete it while this one lives. Windows checks sharing per handle, so a handle in
/// this process stands for another program's. Elsewhere a plain open (POSIX has no such lock).
fn hold_open(path: &Path) -> File {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        fs::OpenOptions::new()
            .read(true)
            .share_mode(FILE_SHARE_READ)
            .open(path)
            .unwrap()
    }
    #[cfg(not(windows))]
    {
        File::open(path).unwrap()
    }
}

fn read_all(mut f: &File) -> Vec<u8> {
    use std::io::{Seek, SeekFrom};
    let mut bytes = Vec::new();
    f.seek(SeekFrom::Start(0)).unwrap();
    f.read_to_end(&mut bytes).unwrap();
    bytes
}

/// Replacing `target` while another program holds it: on Windows a clear message naming the
/// file, the old file untouched and no temporary file left; elsewhere the replace succeeds and
/// the holder keeps reading the old bytes. Afterwards, with the file closed, it works.
fn check_held(target: &Path, replace: &dyn Fn() -> cchc_core::Result<()>) {
    let old = fs::read(target).unwrap();
    let before = names_in(target.parent().unwrap());
    let holder = hold_open(target);
    let result = replace();
    if cfg!(windows) {
        let err = result.expect_err("Windows refuses to replace a file another program holds");
        assert_eq!(err.kind(), "locked", "{err}");
        let message = err.to_string();
        let name = target.file_name().unwrap().to_string_lossy();
        assert!(message.contains(name.as_ref()), "{message}");
        assert!(
            message.contains("đang được một chương trình khác mở"),
            "{message}"
        );
        assert_eq!(
            names_in(target.parent().unwrap()),
            before,
            "no temporary file left"
        );
        drop(holder);
        assert_eq!(fs::read(target).unwrap(), old, "the old file is untouched");
    } else {
        result.unwrap();
        assert_eq!(
            read_all(&holder),
            old,
            "the holder still reads the old file"
        );
        drop(holder);
    }
    replace().unwrap();
    assert_eq!(names_in(target.parent().unwrap()), before);
}

#[test]
fn a_file_held_open_by_another_program_is_never_half_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp.path().join("xa"));
    let out = tmp.path().join("Báo cáo");
    fs::create_dir(&out).unwrap();

    let pdf = out.join("bao-cao-cchc-2026-9-thang.pdf");
    print(&store.conn, &pdf, "12").unwrap();
    check_held(&pdf, &|| print(&store.conn, &pdf, "13").map(|_| ()));

    let xlsx = out.join("ke-hoach-cchc-2026.xlsx");
    export::export_table(&store.conn, "plan", 2026, "", today(), &xlsx).unwrap();
    check_held(&xlsx, &|| {
        export::export_table(&store.conn, "plan", 2026, "", today(), &xlsx).map(|_| ())
    });

    let zip = out.join("ho-so-kiem-chung-2026.zip");
    let evidence_dir = store.evidence_dir();
    evidence::pack(&store.conn, &evidence_dir, 2026, &zip).unwrap();
    check_held(&zip, &|| {
        evidence::pack(&store.conn, &evidence_dir, 2026, &zip).map(|_| ())
    });
}

#[test]
fn a_copy_edited_and_left_open_in_word_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo_store(&tmp.path().join("xa"));
    let evidence_dir = store.evidence_dir();
    let doc: i64 = store
        .conn
        .query_row("SELECT min(id) FROM evidence_document", [], |r| r.get(0))
        .unwrap();
    let copies = tmp.path().join("mo-tep");
    let copy = evidence::viewable_copy(&store.conn, &evidence_dir, doc, None, &copies).unwrap();
    // The officer edits the copy and keeps it open; opening the document again must not
    // destroy the edit on Windows, and must still give the stored bytes elsewhere.
    fs::write(&copy, b"sua trong Word").unwrap();
    let reopen =
        || evidence::viewable_copy(&store.conn, &evidence_dir, doc, None, &copies).map(|_| ());
    check_held(&copy, &reopen);
}

/// A tasks workbook whose cells break lines as Windows does (CR LF), as files from other
/// provinces' systems and from Excel on Windows arrive.
fn plan_with_line_ends(path: &Path, eol: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [[&str; 7]; 4] = [
        [
            "TT",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
            "Tình trạng",
        ],
        [
            "I",
            "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "1",
            "Ban hành Kế hoạch CCHC{eol}năm 2026",
            "Văn phòng - Thống kê",
            "Các bộ phận{eol}chuyên môn",
            "15/01/2026",
            "Kế hoạch",
            "Hoàn thành",
        ],
        [
            "2",
            "Kiểm tra công tác CCHC{eol}tại các thôn",
            "Văn phòng - Thống kê",
            "",
            "Quý III/2026",
            "Báo cáo{eol}kết quả kiểm tra",
            "Đang thực hiện",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(r as u32, c as u16, text.replace("{eol}", eol))
                    .unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn crlf_in_imported_cells_is_one_line_and_matches_a_second_import() {
    let tmp = tempfile::tempdir().unwrap();
    let mut conn = cchc_core::db::open_in_memory().unwrap();
    let input = cchc_core::commune::CommuneInput {
        name: "Nông Thượng".into(),
        province: "Thái Nguyên".into(),
        superior: String::new(),
        current_year: 2026,
    };
    cchc_core::setup::initialise(&mut conn, &input, None).unwrap();
    let actor = Actor::command_line();
    let run = |conn: &mut Connection, path: &Path| {
        let req = import::Request {
            kind: Kind::Tasks,
            path,
            year: 2026,
            today: today(),
            dry_run: false,
            period: None,
        };
        import::run(conn, &actor, &req, &mut |_, _| {}).unwrap()
    };

    let crlf = tmp.path().join("ke-hoach-windows.xlsx");
    plan_with_line_ends(&crlf, "\r\n");
    // The workbook really carries CR LF, as read back by the same reader the import uses.
    let mut wb = open_workbook_auto(&crlf).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    assert!(range
        .rows()
        .flatten()
        .any(|c| c.to_string().contains("\r\n")));

    let first = run(&mut conn, &crlf);
    assert!(first.applied, "{:?}", first.problems);
    assert_eq!(first.created, 2);
    let texts: Vec<(String, String, String)> = conn
        .prepare("SELECT content, coordinators, product FROM task ORDER BY position")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for (content, coordinators, product) in &texts {
        for t in [content, coordinators, product] {
            assert!(!t.contains('\r') && !t.contains('\n'), "{t:?}");
        }
    }
    assert_eq!(texts[0].0, "Ban hành Kế hoạch CCHC năm 2026");
    assert_eq!(texts[1].2, "Báo cáo kết quả kiểm tra");

    // The same plan saved on Linux (LF only) is the same plan: nothing new, nothing changed.
    let lf = tmp.path().join("ke-hoach-linux.xlsx");
    plan_with_line_ends(&lf, "\n");
    let second = run(&mut conn, &lf);
    assert_eq!(
        (second.created, second.updated),
        (0, 0),
        "{:?}",
        second.rows
    );
    assert_eq!(second.unchanged, 2);
}

#[test]
fn the_default_data_folder_is_the_systems_app_data_folder() {
    // Only this test reads the variable in this process; the CLI tests set it per child.
    std::env::remove_var(store::DATA_DIR_ENV);
    let dir = store::resolve_data_dir(None).unwrap();
    assert!(dir.ends_with(store::APP_IDENTIFIER), "{}", dir.display());
    if cfg!(windows) {
        // %APPDATA% (C:\Users\<name>\AppData\Roaming): roams with the user's profile and
        // needs no administrator rights, unlike the install folder.
        let appdata = PathBuf::from(std::env::var_os("APPDATA").expect("APPDATA is set"));
        assert_eq!(dir, appdata.join(store::APP_IDENTIFIER));
        if under_wine() {
            eprintln!(
                "Wine: %APPDATA% là {} (hồ sơ người dùng của Wine prefix)",
                appdata.display()
            );
        }
    } else {
        let data_home = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap()).join(".local/share")
            });
        assert_eq!(dir, data_home.join(store::APP_IDENTIFIER));
    }
}
