//! The texts of the annual plan document that the office types: section I "Mục đích, yêu cầu"
//! and the general part of section III "Tổ chức thực hiện". Remembered per year; a year with
//! none starts from a usual wording to edit; next year's plan carries them forward.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::Result;
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PlanTexts {
    /// Section I, a paragraph per line; a line "1. Mục đích" is printed as a sub-heading.
    pub purpose: String,
    /// Section III's general duties, after each officer's tasks.
    pub organisation: String,
    /// Typed and saved for this year; false while the usual wording is offered.
    #[serde(default)]
    pub saved: bool,
}

impl PlanTexts {
    fn cleaned(&self) -> PlanTexts {
        PlanTexts {
            purpose: text::clean_text(&self.purpose),
            organisation: text::clean_text(&self.organisation),
            saved: true,
        }
    }
}

/// The usual wording of a commune's plan, to start from.
pub fn usual(year: i32) -> PlanTexts {
    PlanTexts {
        purpose: format!(
            "1. Mục đích\n\
             - Triển khai thực hiện đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính năm {year} trên địa bàn xã; nâng cao chất lượng phục vụ người dân, tổ chức.\n\
             - Cải thiện các chỉ số thành phần của Chỉ số cải cách hành chính, phấn đấu xếp loại Tốt.\n\
             2. Yêu cầu\n\
             - Các nhiệm vụ phải cụ thể, có người chủ trì, thời hạn và sản phẩm hoàn thành.\n\
             - Gắn trách nhiệm của người đứng đầu với kết quả thực hiện; định kỳ báo cáo quý, 6 tháng, 9 tháng và năm."
        ),
        organisation: "- Văn phòng - Thống kê (công chức phụ trách cải cách hành chính) là đầu mối tham mưu, theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp, báo cáo định kỳ theo quy định.\n\
             - Các công chức chuyên môn căn cứ nhiệm vụ được giao chủ động triển khai, báo cáo kết quả về Văn phòng - Thống kê trước ngày 10 của tháng cuối kỳ báo cáo.\n\
             - Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo Chủ tịch Ủy ban nhân dân xã để xem xét, chỉ đạo."
            .to_string(),
        saved: false,
    }
}

/// The year's texts, or the usual wording when none were saved.
pub fn get(conn: &Connection, year: i32) -> Result<PlanTexts> {
    crate::commune::require_year(conn, year)?;
    let saved = conn
        .query_row(
            "SELECT purpose, organisation FROM plan_text WHERE year = ?1",
            [year],
            |r| {
                Ok(PlanTexts {
                    purpose: r.get(0)?,
                    organisation: r.get(1)?,
                    saved: true,
                })
            },
        )
        .optional()?;
    Ok(saved.unwrap_or_else(|| usual(year)))
}

pub fn save(conn: &mut Connection, actor: &Actor, year: i32, t: &PlanTexts) -> Result<PlanTexts> {
    let tx = conn.transaction()?;
    save_in(&tx, actor, year, t)?;
    tx.commit()?;
    get(conn, year)
}

pub(crate) fn save_in(conn: &Connection, actor: &Actor, year: i32, t: &PlanTexts) -> Result<()> {
    crate::commune::require_year(conn, year)?;
    let t = t.cleaned();
    conn.execute(
        "INSERT INTO plan_text (year, purpose, organisation, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(year) DO UPDATE SET purpose = ?2, organisation = ?3, updated_at = ?4",
        params![year, t.purpose, t.organisation, crate::clock::now_text()],
    )?;
    audit::record(
        conn,
        actor,
        "plan.texts",
        "plan",
        Some(year.into()),
        &format!("Cập nhật mục đích, yêu cầu và tổ chức thực hiện của kế hoạch năm {year}"),
    )?;
    Ok(())
}

/// Next year's plan starts from this year's texts, "năm 2026" read as "năm 2027"; nothing is
/// copied over texts next year already has, nor when this year has none of its own.
pub(crate) fn carry_forward(conn: &Connection, actor: &Actor, year: i32) -> Result<bool> {
    let next = year + 1;
    let has_next: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM plan_text WHERE year = ?1)",
        [next],
        |r| r.get(0),
    )?;
    let this = get(conn, year)?;
    if has_next || !this.saved {
        return Ok(false);
    }
    let (from, to) = (format!("năm {year}"), format!("năm {next}"));
    let moved = PlanTexts {
        purpose: this.purpose.replace(&from, &to),
        organisation: this.organisation.replace(&from, &to),
        saved: true,
    };
    save_in(conn, actor, next, &moved)?;
    Ok(true)
}
