//! The plan's own document reference: "Kế hoạch số 05/KH-UBND ngày 15/01/2026". Typed on the
//! plan screen, or recorded when the plan document is printed with its number: once issued,
//! that number and date are what every other report cites.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PlanInfo {
    pub year: i32,
    /// "05/KH-UBND"; empty until entered.
    pub doc_number: String,
    pub issued_on: Option<NaiveDate>,
}

impl PlanInfo {
    /// "Kế hoạch số 05/KH-UBND ngày 15/01/2026", or None while there is no reference.
    pub fn citation(&self) -> Option<String> {
        if self.doc_number.is_empty() {
            return None;
        }
        let date = self
            .issued_on
            .map(|d| format!(" ngày {}", d.format("%d/%m/%Y")))
            .unwrap_or_default();
        Some(format!("Kế hoạch số {}{date}", self.doc_number))
    }
}

/// Makes sure the year has a plan row (tasks hang off it).
pub(crate) fn ensure(conn: &Connection, year: i32) -> Result<()> {
    commune::require_year(conn, year)?;
    conn.execute("INSERT OR IGNORE INTO plan (year) VALUES (?1)", [year])?;
    Ok(())
}

pub fn get(conn: &Connection, year: i32) -> Result<PlanInfo> {
    commune::require_year(conn, year)?;
    let row: Option<(String, Option<NaiveDate>)> = conn
        .query_row(
            "SELECT doc_number, issued_on FROM plan WHERE year = ?1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (doc_number, issued_on) = row.unwrap_or_default();
    Ok(PlanInfo {
        year,
        doc_number,
        issued_on,
    })
}

/// "5/KH-UBND" → "05/KH-UBND": numbers under 10 take a leading zero (Nghị định 30/2020).
pub fn normalise_doc_number(raw: &str) -> Result<String> {
    let s = text::clean_line(raw).replace(' ', "");
    if s.is_empty() {
        return Ok(s);
    }
    let Some((number, code)) = s.split_once('/') else {
        return Err(Error::invalid(format!(
            "Số, ký hiệu “{s}” chưa đúng dạng: hãy ghi như 05/KH-UBND."
        )));
    };
    if code.is_empty() || number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(format!(
            "Số, ký hiệu “{s}” chưa đúng dạng: hãy ghi như 05/KH-UBND."
        )));
    }
    let n: u32 = number
        .parse()
        .map_err(|_| Error::invalid(format!("Số văn bản “{number}” không hợp lệ.")))?;
    Ok(format!("{n:02}/{}", code_case(code)))
}

/// "kh-ubnd" → "KH-UBND", but "TTr" (tờ trình) keeps the case Nghị định 30/2020 writes it in.
fn code_case(code: &str) -> String {
    code.split('-')
        .map(|part| {
            if part.eq_ignore_ascii_case("ttr") {
                "TTr".to_string()
            } else {
                part.to_uppercase()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// A plan of `year` is issued late in the year before or during the year itself.
pub fn check_issued_on(year: i32, d: NaiveDate) -> Result<()> {
    if d.year() < year - 1 || d.year() > year {
        return Err(Error::invalid(format!(
            "Ngày ban hành {} không hợp lệ cho kế hoạch năm {year}: kế hoạch được ban hành trong năm {} hoặc năm {year}.",
            d.format("%d/%m/%Y"),
            year - 1
        )));
    }
    Ok(())
}

pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    doc_number: &str,
    issued_on: Option<NaiveDate>,
) -> Result<PlanInfo> {
    let doc_number = normalise_doc_number(doc_number)?;
    if let Some(d) = issued_on {
        check_issued_on(year, d)?;
    }
    let tx = conn.transaction()?;
    ensure(&tx, year)?;
    tx.execute(
        "UPDATE plan SET doc_number = ?1, issued_on = ?2 WHERE year = ?3",
        params![doc_number, issued_on, year],
    )?;
    let info = get(&tx, year)?;
    audit::record(
        &tx,
        actor,
        "plan.reference",
        "plan",
        Some(year.into()),
        &format!(
            "Cập nhật căn cứ kế hoạch năm {year}: {}",
            info.citation().unwrap_or_else(|| "(để trống)".into())
        ),
    )?;
    tx.commit()?;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers_take_a_leading_zero() {
        assert_eq!(normalise_doc_number("5/KH-UBND").unwrap(), "05/KH-UBND");
        assert_eq!(
            normalise_doc_number(" 12 / kh-ubnd ").unwrap(),
            "12/KH-UBND"
        );
        assert_eq!(normalise_doc_number("").unwrap(), "");
        // A tờ trình's code as Nghị định 30/2020 writes it, however it was typed.
        assert_eq!(normalise_doc_number("3/ttr-ubnd").unwrap(), "03/TTr-UBND");
        assert!(normalise_doc_number("KH-UBND").is_err());
        assert!(normalise_doc_number("a/KH").is_err());
    }
}
