//! The plan document the commune issues: "KẾ HOẠCH Cải cách hành chính năm 2027", signed by the
//! chairman in January, in the NĐ 30/2020 layout. I. Mục đích, yêu cầu (typed in the app);
//! II. Nhiệm vụ trọng tâm, by reform area, from the plan's tasks; III. Tổ chức thực hiện: each
//! officer's tasks, then the general duties (typed); Nơi nhận and the signature; then "Phụ lục",
//! the task table on landscape pages with STT restarting in each area, content, lead,
//! coordinating units, the deadline as written and the product.

use chrono::NaiveDate;

use super::doc::{column, Align, Block, Doc, Para, Row, Table};
use super::{date, roman, skeleton, Ctx, Settings};
use crate::error::Result;
use crate::plan::tasks::{self, TaskView};
use crate::plan::texts;

/// The task table's type size: six columns on landscape A4.
const APPENDIX_SIZE: f32 = 11.0;

pub(super) fn build(ctx: &Ctx, settings: &Settings, issued_on: NaiveDate) -> Result<Doc> {
    let year = ctx.year;
    let commune = &ctx.commune.name;
    let list = tasks::list(ctx.conn, year, ctx.today)?;
    let texts = texts::get(ctx.conn, year)?;
    if !settings.number.is_empty() {
        crate::plan::reference::check_issued_on(year, issued_on)?;
    }
    let mut doc = skeleton("KẾ HOẠCH", vec![format!("Cải cách hành chính năm {year}")]);
    let areas = group(&list);
    let b = &mut doc.blocks;
    b.push(Block::Paragraph(Para::body(format!(
        "Thực hiện chương trình, kế hoạch cải cách hành chính của cấp trên; căn cứ tình hình thực tế của địa phương, Ủy ban nhân dân xã {commune} ban hành Kế hoạch cải cách hành chính năm {year} như sau:"
    ))));

    b.push(Block::Heading("I. MỤC ĐÍCH, YÊU CẦU".into()));
    written(b, &texts.purpose);

    b.push(Block::Heading("II. NHIỆM VỤ TRỌNG TÂM".into()));
    if areas.is_empty() {
        b.push(Block::Paragraph(Para::body("…………………………………………………………………………")));
    }
    for (i, (area, tasks)) in areas.iter().enumerate() {
        b.push(Block::Paragraph(Para::bold(format!("{}. {area}", i + 1))));
        for t in tasks {
            b.push(Block::Paragraph(Para::body(format!(
                "- {}{}",
                t.content.trim_end_matches(['.', ';']),
                deadline_phrase(t)
            ))));
        }
    }
    b.push(Block::Paragraph(Para::italic(format!(
        "(Chi tiết {} nhiệm vụ tại Phụ lục kèm theo.)",
        list.len()
    ))));

    b.push(Block::Heading("III. TỔ CHỨC THỰC HIỆN".into()));
    b.push(Block::Paragraph(Para::bold("1. Phân công thực hiện")));
    for line in duties(&areas) {
        b.push(Block::Paragraph(Para::body(line)));
    }
    b.push(Block::Paragraph(Para::bold("2. Trách nhiệm chung")));
    written(b, &texts.organisation);
    b.push(Block::Paragraph(Para::body(format!(
        "Trên đây là Kế hoạch cải cách hành chính năm {year} của Ủy ban nhân dân xã {commune}./."
    ))));

    doc.appendix = appendix(&areas, year, commune, settings, issued_on);
    Ok(doc)
}

/// The tasks grouped by reform area, in the plan's order (the list comes sorted by area).
fn group(list: &[TaskView]) -> Vec<(String, Vec<&TaskView>)> {
    let mut out: Vec<(i64, String, Vec<&TaskView>)> = Vec::new();
    for t in list {
        match out.iter_mut().find(|(id, _, _)| *id == t.area_id) {
            Some((_, _, v)) => v.push(t),
            None => out.push((t.area_id, t.area_name.clone(), vec![t])),
        }
    }
    out.into_iter().map(|(_, name, v)| (name, v)).collect()
}

/// " (thời hạn: Quý II/2027)", or nothing for work done all year round.
fn deadline_phrase(t: &TaskView) -> String {
    let d = t.deadline_text.trim();
    if d.is_empty() || crate::text::fold(d) == "thuong xuyen" {
        ".".to_string()
    } else {
        format!(" (thời hạn: {d}).")
    }
}

/// Each lead officer and the appendix rows ("I.1, III.2") of the tasks they lead, in the order
/// officers first appear; then the tasks nobody leads yet.
fn duties(areas: &[(String, Vec<&TaskView>)]) -> Vec<String> {
    let mut leads: Vec<(String, Vec<String>)> = Vec::new();
    let mut nobody = Vec::new();
    for (i, (_, tasks)) in areas.iter().enumerate() {
        for (n, t) in tasks.iter().enumerate() {
            let code = format!("{}.{}", roman(i + 1), n + 1);
            match &t.lead_officer_name {
                Some(name) => match leads.iter_mut().find(|(l, _)| l == name) {
                    Some((_, v)) => v.push(code),
                    None => leads.push((name.clone(), vec![code])),
                },
                None => nobody.push(code),
            }
        }
    }
    let mut out: Vec<String> = leads
        .into_iter()
        .map(|(name, codes)| {
            format!(
                "- {name}: chủ trì {} nhiệm vụ (Phụ lục, mục {}); chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân xã về tiến độ, chất lượng và sản phẩm của nhiệm vụ được giao.",
                codes.len(),
                codes.join(", ")
            )
        })
        .collect();
    if !nobody.is_empty() {
        out.push(format!(
            "- Các nhiệm vụ chưa phân công người chủ trì (Phụ lục, mục {}): Văn phòng - Thống kê tham mưu Chủ tịch Ủy ban nhân dân xã phân công.",
            nobody.join(", ")
        ));
    }
    if out.is_empty() {
        out.push("- Kế hoạch chưa có nhiệm vụ để phân công.".into());
    }
    out
}

/// The officer's text, a paragraph per line; "1. Mục đích" lines as sub-headings.
fn written(b: &mut Vec<Block>, text: &str) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        b.push(Block::Paragraph(Para::body("…………………………………………………………………………")));
    }
    for l in lines {
        let numbered = l
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        b.push(Block::Paragraph(if numbered && l.chars().count() < 80 {
            Para::bold(l)
        } else {
            Para::body(l)
        }));
    }
}

fn appendix(
    areas: &[(String, Vec<&TaskView>)],
    year: i32,
    commune: &str,
    settings: &Settings,
    issued_on: NaiveDate,
) -> Vec<Block> {
    let number = if settings.number.is_empty() {
        format!(
            "Kế hoạch số{}/{}",
            super::layout::NUMBER_BLANK,
            super::ReportKind::PlanDocument.number_suffix()
        )
    } else {
        format!("Kế hoạch số {}", settings.number)
    };
    let mut rows = Vec::new();
    for (i, (area, tasks)) in areas.iter().enumerate() {
        rows.push(Row::bold(vec![roman(i + 1), area.to_uppercase()]));
        for (n, t) in tasks.iter().enumerate() {
            rows.push(Row::new(vec![
                (n + 1).to_string(),
                t.content.clone(),
                t.lead_officer_name.clone().unwrap_or_default(),
                t.coordinators.clone(),
                t.deadline_text.clone(),
                t.product.clone(),
            ]));
        }
    }
    vec![
        Block::PageBreak { landscape: true },
        Block::Paragraph(Para::bold("Phụ lục").centred()),
        Block::Paragraph(
            Para::bold(format!("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {year}")).centred(),
        ),
        Block::Paragraph(
            Para::italic(format!(
                "(Kèm theo {number} ngày {} của Ủy ban nhân dân xã {commune})",
                date(issued_on)
            ))
            .centred(),
        ),
        Block::Table(Table {
            columns: vec![
                column("STT", 0.9, Align::Centre),
                column("Nội dung nhiệm vụ", 6.0, Align::Left),
                column("Chủ trì", 2.4, Align::Left),
                column("Phối hợp", 2.8, Align::Left),
                column("Thời hạn", 2.0, Align::Centre),
                column("Sản phẩm", 3.2, Align::Left),
            ],
            rows,
            font_size: APPENDIX_SIZE,
        }),
    ]
}
