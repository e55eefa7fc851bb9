//! The evidence store (tài liệu kiểm chứng): documents with their citation (number, date,
//! issuer, the section or page inside a larger document), their files kept once each by SHA-256
//! under `evidence/` with every earlier version, and links to what they prove: criteria, plan
//! tasks and dissemination sessions. One document often proves several of them. Also checks the
//! store against the database (`verify`) and packs a year's evidence by criterion (`pack`).

pub mod blobs;
mod pack;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

use crate::filename as names;
pub use crate::filename::is_windows_safe;
pub use pack::{pack, PackProblem, PackReport, MANIFEST_CSV, MANIFEST_JSON, MANIFEST_XLSX};

/// What a document can be linked to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Criterion,
    Task,
    Session,
}

impl TargetKind {
    pub const ALL: [TargetKind; 3] = [TargetKind::Criterion, TargetKind::Task, TargetKind::Session];

    pub fn code(self) -> &'static str {
        match self {
            TargetKind::Criterion => "criterion",
            TargetKind::Task => "task",
            TargetKind::Session => "session",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TargetKind::Criterion => "Tiêu chí",
            TargetKind::Task => "Nhiệm vụ",
            TargetKind::Session => "Buổi tuyên truyền",
        }
    }

    pub fn from_code(code: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One thing a document proves. As JSON: `{"kind": "criterion", "id": 12}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target {
    Criterion(i64),
    Task(i64),
    Session(i64),
}

impl Target {
    pub fn kind(self) -> TargetKind {
        match self {
            Target::Criterion(_) => TargetKind::Criterion,
            Target::Task(_) => TargetKind::Task,
            Target::Session(_) => TargetKind::Session,
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Target::Criterion(id) | Target::Task(id) | Target::Session(id) => id,
        }
    }

    pub fn new(kind: TargetKind, id: i64) -> Target {
        match kind {
            TargetKind::Criterion => Target::Criterion(id),
            TargetKind::Task => Target::Task(id),
            TargetKind::Session => Target::Session(id),
        }
    }
}

/// A document's citation as a form or the command line gives it.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentInput {
    /// The working year it belongs to; None for a document that serves every year (a standing
    /// regulation, the one-stop's ISO documents).
    #[serde(default)]
    pub year: Option<i32>,
    pub title: String,
    /// "05/KH-UBND"; "5/KH-UBND" is written with its leading zero.
    #[serde(default)]
    pub doc_number: String,
    #[serde(default)]
    pub doc_date: Option<NaiveDate>,
    /// Cơ quan ban hành: "UBND xã Nông Thượng".
    #[serde(default)]
    pub issuer: String,
    /// Where the proof is inside a larger document: "Mục II.3, trang 5".
    #[serde(default)]
    pub location: String,
}

/// One file version of a document.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Revision {
    /// 1 for the first file, then 2, 3 … as files are replaced.
    pub revision: i64,
    pub sha256: String,
    pub size: i64,
    /// The file's name when it was added, for display and for copies.
    pub original_name: String,
    pub added_at: String,
    pub added_by: String,
}

/// Where a document is used, for "Dùng cho" lists.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Usage {
    pub kind: TargetKind,
    pub id: i64,
    /// The working year of the criterion, task or session.
    pub year: Option<i32>,
    /// "Tiêu chí I.1.1 Ban hành kế hoạch CCHC năm", "Nhiệm vụ 3. …",
    /// "Buổi tuyên truyền 12/02/2026: …".
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "EvidenceDocument")]
pub struct Document {
    pub id: i64,
    pub year: Option<i32>,
    pub title: String,
    pub doc_number: String,
    pub doc_date: Option<NaiveDate>,
    pub issuer: String,
    pub location: String,
    /// "Kế hoạch CCHC năm 2026 số 05/KH-UBND ngày 15/01/2026 của UBND xã Nông Thượng (mục II)":
    /// how reports cite it.
    pub citation: String,
    pub created_at: String,
    pub updated_at: String,
    /// The newest revision: the file that counts.
    pub current: Revision,
    /// Every revision, oldest first (the last is `current`).
    pub revisions: Vec<Revision>,
    pub used_in: Vec<Usage>,
}

/// How reports cite a document: title, number, date, issuer, then the place inside it.
pub fn citation(
    title: &str,
    doc_number: &str,
    doc_date: Option<NaiveDate>,
    issuer: &str,
    location: &str,
) -> String {
    let mut out = title.to_string();
    if !doc_number.is_empty() {
        out.push_str(&format!(" số {doc_number}"));
    }
    if let Some(d) = doc_date {
        out.push_str(&format!(" ngày {}", d.format("%d/%m/%Y")));
    }
    if !issuer.is_empty() {
        out.push_str(&format!(" của {issuer}"));
    }
    if !location.is_empty() {
        out.push_str(&format!(" ({location})"));
    }
    out
}

fn short(s: &str, max: usize) -> String {
    let first: String = s.chars().take(max).collect();
    if first.len() < s.len() {
        format!("{first}…")
    } else {
        first
    }
}

fn quoted_title(doc: &Document) -> String {
    format!("“{}”", short(&doc.title, 80))
}

// ---------------------------------------------------------------------------------------------
// Reading

const SELECT_DOCUMENT: &str = "SELECT id, year, title, doc_number, doc_date, issuer, location,
        created_at, updated_at
    FROM evidence_document";

struct DocumentRow {
    id: i64,
    year: Option<i32>,
    title: String,
    doc_number: String,
    doc_date: Option<NaiveDate>,
    issuer: String,
    location: String,
    created_at: String,
    updated_at: String,
}

fn document_row(r: &rusqlite::Row) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.get(0)?,
        year: r.get(1)?,
        title: r.get(2)?,
        doc_number: r.get(3)?,
        doc_date: r.get(4)?,
        issuer: r.get(5)?,
        location: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

fn load_revisions(conn: &Connection, document_id: i64) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.revision, r.sha256, b.size, r.original_name, r.added_at, r.added_by
         FROM evidence_revision r JOIN evidence_blob b ON b.sha256 = r.sha256
         WHERE r.document_id = ?1 ORDER BY r.revision",
    )?;
    let revisions = stmt
        .query_map([document_id], |r| {
            Ok(Revision {
                revision: r.get(0)?,
                sha256: r.get(1)?,
                size: r.get(2)?,
                original_name: r.get(3)?,
                added_at: r.get(4)?,
                added_by: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(revisions)
}

/// Natural order of printed codes: "I.2" before "I.10", "II" after "I", "2.1" after "2". Only
/// the first part may be a Roman numeral (fields are numbered I, II …; a sub-criterion "c" is
/// a letter, not 100).
fn code_key(code: &str) -> Vec<(u8, u64, String)> {
    code.split(['.', ' '])
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, part)| {
            if let Ok(n) = part.parse::<u64>() {
                (1, n, String::new())
            } else if let Some(n) = roman_value(part).filter(|_| i == 0) {
                (0, n, String::new())
            } else {
                (2, 0, text::fold(part))
            }
        })
        .collect()
}

fn roman_value(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut prev = 0u64;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

type UsageKey = (TargetKind, Option<i32>, Vec<(u8, u64, String)>, i64);

/// The target's label and sort key; None when it does not exist.
fn describe(conn: &Connection, target: Target) -> Result<Option<(Usage, UsageKey)>> {
    let id = target.id();
    let found = match target {
        Target::Criterion(_) => conn
            .prepare_cached(
                "SELECT full_code, title, parent_id IS NULL, year FROM criterion WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let code: String = r.get(0)?;
                let title: String = r.get(1)?;
                let is_field: bool = r.get(2)?;
                let year: i32 = r.get(3)?;
                let label = if is_field {
                    format!("Lĩnh vực {code}. {title}")
                } else {
                    format!("Tiêu chí {code} {title}")
                };
                Ok((label, Some(year), code_key(&code)))
            })
            .optional()?,
        Target::Task(_) => conn
            .prepare_cached("SELECT number, content, year FROM task WHERE id = ?1")?
            .query_row([id], |r| {
                let number: String = r.get(0)?;
                let content: String = r.get(1)?;
                let year: i32 = r.get(2)?;
                Ok((
                    format!("Nhiệm vụ {number}. {}", short(&content, 80)),
                    Some(year),
                    code_key(&number),
                ))
            })
            .optional()?,
        Target::Session(_) => conn
            .prepare_cached("SELECT held_on, content FROM outreach_session WHERE id = ?1")?
            .query_row([id], |r| {
                let held_on: NaiveDate = r.get(0)?;
                let content: String = r.get(1)?;
                Ok((
                    format!(
                        "Buổi tuyên truyền {}: {}",
                        held_on.format("%d/%m/%Y"),
                        short(&content, 80)
                    ),
                    Some(held_on.year()),
                    vec![(0, 0, held_on.to_string())],
                ))
            })
            .optional()?,
    };
    Ok(found.map(|(label, year, key)| {
        (
            Usage {
                kind: target.kind(),
                id,
                year,
                label,
            },
            (target.kind(), year, key, id),
        )
    }))
}

/// The target's label, or a Vietnamese NotFound naming what is missing.
fn require_target(conn: &Connection, target: Target) -> Result<Usage> {
    describe(conn, target)?
        .map(|(usage, _)| usage)
        .ok_or_else(|| {
            let what = match target.kind() {
                TargetKind::Criterion => "tiêu chí",
                TargetKind::Task => "nhiệm vụ",
                TargetKind::Session => "buổi tuyên truyền",
            };
            Error::NotFound(format!("Không tìm thấy {what} số {}.", target.id()))
        })
}

fn load_usages(conn: &Connection, document_id: i64) -> Result<Vec<Usage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT target_kind, target_id FROM evidence_link WHERE document_id = ?1",
    )?;
    let links = stmt
        .query_map([document_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut found = Vec::with_capacity(links.len());
    for (kind, id) in links {
        // The schema allows no other kind; a row written by something else is skipped, not fatal.
        let Some(kind) = TargetKind::from_code(&kind) else {
            continue;
        };
        if let Some(pair) = describe(conn, Target::new(kind, id))? {
            found.push(pair);
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found.into_iter().map(|(usage, _)| usage).collect())
}

fn assemble(conn: &Connection, row: DocumentRow) -> Result<Document> {
    let revisions = load_revisions(conn, row.id)?;
    let current = revisions.last().cloned().ok_or_else(|| {
        Error::Internal(format!(
            "tài liệu “{}” (số {}) không có tệp nào",
            row.title, row.id
        ))
    })?;
    Ok(Document {
        citation: citation(
            &row.title,
            &row.doc_number,
            row.doc_date,
            &row.issuer,
            &row.location,
        ),
        used_in: load_usages(conn, row.id)?,
        id: row.id,
        year: row.year,
        title: row.title,
        doc_number: row.doc_number,
        doc_date: row.doc_date,
        issuer: row.issuer,
        location: row.location,
        created_at: row.created_at,
        updated_at: row.updated_at,
        current,
        revisions,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Document> {
    let row = conn
        .query_row(
            &format!("{SELECT_DOCUMENT} WHERE id = ?1"),
            [id],
            document_row,
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy tài liệu kiểm chứng số {id}.")))?;
    assemble(conn, row)
}

/// Documents of the year (and those that serve every year), or all of them with `None`,
/// newest first. `query` is matched without diacritics, every word somewhere in the title,
/// number, issuer, place inside the document or a file name.
pub fn list(conn: &Connection, year: Option<i32>, query: &str) -> Result<Vec<Document>> {
    let words: Vec<String> = text::fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut stmt = conn.prepare(&format!(
        "{SELECT_DOCUMENT} WHERE ?1 IS NULL OR year = ?1 OR year IS NULL
         ORDER BY coalesce(doc_date, substr(created_at, 1, 10)) DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([year], document_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for row in rows {
        let doc = assemble(conn, row)?;
        if !words.is_empty() {
            let mut hay = format!(
                "{} {} {} {}",
                doc.title, doc.doc_number, doc.issuer, doc.location
            );
            for r in &doc.revisions {
                hay.push(' ');
                hay.push_str(&r.original_name);
            }
            let hay = text::fold(&hay);
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                continue;
            }
        }
        out.push(doc);
    }
    Ok(out)
}

/// The documents linked to a criterion, task or session, oldest document date first.
pub fn documents_for(conn: &Connection, target: Target) -> Result<Vec<Document>> {
    require_target(conn, target)?;
    let mut stmt = conn.prepare(
        "SELECT d.id, d.year, d.title, d.doc_number, d.doc_date, d.issuer, d.location,
                d.created_at, d.updated_at
         FROM evidence_link l JOIN evidence_document d ON d.id = l.document_id
         WHERE l.target_kind = ?1 AND l.target_id = ?2
         ORDER BY d.doc_date IS NULL, d.doc_date, d.id",
    )?;
    let rows = stmt
        .query_map(params![target.kind().code(), target.id()], document_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|row| assemble(conn, row)).collect()
}

// ---------------------------------------------------------------------------------------------
// Changing

struct Cleaned {
    year: Option<i32>,
    title: String,
    doc_number: String,
    doc_date: Option<NaiveDate>,
    issuer: String,
    location: String,
}

fn clean(conn: &Connection, input: &DocumentInput) -> Result<Cleaned> {
    let title = text::clean_line(&input.title);
    if title.is_empty() {
        return Err(Error::invalid("Tên tài liệu không được để trống."));
    }
    if title.chars().count() > 500 {
        return Err(Error::invalid(
            "Tên tài liệu dài quá 500 ký tự: hãy ghi ngắn gọn, phần chi tiết để ở mục vị trí.",
        ));
    }
    if let Some(year) = input.year {
        commune::require_year(conn, year)?;
    }
    let raw_number = text::clean_line(&input.doc_number);
    // Numbers in the usual form get their leading zero; anything else is kept as written
    // (photos and lists have none, some bodies number differently).
    let doc_number =
        crate::plan::reference::normalise_doc_number(&raw_number).unwrap_or(raw_number);
    Ok(Cleaned {
        year: input.year,
        title,
        doc_number,
        doc_date: input.doc_date,
        issuer: text::clean_line(&input.issuer),
        location: text::clean_line(&input.location),
    })
}

/// The file's name for display, after checking it is a readable, non-empty regular file.
fn check_file(file: &Path) -> Result<String> {
    let shown = file.display();
    let meta = match fs::metadata(file) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::invalid(format!(
                "Không tìm thấy tệp “{shown}”: hãy kiểm tra lại đường dẫn hoặc chọn lại tệp."
            )))
        }
        Err(e) => return Err(Error::io(file, e)),
    };
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "“{shown}” là một thư mục, không phải tệp: hãy chọn từng tệp tài liệu."
        )));
    }
    if !meta.is_file() {
        return Err(Error::invalid(format!(
            "“{shown}” không phải là tệp thông thường: hãy chọn tệp tài liệu (PDF, ảnh, Word …)."
        )));
    }
    if meta.len() == 0 {
        return Err(Error::invalid(format!(
            "Tệp “{shown}” rỗng (0 byte): có thể tệp tải về chưa xong; hãy chọn đúng tệp."
        )));
    }
    let name = file
        .file_name()
        .map(|n| text::clean_line(&n.to_string_lossy()))
        .unwrap_or_default();
    if name.is_empty() {
        return Err(Error::invalid(format!(
            "Không xác định được tên tệp “{shown}”: hãy chọn một tệp."
        )));
    }
    Ok(name)
}

/// Stores the file and records its blob row; the caller adds the revision. The file is on disk
/// for good (fsynced, its name too) before this returns, so the row that will point at it can
/// only commit after it: a crash in between leaves an orphan file, never a row without its file.
fn store_blob(conn: &Connection, evidence_dir: &Path, file: &Path) -> Result<(String, i64)> {
    let blob = blobs::store(evidence_dir, file)?;
    let size = i64::try_from(blob.size)
        .map_err(|_| Error::invalid(format!("Tệp “{}” quá lớn.", file.display())))?;
    conn.execute(
        "INSERT OR IGNORE INTO evidence_blob (sha256, size, stored_at) VALUES (?1, ?2, ?3)",
        params![blob.sha256, size, crate::clock::now_text()],
    )?;
    Ok((blob.sha256, size))
}

fn add_revision(
    conn: &Connection,
    actor: &Actor,
    document_id: i64,
    sha256: &str,
    original_name: &str,
) -> Result<i64> {
    let next: i64 = conn.query_row(
        "SELECT coalesce(max(revision), 0) + 1 FROM evidence_revision WHERE document_id = ?1",
        [document_id],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO evidence_revision (document_id, revision, sha256, original_name, added_at,
            added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            document_id,
            next,
            sha256,
            original_name,
            crate::clock::now_text(),
            actor.name
        ],
    )?;
    Ok(next)
}

/// "120 KB", "3,4 MB": sizes in audit sentences.
fn size_text(bytes: i64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{} byte", text::format_int(bytes))
    } else if b < KB * KB {
        format!("{} KB", text::format_decimal(b / KB, 0))
    } else {
        format!("{} MB", text::format_decimal(b / KB / KB, 1))
    }
}

/// Adds a document with its first file (revision 1): the file is copied into the store and the
/// document, its revision and the audit entry are written in one transaction. A file that
/// cannot be read changes nothing.
pub fn add_document(
    conn: &mut Connection,
    evidence_dir: &Path,
    actor: &Actor,
    input: &DocumentInput,
    file: &Path,
) -> Result<Document> {
    let tx = conn.transaction()?;
    let doc = add_document_in(&tx, evidence_dir, actor, input, file)?;
    tx.commit()?;
    Ok(doc)
}

/// Adds a document and links it to what it proves, all or nothing: the usual way a file comes
/// in ("this is the evidence for criterion I.1.1").
pub fn add_document_linked(
    conn: &mut Connection,
    evidence_dir: &Path,
    actor: &Actor,
    input: &DocumentInput,
    file: &Path,
    target: Target,
) -> Result<Document> {
    let tx = conn.transaction()?;
    let doc = add_document_in(&tx, evidence_dir, actor, input, file)?;
    let doc = link_in(&tx, actor, doc.id, target)?;
    tx.commit()?;
    Ok(doc)
}

/// `add_document` inside the caller's transaction (imports and demo data add many at once).
pub fn add_document_in(
    conn: &Connection,
    evidence_dir: &Path,
    actor: &Actor,
    input: &DocumentInput,
    file: &Path,
) -> Result<Document> {
    let c = clean(conn, input)?;
    let original_name = check_file(file)?;
    let (sha256, size) = store_blob(conn, evidence_dir, file)?;
    let now = crate::clock::now_text();
    conn.execute(
        "INSERT INTO evidence_document (year, title, doc_number, doc_date, issuer, location,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            c.year,
            c.title,
            c.doc_number,
            c.doc_date,
            c.issuer,
            c.location,
            now
        ],
    )?;
    let id = conn.last_insert_rowid();
    add_revision(conn, actor, id, &sha256, &original_name)?;
    let number = if c.doc_number.is_empty() {
        String::new()
    } else {
        format!("số {}, ", c.doc_number)
    };
    audit::record(
        conn,
        actor,
        "evidence.add",
        "evidence_document",
        Some(id),
        &format!(
            "Thêm tài liệu kiểm chứng “{}” ({number}tệp “{original_name}”, {}).",
            short(&c.title, 80),
            size_text(size)
        ),
    )?;
    get(conn, id)
}

/// Gives a document a new file as its next revision; the earlier files are kept.
pub fn replace_file(
    conn: &mut Connection,
    evidence_dir: &Path,
    actor: &Actor,
    document_id: i64,
    file: &Path,
) -> Result<Document> {
    let tx = conn.transaction()?;
    let before = get(&tx, document_id)?;
    let original_name = check_file(file)?;
    let (sha256, size) = store_blob(&tx, evidence_dir, file)?;
    if sha256 == before.current.sha256 {
        return Err(Error::Conflict(format!(
            "Tệp “{original_name}” giống hệt tệp hiện tại của tài liệu {}: không có gì để thay.",
            quoted_title(&before)
        )));
    }
    let revision = add_revision(&tx, actor, document_id, &sha256, &original_name)?;
    tx.execute(
        "UPDATE evidence_document SET updated_at = ?1 WHERE id = ?2",
        params![crate::clock::now_text(), document_id],
    )?;
    audit::record(
        &tx,
        actor,
        "evidence.replace",
        "evidence_document",
        Some(document_id),
        &format!(
            "Thay tệp của tài liệu {}: bản {revision} là tệp “{original_name}” ({}); bản {} “{}” vẫn được giữ.",
            quoted_title(&before),
            size_text(size),
            before.current.revision,
            before.current.original_name
        ),
    )?;
    let doc = get(&tx, document_id)?;
    tx.commit()?;
    Ok(doc)
}

/// Corrects a document's citation (title, number, date, issuer, place, year).
pub fn update_metadata(
    conn: &mut Connection,
    actor: &Actor,
    document_id: i64,
    input: &DocumentInput,
) -> Result<Document> {
    let tx = conn.transaction()?;
    let before = get(&tx, document_id)?;
    let c = clean(&tx, input)?;
    let mut changes = Vec::new();
    if before.title != c.title {
        changes.push(format!("tên “{}”", short(&c.title, 80)));
    }
    if before.doc_number != c.doc_number {
        changes.push(format!(
            "số, ký hiệu “{}” → “{}”",
            before.doc_number, c.doc_number
        ));
    }
    if before.doc_date != c.doc_date {
        let show = |d: Option<NaiveDate>| {
            d.map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| "(bỏ trống)".into())
        };
        changes.push(format!(
            "ngày {} → {}",
            show(before.doc_date),
            show(c.doc_date)
        ));
    }
    if before.issuer != c.issuer {
        changes.push(format!("cơ quan ban hành “{}”", c.issuer));
    }
    if before.location != c.location {
        changes.push(format!("vị trí “{}”", c.location));
    }
    if before.year != c.year {
        changes.push(match c.year {
            Some(y) => format!("năm {y}"),
            None => "dùng cho mọi năm".into(),
        });
    }
    if changes.is_empty() {
        return Ok(before);
    }
    tx.execute(
        "UPDATE evidence_document SET year = ?1, title = ?2, doc_number = ?3, doc_date = ?4,
            issuer = ?5, location = ?6, updated_at = ?7
         WHERE id = ?8",
        params![
            c.year,
            c.title,
            c.doc_number,
            c.doc_date,
            c.issuer,
            c.location,
            crate::clock::now_text(),
            document_id
        ],
    )?;
    audit::record(
        &tx,
        actor,
        "evidence.update",
        "evidence_document",
        Some(document_id),
        &format!(
            "Sửa thông tin tài liệu {}: {}.",
            quoted_title(&before),
            changes.join("; ")
        ),
    )?;
    let doc = get(&tx, document_id)?;
    tx.commit()?;
    Ok(doc)
}

/// Deletes a document with its revisions and links. Its files stay in the store (another
/// document may share them; a backup may still need them).
pub fn delete_document(conn: &mut Connection, actor: &Actor, document_id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let doc = get(&tx, document_id)?;
    tx.execute("DELETE FROM evidence_document WHERE id = ?1", [document_id])?;
    let used = if doc.used_in.is_empty() {
        String::new()
    } else {
        format!(", bỏ gắn khỏi {} mục", doc.used_in.len())
    };
    audit::record(
        &tx,
        actor,
        "evidence.delete",
        "evidence_document",
        Some(document_id),
        &format!(
            "Xóa tài liệu kiểm chứng {} ({} bản tệp{used}).",
            quoted_title(&doc),
            doc.revisions.len()
        ),
    )?;
    tx.commit()?;
    Ok(())
}

/// Links a document to what it proves. Linking twice changes nothing.
pub fn link(
    conn: &mut Connection,
    actor: &Actor,
    document_id: i64,
    target: Target,
) -> Result<Document> {
    let tx = conn.transaction()?;
    let doc = link_in(&tx, actor, document_id, target)?;
    tx.commit()?;
    Ok(doc)
}

/// `link` inside the caller's transaction.
pub fn link_in(
    conn: &Connection,
    actor: &Actor,
    document_id: i64,
    target: Target,
) -> Result<Document> {
    let doc = get(conn, document_id)?;
    let usage = require_target(conn, target)?;
    let added = conn.execute(
        "INSERT OR IGNORE INTO evidence_link (document_id, target_kind, target_id)
         VALUES (?1, ?2, ?3)",
        params![document_id, target.kind().code(), target.id()],
    )?;
    if added == 0 {
        return Ok(doc);
    }
    audit::record(
        conn,
        actor,
        "evidence.link",
        "evidence_document",
        Some(document_id),
        &format!(
            "Gắn tài liệu {} làm kiểm chứng cho {}.",
            quoted_title(&doc),
            usage.label
        ),
    )?;
    get(conn, document_id)
}

/// Removes a link; refused when the document was not linked to that target.
pub fn unlink(
    conn: &mut Connection,
    actor: &Actor,
    document_id: i64,
    target: Target,
) -> Result<Document> {
    let tx = conn.transaction()?;
    let doc = get(&tx, document_id)?;
    let usage = require_target(&tx, target)?;
    let removed = tx.execute(
        "DELETE FROM evidence_link WHERE document_id = ?1 AND target_kind = ?2 AND target_id = ?3",
        params![document_id, target.kind().code(), target.id()],
    )?;
    if removed == 0 {
        return Err(Error::NotFound(format!(
            "Tài liệu {} chưa được gắn với {}.",
            quoted_title(&doc),
            usage.label
        )));
    }
    audit::record(
        &tx,
        actor,
        "evidence.unlink",
        "evidence_document",
        Some(document_id),
        &format!(
            "Bỏ gắn tài liệu {} khỏi {}.",
            quoted_title(&doc),
            usage.label
        ),
    )?;
    let doc = get(&tx, document_id)?;
    tx.commit()?;
    Ok(doc)
}

// ---------------------------------------------------------------------------------------------
// Files on disk

fn missing_message(doc: &Document, revision: &Revision) -> String {
    format!(
        "Tệp của tài liệu {} (bản {}, “{}”) không còn trong kho (mất tệp {}); hãy thay tệp khác.",
        quoted_title(doc),
        revision.revision,
        revision.original_name,
        blobs::short_name(&revision.sha256)
    )
}

fn corrupt_message(doc: &Document, revision: &Revision) -> String {
    format!(
        "Tệp của tài liệu {} (bản {}, “{}”) trong kho đã bị hỏng (nội dung không còn khớp mã \
         SHA-256 {}); hãy thay tệp khác.",
        quoted_title(doc),
        revision.revision,
        revision.original_name,
        blobs::short_name(&revision.sha256)
    )
}

/// Where the current file of a document is in the store. The stored file is named by its hash
/// and has no extension; to open it with the system's program use `viewable_copy`.
pub fn file_path(conn: &Connection, evidence_dir: &Path, document_id: i64) -> Result<PathBuf> {
    let doc = get(conn, document_id)?;
    let path = blobs::blob_path(evidence_dir, &doc.current.sha256)
        .ok_or_else(|| Error::NotFound(missing_message(&doc, &doc.current)))?;
    match fs::metadata(&path) {
        Ok(m) if m.is_file() => {
            if i64::try_from(m.len()).ok() != Some(doc.current.size) {
                return Err(Error::Invalid(corrupt_message(&doc, &doc.current)));
            }
            Ok(path)
        }
        Ok(_) => Err(Error::NotFound(missing_message(&doc, &doc.current))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err(Error::NotFound(missing_message(&doc, &doc.current)))
        }
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Copies a revision (the current one with `None`) to `<out_dir>/<id>-<revision>/<original
/// name>` so that the system can open it by its extension; the bytes are checked against their
/// hash on the way. A copy already there with the right bytes is reused (it may be open in
/// another program, which on Windows locks it).
pub fn viewable_copy(
    conn: &Connection,
    evidence_dir: &Path,
    document_id: i64,
    revision: Option<i64>,
    out_dir: &Path,
) -> Result<PathBuf> {
    let doc = get(conn, document_id)?;
    let rev = match revision {
        None => doc.current.clone(),
        Some(n) => doc
            .revisions
            .iter()
            .find(|r| r.revision == n)
            .cloned()
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "Tài liệu {} không có bản tệp số {n}.",
                    quoted_title(&doc)
                ))
            })?,
    };
    let folder = out_dir.join(format!("{}-{}", doc.id, rev.revision));
    let ext = names::extension(&rev.original_name);
    let stem_source = match rev.original_name.rsplit_once('.') {
        Some((stem, _)) if !ext.is_empty() => stem,
        _ => rev.original_name.as_str(),
    };
    let mut stem = names::component(stem_source, 120);
    if stem.is_empty() {
        stem = format!("tai-lieu-{}", doc.id);
    }
    let target = folder.join(names::unreserve(&format!("{stem}{ext}")));
    if let Ok((hash, _)) = blobs::hash_file(&target) {
        if hash == rev.sha256 {
            return Ok(target);
        }
    }
    fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let (temp, file) = blobs::TempFile::create(&folder, "copy")?;
    let (file, problem) = blobs::copy_checked(evidence_dir, &rev.sha256, file)
        .map_err(|e| Error::io(temp.path(), e))?;
    match problem {
        None => {}
        Some(blobs::BlobState::Missing) => {
            return Err(Error::NotFound(missing_message(&doc, &rev)))
        }
        Some(blobs::BlobState::Corrupt { .. }) => {
            return Err(Error::Invalid(corrupt_message(&doc, &rev)))
        }
        Some(blobs::BlobState::Unreadable(e)) => {
            let path = blobs::blob_path(evidence_dir, &rev.sha256).unwrap_or_default();
            return Err(Error::io(path, e));
        }
        Some(blobs::BlobState::Present) => {}
    }
    file.sync_all().map_err(|e| Error::io(temp.path(), e))?;
    drop(file);
    temp.persist(&target)?;
    Ok(target)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// No file under the hash name.
    Missing,
    /// A file whose bytes no longer match its hash (or its recorded size).
    Corrupt,
    /// The file is there but could not be read (permissions, disk error).
    Unreadable,
}

/// A stored file that is not as the database says.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export, rename = "FileProblem")]
pub struct Problem {
    pub kind: ProblemKind,
    pub sha256: String,
    /// The documents whose revisions use this file.
    pub document_ids: Vec<i64>,
    /// A Vietnamese sentence naming the documents and what to do.
    pub message: String,
}

/// Checks every file a revision refers to: there, readable, and still hashing to its name.
/// Reads every file, so it takes as long as the store is big.
pub fn verify(conn: &Connection, evidence_dir: &Path) -> Result<Vec<Problem>> {
    verify_files(conn, evidence_dir, true)
}

/// A file of the evidence store and every document revision that uses it (one file may serve
/// several: the same scan filed twice is stored once).
pub struct StoredFile {
    pub sha256: String,
    /// As recorded when it was stored.
    pub size: i64,
    pub uses: Vec<FileUse>,
}

pub struct FileUse {
    pub document_id: i64,
    pub title: String,
    pub revision: i64,
    pub original_name: String,
}

impl FileUse {
    /// How a message names it: “Biên bản họp” (bản 1, tệp “bien ban.pdf”).
    pub fn describe(&self) -> String {
        format!(
            "“{}” (bản {}, tệp “{}”)",
            short(&self.title, 80),
            self.revision,
            self.original_name
        )
    }
}

/// Every stored file with its uses, in hash order: what the checks and backups go through.
pub fn stored_files(conn: &Connection) -> Result<Vec<StoredFile>> {
    let mut stmt = conn.prepare(
        "SELECT r.sha256, b.size, d.id, d.title, r.revision, r.original_name
         FROM evidence_revision r
         JOIN evidence_blob b ON b.sha256 = r.sha256
         JOIN evidence_document d ON d.id = r.document_id
         ORDER BY r.sha256, d.id, r.revision",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            FileUse {
                document_id: r.get(2)?,
                title: r.get(3)?,
                revision: r.get(4)?,
                original_name: r.get(5)?,
            },
        ))
    })?;
    let mut files: Vec<StoredFile> = Vec::new();
    for row in rows {
        let (sha256, size, u) = row?;
        match files.last_mut() {
            Some(last) if last.sha256 == sha256 => last.uses.push(u),
            _ => files.push(StoredFile {
                sha256,
                size,
                uses: vec![u],
            }),
        }
    }
    Ok(files)
}

/// `verify`, or with `deep` false the cheap check for start-up: every file there with its
/// recorded size, none read.
pub fn verify_files(conn: &Connection, evidence_dir: &Path, deep: bool) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for StoredFile {
        sha256: sha,
        size,
        uses,
    } in stored_files(conn)?
    {
        let state = if deep {
            blobs::check(evidence_dir, &sha)
        } else {
            blobs::check_size(evidence_dir, &sha, u64::try_from(size).unwrap_or(0))
        };
        let kind = match state {
            blobs::BlobState::Present => continue,
            blobs::BlobState::Missing => ProblemKind::Missing,
            blobs::BlobState::Corrupt { .. } => ProblemKind::Corrupt,
            blobs::BlobState::Unreadable(_) => ProblemKind::Unreadable,
        };
        let mut document_ids: Vec<i64> = uses.iter().map(|u| u.document_id).collect();
        document_ids.dedup();
        let named = uses
            .iter()
            .map(FileUse::describe)
            .collect::<Vec<_>>()
            .join(", ");
        let what = match &state {
            blobs::BlobState::Missing => format!(
                "không còn trong kho (mất tệp {}, {})",
                blobs::short_name(&sha),
                size_text(size)
            ),
            blobs::BlobState::Corrupt { actual_size, .. } => format!(
                "đã bị hỏng trong kho (tệp {} không còn khớp mã SHA-256; {} thay vì {})",
                blobs::short_name(&sha),
                size_text(i64::try_from(*actual_size).unwrap_or(i64::MAX)),
                size_text(size)
            ),
            blobs::BlobState::Unreadable(e) => {
                format!("không đọc được (tệp {}: {e})", blobs::short_name(&sha))
            }
            blobs::BlobState::Present => String::new(),
        };
        let message = if document_ids.len() == 1 {
            format!("Tệp của tài liệu {named} {what}; hãy thay tệp khác.")
        } else {
            format!("Tệp dùng chung của các tài liệu {named} {what}; hãy thay tệp khác.")
        };
        problems.push(Problem {
            kind,
            sha256: sha,
            document_ids,
            message,
        });
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sort_as_printed() {
        let mut codes = vec![
            "II.1", "I.10", "I.2", "I", "IX", "I.1.c", "I.1.a", "III", "2.1", "2",
        ];
        codes.sort_by_key(|c| code_key(c));
        assert_eq!(
            codes,
            vec!["I", "I.1.a", "I.1.c", "I.2", "I.10", "II.1", "III", "IX", "2", "2.1"]
        );
    }

    #[test]
    fn citation_reads_like_a_report() {
        assert_eq!(
            citation(
                "Kế hoạch CCHC năm 2026",
                "05/KH-UBND",
                NaiveDate::from_ymd_opt(2026, 1, 15),
                "UBND xã Nông Thượng",
                "mục II, trang 3"
            ),
            "Kế hoạch CCHC năm 2026 số 05/KH-UBND ngày 15/01/2026 của UBND xã Nông Thượng (mục II, trang 3)"
        );
        assert_eq!(citation("Ảnh hội nghị", "", None, "", ""), "Ảnh hội nghị");
    }

    #[test]
    fn sizes_read_in_units() {
        assert_eq!(size_text(27), "27 byte");
        assert_eq!(size_text(120 * 1024), "120 KB");
        assert_eq!(size_text(3_565_158), "3,4 MB");
    }
}
