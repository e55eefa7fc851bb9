//! What the one-stop reports once a year: the procedure catalogue (at the one-stop or not,
//! interlinked, online "một phần"/"toàn trình" — formerly "mức độ 3/4" — and by BCCI, reviewed),
//! the year's targets with the gap to them, and other indicators inspectors ask for (community
//! digital teams, satisfaction survey, ISO 9001:2015).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::rate_pct;
use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Catalogue {
    pub at_one_stop: i64,
    pub not_at_one_stop: i64,
    pub interlinked_same_level: i64,
    pub interlinked_between_levels: i64,
    /// Dịch vụ công trực tuyến một phần (formerly mức độ 3).
    pub online_partial: i64,
    /// Dịch vụ công trực tuyến toàn trình (formerly mức độ 4).
    pub online_full: i64,
    pub bcci: i64,
    pub reviewed: i64,
}

impl Catalogue {
    pub fn online(&self) -> i64 {
        self.online_partial + self.online_full
    }
}

/// Targets in percent with one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Targets {
    pub online_rate_pct: f64,
    pub on_time_rate_pct: f64,
}

/// Unless the commune sets its own: online records from 60%, every record on time.
pub const DEFAULT_TARGETS: Targets = Targets {
    online_rate_pct: 60.0,
    on_time_rate_pct: 100.0,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Indicators {
    /// Tổ công nghệ số cộng đồng.
    pub digital_teams: i64,
    pub digital_team_members: i64,
    pub survey_respondents: i64,
    pub survey_satisfied: i64,
    /// "Đã công bố hệ thống quản lý chất lượng theo TCVN ISO 9001:2015", free text.
    pub iso_status: String,
}

impl Indicators {
    pub fn satisfaction_pct(&self) -> Option<f64> {
        rate_pct(self.survey_satisfied, self.survey_respondents)
    }
}

fn non_negative(values: &[(i64, &str)]) -> Result<()> {
    for (v, name) in values {
        if *v < 0 {
            return Err(Error::invalid(format!(
                "{name} không được âm (đang là {v})."
            )));
        }
    }
    Ok(())
}

pub fn catalogue(conn: &Connection, year: i32) -> Result<Catalogue> {
    commune::require_year(conn, year)?;
    Ok(conn
        .query_row(
            "SELECT at_one_stop, not_at_one_stop, interlinked_same_level,
                interlinked_between_levels, online_partial, online_full, bcci, reviewed
             FROM tthc_catalogue WHERE year = ?1",
            [year],
            |r| {
                Ok(Catalogue {
                    at_one_stop: r.get(0)?,
                    not_at_one_stop: r.get(1)?,
                    interlinked_same_level: r.get(2)?,
                    interlinked_between_levels: r.get(3)?,
                    online_partial: r.get(4)?,
                    online_full: r.get(5)?,
                    bcci: r.get(6)?,
                    reviewed: r.get(7)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub(crate) fn save_catalogue_in(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    c: &Catalogue,
) -> Result<()> {
    commune::require_year(conn, year)?;
    non_negative(&[
        (c.at_one_stop, "Số TTHC tiếp nhận tại bộ phận một cửa"),
        (
            c.not_at_one_stop,
            "Số TTHC không thực hiện tại bộ phận một cửa",
        ),
        (c.interlinked_same_level, "Số TTHC liên thông cùng cấp"),
        (
            c.interlinked_between_levels,
            "Số TTHC liên thông giữa các cấp",
        ),
        (c.online_partial, "Số dịch vụ công trực tuyến một phần"),
        (c.online_full, "Số dịch vụ công trực tuyến toàn trình"),
        (c.bcci, "Số TTHC tiếp nhận, trả kết quả qua BCCI"),
        (c.reviewed, "Số TTHC được rà soát"),
    ])?;
    conn.execute(
        "INSERT INTO tthc_catalogue (year, at_one_stop, not_at_one_stop, interlinked_same_level,
            interlinked_between_levels, online_partial, online_full, bcci, reviewed, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT(year) DO UPDATE SET at_one_stop = ?2, not_at_one_stop = ?3,
            interlinked_same_level = ?4, interlinked_between_levels = ?5, online_partial = ?6,
            online_full = ?7, bcci = ?8, reviewed = ?9, updated_at = ?10",
        params![
            year,
            c.at_one_stop,
            c.not_at_one_stop,
            c.interlinked_same_level,
            c.interlinked_between_levels,
            c.online_partial,
            c.online_full,
            c.bcci,
            c.reviewed,
            crate::clock::now_text()
        ],
    )?;
    audit::record(
        conn,
        actor,
        "tthc.catalogue",
        "tthc_catalogue",
        Some(year.into()),
        &format!(
            "Cập nhật danh mục TTHC năm {year}: {} tại một cửa, {} trực tuyến, {} qua BCCI, rà soát {}",
            c.at_one_stop,
            c.online(),
            c.bcci,
            c.reviewed
        ),
    )?;
    Ok(())
}

pub fn save_catalogue(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    c: &Catalogue,
) -> Result<Catalogue> {
    let tx = conn.transaction()?;
    save_catalogue_in(&tx, actor, year, c)?;
    tx.commit()?;
    catalogue(conn, year)
}

pub fn targets(conn: &Connection, year: i32) -> Result<Targets> {
    commune::require_year(conn, year)?;
    Ok(conn
        .query_row(
            "SELECT online_rate_permille, on_time_permille FROM tthc_target WHERE year = ?1",
            [year],
            |r| {
                Ok(Targets {
                    online_rate_pct: r.get::<_, i64>(0)? as f64 / 10.0,
                    on_time_rate_pct: r.get::<_, i64>(1)? as f64 / 10.0,
                })
            },
        )
        .optional()?
        .unwrap_or(DEFAULT_TARGETS))
}

fn permille(pct: f64, name: &str) -> Result<i64> {
    if !(0.0..=100.0).contains(&pct) || pct.is_nan() {
        return Err(Error::invalid(format!(
            "{name} phải từ 0% đến 100% (đang là {}%).",
            text::format_decimal(pct, 1)
        )));
    }
    Ok((pct * 10.0).round() as i64)
}

pub fn save_targets(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    t: &Targets,
) -> Result<Targets> {
    let online = permille(t.online_rate_pct, "Chỉ tiêu hồ sơ trực tuyến")?;
    let on_time = permille(t.on_time_rate_pct, "Chỉ tiêu giải quyết đúng hạn")?;
    let tx = conn.transaction()?;
    commune::require_year(&tx, year)?;
    tx.execute(
        "INSERT INTO tthc_target (year, online_rate_permille, on_time_permille) VALUES (?1, ?2, ?3)
         ON CONFLICT(year) DO UPDATE SET online_rate_permille = ?2, on_time_permille = ?3",
        params![year, online, on_time],
    )?;
    audit::record(
        &tx,
        actor,
        "tthc.targets",
        "tthc_target",
        Some(year.into()),
        &format!(
            "Đặt chỉ tiêu năm {year}: hồ sơ trực tuyến từ {}%, đúng hạn từ {}%",
            text::format_decimal(online as f64 / 10.0, 1),
            text::format_decimal(on_time as f64 / 10.0, 1)
        ),
    )?;
    tx.commit()?;
    targets(conn, year)
}

pub fn indicators(conn: &Connection, year: i32) -> Result<Indicators> {
    commune::require_year(conn, year)?;
    Ok(conn
        .query_row(
            "SELECT digital_teams, digital_team_members, survey_respondents, survey_satisfied,
                iso_status FROM yearly_indicator WHERE year = ?1",
            [year],
            |r| {
                Ok(Indicators {
                    digital_teams: r.get(0)?,
                    digital_team_members: r.get(1)?,
                    survey_respondents: r.get(2)?,
                    survey_satisfied: r.get(3)?,
                    iso_status: r.get(4)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub(crate) fn save_indicators_in(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    i: &Indicators,
) -> Result<()> {
    commune::require_year(conn, year)?;
    non_negative(&[
        (i.digital_teams, "Số tổ công nghệ số cộng đồng"),
        (i.digital_team_members, "Số thành viên tổ công nghệ số"),
        (i.survey_respondents, "Số phiếu khảo sát"),
        (i.survey_satisfied, "Số phiếu hài lòng"),
    ])?;
    if i.survey_satisfied > i.survey_respondents {
        return Err(Error::invalid(format!(
            "Số phiếu hài lòng ({}) không thể nhiều hơn số phiếu khảo sát ({}).",
            i.survey_satisfied, i.survey_respondents
        )));
    }
    conn.execute(
        "INSERT INTO yearly_indicator (year, digital_teams, digital_team_members,
            survey_respondents, survey_satisfied, iso_status, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(year) DO UPDATE SET digital_teams = ?2, digital_team_members = ?3,
            survey_respondents = ?4, survey_satisfied = ?5, iso_status = ?6, updated_at = ?7",
        params![
            year,
            i.digital_teams,
            i.digital_team_members,
            i.survey_respondents,
            i.survey_satisfied,
            text::clean_line(&i.iso_status),
            crate::clock::now_text()
        ],
    )?;
    audit::record(
        conn,
        actor,
        "tthc.indicators",
        "yearly_indicator",
        Some(year.into()),
        &format!(
            "Cập nhật chỉ số năm {year}: {} tổ công nghệ số ({} thành viên), khảo sát {} phiếu, {} hài lòng",
            i.digital_teams, i.digital_team_members, i.survey_respondents, i.survey_satisfied
        ),
    )?;
    Ok(())
}

pub fn save_indicators(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    i: &Indicators,
) -> Result<Indicators> {
    let tx = conn.transaction()?;
    save_indicators_in(&tx, actor, year, i)?;
    tx.commit()?;
    indicators(conn, year)
}
