//! What the office types when it prints: the document number, the place, the recipients and
//! the signer, remembered per report kind so the next print starts from them; and the
//! assessment texts of the annual report (strengths, limits, causes, next tasks,
//! recommendations), kept per year and reporting period.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::doc::Signer;
use super::ReportKind;
use crate::audit;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

/// Every report is a báo cáo of the commune's People's Committee: "12/BC-UBND".
pub const NUMBER_SUFFIX: &str = "BC-UBND";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "ReportSettings")]
pub struct Settings {
    /// "12/BC-UBND"; empty leaves "Số:      /BC-UBND" to fill in by hand.
    pub number: String,
    /// The place in the date line: "Nông Thượng".
    pub place: String,
    pub recipients: Vec<String>,
    pub signer: Signer,
}

impl Settings {
    /// Trimmed, NFC, empty recipients dropped; a bare number gets `suffix` ("12" →
    /// "12/BC-UBND"); refuses what cannot be printed.
    pub fn cleaned(&self, suffix: &str) -> Result<Settings> {
        let number = text::clean_line(&self.number).replace(' ', "");
        let number = if number.is_empty() || number.contains('/') {
            number
        } else {
            format!("{number}/{suffix}")
        };
        let s = Settings {
            number: crate::plan::reference::normalise_doc_number(&number)?,
            place: text::clean_line(&self.place),
            recipients: self
                .recipients
                .iter()
                .map(|r| text::clean_line(r.trim_start_matches(['-', '–', ' '])))
                .filter(|r| !r.is_empty())
                .collect(),
            signer: Signer {
                on_behalf: text::clean_line(&self.signer.on_behalf),
                title: text::clean_text(&self.signer.title),
                name: text::clean_line(&self.signer.name),
            },
        };
        if s.place.is_empty() {
            return Err(Error::invalid(
                "Địa danh (nơi ban hành) không được để trống: nhập tên xã, ví dụ “Nông Thượng”.",
            ));
        }
        if s.signer.title.is_empty() {
            return Err(Error::invalid(
                "Chức vụ người ký không được để trống, ví dụ “CHỦ TỊCH”.",
            ));
        }
        Ok(s)
    }
}

/// The settings last used for `kind`, or the commune's defaults: its name as the place, the
/// superior body and "Lưu: VT" as recipients, the chairman's account as the signer.
pub fn get(conn: &Connection, kind: ReportKind) -> Result<Settings> {
    match saved(conn, kind.code())? {
        Some(s) => Ok(s),
        None => defaults(conn, kind),
    }
}

/// The settings last used under `code` (a report kind's code, or another document's such as
/// the dossier's cover letter).
pub fn saved(conn: &Connection, code: &str) -> Result<Option<Settings>> {
    Ok(conn
        .query_row(
            "SELECT number, place, recipients, on_behalf, signer_title, signer_name
             FROM report_setting WHERE kind = ?1",
            [code],
            |r| {
                let recipients: String = r.get(2)?;
                Ok(Settings {
                    number: r.get(0)?,
                    place: r.get(1)?,
                    recipients: recipients.lines().map(str::to_string).collect(),
                    signer: Signer {
                        on_behalf: r.get(3)?,
                        title: r.get(4)?,
                        name: r.get(5)?,
                    },
                })
            },
        )
        .optional()?)
}

pub(crate) fn defaults(conn: &Connection, kind: ReportKind) -> Result<Settings> {
    let commune = crate::commune::require(conn)?;
    let chairman: Option<String> = conn
        .query_row(
            "SELECT o.full_name FROM account a JOIN officer o ON o.id = a.officer_id
             WHERE a.role = 'chairman' AND a.active = 1 ORDER BY a.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let mut recipients = Vec::new();
    if !commune.superior.is_empty() {
        recipients.push(commune.superior.clone());
    }
    recipients.push("Thường trực Đảng ủy, HĐND xã".to_string());
    if kind == ReportKind::PlanDocument {
        // A plan is carried out by the whole committee: each officer gets a copy.
        recipients.push("Chủ tịch, các Phó Chủ tịch UBND xã".to_string());
        recipients.push("Các công chức chuyên môn".to_string());
    }
    recipients.push("Lưu: VT".to_string());
    Ok(Settings {
        number: String::new(),
        place: commune.name.clone(),
        recipients,
        signer: Signer {
            on_behalf: "TM. ỦY BAN NHÂN DÂN".into(),
            title: "CHỦ TỊCH".into(),
            name: chairman.unwrap_or_default(),
        },
    })
}

/// Remembers `s` for `kind` (called when a report is made with it).
pub fn remember(conn: &Connection, kind: ReportKind, s: &Settings) -> Result<()> {
    remember_as(conn, kind.code(), s)
}

/// Remembers `s` under `code`.
pub fn remember_as(conn: &Connection, code: &str, s: &Settings) -> Result<()> {
    conn.execute(
        "INSERT INTO report_setting
            (kind, number, place, recipients, on_behalf, signer_title, signer_name, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(kind) DO UPDATE SET number = ?2, place = ?3, recipients = ?4,
            on_behalf = ?5, signer_title = ?6, signer_name = ?7, updated_at = ?8",
        params![
            code,
            s.number,
            s.place,
            s.recipients.join("\n"),
            s.signer.on_behalf,
            s.signer.title,
            s.signer.name,
            crate::clock::now_text()
        ],
    )?;
    Ok(())
}

/// The officer's assessment of a reporting period, written into part III–V of the annual
/// report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Assessment {
    pub strengths: String,
    pub limits: String,
    pub causes: String,
    pub next_tasks: String,
    pub recommendations: String,
}

impl Assessment {
    fn cleaned(&self) -> Assessment {
        Assessment {
            strengths: text::clean_text(&self.strengths),
            limits: text::clean_text(&self.limits),
            causes: text::clean_text(&self.causes),
            next_tasks: text::clean_text(&self.next_tasks),
            recommendations: text::clean_text(&self.recommendations),
        }
    }
}

pub fn assessment(conn: &Connection, year: i32, period: &str) -> Result<Assessment> {
    Ok(conn
        .query_row(
            "SELECT strengths, limits, causes, next_tasks, recommendations
             FROM report_assessment WHERE year = ?1 AND period = ?2",
            params![year, period],
            |r| {
                Ok(Assessment {
                    strengths: r.get(0)?,
                    limits: r.get(1)?,
                    causes: r.get(2)?,
                    next_tasks: r.get(3)?,
                    recommendations: r.get(4)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Saves the texts of (`year`, `period`); `period` must be one the annual report offers.
pub fn save_assessment(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    period: &str,
    a: &Assessment,
) -> Result<Assessment> {
    let tx = conn.transaction()?;
    let code = save_assessment_in(&tx, actor, year, period, a)?;
    tx.commit()?;
    assessment(conn, year, &code)
}

/// `save_assessment` inside the caller's transaction; returns the period's code.
pub(crate) fn save_assessment_in(
    conn: &Connection,
    actor: &Actor,
    year: i32,
    period: &str,
    a: &Assessment,
) -> Result<String> {
    let p = super::report_period(year, period)?;
    let a = a.cleaned();
    crate::commune::require_year(conn, year)?;
    conn.execute(
        "INSERT INTO report_assessment
            (year, period, strengths, limits, causes, next_tasks, recommendations, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(year, period) DO UPDATE SET strengths = ?3, limits = ?4, causes = ?5,
            next_tasks = ?6, recommendations = ?7, updated_at = ?8",
        params![
            year,
            p.code,
            a.strengths,
            a.limits,
            a.causes,
            a.next_tasks,
            a.recommendations,
            crate::clock::now_text()
        ],
    )?;
    audit::record(
        conn,
        actor,
        "report.assessment",
        "report_assessment",
        Some(year.into()),
        &format!("Cập nhật đánh giá, nhận xét của báo cáo CCHC {}", p.name),
    )?;
    Ok(p.code)
}
