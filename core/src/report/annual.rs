//! Report 1, "Báo cáo kết quả thực hiện công tác CCHC" for a quarter, 6 months, 9 months or the
//! year: the legal basis (the plan's reference); I. direction and management (plan progress,
//! communication, self-inspection); II. results by reform area, with the dissemination and
//! one-stop figures as tables under their areas; III. the assessment the officer wrote for the
//! period; IV. tasks for the next period; V. recommendations.

use chrono::Datelike;

use super::doc::{column, Align, Block, Doc, Para, Row, Table};
use super::sessions::overview;
use super::{date, lower_first, share, skeleton, Ctx};
use crate::error::Result;
use crate::onestop::{self, batches, Counts};
use crate::plan::progress::Standing;
use crate::plan::tasks::{self, TaskView};
use crate::plan::{areas, reference};
use crate::sessions::{self, totals, SessionKind};
use crate::text::{fold, format_int, format_pct};

/// Printed where the officer has not written the assessment yet: a line to fill in by hand.
const TO_FILL: &str = "…………………………………………………………………………";

pub(super) fn build(ctx: &Ctx) -> Result<Doc> {
    let (year, p) = (ctx.year, &ctx.period);
    let as_of = ctx.today.min(p.to);
    // The plan as it stood at the end of the period: what was finished later was still open.
    let list = tasks::list(ctx.conn, year, as_of)?;
    let sessions = sessions::in_period(ctx.conn, p)?;
    let texts = super::settings::assessment(ctx.conn, year, &p.code)?;
    let period = lower_first(&p.name);
    let mut doc = skeleton(
        "BÁO CÁO",
        vec![format!(
            "Kết quả thực hiện công tác cải cách hành chính {period}"
        )],
    );
    let b = &mut doc.blocks;
    let plan = reference::get(ctx.conn, year)?
        .citation()
        .map(|c| format!("{c} của Ủy ban nhân dân xã {}", ctx.commune.name))
        .unwrap_or_else(|| {
            format!(
                "Kế hoạch cải cách hành chính năm {year} của Ủy ban nhân dân xã {}",
                ctx.commune.name
            )
        });
    b.push(Block::Paragraph(Para::body(format!(
        "Căn cứ {plan}; Ủy ban nhân dân xã báo cáo kết quả thực hiện công tác cải cách hành chính {period} (số liệu từ ngày {} đến ngày {}) như sau:",
        date(p.from),
        date(p.to)
    ))));

    // I. Direction and management.
    b.push(Block::Heading(
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH".into(),
    ));
    b.push(Block::Paragraph(Para::bold(
        "1. Việc ban hành và thực hiện kế hoạch",
    )));
    b.push(Block::Paragraph(Para::body(format!(
        "{} (tính đến ngày {}).",
        super::plan::summary(&list).trim_end_matches('.'),
        date(as_of)
    ))));
    let cchc: Vec<_> = sessions
        .iter()
        .filter(|s| s.kind == SessionKind::Cchc)
        .cloned()
        .collect();
    let t = totals::of(&cchc);
    b.push(Block::Paragraph(Para::bold(
        "2. Công tác thông tin, tuyên truyền cải cách hành chính",
    )));
    b.push(Block::Paragraph(Para::body(if t.sessions == 0 {
        "Trong kỳ chưa tổ chức buổi tuyên truyền cải cách hành chính riêng; nội dung cải cách hành chính được lồng ghép trong các buổi phổ biến, giáo dục pháp luật.".to_string()
    } else {
        format!(
            "Tổ chức {} buổi tuyên truyền cải cách hành chính với {} lượt người tham dự.",
            format_int(t.sessions),
            format_int(t.attendees)
        )
    })));
    b.push(Block::Paragraph(Para::bold(
        "3. Công tác kiểm tra cải cách hành chính",
    )));
    let checks: Vec<&TaskView> = list
        .iter()
        .filter(|t| fold(&t.content).contains("kiem tra"))
        .collect();
    b.push(Block::Paragraph(Para::body(if checks.is_empty() {
        "Kế hoạch năm không có nhiệm vụ kiểm tra cải cách hành chính riêng.".to_string()
    } else {
        let items: Vec<String> = checks.iter().map(|t| task_phrase(t)).collect();
        format!(
            "Thực hiện nhiệm vụ kiểm tra theo kế hoạch: {}.",
            items.join("; ")
        )
    })));

    // II. Results by area.
    b.push(Block::Heading(
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH".into(),
    ));
    let all_sessions = totals::of(&sessions);
    let year_view = onestop::year_view(ctx.conn, year)?;
    let (tthc, months) = tthc_in_period(ctx)?;
    let mut placed_sessions = false;
    let mut placed_tthc = false;
    let mut n = 0;
    for area in areas::list(ctx.conn)?.into_iter().filter(|a| a.active) {
        let name = fold(&area.name);
        if name.contains("chi dao") {
            continue;
        }
        n += 1;
        b.push(Block::Paragraph(Para::bold(format!("{n}. {}", area.name))));
        let in_area: Vec<&TaskView> = list.iter().filter(|t| t.area_id == area.id).collect();
        b.push(Block::Paragraph(Para::body(area_tasks(&in_area))));
        if name.contains("the che") && !placed_sessions {
            placed_sessions = true;
            sessions_part(b, &all_sessions);
        }
        if name.contains("thu tuc") && !placed_tthc {
            placed_tthc = true;
            tthc_part(b, &tthc, &months, &year_view);
        }
        if name.contains("dien tu") || name.contains("chinh quyen so") {
            b.push(Block::Paragraph(Para::body(format!(
                "Tỷ lệ hồ sơ trực tuyến trong kỳ: {} (chỉ tiêu {}); {} tổ công nghệ số cộng đồng với {} thành viên.",
                format_pct(tthc.online_rate_pct()),
                format_pct(Some(year_view.targets.online_rate_pct)),
                format_int(year_view.indicators.digital_teams),
                format_int(year_view.indicators.digital_team_members)
            ))));
        }
        if name.contains("hai long") {
            b.push(Block::Paragraph(Para::body(
                match year_view.satisfaction_pct {
                    Some(pct) => format!(
                        "Khảo sát {} người dân, tổ chức: {} hài lòng ({}).",
                        format_int(year_view.indicators.survey_respondents),
                        format_int(year_view.indicators.survey_satisfied),
                        format_pct(Some(pct))
                    ),
                    None => "Trong kỳ chưa có kết quả khảo sát mức độ hài lòng.".to_string(),
                },
            )));
        }
    }
    if !placed_sessions {
        n += 1;
        b.push(Block::Paragraph(Para::bold(format!(
            "{n}. Tuyên truyền, phổ biến, giáo dục pháp luật"
        ))));
        sessions_part(b, &all_sessions);
    }
    if !placed_tthc {
        n += 1;
        b.push(Block::Paragraph(Para::bold(format!(
            "{n}. Giải quyết thủ tục hành chính"
        ))));
        tthc_part(b, &tthc, &months, &year_view);
    }

    // III–V: the officer's texts.
    b.push(Block::Heading("III. ĐÁNH GIÁ CHUNG".into()));
    for (label, text) in [
        ("1. Ưu điểm", &texts.strengths),
        ("2. Hạn chế", &texts.limits),
        ("3. Nguyên nhân", &texts.causes),
    ] {
        b.push(Block::Paragraph(Para::bold(label)));
        written(b, text);
    }
    b.push(Block::Heading("IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI".into()));
    let open: Vec<String> = list
        .iter()
        .filter(|t| matches!(t.standing, Standing::InProgress | Standing::NotStarted))
        .map(|t| t.content.clone())
        .collect();
    if !open.is_empty() {
        b.push(Block::Paragraph(Para::body(format!(
            "Tiếp tục thực hiện {} nhiệm vụ chưa hoàn thành của kế hoạch: {}.",
            open.len(),
            open.join("; ")
        ))));
    }
    if !texts.next_tasks.is_empty() || open.is_empty() {
        written(b, &texts.next_tasks);
    }
    b.push(Block::Heading("V. KIẾN NGHỊ, ĐỀ XUẤT".into()));
    written(b, &texts.recommendations);
    b.push(Block::Paragraph(Para::body(format!(
        "Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {period} của Ủy ban nhân dân xã {}./.",
        ctx.commune.name
    ))));
    Ok(doc)
}

/// The officer's text, a paragraph per line; a line to fill in by hand when there is none.
fn written(b: &mut Vec<Block>, text: &str) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        b.push(Block::Paragraph(Para::body(TO_FILL)));
    }
    for l in lines {
        b.push(Block::Paragraph(Para::body(l)));
    }
}

/// "Rà soát thủ tục hành chính (hoàn thành ngày 12/03/2026)".
fn task_phrase(t: &TaskView) -> String {
    let label = t.standing_label.to_lowercase();
    let state = match t.completed_on {
        Some(d) => format!("{label} ngày {}", date(d)),
        None if t.overdue => format!("{label}, quá hạn {}", t.deadline_text),
        None if t.standing == Standing::Done => format!("{label}, {}", t.deadline_text),
        None => format!("{label}, thời hạn {}", t.deadline_text),
    };
    format!("{} ({state})", t.content.trim_end_matches('.'))
}

fn area_tasks(tasks: &[&TaskView]) -> String {
    if tasks.is_empty() {
        return "Kế hoạch năm không có nhiệm vụ thuộc lĩnh vực này.".to_string();
    }
    let done = tasks
        .iter()
        .filter(|t| t.standing == Standing::Done)
        .count() as i64;
    let items: Vec<String> = tasks.iter().map(|t| task_phrase(t)).collect();
    format!(
        "Hoàn thành {} nhiệm vụ: {}.",
        share(done, tasks.len() as i64),
        items.join("; ")
    )
}

fn sessions_part(b: &mut Vec<Block>, t: &totals::Totals) {
    b.push(Block::Paragraph(Para::body(overview(t))));
    if t.by_form.is_empty() {
        return;
    }
    let mut rows: Vec<Row> = t
        .by_form
        .iter()
        .enumerate()
        .map(|(i, f)| {
            Row::new(vec![
                (i + 1).to_string(),
                f.label.clone(),
                format_int(f.sessions),
                format_int(f.attendees),
            ])
        })
        .collect();
    rows.push(Row::bold(vec![
        String::new(),
        "Tổng cộng".into(),
        format_int(t.sessions),
        format_int(t.attendees),
    ]));
    b.push(Block::Table(Table {
        columns: vec![
            column("STT", 1.0, Align::Centre),
            column("Hình thức tuyên truyền, phổ biến", 6.0, Align::Left),
            column("Số buổi", 1.6, Align::Right),
            column("Số lượt người", 2.0, Align::Right),
        ],
        rows,
        font_size: 12.0,
    }));
}

fn tthc_part(b: &mut Vec<Block>, c: &Counts, months: &str, y: &onestop::YearView) {
    let cat = &y.catalogue;
    b.push(Block::Paragraph(Para::body(format!(
        "Tổng số thủ tục hành chính thực hiện tại Bộ phận Một cửa: {}; thủ tục cung cấp dịch vụ công trực tuyến: {}; tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích: {}; rà soát {} thủ tục.",
        format_int(cat.at_one_stop),
        format_int(cat.online()),
        format_int(cat.bcci),
        format_int(cat.reviewed)
    ))));
    b.push(Block::Paragraph(Para::body(format!(
        "Kết quả tiếp nhận, giải quyết hồ sơ ({months}): tiếp nhận {} hồ sơ{}, đã giải quyết {} hồ sơ, tỷ lệ đúng hạn {} (chỉ tiêu {}){}; tỷ lệ hồ sơ trực tuyến {}.",
        format_int(c.received()),
        if c.carried_over > 0 {
            format!(" (kỳ trước chuyển qua {})", format_int(c.carried_over))
        } else {
            String::new()
        },
        format_int(c.resolved()),
        format_pct(c.on_time_rate_pct()),
        format_pct(Some(y.targets.on_time_rate_pct)),
        if c.in_progress_overdue > 0 {
            format!(
                ", đang giải quyết quá hạn {} hồ sơ",
                format_int(c.in_progress_overdue)
            )
        } else {
            String::new()
        },
        format_pct(c.online_rate_pct())
    ))));
    let cells = [
        c.received(),
        c.received_direct,
        c.received_online,
        c.received_bcci,
        c.resolved_early,
        c.resolved_on_time,
        c.resolved_late,
        c.in_progress,
    ];
    let mut row: Vec<String> = cells.iter().map(|n| format_int(*n)).collect();
    row.push(format_pct(c.on_time_rate_pct()));
    b.push(Block::Table(Table {
        columns: vec![
            column("Tổng số tiếp nhận", 1.3, Align::Centre),
            column("Trực tiếp", 1.1, Align::Centre),
            column("Trực tuyến", 1.1, Align::Centre),
            column("Qua BCCI", 1.1, Align::Centre),
            column("Giải quyết trước hạn", 1.2, Align::Centre),
            column("Giải quyết đúng hạn", 1.2, Align::Centre),
            column("Giải quyết quá hạn", 1.1, Align::Centre),
            column("Đang giải quyết", 1.2, Align::Centre),
            column("Tỷ lệ đúng hạn", 1.1, Align::Centre),
        ],
        rows: vec![Row::new(row)],
        font_size: 11.0,
    }));
}

/// The one-stop records the period reports: the year's counted statistics periods (months,
/// usually) that end in the calendar months the period covers — a quarter its three months,
/// 6 and 9 months and the year from January on. Returns the counts and
/// "từ tháng 1 đến tháng 6/2026".
pub(super) fn tthc_in_period(ctx: &Ctx) -> Result<(Counts, String)> {
    let last = ctx.period.to.month();
    let first = if ctx.period.code.starts_with('q') {
        last - 2
    } else {
        1
    };
    let all = batches::of_year(ctx.conn, ctx.year)?;
    let c = batches::in_sequence(
        all.iter()
            .filter(|b| {
                b.counted && b.to.year() == ctx.year && (first..=last).contains(&b.to.month())
            })
            .map(|b| &b.total),
    );
    Ok((c, format!("từ tháng {first} đến tháng {last}/{}", ctx.year)))
}
