//! Report 2, "Biểu tự chấm điểm Chỉ số CCHC": the criteria tree with each criterion's maximum,
//! self-score, explanation and evidence, the appraisal columns once there are appraisal
//! scores, and the totals. Until the chairman has approved the sheet every page says
//! "DỰ THẢO". Printed landscape: the table is wide.

use super::doc::{column, Align, Block, Doc, Para, Row, Table};
use super::{skeleton, Ctx};
use crate::error::Result;
use crate::evidence::{self, Target};
use crate::scoring::points::Points;
use crate::scoring::sheet::{self, Node, Sheet};

pub(super) fn build(ctx: &Ctx) -> Result<Doc> {
    build_as(ctx, false)
}

/// The report as the appraisal dossier holds it: what the chairman approved, without the
/// appraisal columns a later print adds, with its header block and signature.
pub(crate) fn for_dossier(
    conn: &rusqlite::Connection,
    year: i32,
    today: chrono::NaiveDate,
    settings: &super::Settings,
    date: chrono::NaiveDate,
) -> Result<Doc> {
    let ctx = Ctx {
        conn,
        year,
        period: super::report_period(year, "year")?,
        today,
        commune: crate::commune::require(conn)?,
    };
    let mut doc = build_as(&ctx, true)?;
    // The report goes with the cover letter under the same number series (BC-UBND).
    let mut s = settings.clone();
    s.number = String::new();
    doc.letterhead = super::letterhead(&ctx.commune, &s, date, super::settings::NUMBER_SUFFIX);
    if let Some(c) = doc.closing.as_mut() {
        c.recipients = settings.recipients.clone();
        c.signer = settings.signer.clone();
    }
    Ok(doc)
}

fn build_as(ctx: &Ctx, submitted: bool) -> Result<Doc> {
    let year = ctx.year;
    let sheet = sheet::sheet(ctx.conn, year, ctx.today)?;
    let mut doc = skeleton(
        "BÁO CÁO",
        vec![format!(
            "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}"
        )],
    );
    doc.landscape = true;
    doc.draft = !matches!(sheet.status.as_str(), "approved" | "appraised");
    let set = [sheet.title.as_str(), sheet.decision.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let basis = if set.is_empty() {
        String::new()
    } else {
        format!("Căn cứ {set}, ")
    };
    let state = if submitted {
        "Chủ tịch Ủy ban nhân dân xã đã duyệt".to_string()
    } else {
        format!("tình trạng: {}", sheet.status_label.to_lowercase())
    };
    doc.blocks.push(Block::Paragraph(Para::body(format!(
        "{basis}Ủy ban nhân dân xã {} tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year} như sau ({state}):",
        ctx.commune.name,
    ))));
    let appraised = !submitted && (sheet.round1_total.is_some() || sheet.round2_total.is_some());
    doc.blocks
        .push(Block::Table(table(ctx, &sheet, appraised)?));
    doc.blocks.push(Block::Paragraph(Para::bold(totals(
        &sheet,
        submitted
            .then(|| sheet::self_rating(ctx.conn, &sheet))
            .transpose()?,
    ))));
    for m in &sheet.mismatches {
        doc.blocks.push(Block::Paragraph(Para::italic(m.clone())));
    }
    Ok(doc)
}

/// The totals line; `submitted` carries the rating of the self-scores when the report is the
/// one submitted for appraisal (rated on the self-scores, whatever was appraised since).
fn totals(s: &Sheet, submitted: Option<Option<String>>) -> String {
    let mut t = format!(
        "Tổng điểm tự chấm: {}/{} điểm",
        s.self_total.display(),
        s.max_total.display()
    );
    if let Some(rating) = submitted {
        if let Some(r) = rating {
            t.push_str(&format!("; tự xếp loại: {r}"));
        }
        t.push('.');
        return t;
    }
    if let Some(f) = s.final_total {
        t.push_str(&format!("; điểm thẩm định: {}", f.display()));
    }
    if let Some(r) = &s.rating {
        t.push_str(&format!("; xếp loại: {r} (theo {})", s.rating_of));
    }
    t.push('.');
    t
}

fn table(ctx: &Ctx, s: &Sheet, appraised: bool) -> Result<Table> {
    let mut columns = vec![
        column("Mã số", 1.1, Align::Left),
        column("Lĩnh vực, tiêu chí, tiêu chí thành phần", 5.0, Align::Left),
        column("Điểm tối đa", 1.1, Align::Centre),
        column("Điểm tự chấm", 1.1, Align::Centre),
        column("Giải trình cách chấm", 4.2, Align::Left),
        column("Tài liệu kiểm chứng", 5.0, Align::Left),
    ];
    if appraised {
        columns.push(column("Điểm thẩm định", 1.2, Align::Centre));
    }
    let mut rows = Vec::new();
    walk(ctx, &s.nodes, appraised, &mut rows)?;
    let mut total = vec![
        String::new(),
        "TỔNG ĐIỂM".to_string(),
        s.max_total.display(),
        s.self_total.display(),
        String::new(),
        String::new(),
    ];
    if appraised {
        total.push(s.final_total.map(Points::display).unwrap_or_default());
    }
    rows.push(Row::bold(total));
    Ok(Table {
        columns,
        rows,
        font_size: 11.0,
    })
}

fn walk(ctx: &Ctx, nodes: &[Node], appraised: bool, rows: &mut Vec<Row>) -> Result<()> {
    for n in nodes {
        let parent = !n.children.is_empty();
        let self_score = match &n.leaf {
            _ if n.not_applicable => "KAD".to_string(),
            Some(l) => l.self_score.map(Points::display).unwrap_or_default(),
            None => n.self_points.display(),
        };
        let explanation = if n.not_applicable {
            format!("Không áp dụng: {}", n.not_applicable_reason)
        } else {
            n.leaf
                .as_ref()
                .map(|l| l.explanation.clone())
                .unwrap_or_default()
        };
        let docs = evidence::documents_for(ctx.conn, Target::Criterion(n.id))?;
        let mut cited: Vec<String> = docs.iter().map(|d| format!("- {}", d.citation)).collect();
        if let Some(l) = &n.leaf {
            let scored = l.self_score.is_some_and(|p| p.0 > 0);
            if scored && docs.is_empty() && !n.not_applicable {
                cited.push("(Chưa có tài liệu kiểm chứng)".to_string());
            }
        }
        let mut cells = vec![
            n.full_code.clone(),
            n.title.clone(),
            n.max_points.display(),
            self_score,
            explanation,
            cited.join("\n"),
        ];
        if appraised {
            cells.push(n.final_points.map(Points::display).unwrap_or_default());
        }
        rows.push(if parent {
            Row::bold(cells)
        } else {
            Row::new(cells)
        });
        walk(ctx, &n.children, appraised, rows)?;
    }
    Ok(())
}
