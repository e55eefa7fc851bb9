//! The evidence pack (gói tài liệu kiểm chứng): a year's evidence as one zip organised the way
//! provinces ask for it, by criterion: `I/1.1 Ban hành kế hoạch CCHC năm/05-KH-UBND.pdf`, with
//! `manifest.csv`, `manifest.xlsx` (Excel set to Vietnamese splits a CSV on ";", so the workbook
//! is what opens as a table there) and `manifest.json` listing every file with its citation,
//! SHA-256, the criteria it proves and their approval state. Every name is one Windows accepts
//! and every path stays under 200 characters, so the pack unzips on the office PCs. A file
//! missing from the store is reported, never fatal; the zip only appears once complete.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::blobs::{self, BlobState, TempFile};
use super::{get, names, Document, ProblemKind};
use crate::commune;
use crate::error::{Error, Result};

pub const MANIFEST_CSV: &str = "manifest.csv";
pub const MANIFEST_JSON: &str = "manifest.json";
/// The list again as a workbook, for Excel set to Vietnamese (see `manifest_xlsx`).
pub const MANIFEST_XLSX: &str = "manifest.xlsx";

/// Longest path inside the zip, in UTF-16 units: leaves room for the folder it is unzipped
/// into within Windows' 260.
const MAX_PATH_UNITS: usize = 199;
const FIELD_MAX: usize = 20;
const FOLDER_MAX: usize = 70;
const FILE_STEM_MAX: usize = 90;
/// Room kept for a " (12)" that tells two files of the same name apart.
const SUFFIX_ROOM: usize = 5;

/// What a pack holds, for the message after packing.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackReport {
    pub path: PathBuf,
    pub year: i32,
    /// Files in the zip, manifests not counted; a document proving three criteria is in three
    /// folders and counts three times.
    pub files: usize,
    /// Different documents in the zip.
    pub documents: usize,
    /// Criteria (folders) with at least one linked document.
    pub criteria: usize,
    /// Documents whose file could not be packed (missing or damaged in the store).
    pub missing: usize,
    pub problems: Vec<PackProblem>,
}

/// A document whose file is not in the pack, and why.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackProblem {
    pub document_id: i64,
    pub title: String,
    pub sha256: String,
    pub kind: ProblemKind,
    /// The criteria whose folders lack the file.
    pub criteria: Vec<String>,
    pub message: String,
}

/// A criterion of the year in tree order, with the field (top level) it belongs to.
struct CriterionRow {
    id: i64,
    full_code: String,
    title: String,
    root_id: i64,
    root_code: String,
    is_root: bool,
    state: Option<String>,
}

fn load_criteria(conn: &Connection, year: i32) -> Result<Vec<CriterionRow>> {
    let mut stmt = conn.prepare(
        "WITH RECURSIVE tree(id, root_id, path) AS (
            SELECT id, id, printf('%010d.%010d', position, id)
            FROM criterion WHERE year = ?1 AND parent_id IS NULL
            UNION ALL
            SELECT c.id, t.root_id, t.path || '/' || printf('%010d.%010d', c.position, c.id)
            FROM criterion c JOIN tree t ON c.parent_id = t.id
         )
         SELECT c.id, c.full_code, c.title, t.root_id, r.full_code, c.parent_id IS NULL, s.state
         FROM tree t
         JOIN criterion c ON c.id = t.id
         JOIN criterion r ON r.id = t.root_id
         LEFT JOIN score s ON s.criterion_id = c.id
         ORDER BY t.path",
    )?;
    let rows = stmt
        .query_map([year], |r| {
            Ok(CriterionRow {
                id: r.get(0)?,
                full_code: r.get(1)?,
                title: r.get(2)?,
                root_id: r.get(3)?,
                root_code: r.get(4)?,
                is_root: r.get(5)?,
                state: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Criterion id → linked document ids, for the year's criteria.
fn load_links(conn: &Connection, year: i32) -> Result<HashMap<i64, Vec<i64>>> {
    let mut stmt = conn.prepare(
        "SELECT l.target_id, l.document_id
         FROM evidence_link l JOIN criterion c ON c.id = l.target_id
         WHERE l.target_kind = 'criterion' AND c.year = ?1
         ORDER BY l.target_id, l.document_id",
    )?;
    let mut map: HashMap<i64, Vec<i64>> = HashMap::new();
    let rows = stmt.query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (criterion, document) = row?;
        map.entry(criterion).or_default().push(document);
    }
    Ok(map)
}

/// The approval state as the manifest prints it (lower case, after the code).
fn state_label(state: Option<&str>) -> String {
    match state {
        Some(code) => crate::scoring::workflow::State::from_code(code)
            .label()
            .to_lowercase(),
        None => "chưa chấm".into(),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The field's folder ("I") and, below it, the criterion's ("1.1 Ban hành kế hoạch CCHC năm").
fn criterion_dir(
    names_in_zip: &mut names::ZipNames,
    field_dirs: &mut HashMap<i64, String>,
    c: &CriterionRow,
) -> String {
    let field = field_dirs
        .entry(c.root_id)
        .or_insert_with(|| {
            let mut code = names::component(&c.root_code, FIELD_MAX);
            if code.is_empty() {
                code = "Lĩnh vực".into();
            }
            names_in_zip.claim("", &code, "")
        })
        .clone();
    if c.is_root {
        return field;
    }
    let rest = c
        .full_code
        .strip_prefix(c.root_code.as_str())
        .and_then(|r| r.strip_prefix('.'))
        .filter(|r| !r.is_empty())
        .unwrap_or(&c.full_code);
    let mut folder = names::component(&format!("{rest} {}", c.title), FOLDER_MAX);
    if folder.is_empty() {
        folder = format!("Tiêu chí {}", c.id);
    }
    let folder = names_in_zip.claim(&field, &folder, "");
    join(&field, &folder)
}

/// The document's file name in a folder: its number made safe ("05/KH-UBND" → "05-KH-UBND"),
/// else its title, with the original extension.
fn file_name(names_in_zip: &mut names::ZipNames, dir: &str, doc: &Document) -> String {
    let ext = names::extension(&doc.current.original_name);
    let budget = MAX_PATH_UNITS
        .saturating_sub(names::units(dir) + 1 + names::units(&ext) + SUFFIX_ROOM)
        .clamp(8, FILE_STEM_MAX);
    let mut stem = names::component(&doc.doc_number, budget);
    if stem.is_empty() {
        stem = names::component(&doc.title, budget);
    }
    if stem.is_empty() {
        stem = format!("Tài liệu {}", doc.id);
    }
    names_in_zip.claim(dir, &stem, &ext)
}

/// Formats that are compressed already are stored as they are: deflating them again only costs
/// time.
fn compression_for(name: &str) -> CompressionMethod {
    const PACKED: [&str; 16] = [
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".zip", ".rar", ".7z", ".docx", ".xlsx",
        ".pptx", ".odt", ".ods", ".mp4", ".mp3",
    ];
    let lower = name.to_lowercase();
    if PACKED.iter().any(|ext| lower.ends_with(ext)) {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    }
}

#[derive(Serialize)]
struct ManifestCriterion {
    code: String,
    title: String,
    /// draft, submitted, approved, returned; null when not scored.
    state: Option<String>,
    state_label: String,
}

#[derive(Serialize)]
struct ManifestFile {
    path: String,
    included: bool,
    document_id: i64,
    title: String,
    doc_number: String,
    doc_date: Option<NaiveDate>,
    issuer: String,
    location: String,
    original_name: String,
    revision: i64,
    sha256: String,
    size: i64,
    criteria: Vec<ManifestCriterion>,
    note: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    year: i32,
    commune: String,
    created_at: String,
    files: &'a [ManifestFile],
    problems: &'a [PackProblem],
}

/// A CSV field, quoted; a leading = + - @ gets an apostrophe so Excel shows text, not a formula.
fn csv_field(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// One cell of the manifest's table: text, or a number Excel may sum.
enum Cell {
    Text(String),
    Number(i64),
}

const MANIFEST_HEADER: [&str; 14] = [
    "Đường dẫn trong gói",
    "Có trong gói",
    "Tên tài liệu",
    "Số, ký hiệu",
    "Ngày ban hành",
    "Cơ quan ban hành",
    "Vị trí trong tài liệu",
    "Tệp gốc",
    "Bản",
    "SHA-256",
    "Dung lượng (byte)",
    "Tiêu chí kiểm chứng",
    "Trạng thái chấm điểm",
    "Ghi chú",
];

/// The manifest's rows, one per file, in the columns of `MANIFEST_HEADER`.
fn manifest_rows(files: &[ManifestFile]) -> Vec<Vec<Cell>> {
    files
        .iter()
        .map(|f| {
            let codes = f
                .criteria
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            let states = f
                .criteria
                .iter()
                .map(|c| format!("{}: {}", c.code, c.state_label))
                .collect::<Vec<_>>()
                .join("; ");
            let text = |s: &str| Cell::Text(s.to_string());
            vec![
                text(&f.path),
                text(if f.included { "Có" } else { "Không" }),
                text(&f.title),
                text(&f.doc_number),
                Cell::Text(
                    f.doc_date
                        .map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_default(),
                ),
                text(&f.issuer),
                text(&f.location),
                text(&f.original_name),
                Cell::Number(f.revision),
                text(&f.sha256),
                Cell::Number(f.size),
                Cell::Text(codes),
                Cell::Text(states),
                text(&f.note),
            ]
        })
        .collect()
}

fn manifest_csv(files: &[ManifestFile]) -> Vec<u8> {
    let mut out = String::from('\u{FEFF}');
    out.push_str(&MANIFEST_HEADER.map(csv_field).join(","));
    out.push_str("\r\n");
    for row in manifest_rows(files) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => csv_field(s),
                Cell::Number(n) => n.to_string(),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The same list as a workbook: Vietnamese Excel splits a CSV on ";" (its list separator), so
/// the comma CSV opens as one column there; an .xlsx opens as a table whatever the PC's
/// settings. Text cells are written as text, never as formulas.
fn manifest_xlsx(files: &[ManifestFile]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::Internal(format!("không ghi được {MANIFEST_XLSX}: {e}"))
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Danh mục").map_err(failed)?;
    let bold = Format::new().set_bold().set_text_wrap();
    for (c, h) in MANIFEST_HEADER.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(failed)?;
    }
    let rows = manifest_rows(files);
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) => sheet.write_string(r, c as u16, s),
                Cell::Number(n) => sheet.write_number(r, c as u16, *n as f64),
            }
            .map_err(failed)?;
        }
    }
    let widths = [
        60.0, 8.0, 40.0, 14.0, 12.0, 24.0, 16.0, 30.0, 6.0, 66.0, 14.0, 18.0, 30.0, 24.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w).map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    sheet
        .autofilter(0, 0, rows.len() as u32, (MANIFEST_HEADER.len() - 1) as u16)
        .map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn zip_error(path: &Path, e: zip::result::ZipError) -> Error {
    Error::io(path, std::io::Error::other(e))
}

/// Packs the year's evidence into the zip `out` (replaced if it exists). Written to a temporary
/// file beside `out` and renamed at the end, so a failed pack leaves no half zip.
pub fn pack(conn: &Connection, evidence_dir: &Path, year: i32, out: &Path) -> Result<PackReport> {
    let commune = commune::require(conn)?;
    commune::require_year(conn, year)?;
    let criteria = load_criteria(conn, year)?;
    if criteria.is_empty() {
        return Err(Error::invalid(format!(
            "Năm {year} chưa có bộ tiêu chí: hãy nhập bộ tiêu chí trước khi đóng gói tài liệu kiểm chứng."
        )));
    }
    let links = load_links(conn, year)?;
    if links.is_empty() {
        return Err(Error::invalid(format!(
            "Chưa có tài liệu kiểm chứng nào được gắn với tiêu chí năm {year}: hãy gắn tài liệu vào tiêu chí trước khi đóng gói."
        )));
    }

    let mut documents: HashMap<i64, Document> = HashMap::new();
    // Document id → the year's criteria it proves, in tree order.
    let mut proves: HashMap<i64, Vec<&CriterionRow>> = HashMap::new();
    for c in &criteria {
        for &doc_id in links.get(&c.id).into_iter().flatten() {
            if let Entry::Vacant(slot) = documents.entry(doc_id) {
                slot.insert(get(conn, doc_id)?);
            }
            proves.entry(doc_id).or_default().push(c);
        }
    }

    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::invalid(format!(
            "Thư mục “{}” không tồn tại: hãy chọn nơi lưu gói tài liệu khác.",
            parent.display()
        )));
    }
    if out.is_dir() {
        return Err(Error::invalid(format!(
            "“{}” là một thư mục: hãy đặt tên tệp cho gói tài liệu, ví dụ minh-chung-{year}.zip.",
            out.display()
        )));
    }
    crate::filename::check_output(out)?;

    let (temp, file) = TempFile::create(parent, "goi-kiem-chung")?;
    let temp_path = temp.path().to_path_buf();
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let modified = crate::clock::zip_now();

    let mut names_in_zip = names::ZipNames::default();
    names_in_zip.claim("", MANIFEST_CSV, "");
    names_in_zip.claim("", MANIFEST_JSON, "");
    names_in_zip.claim("", MANIFEST_XLSX, "");
    let mut field_dirs = HashMap::new();
    let mut manifest = Vec::new();
    let mut problems: Vec<PackProblem> = Vec::new();
    let mut bad_blobs: HashMap<String, ProblemKind> = HashMap::new();
    let mut packed_documents = HashSet::new();
    let mut packed_criteria = 0;
    let mut files = 0;

    for c in &criteria {
        let Some(doc_ids) = links.get(&c.id) else {
            continue;
        };
        packed_criteria += 1;
        let dir = criterion_dir(&mut names_in_zip, &mut field_dirs, c);
        let mut docs: Vec<&Document> = doc_ids.iter().filter_map(|id| documents.get(id)).collect();
        docs.sort_by(|a, b| {
            (a.doc_date.is_none(), a.doc_date, a.id).cmp(&(b.doc_date.is_none(), b.doc_date, b.id))
        });
        for doc in docs {
            let name = file_name(&mut names_in_zip, &dir, doc);
            let path = join(&dir, &name);
            let sha = &doc.current.sha256;

            let failure = match bad_blobs.get(sha) {
                Some(kind) => Some(*kind),
                None => {
                    let size = u64::try_from(doc.current.size).unwrap_or(0);
                    let options = SimpleFileOptions::default()
                        .compression_method(compression_for(&name))
                        .last_modified_time(modified)
                        .large_file(size >= u64::from(u32::MAX));
                    zip.start_file(path.as_str(), options)
                        .map_err(|e| zip_error(&temp_path, e))?;
                    let (_, state) = blobs::copy_checked(evidence_dir, sha, &mut zip)
                        .map_err(|e| Error::io(&temp_path, e))?;
                    let kind = match state {
                        None | Some(BlobState::Present) => None,
                        Some(BlobState::Missing) => Some(ProblemKind::Missing),
                        Some(BlobState::Corrupt { .. }) => Some(ProblemKind::Corrupt),
                        Some(BlobState::Unreadable(_)) => Some(ProblemKind::Unreadable),
                    };
                    if let Some(kind) = kind {
                        zip.abort_file().map_err(|e| zip_error(&temp_path, e))?;
                        bad_blobs.insert(sha.clone(), kind);
                    }
                    kind
                }
            };

            let note = match failure {
                None => {
                    files += 1;
                    packed_documents.insert(doc.id);
                    String::new()
                }
                Some(kind) => {
                    let (what, message) = match kind {
                        ProblemKind::Missing => (
                            "THIẾU TỆP: tệp không còn trong kho, chưa có trong gói",
                            super::missing_message(doc, &doc.current),
                        ),
                        ProblemKind::Corrupt => (
                            "TỆP HỎNG: nội dung trong kho không khớp mã SHA-256, chưa có trong gói",
                            super::corrupt_message(doc, &doc.current),
                        ),
                        ProblemKind::Unreadable => (
                            "KHÔNG ĐỌC ĐƯỢC TỆP: chưa có trong gói",
                            format!(
                                "Không đọc được tệp của tài liệu “{}” (bản {}, “{}”) trong kho; hãy kiểm tra quyền truy cập hoặc thay tệp khác.",
                                doc.title, doc.current.revision, doc.current.original_name
                            ),
                        ),
                    };
                    match problems.iter_mut().find(|p| p.document_id == doc.id) {
                        Some(p) => p.criteria.push(c.full_code.clone()),
                        None => problems.push(PackProblem {
                            document_id: doc.id,
                            title: doc.title.clone(),
                            sha256: sha.clone(),
                            kind,
                            criteria: vec![c.full_code.clone()],
                            message,
                        }),
                    }
                    what.to_string()
                }
            };

            let criteria_of_doc = proves
                .get(&doc.id)
                .map(|list| {
                    list.iter()
                        .map(|p| ManifestCriterion {
                            code: p.full_code.clone(),
                            title: p.title.clone(),
                            state: p.state.clone(),
                            state_label: state_label(p.state.as_deref()),
                        })
                        .collect()
                })
                .unwrap_or_default();
            manifest.push(ManifestFile {
                path,
                included: failure.is_none(),
                document_id: doc.id,
                title: doc.title.clone(),
                doc_number: doc.doc_number.clone(),
                doc_date: doc.doc_date,
                issuer: doc.issuer.clone(),
                location: doc.location.clone(),
                original_name: doc.current.original_name.clone(),
                revision: doc.current.revision,
                sha256: sha.clone(),
                size: doc.current.size,
                criteria: criteria_of_doc,
                note,
            });
        }
    }

    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(modified);
    zip.start_file(MANIFEST_CSV, deflated)
        .map_err(|e| zip_error(&temp_path, e))?;
    zip.write_all(&manifest_csv(&manifest))
        .map_err(|e| Error::io(&temp_path, e))?;
    let workbook = manifest_xlsx(&manifest)?;
    zip.start_file(MANIFEST_XLSX, deflated)
        .map_err(|e| zip_error(&temp_path, e))?;
    zip.write_all(&workbook)
        .map_err(|e| Error::io(&temp_path, e))?;
    let json = serde_json::to_vec_pretty(&Manifest {
        year,
        commune: commune.display_name,
        created_at: crate::clock::now_text(),
        files: &manifest,
        problems: &problems,
    })
    .map_err(|e| Error::Internal(format!("không ghi được {MANIFEST_JSON}: {e}")))?;
    zip.start_file(MANIFEST_JSON, deflated)
        .map_err(|e| zip_error(&temp_path, e))?;
    zip.write_all(&json).map_err(|e| Error::io(&temp_path, e))?;

    let buffered = zip.finish().map_err(|e| zip_error(&temp_path, e))?;
    let file = buffered
        .into_inner()
        .map_err(|e| Error::io(&temp_path, e.into_error()))?;
    file.sync_all().map_err(|e| Error::io(&temp_path, e))?;
    drop(file);
    temp.persist(out)?;

    Ok(PackReport {
        path: out.to_path_buf(),
        year,
        files,
        documents: packed_documents.len(),
        criteria: packed_criteria,
        missing: problems.len(),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_names_are_numbered_ignoring_case() {
        let mut n = names::ZipNames::default();
        assert_eq!(n.claim("I/1", "05-KH-UBND", ".pdf"), "05-KH-UBND.pdf");
        assert_eq!(n.claim("I/1", "05-kh-ubnd", ".PDF"), "05-kh-ubnd (2).PDF");
        assert_eq!(n.claim("I/2", "05-KH-UBND", ".pdf"), "05-KH-UBND.pdf");
    }

    #[test]
    fn csv_fields_are_quoted_and_not_formulas() {
        assert_eq!(csv_field("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
    }

    #[test]
    fn scored_states_read_as_words() {
        assert_eq!(state_label(Some("approved")), "đã duyệt");
        assert_eq!(state_label(None), "chưa chấm");
    }
}
