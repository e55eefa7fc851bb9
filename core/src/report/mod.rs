//! Reports for inspection: the annual CCHC report, the self-scoring sheet, the plan's progress,
//! the dissemination results and the evidence list, printed as PDF in the NĐ 30/2020 format
//! and (annual, plan) as DOCX to edit before signing.
//!
//! Each report reads the same core functions the screens use and builds a `doc::Doc`; `layout`
//! sets it on A4 pages and `pdf` paints them, or `docx` writes it for Word.

mod annual;
pub mod doc;
pub mod docx;
pub mod empty;
mod evidence_list;
pub mod font;
pub mod layout;
pub mod pdf;
mod plan;
mod scoring;
mod sessions;
pub mod settings;

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::period::{self, Period};
use doc::{Doc, Letterhead};
pub use settings::{Assessment, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Annual,
    Scoring,
    Plan,
    Sessions,
    Evidence,
}

impl ReportKind {
    pub const ALL: [ReportKind; 5] = [
        ReportKind::Annual,
        ReportKind::Scoring,
        ReportKind::Plan,
        ReportKind::Sessions,
        ReportKind::Evidence,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Annual => "annual",
            ReportKind::Scoring => "scoring",
            ReportKind::Plan => "plan",
            ReportKind::Sessions => "sessions",
            ReportKind::Evidence => "evidence",
        }
    }

    pub fn from_code(code: &str) -> Result<ReportKind> {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or_else(|| {
                Error::invalid(format!(
                    "Không có báo cáo “{code}”: chọn annual (báo cáo CCHC), scoring (biểu tự chấm điểm), plan (tiến độ kế hoạch), sessions (kết quả PBGDPL) hoặc evidence (danh mục tài liệu kiểm chứng)."
                ))
            })
    }

    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Annual => "Báo cáo kết quả thực hiện công tác CCHC",
            ReportKind::Scoring => "Biểu tự chấm điểm Chỉ số CCHC",
            ReportKind::Plan => "Tiến độ thực hiện kế hoạch CCHC",
            ReportKind::Sessions => "Kết quả tuyên truyền, PBGDPL",
            ReportKind::Evidence => "Danh mục tài liệu kiểm chứng",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            ReportKind::Annual => "Báo cáo định kỳ quý, 6 tháng, 9 tháng, năm: chỉ đạo điều hành, kết quả từng lĩnh vực, đánh giá, nhiệm vụ kỳ tới, kiến nghị.",
            ReportKind::Scoring => "Cây tiêu chí với điểm tối đa, điểm tự chấm, giải trình và tài liệu kiểm chứng; ghi “DỰ THẢO” cho đến khi Chủ tịch duyệt.",
            ReportKind::Plan => "Mọi nhiệm vụ của kế hoạch với thời hạn, chủ trì, trạng thái; nhiệm vụ chưa xong có lý do và giải pháp.",
            ReportKind::Sessions => "Danh sách buổi tuyên truyền, PBGDPL trong kỳ và các số liệu của Biểu 09a.",
            ReportKind::Evidence => "Theo từng tiêu chí: văn bản, tài liệu kiểm chứng với số, ngày, cơ quan ban hành.",
        }
    }

    /// Reports written for a reporting period (the others cover the whole year).
    pub fn has_period(self) -> bool {
        matches!(self, ReportKind::Annual | ReportKind::Sessions)
    }

    /// Reports offered as Word documents to edit before signing.
    pub fn docx(self) -> bool {
        matches!(self, ReportKind::Annual | ReportKind::Plan)
    }

    /// The file name offered when the report is saved: plain ASCII that every Windows folder,
    /// e-mail client and USB stick accepts, yet readable: "bao-cao-cchc-2026-quy-i.pdf". The
    /// period (without its year, already in the name) only for reports that have one.
    pub fn file_name(self, year: i32, period: &Period, format: Format) -> String {
        let base = match self {
            ReportKind::Annual => "bao-cao-cchc",
            ReportKind::Scoring => "tu-cham-diem-cchc",
            ReportKind::Plan => "ke-hoach-cchc",
            ReportKind::Sessions => "bao-cao-tuyen-truyen-pbgdpl",
            ReportKind::Evidence => "danh-muc-tai-lieu-kiem-chung",
        };
        let mut parts = vec![base.to_string(), year.to_string()];
        if self.has_period() {
            let y = year.to_string();
            let p: Vec<String> = slug(&period.name)
                .split('-')
                .filter(|w| !w.is_empty() && *w != y)
                .map(str::to_string)
                .collect();
            if !p.is_empty() {
                parts.push(p.join("-"));
            }
        }
        format!("{}.{}", parts.join("-"), format.extension())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KindInfo {
    pub kind: ReportKind,
    pub title: &'static str,
    pub description: &'static str,
    pub has_period: bool,
    pub docx: bool,
}

pub fn kinds() -> Vec<KindInfo> {
    ReportKind::ALL
        .into_iter()
        .map(|k| KindInfo {
            kind: k,
            title: k.title(),
            description: k.description(),
            has_period: k.has_period(),
            docx: k.docx(),
        })
        .collect()
}

/// The periods a report is written for: quarters, 6 and 9 months, the year (cut-off dates of
/// NĐ 09/2019).
pub const PERIOD_CODES: [&str; 7] = ["q1", "q2", "q3", "q4", "6m", "9m", "year"];

pub fn periods(year: i32) -> Vec<Period> {
    PERIOD_CODES
        .iter()
        .filter_map(|c| period::resolve(c, year).ok())
        .collect()
}

/// The reporting period `code` of `year` ("h1" is taken for "6m").
pub fn report_period(year: i32, code: &str) -> Result<Period> {
    let c = code.trim().to_lowercase();
    let c = if c == "h1" { "6m".to_string() } else { c };
    if !PERIOD_CODES.contains(&c.as_str()) {
        return Err(Error::invalid(format!(
            "Kỳ báo cáo “{code}” không hợp lệ: chọn q1, q2, q3, q4, h1 (6 tháng), 9m (9 tháng) hoặc year (năm)."
        )));
    }
    period::resolve(&c, year)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// From the file name's extension.
    pub fn of_path(path: &Path) -> Result<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("pdf") => Ok(Format::Pdf),
            Some("docx") => Ok(Format::Docx),
            _ => Err(Error::invalid(format!(
                "Tệp “{}” phải có đuôi .pdf hoặc .docx.",
                path.display()
            ))),
        }
    }
}

/// What to print.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    pub kind: ReportKind,
    pub year: i32,
    /// One of `PERIOD_CODES` for reports with a period; ignored by the others.
    #[serde(default = "year_code")]
    pub period: String,
    /// The date printed in the place-and-date line.
    pub date: NaiveDate,
    pub settings: Settings,
    pub format: Format,
}

fn year_code() -> String {
    "year".into()
}

/// A finished report.
#[derive(Debug, Clone)]
pub struct Made {
    pub bytes: Vec<u8>,
    /// Pages of the PDF (0 for a Word document, which Word paginates itself).
    pub pages: usize,
    /// Marked "DỰ THẢO" (a self-scoring sheet not yet approved).
    pub draft: bool,
}

/// What a report's content needs to know.
pub(crate) struct Ctx<'a> {
    pub conn: &'a Connection,
    pub year: i32,
    pub period: Period,
    /// Figures are as of this day (overdue tasks, the scoring state).
    pub today: NaiveDate,
    pub commune: crate::commune::Commune,
}

/// Builds the document of `req`, as of `today`, without printing it.
pub fn build(conn: &Connection, req: &Request, today: NaiveDate) -> Result<Doc> {
    build_with(conn, req, &req.settings.cleaned()?, today)
}

fn build_with(
    conn: &Connection,
    req: &Request,
    settings: &Settings,
    today: NaiveDate,
) -> Result<Doc> {
    crate::commune::require_year(conn, req.year)?;
    let period = if req.kind.has_period() {
        report_period(req.year, &req.period)?
    } else {
        report_period(req.year, "year")?
    };
    let ctx = Ctx {
        conn,
        year: req.year,
        period,
        today,
        commune: crate::commune::require(conn)?,
    };
    let mut doc = match req.kind {
        ReportKind::Annual => annual::build(&ctx)?,
        ReportKind::Scoring => scoring::build(&ctx)?,
        ReportKind::Plan => plan::build(&ctx)?,
        ReportKind::Sessions => sessions::build(&ctx)?,
        ReportKind::Evidence => evidence_list::build(&ctx)?,
    };
    doc.letterhead = letterhead(&ctx.commune, settings, req.date);
    if let Some(c) = doc.closing.as_mut() {
        c.recipients = settings.recipients.clone();
        c.signer = settings.signer.clone();
    }
    Ok(doc)
}

/// Where a report being made has got to, for a progress bar: `done` of `total` steps.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub done: usize,
    pub total: usize,
    /// "Đang đọc số liệu", "Đang dàn trang", "Đang ghi tệp", "Xong".
    pub stage: &'static str,
}

/// Builds and prints `req` into bytes (nothing is written; `remember` keeps its settings for
/// the next time). `progress` hears of each step.
pub fn make(
    conn: &Connection,
    req: &Request,
    today: NaiveDate,
    progress: &mut dyn FnMut(Step),
) -> Result<Made> {
    if req.format == Format::Docx && !req.kind.docx() {
        return Err(Error::invalid(format!(
            "“{}” chỉ in ra PDF; bản Word có cho báo cáo CCHC và tiến độ kế hoạch.",
            req.kind.title()
        )));
    }
    let step = |done, stage| Step {
        done,
        total: 3,
        stage,
    };
    progress(step(0, "Đang đọc số liệu"));
    let settings = req.settings.cleaned()?;
    let doc = build_with(conn, req, &settings, today)?;
    progress(step(1, "Đang dàn trang"));
    let made = match req.format {
        Format::Pdf => {
            let laid = layout::lay_out(&doc);
            progress(step(2, "Đang ghi tệp PDF"));
            let bytes = pdf::paint(&laid, &doc_title(&doc))?;
            Made {
                bytes,
                pages: laid.pages.len(),
                draft: doc.draft,
            }
        }
        Format::Docx => {
            progress(step(2, "Đang ghi tệp Word"));
            Made {
                bytes: docx::write(&doc)?,
                pages: 0,
                draft: doc.draft,
            }
        }
    };
    progress(step(3, "Xong"));
    Ok(made)
}

/// Prints `req` into `out` (written beside it first, then renamed: never half a file).
pub fn write(
    conn: &Connection,
    req: &Request,
    today: NaiveDate,
    out: &Path,
    progress: &mut dyn FnMut(Step),
) -> Result<Made> {
    let made = render(conn, req, today, out, progress)?;
    remember(conn, req)?;
    Ok(made)
}

/// Prints `req` into `out` like `write`, reading only: the caller remembers the settings with
/// `remember` (on the connection that writes) once the file is there.
pub fn render(
    conn: &Connection,
    req: &Request,
    today: NaiveDate,
    out: &Path,
    progress: &mut dyn FnMut(Step),
) -> Result<Made> {
    if Format::of_path(out)? != req.format {
        return Err(Error::invalid(format!(
            "Tệp “{}” không khớp định dạng đã chọn (PDF hoặc Word).",
            out.display()
        )));
    }
    crate::filename::check_output(out)?;
    let made = make(conn, req, today, progress)?;
    let tmp = out.with_extension("tmp-cchc");
    std::fs::write(&tmp, &made.bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(out, e)
    })?;
    crate::files::replace(&tmp, out)?;
    Ok(made)
}

/// Remembers the number, place, recipients and signer of a printed report for the next time.
pub fn remember(conn: &Connection, req: &Request) -> Result<()> {
    settings::remember(conn, req.kind, &req.settings.cleaned()?)
}

fn doc_title(doc: &Doc) -> String {
    std::iter::once(doc.title.as_str())
        .chain(doc.subtitle.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The header block: "ỦY BAN NHÂN DÂN / XÃ NÔNG THƯỢNG", "Số: 12/BC-UBND" and
/// "Nông Thượng, ngày 05 tháng 01 năm 2026" (days under 10 and months 1–2 with a leading 0).
fn letterhead(c: &crate::commune::Commune, s: &Settings, date: NaiveDate) -> Letterhead {
    let number = if s.number.is_empty() {
        format!("Số:       /{}", settings::NUMBER_SUFFIX)
    } else {
        format!("Số: {}", s.number)
    };
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    Letterhead {
        issuer: vec![
            "ỦY BAN NHÂN DÂN".into(),
            format!("Xã {}", c.name).to_uppercase(),
        ],
        number,
        place_date: format!(
            "{}, ngày {:02} tháng {month} năm {}",
            s.place,
            date.day(),
            date.year()
        ),
    }
}

/// A report's document before its header block and closing are filled in from the settings.
pub(crate) fn skeleton(title: &str, subtitle: Vec<String>) -> Doc {
    Doc {
        letterhead: Letterhead {
            issuer: vec![],
            number: String::new(),
            place_date: String::new(),
        },
        title: title.to_string(),
        subtitle,
        blocks: Vec::new(),
        closing: Some(doc::Closing {
            recipients: Vec::new(),
            signer: doc::Signer {
                on_behalf: String::new(),
                title: String::new(),
                name: String::new(),
            },
        }),
        draft: false,
        landscape: false,
    }
}

/// I, II, III … for section and group numbers.
pub(crate) fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

// "16/20 (80%)": a part of a whole with its share, one decimal, Vietnamese separators.
pub(crate) use crate::plan::progress::share;

/// "Quý I/2026" → "quy-i-2026": no diacritics, lower case, words joined by "-".
pub fn slug(text: &str) -> String {
    let folded = crate::text::fold(text);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// "Quý II/2026" becomes "quý II/2026" inside a sentence.
pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
pub(crate) mod sample {
    use super::doc::*;

    /// A document with every kind of block, and a table longer than a page.
    pub fn doc(draft: bool, rows: usize) -> Doc {
        let mut blocks = vec![
            Block::Heading("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH".into()),
            Block::Paragraph(Para::body(
                "Căn cứ Kế hoạch số 05/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã Nông Thượng về thực hiện công tác cải cách hành chính năm 2026, Ủy ban nhân dân xã báo cáo kết quả thực hiện như sau: đã thực hiện được 16/20 nhiệm vụ, đạt 80%; tổ chức 15 buổi tuyên truyền với 688 lượt người tham dự.",
            )),
        ];
        let mut table_rows = vec![Row::bold(vec!["I".into(), "CẢI CÁCH THỂ CHẾ".into()])];
        for i in 1..=rows {
            table_rows.push(Row::new(vec![
                i.to_string(),
                format!("Nhiệm vụ số {i}: rà soát, hệ thống hóa văn bản quy phạm pháp luật do Hội đồng nhân dân, Ủy ban nhân dân xã ban hành"),
                "Nguyễn Văn An".into(),
                "Quý II/2026".into(),
                "Hoàn thành".into(),
            ]));
        }
        blocks.push(Block::Table(Table {
            columns: vec![
                column("STT", 1.0, Align::Centre),
                column("Nội dung nhiệm vụ", 6.0, Align::Left),
                column("Chủ trì", 2.5, Align::Left),
                column("Thời hạn", 2.0, Align::Centre),
                column("Trạng thái", 2.2, Align::Centre),
            ],
            rows: table_rows,
            font_size: 12.0,
        }));
        blocks.push(Block::Paragraph(Para::body("Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính năm 2026 của Ủy ban nhân dân xã Nông Thượng.")));
        Doc {
            letterhead: Letterhead {
                issuer: vec!["ỦY BAN NHÂN DÂN".into(), "XÃ NÔNG THƯỢNG".into()],
                number: "Số: 12/BC-UBND".into(),
                place_date: "Nông Thượng, ngày 05 tháng 01 năm 2026".into(),
            },
            title: "BÁO CÁO".into(),
            subtitle: vec!["Kết quả thực hiện công tác cải cách hành chính năm 2026".into()],
            blocks,
            closing: Some(Closing {
                recipients: vec![
                    "UBND tỉnh Thái Nguyên".into(),
                    "Sở Nội vụ tỉnh Thái Nguyên".into(),
                    "Lưu: VT, VP".into(),
                ],
                signer: Signer {
                    on_behalf: "TM. ỦY BAN NHÂN DÂN".into(),
                    title: "CHỦ TỊCH".into(),
                    name: "Hoàng Văn Bình".into(),
                },
            }),
            draft,
            landscape: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(code: &str, name: &str) -> Period {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        Period {
            code: code.into(),
            name: name.into(),
            from: d,
            to: d,
        }
    }

    #[test]
    fn slugs_drop_diacritics_d_and_punctuation() {
        assert_eq!(slug("  Đánh giá: Quý IV/2026 "), "danh-gia-quy-iv-2026");
        // Decomposed text (from old tools) gives the same name.
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Quý").collect();
        assert_eq!(slug(&nfd), "quy");
    }

    #[test]
    fn file_names_name_the_period_without_repeating_the_year() {
        let a = ReportKind::Annual;
        assert_eq!(
            a.file_name(2026, &named("year", "Năm 2026"), Format::Pdf),
            "bao-cao-cchc-2026-nam.pdf"
        );
        assert_eq!(
            a.file_name(2026, &named("q1", "Quý I/2026"), Format::Docx),
            "bao-cao-cchc-2026-quy-i.docx"
        );
        assert_eq!(
            a.file_name(2026, &named("6m", "6 tháng đầu năm 2026"), Format::Pdf),
            "bao-cao-cchc-2026-6-thang-dau-nam.pdf"
        );
        // The reporting periods as the app offers them: no dates in the name.
        let names: Vec<String> = periods(2026)
            .iter()
            .map(|p| a.file_name(2026, p, Format::Pdf))
            .collect();
        assert_eq!(
            names,
            [
                "bao-cao-cchc-2026-quy-i.pdf",
                "bao-cao-cchc-2026-quy-ii.pdf",
                "bao-cao-cchc-2026-quy-iii.pdf",
                "bao-cao-cchc-2026-quy-iv.pdf",
                "bao-cao-cchc-2026-6-thang-dau-nam.pdf",
                "bao-cao-cchc-2026-9-thang-dau-nam.pdf",
                "bao-cao-cchc-2026-nam.pdf",
            ]
        );
    }

    #[test]
    fn file_names_leave_the_period_out_for_reports_without_one() {
        let q1 = report_period(2026, "q1").unwrap();
        assert_eq!(
            ReportKind::Plan.file_name(2026, &q1, Format::Pdf),
            "ke-hoach-cchc-2026.pdf"
        );
    }
}
