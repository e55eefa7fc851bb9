//! Report 3, "Tiến độ thực hiện kế hoạch": every task of the year's plan with its deadline,
//! lead and status, grouped by reform area; then the unfinished ones with the reason and the
//! proposed way to finish.

use super::doc::{column, Align, Block, Doc, Para, Row, Table};
use super::{date, roman, skeleton, Ctx};
use crate::error::Result;
use crate::plan::progress::{self, Standing};
use crate::plan::reference;
use crate::plan::tasks::{self, TaskView};

pub(super) fn build(ctx: &Ctx) -> Result<Doc> {
    let year = ctx.year;
    let list = tasks::list(ctx.conn, year, ctx.today)?;
    let info = reference::get(ctx.conn, year)?;
    let mut doc = skeleton(
        "BÁO CÁO",
        vec![format!(
            "Tiến độ thực hiện Kế hoạch cải cách hành chính năm {year}"
        )],
    );
    let plan = info
        .citation()
        .map(|c| format!("{c} của Ủy ban nhân dân xã {}", ctx.commune.name))
        .unwrap_or_else(|| {
            format!(
                "Kế hoạch cải cách hành chính năm {year} của Ủy ban nhân dân xã {}",
                ctx.commune.name
            )
        });
    doc.blocks.push(Block::Paragraph(Para::body(format!(
        "Thực hiện {plan}, Ủy ban nhân dân xã báo cáo tiến độ thực hiện các nhiệm vụ đến ngày {} như sau:",
        date(ctx.today)
    ))));

    doc.blocks.push(Block::Heading("I. KẾT QUẢ CHUNG".into()));
    doc.blocks
        .push(Block::Paragraph(Para::body(summary(&list))));

    doc.blocks
        .push(Block::Heading("II. TIẾN ĐỘ TỪNG NHIỆM VỤ".into()));
    doc.blocks.push(Block::Table(progress_table(&list)));

    doc.blocks.push(Block::Heading(
        "III. NHIỆM VỤ CHƯA HOÀN THÀNH, LÝ DO VÀ GIẢI PHÁP".into(),
    ));
    let open: Vec<&TaskView> = list
        .iter()
        .filter(|t| t.standing != Standing::Done)
        .collect();
    if open.is_empty() {
        doc.blocks.push(Block::Paragraph(Para::body(
            "Tất cả nhiệm vụ của kế hoạch đã hoàn thành.",
        )));
    } else {
        doc.blocks.push(Block::Table(open_table(&open)));
    }
    doc.blocks.push(Block::Paragraph(Para::body(format!(
        "Trên đây là báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính năm {year} của Ủy ban nhân dân xã {}.",
        ctx.commune.name
    ))));
    Ok(doc)
}

/// "Kế hoạch có 20 nhiệm vụ; đã hoàn thành 16/20 (80%), trong đó 1 nhiệm vụ hoàn thành trễ
/// hạn; …", from the one rule every screen counts with.
pub(super) fn summary(list: &[TaskView]) -> String {
    progress::sentence(&progress::figures(list))
}

fn status(t: &TaskView) -> String {
    let mut s = t.standing_label.clone();
    if let Some(d) = t.completed_on {
        s.push_str(&format!("\n{}", date(d)));
    } else if t.overdue {
        s.push_str(" – quá hạn");
    }
    s
}

fn progress_table(list: &[TaskView]) -> Table {
    let mut rows = Vec::new();
    let mut area = None;
    let mut groups = 0;
    for t in list {
        if area != Some(t.area_id) {
            area = Some(t.area_id);
            groups += 1;
            rows.push(Row::bold(vec![roman(groups), t.area_name.to_uppercase()]));
        }
        rows.push(Row::new(vec![
            t.number.clone(),
            t.content.clone(),
            t.lead_officer_name.clone().unwrap_or_default(),
            t.deadline_text.clone(),
            status(t),
            t.result.clone(),
        ]));
    }
    Table {
        columns: vec![
            column("STT", 1.1, Align::Centre),
            column("Nội dung nhiệm vụ", 5.0, Align::Left),
            column("Chủ trì", 2.2, Align::Left),
            column("Thời hạn", 2.2, Align::Centre),
            column("Trạng thái", 2.4, Align::Centre),
            column("Kết quả", 3.0, Align::Left),
        ],
        rows,
        font_size: 11.0,
    }
}

fn open_table(open: &[&TaskView]) -> Table {
    let rows = open
        .iter()
        .map(|t| {
            Row::new(vec![
                t.number.clone(),
                t.content.clone(),
                format!("{}\n{}", t.deadline_text, status(t)),
                t.reason.clone(),
                t.solution.clone(),
            ])
        })
        .collect();
    Table {
        columns: vec![
            column("STT", 1.1, Align::Centre),
            column("Nội dung nhiệm vụ", 4.4, Align::Left),
            column("Thời hạn, trạng thái", 2.2, Align::Centre),
            column("Lý do chưa hoàn thành", 3.2, Align::Left),
            column("Giải pháp, thời hạn hoàn thành", 3.2, Align::Left),
        ],
        rows,
        font_size: 11.0,
    }
}
