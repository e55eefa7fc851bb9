//! The yearly figures of Biểu 09a that are not sessions: law clubs and their members, and law
//! bookshelves. Entered by the officer once a year.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct YearCounters {
    /// Câu lạc bộ pháp luật.
    pub law_clubs: i64,
    pub club_members: i64,
    /// Tủ sách pháp luật.
    pub bookshelves: i64,
}

pub fn get(conn: &Connection, year: i32) -> Result<YearCounters> {
    commune::require_year(conn, year)?;
    Ok(conn
        .query_row(
            "SELECT law_clubs, club_members, bookshelves FROM pbgdpl_counter WHERE year = ?1",
            [year],
            |r| {
                Ok(YearCounters {
                    law_clubs: r.get(0)?,
                    club_members: r.get(1)?,
                    bookshelves: r.get(2)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

pub fn save(
    conn: &mut Connection,
    actor: &Actor,
    year: i32,
    c: &YearCounters,
) -> Result<YearCounters> {
    for (value, name) in [
        (c.law_clubs, "Số câu lạc bộ pháp luật"),
        (c.club_members, "Số thành viên câu lạc bộ"),
        (c.bookshelves, "Số tủ sách pháp luật"),
    ] {
        if value < 0 {
            return Err(Error::invalid(format!("{name} không được âm.")));
        }
    }
    let tx = conn.transaction()?;
    commune::require_year(&tx, year)?;
    tx.execute(
        "INSERT INTO pbgdpl_counter (year, law_clubs, club_members, bookshelves, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(year) DO UPDATE SET law_clubs = ?2, club_members = ?3, bookshelves = ?4,
            updated_at = ?5",
        params![
            year,
            c.law_clubs,
            c.club_members,
            c.bookshelves,
            crate::clock::now_text()
        ],
    )?;
    audit::record(
        &tx,
        actor,
        "pbgdpl.counters",
        "pbgdpl_counter",
        Some(year.into()),
        &format!(
            "Cập nhật số liệu PBGDPL năm {year}: {} câu lạc bộ pháp luật, {} thành viên, {} tủ sách pháp luật",
            c.law_clubs, c.club_members, c.bookshelves
        ),
    )?;
    tx.commit()?;
    get(conn, year)
}
