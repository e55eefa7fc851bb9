//! Making the sealed dossier from an approved sheet: refused, with nothing written, until the
//! chairman has approved every criterion that applies; then the evidence by criterion, the sheet
//! as data, the list for Excel, the manifest, the two documents carrying its code, and the
//! seal, written to a temporary file beside the target and renamed only when complete.

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::letter::{self, LetterKind};
use super::manifest::{self, FileEntry, Manifest, Seal, SealedDocument};
use super::sheet::{EvidenceRef, ReceivedNode, SheetData};
use super::{EVIDENCE_DIR, LIST, MANIFEST, REPORT, SEAL, SHEET};
use crate::error::{Error, Result};
use crate::evidence::blobs::{self, TempFile};
use crate::evidence::{self, Document, Revision, Target};
use crate::filename as names;
use crate::report::doc::Seal as PrintedSeal;
use crate::report::{self, layout, pdf, ReportKind, Settings};
use crate::scoring::sheet::{self as score_sheet, Node, Sheet};
use crate::scoring::workflow::State;

/// What to make.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierRequest {
    pub year: i32,
    #[serde(default)]
    pub letter: LetterKind,
    /// The cover letter's date.
    pub date: NaiveDate,
    /// The cover letter's number, place, recipients and signer.
    pub settings: Settings,
}

/// Whether a dossier can be made now, and what stands in the way.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "DossierPreflight")]
pub struct Preflight {
    pub year: i32,
    pub ready: bool,
    /// Why not, in Vietnamese; empty when ready.
    pub problems: Vec<String>,
    pub appraising_body: String,
    pub approved_by: String,
    pub approved_at: String,
    /// The cover letter's settings as last used (or the usual ones), per kind.
    pub to_trinh: Settings,
    pub cong_van: Settings,
    /// The file name to offer: "ho-so-de-nghi-tham-dinh-cchc-2025-nong-thuong.zip".
    pub file_name: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierMade {
    pub path: PathBuf,
    /// The manifest's SHA-256 and its short form, as printed.
    pub sha256: String,
    pub code: String,
    /// Every file in the zip.
    pub files: usize,
    pub evidence_files: usize,
    pub documents: usize,
    pub criteria: usize,
    pub message: String,
}

/// Who approved the sheet and when: each leaf's latest approval.
struct Approval {
    by: String,
    at: String,
    /// Criterion id → when it was approved.
    leaf_at: HashMap<i64, String>,
}

fn approval(conn: &Connection, year: i32) -> Result<Approval> {
    let mut stmt = conn.prepare(
        "SELECT e.criterion_id, e.actor_name, e.at FROM score_event e
         JOIN criterion c ON c.id = e.criterion_id
         WHERE c.year = ?1 AND e.action = 'approve' ORDER BY e.id",
    )?;
    let rows = stmt
        .query_map([year], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut leaf_at = HashMap::new();
    let mut by_leaf: HashMap<i64, String> = HashMap::new();
    for (id, name, at) in rows {
        leaf_at.insert(id, at);
        by_leaf.insert(id, name);
    }
    let mut names: Vec<String> = by_leaf.into_values().collect();
    names.sort();
    names.dedup();
    let at = leaf_at.values().max().cloned().unwrap_or_default();
    Ok(Approval {
        by: names.join(", "),
        at,
        leaf_at,
    })
}

fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
    for n in nodes {
        out.push(n);
        walk(&n.children, out);
    }
}

/// The criteria not yet approved, by code: what keeps the dossier from being made.
fn unapproved(sheet: &Sheet) -> Vec<String> {
    let mut all = Vec::new();
    walk(&sheet.nodes, &mut all);
    all.iter()
        .filter(|n| !n.not_applicable)
        .filter_map(|n| n.leaf.as_ref().map(|l| (n, l)))
        .filter(|(_, l)| l.state != State::Approved)
        .map(|(n, l)| format!("{} ({})", n.full_code, l.state_label.to_lowercase()))
        .collect()
}

fn problems(conn: &Connection, year: i32, today: NaiveDate) -> Result<(Sheet, Vec<String>)> {
    let commune = crate::commune::require(conn)?;
    crate::commune::require_year(conn, year)?;
    let sheet = score_sheet::sheet(conn, year, today)?;
    let mut out = Vec::new();
    if sheet.status == "no_criteria" {
        out.push(format!("Năm {year} chưa có bộ tiêu chí và điểm tự chấm."));
    } else {
        let waiting = unapproved(&sheet);
        if !waiting.is_empty() {
            let shown: Vec<String> = waiting.iter().take(8).cloned().collect();
            out.push(format!(
                "Chủ tịch UBND xã chưa duyệt toàn bộ biểu tự chấm: còn {} tiêu chí chưa duyệt: {}{}.",
                waiting.len(),
                shown.join(", "),
                match waiting.len() - shown.len() {
                    0 => String::new(),
                    more => format!(" và {more} tiêu chí khác"),
                }
            ));
        }
    }
    if commune.superior.trim().is_empty() {
        out.push(
            "Chưa có cơ quan thẩm định (cơ quan cấp trên): hãy nhập ở Cài đặt › Thông tin xã."
                .into(),
        );
    }
    Ok((sheet, out))
}

fn file_name(commune: &crate::commune::Commune, year: i32) -> String {
    format!(
        "ho-so-de-nghi-tham-dinh-cchc-{year}-{}.zip",
        report::slug(&commune.name)
    )
}

fn letter_settings(conn: &Connection, kind: LetterKind) -> Result<Settings> {
    if let Some(s) = report::settings::saved(conn, kind.settings_code())? {
        return Ok(s);
    }
    let mut s = report::settings::defaults(conn, ReportKind::Scoring)?;
    s.recipients = vec!["Như trên".into(), "Lưu: VT, VP".into()];
    Ok(s)
}

/// Whether `year`'s dossier can be made, with the cover letter's settings to start from.
pub fn preflight(conn: &Connection, year: i32, today: NaiveDate) -> Result<Preflight> {
    let (_, problems) = problems(conn, year, today)?;
    let commune = crate::commune::require(conn)?;
    let a = approval(conn, year)?;
    Ok(Preflight {
        year,
        ready: problems.is_empty(),
        problems,
        appraising_body: commune.superior.clone(),
        approved_by: a.by,
        approved_at: a.at,
        to_trinh: letter_settings(conn, LetterKind::ToTrinh)?,
        cong_van: letter_settings(conn, LetterKind::CongVan)?,
        file_name: file_name(&commune, year),
    })
}

/// One evidence file to put in the zip.
struct Planned {
    path: String,
    revision: Revision,
    document: i64,
    citation: String,
    criterion: String,
    approved_revision: bool,
}

/// The revisions a criterion cites: the one current when it was approved and every later one;
/// all of them when the document was linked after the approval had no file of it.
fn cited(doc: &Document, approved_at: Option<&str>) -> Vec<(Revision, bool)> {
    let at_approval = approved_at.and_then(|at| {
        doc.revisions
            .iter()
            .filter(|r| r.added_at.as_str() <= at)
            .map(|r| r.revision)
            .max()
    });
    doc.revisions
        .iter()
        .filter(|r| at_approval.is_none_or(|a| r.revision >= a))
        .map(|r| (r.clone(), Some(r.revision) == at_approval))
        .collect()
}

/// The evidence by criterion, in the order of the set: "03-tai-lieu-kiem-chung/I/1.1 Ban hành
/// kế hoạch/05-KH-UBND.pdf"; and the sheet as data pointing at those paths.
fn plan_evidence(
    conn: &Connection,
    sheet: &Sheet,
    approval: &Approval,
) -> Result<(Vec<Planned>, Vec<ReceivedNode>, usize)> {
    let mut names = names::ZipNames::default();
    let mut planned = Vec::new();
    let mut criteria = 0;
    fn node(
        conn: &Connection,
        n: &Node,
        field: &str,
        approval: &Approval,
        names: &mut names::ZipNames,
        planned: &mut Vec<Planned>,
        criteria: &mut usize,
    ) -> Result<ReceivedNode> {
        let docs = evidence::documents_for(conn, Target::Criterion(n.id))?;
        let mut refs = Vec::new();
        if !docs.is_empty() {
            *criteria += 1;
            let rest = n
                .full_code
                .strip_prefix(field)
                .and_then(|r| r.strip_prefix('.'))
                .filter(|r| !r.is_empty());
            let field_dir = names::component(field, 20);
            let folder = match rest {
                Some(rest) => format!(
                    "{EVIDENCE_DIR}/{field_dir}/{}",
                    names::component(&format!("{rest} {}", n.title), 70)
                ),
                None => format!("{EVIDENCE_DIR}/{field_dir}"),
            };
            // A parent criterion's own documents were approved with the sheet.
            let approved_at = approval
                .leaf_at
                .get(&n.id)
                .map(String::as_str)
                .or(Some(approval.at.as_str()).filter(|a| !a.is_empty()));
            for doc in &docs {
                let revisions = cited(doc, approved_at);
                let several = revisions.len() > 1;
                for (rev, approved_revision) in revisions {
                    let ext = names::extension(&rev.original_name);
                    let mut stem = names::component(&doc.doc_number, 60);
                    if stem.is_empty() {
                        stem = names::component(&doc.title, 80);
                    }
                    if stem.is_empty() {
                        stem = format!("Tài liệu {}", doc.id);
                    }
                    if several {
                        stem = format!("{stem} (bản {})", rev.revision);
                    }
                    let name = names.claim(&folder, &stem, &ext);
                    let path = format!("{folder}/{name}");
                    refs.push(EvidenceRef {
                        path: path.clone(),
                        citation: doc.citation.clone(),
                        revision: rev.revision,
                        approved_revision,
                    });
                    planned.push(Planned {
                        path,
                        revision: rev,
                        document: doc.id,
                        citation: doc.citation.clone(),
                        criterion: n.full_code.clone(),
                        approved_revision,
                    });
                }
            }
        }
        let children = n
            .children
            .iter()
            .map(|c| node(conn, c, field, approval, names, planned, criteria))
            .collect::<Result<Vec<_>>>()?;
        Ok(ReceivedNode {
            code: n.full_code.clone(),
            title: n.title.clone(),
            max: n.max_points.display(),
            self_score: if n.not_applicable {
                "KAD".into()
            } else {
                n.self_points.display()
            },
            explanation: n
                .leaf
                .as_ref()
                .map(|l| l.explanation.clone())
                .unwrap_or_default(),
            not_applicable: n.not_applicable,
            evidence: refs,
            children,
        })
    }
    let mut nodes = Vec::new();
    for n in &sheet.nodes {
        nodes.push(node(
            conn,
            n,
            &n.full_code,
            approval,
            &mut names,
            &mut planned,
            &mut criteria,
        )?);
    }
    Ok((planned, nodes, criteria))
}

/// The list of the dossier's evidence as a workbook (Vietnamese Excel reads .xlsx whatever its
/// list separator).
fn list_xlsx(planned: &[Planned]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::Internal(format!("không tạo được danh mục tài liệu: {e}"))
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Danh mục").map_err(failed)?;
    let bold = Format::new().set_bold();
    let headers = [
        "STT",
        "Tiêu chí",
        "Tài liệu",
        "Bản",
        "Bản khi duyệt",
        "Đường dẫn trong hồ sơ",
        "SHA-256",
        "Dung lượng (byte)",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_with_format(0, c as u16, *h, &bold)
            .map_err(failed)?;
    }
    for (i, p) in planned.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write(r, 0, r).map_err(failed)?;
        sheet.write(r, 1, &p.criterion).map_err(failed)?;
        sheet.write(r, 2, &p.citation).map_err(failed)?;
        sheet
            .write(r, 3, p.revision.revision as f64)
            .map_err(failed)?;
        sheet
            .write(
                r,
                4,
                if p.approved_revision {
                    "Có"
                } else {
                    "Sau khi duyệt"
                },
            )
            .map_err(failed)?;
        sheet.write(r, 5, &p.path).map_err(failed)?;
        sheet.write(r, 6, &p.revision.sha256).map_err(failed)?;
        sheet.write(r, 7, p.revision.size as f64).map_err(failed)?;
    }
    for (c, w) in [6.0, 10.0, 60.0, 6.0, 14.0, 60.0, 66.0, 16.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w).map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

fn zip_error(path: &Path, e: zip::result::ZipError) -> Error {
    Error::io(path, std::io::Error::other(e))
}

/// Makes `req`'s dossier into `out`. Refused, with nothing written, unless the whole sheet is
/// approved. `progress` hears "Đang đọc số liệu", "Đang in tờ trình và báo cáo", "Đang đóng gói
/// tài liệu kiểm chứng" with the files done so far.
pub fn make(
    conn: &Connection,
    evidence_dir: &Path,
    req: &DossierRequest,
    today: NaiveDate,
    out: &Path,
    progress: &mut dyn FnMut(report::Step),
) -> Result<DossierMade> {
    let made = render(conn, evidence_dir, req, today, out, progress)?;
    remember(conn, req)?;
    Ok(made)
}

/// Remembers the cover letter's number, place, recipients and signer for the next dossier.
pub fn remember(conn: &Connection, req: &DossierRequest) -> Result<()> {
    let settings = req.settings.cleaned(req.letter.number_suffix())?;
    report::settings::remember_as(conn, req.letter.settings_code(), &settings)
}

/// Makes the dossier like `make`, only reading: the caller remembers the letter's settings
/// with `remember` (on the connection that writes) once the file is there.
pub fn render(
    conn: &Connection,
    evidence_dir: &Path,
    req: &DossierRequest,
    today: NaiveDate,
    out: &Path,
    progress: &mut dyn FnMut(report::Step),
) -> Result<DossierMade> {
    let year = req.year;
    let (sheet, problems) = problems(conn, year, today)?;
    if !problems.is_empty() {
        return Err(Error::invalid(format!(
            "Chưa lập được hồ sơ đề nghị thẩm định năm {year}: {} Hồ sơ chỉ lập khi toàn bộ biểu tự chấm đã được Chủ tịch duyệt; chưa ghi tệp nào.",
            problems.join(" ")
        )));
    }
    if out
        .extension()
        .and_then(|e| e.to_str())
        .is_none_or(|e| !e.eq_ignore_ascii_case("zip"))
    {
        return Err(Error::invalid(format!(
            "Tệp hồ sơ “{}” phải có đuôi .zip.",
            out.display()
        )));
    }
    names::check_output(out)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::invalid(format!(
            "Thư mục “{}” không tồn tại: hãy chọn nơi lưu hồ sơ khác.",
            parent.display()
        )));
    }
    let settings = req.settings.cleaned(req.letter.number_suffix())?;
    let commune = crate::commune::require(conn)?;
    let a = approval(conn, year)?;
    let mut step = |done, total, stage| progress(report::Step { done, total, stage });
    step(0, 3, "Đang đọc số liệu");
    let (planned, nodes, criteria) = plan_evidence(conn, &sheet, &a)?;
    let set = [sheet.title.as_str(), sheet.decision.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let data = SheetData {
        year,
        commune: commune.display_name.clone(),
        criteria_set: set.clone(),
        self_total: sheet.self_total.display(),
        max_total: sheet.max_total.display(),
        rating: score_sheet::self_rating(conn, &sheet)?,
        nodes,
    };
    let sheet_json = serde_json::to_vec_pretty(&data)
        .map_err(|e| Error::Internal(format!("không ghi được {SHEET}: {e}")))?;
    let list = list_xlsx(&planned)?;

    let mut files = vec![
        FileEntry {
            path: SHEET.into(),
            sha256: manifest::sha256(&sheet_json),
            size: sheet_json.len() as u64,
            role: "sheet".into(),
            criterion: String::new(),
            citation: String::new(),
            document_id: None,
            revision: None,
            approved_revision: false,
        },
        FileEntry {
            path: LIST.into(),
            sha256: manifest::sha256(&list),
            size: list.len() as u64,
            role: "list".into(),
            criterion: String::new(),
            citation: String::new(),
            document_id: None,
            revision: None,
            approved_revision: false,
        },
    ];
    for p in &planned {
        files.push(FileEntry {
            path: p.path.clone(),
            sha256: p.revision.sha256.clone(),
            size: u64::try_from(p.revision.size).unwrap_or(0),
            role: "evidence".into(),
            criterion: p.criterion.clone(),
            citation: p.citation.clone(),
            document_id: Some(p.document),
            revision: Some(p.revision.revision),
            approved_revision: p.approved_revision,
        });
    }
    let m = Manifest {
        format: manifest::FORMAT.into(),
        format_version: manifest::FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").into(),
        created_at: crate::clock::now_text(),
        commune: commune.display_name.clone(),
        province: commune.province.clone(),
        year,
        appraising_body: commune.superior.clone(),
        approved_by: a.by.clone(),
        approved_at: a.at.clone(),
        self_total: data.self_total.clone(),
        max_total: data.max_total.clone(),
        files,
    };
    let manifest_json = serde_json::to_vec_pretty(&m)
        .map_err(|e| Error::Internal(format!("không ghi được {MANIFEST}: {e}")))?;
    let sha = manifest::sha256(&manifest_json);
    let code = manifest::short_code(&sha);

    step(1, 3, "Đang in tờ trình và báo cáo");
    let seal = PrintedSeal {
        text: format!(
            "Hồ sơ đề nghị thẩm định Chỉ số CCHC năm {year} – mã hồ sơ: {code}. Kiểm tra bằng phần mềm CCHC Xã (Kiểm tra hồ sơ) hoặc lệnh “cchc dossier verify”; mã quét từ ô vuông bên cạnh là mã đầy đủ."
        ),
        qr: sha.to_uppercase(),
    };
    let documents: HashSet<i64> = planned.iter().map(|p| p.document).collect();
    let self_rating = score_sheet::self_rating(conn, &sheet)?;
    let facts = letter::Facts {
        year,
        commune: &commune,
        criteria_set: set,
        self_total: data.self_total.clone(),
        max_total: data.max_total.clone(),
        rating: self_rating,
        approved_by: a.by.clone(),
        approved_on: a.at.get(..10).and_then(|d| d.parse().ok()),
        evidence_files: planned.len(),
        documents: documents.len(),
        criteria,
        code: code.clone(),
    };
    let mut letter_doc = letter::build(req.letter, &facts, &settings, req.date);
    letter_doc.seal = Some(seal.clone());
    let mut report_doc = report::scoring::for_dossier(conn, year, today, &settings, req.date)?;
    report_doc.seal = Some(seal);
    if letter_doc.draft || report_doc.draft {
        return Err(Error::Internal(
            "hồ sơ niêm phong không được chứa trang DỰ THẢO".into(),
        ));
    }
    let letter_pdf = pdf::paint(
        &layout::lay_out(&letter_doc),
        &report::meta(&letter_doc, &commune, req.letter.label()),
    )?;
    let report_pdf = pdf::paint(
        &layout::lay_out(&report_doc),
        &report::meta(&report_doc, &commune, ReportKind::Scoring.title()),
    )?;
    let seal = Seal::new(
        sha.clone(),
        vec![
            SealedDocument {
                path: req.letter.file_name().into(),
                sha256: manifest::sha256(&letter_pdf),
                size: letter_pdf.len() as u64,
            },
            SealedDocument {
                path: REPORT.into(),
                sha256: manifest::sha256(&report_pdf),
                size: report_pdf.len() as u64,
            },
        ],
    );
    let seal_json = serde_json::to_vec_pretty(&seal)
        .map_err(|e| Error::Internal(format!("không ghi được {SEAL}: {e}")))?;

    let (temp, file) = TempFile::create(parent, "ho-so-tham-dinh")?;
    let temp_path = temp.path().to_path_buf();
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let modified = crate::clock::zip_now();
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(modified);
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(modified);
    let put = |zip: &mut ZipWriter<BufWriter<std::fs::File>>, name: &str, bytes: &[u8]| {
        zip.start_file(name, deflated)
            .map_err(|e| zip_error(&temp_path, e))?;
        zip.write_all(bytes).map_err(|e| Error::io(&temp_path, e))
    };
    put(&mut zip, req.letter.file_name(), &letter_pdf)?;
    put(&mut zip, REPORT, &report_pdf)?;
    let total = planned.len();
    for (i, p) in planned.iter().enumerate() {
        progress(report::Step {
            done: i,
            total,
            stage: "Đang đóng gói tài liệu kiểm chứng",
        });
        zip.start_file(p.path.as_str(), stored)
            .map_err(|e| zip_error(&temp_path, e))?;
        let (_, state) = blobs::copy_checked(evidence_dir, &p.revision.sha256, &mut zip)
            .map_err(|e| Error::io(&temp_path, e))?;
        if state.is_some() {
            return Err(Error::invalid(format!(
                "Tệp “{}” (bản {}) của tài liệu “{}” bị thiếu hoặc hỏng trong kho tài liệu kiểm chứng: hồ sơ niêm phong phải đầy đủ nên chưa ghi tệp nào. Hãy chạy Kiểm tra dữ liệu, thay tệp rồi lập lại hồ sơ.",
                p.revision.original_name, p.revision.revision, p.citation
            )));
        }
    }
    put(&mut zip, SHEET, &sheet_json)?;
    put(&mut zip, LIST, &list)?;
    put(&mut zip, MANIFEST, &manifest_json)?;
    put(&mut zip, SEAL, &seal_json)?;
    let buffered = zip.finish().map_err(|e| zip_error(&temp_path, e))?;
    let file = buffered
        .into_inner()
        .map_err(|e| Error::io(&temp_path, e.into_error()))?;
    file.sync_all().map_err(|e| Error::io(&temp_path, e))?;
    drop(file);
    temp.persist(out)?;
    progress(report::Step {
        done: total,
        total,
        stage: "Xong",
    });
    let files = m.files.len() + 4;
    Ok(DossierMade {
        path: out.to_path_buf(),
        message: format!(
            "Đã lập hồ sơ đề nghị thẩm định năm {year}: {files} tệp, {} tệp tài liệu kiểm chứng của {} tài liệu theo {criteria} tiêu chí; mã hồ sơ {code}.",
            planned.len(),
            documents.len()
        ),
        sha256: sha,
        code,
        files,
        evidence_files: planned.len(),
        documents: documents.len(),
        criteria,
    })
}
