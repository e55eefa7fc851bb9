//! Importing a plan's tasks as real plans print them: group rows (I, II …) naming the reform
//! area, a lead unit or officer, deadlines in every shape the plan module reads, a status
//! column whatever it is called. Matched to the year's tasks by number, else by content.

use super::header::Field;
use super::{is_empty_row, is_roman, is_total, values, Action, Ctx, Severity};
use crate::error::Result;
use crate::officers;
use crate::plan::areas;
use crate::plan::deadline;
use crate::plan::tasks::{self, Earlier, TaskInput, TaskStatus};
use crate::plan::tracking;
use crate::text;

pub(super) const FIELDS: &[Field] = &[
    Field {
        key: "number",
        label: "STT",
        names: &["stt", "tt", "so tt", "so thu tu"],
        required: false,
    },
    Field {
        key: "content",
        label: "Nội dung nhiệm vụ",
        names: &[
            "noi dung",
            "noi dung nhiem vu",
            "nhiem vu",
            "ten nhiem vu",
            "noi dung cong viec",
        ],
        required: true,
    },
    Field {
        key: "area",
        label: "Lĩnh vực",
        names: &["linh vuc", "linh vuc cchc"],
        required: false,
    },
    Field {
        key: "lead",
        label: "Chủ trì",
        names: &[
            "chu tri",
            "co quan chu tri",
            "don vi chu tri",
            "nguoi thuc hien",
            "nguoi chu tri",
            "can bo chu tri",
            "co quan, don vi chu tri",
        ],
        required: false,
    },
    Field {
        key: "coordinators",
        label: "Phối hợp",
        names: &[
            "phoi hop",
            "co quan phoi hop",
            "don vi phoi hop",
            "co quan, don vi phoi hop",
        ],
        required: false,
    },
    Field {
        key: "deadline",
        label: "Thời hạn",
        names: &[
            "thoi gian hoan thanh",
            "thoi han",
            "thoi gian thuc hien",
            "tien do",
            "thoi han hoan thanh",
            "thoi gian",
        ],
        required: true,
    },
    Field {
        key: "product",
        label: "Sản phẩm",
        names: &["san pham", "san pham du kien", "ket qua dau ra"],
        required: false,
    },
    Field {
        key: "status",
        label: "Trạng thái",
        names: &[
            "trang thai",
            "tinh trang",
            "ket qua thuc hien",
            "tinh hinh thuc hien",
        ],
        required: false,
    },
    Field {
        key: "completed",
        label: "Ngày hoàn thành",
        names: &["ngay hoan thanh"],
        required: false,
    },
    Field {
        key: "result",
        label: "Kết quả",
        names: &["ket qua", "ghi chu"],
        required: false,
    },
    Field {
        key: "reason",
        label: "Lý do",
        names: &["ly do", "nguyen nhan", "ly do chua hoan thanh"],
        required: false,
    },
    Field {
        key: "solution",
        label: "Giải pháp",
        names: &["giai phap", "de xuat", "giai phap hoan thanh"],
        required: false,
    },
    Field {
        key: "tracked",
        label: "Theo dõi từ",
        names: &["theo doi tu", "theo doi tu ky", "bat dau theo doi"],
        required: false,
    },
];

fn status(text: &str) -> Option<TaskStatus> {
    let t = text::fold(text);
    Some(if t.is_empty() || t.starts_with("chua") {
        TaskStatus::NotStarted
    } else if t.contains("khong thuc hien") || t.contains("khong trien khai") {
        TaskStatus::Dropped
    } else if t.contains("tre")
        || t.contains("cham")
        || t.contains("qua han") && t.contains("hoan thanh")
    {
        TaskStatus::DoneLate
    } else if t.starts_with("dang") {
        TaskStatus::InProgress
    } else if t.contains("hoan thanh") || t == "xong" || t == "da thuc hien" {
        TaskStatus::Done
    } else {
        return None;
    })
}

/// The reform area a group row or an area cell names: the one sharing the most words.
fn area_for(all: &[areas::Area], label: &str) -> Option<i64> {
    let words: Vec<String> = text::fold(label)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && !is_roman(&w.to_uppercase()))
        .map(str::to_string)
        .collect();
    all.iter()
        .filter(|a| a.active)
        .map(|a| {
            let name = text::fold(&a.name);
            (
                words
                    .iter()
                    .filter(|w| name.split(' ').any(|n| n == w.as_str()))
                    .count(),
                a.id,
            )
        })
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, _)| *n)
        .map(|(_, id)| id)
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let all_areas = areas::list(ctx.conn)?;
    let people = officers::list(ctx.conn)?;
    let existing = tasks::list(ctx.conn, ctx.year, ctx.today)?;
    let mut area = None;
    let rows = ctx.sheet.rows.clone();
    let total = rows.len();
    for (i, row) in rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_total(row) {
            continue;
        }
        let number = ctx.cell(row, "number").text();
        let content = ctx.cell(row, "content").text();
        let deadline_cell = ctx.cell(row, "deadline").text();
        // A group row: "I. Công tác chỉ đạo…" with no deadline names the area of what follows.
        if deadline_cell.is_empty() && (is_roman(&number) || number.is_empty()) {
            let label = format!("{number} {content}");
            match area_for(&all_areas, &label) {
                Some(a) => {
                    area = Some(a);
                    ctx.plan(
                        i,
                        Action::Skip,
                        format!("Nhóm lĩnh vực: {}", text::clean_line(&label)),
                    );
                }
                None => ctx.plan(
                    i,
                    Action::Skip,
                    format!("Dòng không phải nhiệm vụ: {}", text::clean_line(&label)),
                ),
            }
            continue;
        }
        if content.is_empty() {
            ctx.problem(
                i,
                Some("content"),
                Severity::Error,
                "Thiếu nội dung nhiệm vụ.",
            );
            continue;
        }
        let area_id = match ctx.cell(row, "area").text() {
            t if !t.is_empty() => area_for(&all_areas, &t).or(area),
            _ => area,
        };
        let area_id = match area_id {
            Some(a) => a,
            None => {
                ctx.problem(
                    i,
                    Some("area"),
                    Severity::Warning,
                    "Không xác định được lĩnh vực; xếp vào lĩnh vực đầu tiên.",
                );
                all_areas.first().map(|a| a.id).unwrap_or(1)
            }
        };
        let Some(state) = status(&ctx.cell(row, "status").text()) else {
            ctx.problem(i, Some("status"), Severity::Error, format!(
                "Không hiểu trạng thái “{}”: ghi Chưa thực hiện, Đang thực hiện, Hoàn thành, Hoàn thành trễ hạn hoặc Không thực hiện.",
                ctx.cell(row, "status").text()
            ));
            continue;
        };
        let dl = match deadline::parse(&deadline_cell, ctx.year) {
            Ok(d) => d,
            Err(e) => {
                ctx.problem(i, Some("deadline"), Severity::Error, e.to_string());
                continue;
            }
        };
        let due = dl.due;
        let start = match tracking::read(&ctx.cell(row, "tracked").text(), &dl, ctx.year, ctx.today)
        {
            Ok(s) => s,
            Err(message) => {
                ctx.problem(i, Some("tracked"), Severity::Error, message);
                continue;
            }
        };
        let completed_cell = ctx.cell(row, "completed").clone();
        let mut completed_on =
            values::date(&completed_cell, ctx.year).filter(|_| !completed_cell.is_empty());
        if !completed_cell.is_empty() && completed_on.is_none() {
            ctx.problem(
                i,
                Some("completed"),
                Severity::Error,
                format!("Ngày hoàn thành “{}” không hợp lệ.", completed_cell.text()),
            );
            continue;
        }
        if state.is_finished() && completed_on.is_none() {
            completed_on = Some(due.min(ctx.today));
            ctx.problem(
                i,
                Some("completed"),
                Severity::Warning,
                "Không ghi ngày hoàn thành; lấy thời hạn làm ngày hoàn thành.",
            );
        }
        let lead_text = ctx.cell(row, "lead").text();
        let lead = (!lead_text.is_empty())
            .then(|| {
                let f = text::fold(&lead_text);
                people
                    .iter()
                    .find(|o| text::fold(&o.full_name) == f)
                    .or_else(|| {
                        people.iter().find(|o| {
                            !o.position.is_empty() && text::fold(&o.position).contains(&f)
                        })
                    })
            })
            .flatten();
        let mut coordinators = ctx.cell(row, "coordinators").text();
        if lead.is_none() && !lead_text.is_empty() {
            coordinators = if coordinators.is_empty() {
                format!("Chủ trì: {lead_text}")
            } else {
                format!("Chủ trì: {lead_text}; {coordinators}")
            };
        }
        let input = TaskInput {
            number: if is_roman(&number) {
                String::new()
            } else {
                number.clone()
            },
            content: content.clone(),
            area_id,
            lead_officer_id: lead.map(|o| o.id),
            coordinators,
            deadline: deadline_cell.clone(),
            product: ctx.cell(row, "product").text(),
            status: state,
            completed_on: if state.is_finished() {
                completed_on
            } else {
                None
            },
            result: ctx.cell(row, "result").text(),
            reason: ctx.cell(row, "reason").text(),
            solution: ctx.cell(row, "solution").text(),
            start,
        };
        let mut input = input;
        let found = existing.iter().find(|t| {
            (!input.number.is_empty() && t.number == input.number)
                || (input.number.is_empty() && text::fold(&t.content) == text::fold(&content))
        });
        // A new recurring task entered mid-year without saying how its past periods went: it
        // is followed from the running period, and the preview says so.
        if input.start.is_none() && found.is_none() && !state.is_finished() {
            if let Some(s) = tracking::suggested(&dl, ctx.today) {
                let first = &dl.occurrences[(s.from_seq - 1) as usize].label;
                ctx.problem(i, Some("tracked"), Severity::Warning, format!(
                    "Nhiệm vụ lặp lại nhập giữa năm: theo dõi từ kỳ {first}, {} kỳ trước không theo dõi (không tính quá hạn). Muốn khác, ghi cột “Theo dõi từ”: “Từ đầu năm” hoặc “Các kỳ trước đã thực hiện”.",
                    s.from_seq - 1
                ));
                input.start = Some(s);
            }
        }
        let same_tracking = |t: &tasks::TaskView| match input.start {
            None => true,
            Some(s) if s.earlier == Earlier::Done => t
                .occurrences
                .iter()
                .filter(|o| o.seq < s.from_seq)
                .all(|o| o.completed_on.is_some()),
            Some(s) => t.tracked_from == tracking::tracked_from(&dl, s),
        };
        let same = |t: &tasks::TaskView| {
            text::fold(&t.content) == text::fold(&input.content)
                && t.area_id == input.area_id
                && t.lead_officer_id == input.lead_officer_id
                && t.coordinators == text::clean_line(&input.coordinators)
                && t.deadline_text == text::clean_line(&input.deadline)
                && t.product == text::clean_line(&input.product)
                && (t.status == input.status
                    || (t.status.is_finished() && input.status.is_finished()))
                && t.completed_on == input.completed_on
                && t.result == text::clean_text(&input.result)
                && same_tracking(t)
        };
        let action = match found {
            Some(t) if same(t) => Action::Unchanged,
            Some(_) => Action::Update,
            None => Action::Create,
        };
        if action != Action::Unchanged {
            if let Err(e) = tasks::save_in(
                ctx.conn,
                ctx.actor,
                ctx.year,
                found.map(|t| t.id),
                &input,
                ctx.today,
            ) {
                ctx.problem(i, None, Severity::Error, e.to_string());
                continue;
            }
        }
        ctx.plan(
            i,
            action,
            format!("{} {}", input.number, text::clean_line(&content))
                .trim()
                .to_string(),
        );
    }
    Ok(())
}
