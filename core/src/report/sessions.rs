//! Report 4, "Kết quả tuyên truyền, PBGDPL": the period's sessions as a table, the totals by
//! form, and the figures of the standard form (Biểu 09a).

use super::doc::{column, Align, Block, Doc, Para, Row, Table};
use super::{date, lower_first, skeleton, Ctx};
use crate::error::Result;
use crate::sessions::{self, totals, SessionView};
use crate::text::format_int;

pub(super) fn build(ctx: &Ctx) -> Result<Doc> {
    let p = &ctx.period;
    let list = sessions::in_period(ctx.conn, p)?;
    let t = totals::of(&list);
    let mut doc = skeleton(
        "BÁO CÁO",
        vec![format!(
            "Kết quả công tác tuyên truyền, phổ biến, giáo dục pháp luật {}",
            lower_first(&p.name)
        )],
    );
    doc.blocks.push(Block::Paragraph(Para::body(format!(
        "Ủy ban nhân dân xã {} báo cáo kết quả công tác tuyên truyền, phổ biến, giáo dục pháp luật và tuyên truyền cải cách hành chính {} (số liệu từ ngày {} đến ngày {}) như sau:",
        ctx.commune.name,
        lower_first(&p.name),
        date(p.from),
        date(p.to)
    ))));
    doc.blocks.push(Block::Heading("I. KẾT QUẢ CHUNG".into()));
    doc.blocks.push(Block::Paragraph(Para::body(overview(&t))));
    doc.blocks.push(Block::Heading(
        "II. CÁC BUỔI TUYÊN TRUYỀN, PHỔ BIẾN PHÁP LUẬT".into(),
    ));
    if list.is_empty() {
        doc.blocks.push(Block::Paragraph(Para::body(
            "Trong kỳ chưa ghi nhận buổi tuyên truyền nào.",
        )));
    } else {
        doc.blocks
            .push(Block::Table(session_table(&list, t.sessions, t.attendees)));
    }
    doc.blocks
        .push(Block::Heading("III. SỐ LIỆU THEO BIỂU 09a".into()));
    doc.blocks.push(Block::Table(form_table(&totals::form_09a(
        ctx.conn, p, ctx.year,
    )?)));
    Ok(doc)
}

/// "Tổ chức 15 buổi với 688 lượt người tham dự; theo hình thức: hội nghị 6 buổi (320 người), …".
pub(super) fn overview(t: &totals::Totals) -> String {
    let mut s = format!(
        "Trong kỳ, Ủy ban nhân dân xã đã tổ chức {} buổi tuyên truyền, phổ biến pháp luật với {} lượt người tham dự",
        format_int(t.sessions),
        format_int(t.attendees)
    );
    if !t.by_form.is_empty() {
        let forms: Vec<String> = t
            .by_form
            .iter()
            .map(|f| match f.attendees {
                0 => format!("{} {} buổi", lower_first(&f.label), f.sessions),
                n => format!(
                    "{} {} buổi ({} lượt người)",
                    lower_first(&f.label),
                    f.sessions,
                    format_int(n)
                ),
            })
            .collect();
        s.push_str(&format!("; theo hình thức: {}", forms.join(", ")));
    }
    s.push('.');
    if !t.materials.is_empty() {
        let m: Vec<String> = t
            .materials
            .iter()
            .map(|m| format!("{} {}", format_int(m.count), lower_first(&m.kind)))
            .collect();
        s.push_str(&format!(" Tài liệu phát miễn phí: {}.", m.join(", ")));
    }
    s
}

fn session_table(list: &[SessionView], sessions: i64, attendees: i64) -> Table {
    let mut rows: Vec<Row> = list
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut content = s.content.clone();
            if !s.laws.is_empty() {
                content.push_str(&format!("\n({})", s.laws.join("; ")));
            }
            let place = [s.place.as_str(), s.audience.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            Row::new(vec![
                (i + 1).to_string(),
                date(s.held_on),
                s.form_label.clone(),
                content,
                place,
                format_int(s.attendees),
            ])
        })
        .collect();
    rows.push(Row::bold(vec![
        String::new(),
        format!("Tổng cộng: {} buổi", format_int(sessions)),
        String::new(),
        String::new(),
        String::new(),
        format_int(attendees),
    ]));
    Table {
        columns: vec![
            column("STT", 1.0, Align::Centre),
            column("Ngày", 1.7, Align::Centre),
            column("Hình thức", 2.2, Align::Left),
            column("Nội dung, văn bản pháp luật", 5.0, Align::Left),
            column("Địa điểm, đối tượng", 2.6, Align::Left),
            column("Số người", 1.3, Align::Right),
        ],
        rows,
        font_size: 12.0,
    }
}

fn form_table(f: &totals::Form09a) -> Table {
    let mut rows = vec![
        ("Tuyên truyền miệng: số cuộc".to_string(), f.oral_sessions),
        (
            "Tuyên truyền miệng: số lượt người".to_string(),
            f.oral_attendees,
        ),
        (
            "Số lần phát thanh trên loa truyền thanh".to_string(),
            f.loudspeaker_programmes,
        ),
        (
            "Tin, bài trên trang thông tin điện tử".to_string(),
            f.website_posts,
        ),
        ("Cuộc thi tìm hiểu pháp luật".to_string(), f.law_quizzes),
        (
            "Số người dự thi tìm hiểu pháp luật".to_string(),
            f.quiz_entrants,
        ),
        (
            "Câu lạc bộ pháp luật (cả năm)".to_string(),
            f.counters.law_clubs,
        ),
        (
            "Thành viên câu lạc bộ pháp luật".to_string(),
            f.counters.club_members,
        ),
        ("Tủ sách pháp luật".to_string(), f.counters.bookshelves),
    ];
    for m in &f.free_materials {
        rows.push((
            format!("Tài liệu phát miễn phí: {}", lower_first(&m.kind)),
            m.count,
        ));
    }
    Table {
        columns: vec![
            column("STT", 1.0, Align::Centre),
            column("Chỉ tiêu", 7.0, Align::Left),
            column("Số lượng", 2.0, Align::Right),
        ],
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, n))| Row::new(vec![(i + 1).to_string(), label, format_int(n)]))
            .collect(),
        font_size: 12.0,
    }
}
