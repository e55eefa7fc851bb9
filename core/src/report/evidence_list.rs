//! Report 5, "Danh mục tài liệu kiểm chứng": for each criterion of the year's set that has
//! documents, the documents with their number, date and issuer, in the order of the set.

use super::doc::{column, Align, Block, Doc, Para, Row, Table};
use super::{date, skeleton, Ctx};
use crate::error::Result;
use crate::evidence::{self, Target};
use crate::scoring::sheet::{self, Node};

pub(super) fn build(ctx: &Ctx) -> Result<Doc> {
    let year = ctx.year;
    let sheet = sheet::sheet(ctx.conn, year, ctx.today)?;
    let mut doc = skeleton(
        "DANH MỤC",
        vec![format!(
            "Tài liệu kiểm chứng kết quả tự chấm điểm Chỉ số cải cách hành chính năm {year}"
        )],
    );
    doc.draft = !matches!(sheet.status.as_str(), "approved" | "appraised");
    let mut rows = Vec::new();
    let mut count = 0;
    walk(ctx, &sheet.nodes, &mut rows, &mut count)?;
    if rows.is_empty() {
        doc.blocks.push(Block::Paragraph(Para::body(
            "Chưa có tài liệu kiểm chứng nào được gắn với tiêu chí của năm.",
        )));
    } else {
        doc.blocks.push(Block::Paragraph(Para::body(format!(
            "Kèm theo kết quả tự chấm điểm Chỉ số cải cách hành chính năm {year} của Ủy ban nhân dân xã {}: {count} lượt tài liệu kiểm chứng.",
            ctx.commune.name
        ))));
        doc.blocks.push(Block::Table(Table {
            columns: vec![
                column("STT", 1.0, Align::Centre),
                column("Tên văn bản, tài liệu", 4.6, Align::Left),
                column("Số, ký hiệu", 1.9, Align::Centre),
                column("Ngày ban hành", 1.7, Align::Centre),
                column("Cơ quan ban hành", 2.4, Align::Left),
                column("Vị trí", 1.6, Align::Left),
            ],
            rows,
            font_size: 12.0,
        }));
    }
    Ok(doc)
}

fn walk(ctx: &Ctx, nodes: &[Node], rows: &mut Vec<Row>, count: &mut usize) -> Result<()> {
    for n in nodes {
        let docs = evidence::documents_for(ctx.conn, Target::Criterion(n.id))?;
        if !docs.is_empty() {
            rows.push(Row::bold(vec![
                n.full_code.clone(),
                format!("{} (tối đa {} điểm)", n.title, n.max_points.display()),
            ]));
            for d in docs {
                *count += 1;
                rows.push(Row::new(vec![
                    count.to_string(),
                    d.title.clone(),
                    d.doc_number.clone(),
                    d.doc_date.map(date).unwrap_or_default(),
                    d.issuer.clone(),
                    d.location.clone(),
                ]));
            }
        }
        walk(ctx, &n.children, rows, count)?;
    }
    Ok(())
}
