//! The commune itself: its name, province, the superior (appraising) body, the current year,
//! and the working years the year selector offers.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

pub const MIN_YEAR: i32 = 2000;
pub const MAX_YEAR: i32 = 2100;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Commune {
    /// Without the "Xã" prefix: "Nông Thượng".
    pub name: String,
    /// "Xã Nông Thượng".
    pub display_name: String,
    pub province: String,
    /// The superior and appraising body; since 1/7/2025 usually a provincial one.
    pub superior: String,
    pub current_year: i32,
    pub is_demo: bool,
    /// Raised by every change; the settings form sends it back so a stale save is refused.
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CommuneInput {
    pub name: String,
    pub province: String,
    #[serde(default)]
    pub superior: String,
    pub current_year: i32,
}

/// Suggestions for the superior body; free text is always allowed.
pub fn superior_suggestions(province: &str) -> Vec<String> {
    let p = strip_prefix_ci(&text::clean_line(province), &["tỉnh", "thành phố"]);
    if p.is_empty() {
        return vec!["UBND tỉnh …".into(), "Sở Nội vụ tỉnh …".into()];
    }
    vec![
        format!("UBND tỉnh {p}"),
        format!("Sở Nội vụ tỉnh {p}"),
        format!("UBND thành phố {p}"),
        format!("Sở Nội vụ thành phố {p}"),
    ]
}

fn strip_prefix_ci(s: &str, prefixes: &[&str]) -> String {
    let lower = s.to_lowercase();
    for p in prefixes {
        if let Some(rest) = lower.strip_prefix(&format!("{p} ")) {
            let cut = s.len() - rest.len();
            return s[cut..].trim().to_string();
        }
    }
    s.to_string()
}

pub fn check_year(year: i32) -> Result<i32> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(Error::invalid(format!(
            "Năm {year} không hợp lệ: hãy nhập năm từ {MIN_YEAR} đến {MAX_YEAR}."
        )))
    }
}

struct Cleaned {
    name: String,
    province: String,
    superior: String,
    year: i32,
}

fn clean(input: &CommuneInput) -> Result<Cleaned> {
    let name = strip_prefix_ci(&text::clean_line(&input.name), &["xã"]);
    if name.is_empty() {
        return Err(Error::invalid("Tên xã không được để trống."));
    }
    let province = text::clean_line(&input.province);
    if province.is_empty() {
        return Err(Error::invalid("Tên tỉnh/thành phố không được để trống."));
    }
    if name.chars().count() > 80 || province.chars().count() > 80 {
        return Err(Error::invalid("Tên xã hoặc tên tỉnh dài quá 80 ký tự."));
    }
    Ok(Cleaned {
        name,
        province,
        superior: text::clean_line(&input.superior),
        year: check_year(input.current_year)?,
    })
}

pub fn get(conn: &Connection) -> Result<Option<Commune>> {
    Ok(conn
        .query_row(
            "SELECT name, province, superior, current_year, is_demo, version FROM commune WHERE id = 1",
            [],
            |r| {
                let name: String = r.get(0)?;
                Ok(Commune {
                    display_name: format!("Xã {name}"),
                    name,
                    province: r.get(1)?,
                    superior: r.get(2)?,
                    current_year: r.get(3)?,
                    is_demo: r.get(4)?,
                    version: r.get(5)?,
                })
            },
        )
        .optional()?)
}

pub fn require(conn: &Connection) -> Result<Commune> {
    get(conn)?.ok_or(Error::NotInitialised)
}

/// Creates the commune; the caller owns the transaction. Refused on a data folder in use.
pub(crate) fn insert(
    conn: &Connection,
    actor: &Actor,
    input: &CommuneInput,
    is_demo: bool,
) -> Result<Commune> {
    if let Some(existing) = get(conn)? {
        return Err(Error::Conflict(format!(
            "Thư mục dữ liệu này đã có dữ liệu của {} ({}); không thiết lập lại để tránh mất dữ liệu. Hãy chọn thư mục dữ liệu khác.",
            existing.display_name, existing.province
        )));
    }
    let c = clean(input)?;
    conn.execute(
        "INSERT INTO commune (id, name, province, superior, current_year, is_demo, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.name,
            c.province,
            c.superior,
            c.year,
            is_demo,
            crate::clock::now_text()
        ],
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO work_year (year) VALUES (?1)",
        [c.year],
    )?;
    audit::record(
        conn,
        actor,
        "commune.init",
        "commune",
        Some(1),
        &format!(
            "Thiết lập dữ liệu cho xã {}, {} (năm {})",
            c.name, c.province, c.year
        ),
    )?;
    require(conn)
}

pub fn update(conn: &mut Connection, actor: &Actor, input: &CommuneInput) -> Result<Commune> {
    actor.require(
        |c| c.edit_commune,
        "Chỉ quản trị viên hoặc Chủ tịch UBND xã được sửa thông tin của xã.",
    )?;
    let c = clean(input)?;
    let tx = conn.transaction()?;
    let before = require(&tx)?;
    tx.execute(
        "UPDATE commune SET name = ?1, province = ?2, superior = ?3, current_year = ?4 WHERE id = 1",
        params![c.name, c.province, c.superior, c.year],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO work_year (year) VALUES (?1)",
        [c.year],
    )?;
    let after = require(&tx)?;
    if before != after {
        crate::version::bump(&tx, crate::version::Record::Commune, 1, actor)?;
        audit::record(
            &tx,
            actor,
            "commune.update",
            "commune",
            Some(1),
            &format!(
                "Sửa thông tin xã: {} / {} / {} / năm {} → {} / {} / {} / năm {}",
                before.name,
                before.province,
                before.superior,
                before.current_year,
                after.name,
                after.province,
                after.superior,
                after.current_year
            ),
        )?;
    }
    let after = require(&tx)?;
    tx.commit()?;
    Ok(after)
}

/// The working years, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare("SELECT year FROM work_year ORDER BY year DESC")?;
    let years = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i32>>>()?;
    Ok(years)
}

/// Refuses a year the commune keeps no data for, naming the years it has.
pub fn require_year(conn: &Connection, year: i32) -> Result<i32> {
    let commune = require(conn)?;
    let years = years(conn)?;
    if years.contains(&year) {
        return Ok(year);
    }
    let list = years
        .iter()
        .rev()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    Err(Error::NotFound(format!(
        "{} chưa có dữ liệu năm {year}. Các năm đang có: {list}.{}",
        commune.display_name,
        if check_year(year).is_ok() {
            format!(
                " Để mở năm {year}: `cchc years add {year}` hoặc Cài đặt › Năm làm việc; nhập tệp vào năm sau thì năm đó được mở."
            )
        } else {
            String::new()
        }
    )))
}

/// Opens a working year (the screens, `cchc years add`); refused when it is already kept.
pub fn add_year(conn: &mut Connection, actor: &Actor, year: i32) -> Result<Vec<i32>> {
    let tx = conn.transaction()?;
    if !open_year_in(&tx, actor, year)? {
        return Err(Error::Conflict(format!(
            "Năm {year} đã có trong danh sách."
        )));
    }
    tx.commit()?;
    years(conn)
}

/// Opens a working year inside the caller's transaction (an import into next year does);
/// false when it was kept already.
pub(crate) fn open_year_in(conn: &Connection, actor: &Actor, year: i32) -> Result<bool> {
    let year = check_year(year)?;
    require(conn)?;
    let added = conn.execute("INSERT OR IGNORE INTO work_year (year) VALUES (?1)", [year])?;
    if added == 0 {
        return Ok(false);
    }
    audit::record(
        conn,
        actor,
        "year.add",
        "work_year",
        Some(year.into()),
        &format!("Thêm năm làm việc {year}"),
    )?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::people::Role;

    fn input() -> CommuneInput {
        CommuneInput {
            name: "  xã Nông  Thượng ".into(),
            province: "Thái Nguyên".into(),
            superior: "Sở Nội vụ tỉnh Thái Nguyên".into(),
            current_year: 2026,
        }
    }

    #[test]
    fn insert_cleans_and_refuses_a_second_time() {
        let conn = db::open_in_memory().unwrap();
        let actor = Actor::command_line();
        let c = insert(&conn, &actor, &input(), false).unwrap();
        assert_eq!(c.name, "Nông Thượng");
        assert_eq!(c.display_name, "Xã Nông Thượng");
        assert_eq!(years(&conn).unwrap(), vec![2026]);
        let err = insert(&conn, &actor, &input(), false).unwrap_err();
        assert_eq!(err.kind(), "conflict");
        assert!(err.to_string().contains("Xã Nông Thượng"));
    }

    #[test]
    fn unknown_year_names_the_years_there_are() {
        let mut conn = db::open_in_memory().unwrap();
        let actor = Actor::command_line();
        insert(&conn, &actor, &input(), false).unwrap();
        add_year(&mut conn, &actor, 2025).unwrap();
        let err = require_year(&conn, 1999).unwrap_err();
        assert_eq!(err.kind(), "not_found");
        assert_eq!(
            err.to_string(),
            "Xã Nông Thượng chưa có dữ liệu năm 1999. Các năm đang có: 2025, 2026."
        );
        let err = require_year(&conn, 2031).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "Để mở năm 2031: `cchc years add 2031` hoặc Cài đặt › Năm làm việc; nhập tệp vào năm sau thì năm đó được mở."
            ),
            "{err}"
        );
        assert_eq!(
            add_year(&mut conn, &actor, 2025).unwrap_err().kind(),
            "conflict"
        );
        assert_eq!(
            add_year(&mut conn, &actor, 1800).unwrap_err().kind(),
            "invalid"
        );
    }

    #[test]
    fn empty_name_or_bad_year_is_refused() {
        let conn = db::open_in_memory().unwrap();
        let actor = Actor::command_line();
        let mut bad = input();
        bad.name = "  ".into();
        assert_eq!(
            insert(&conn, &actor, &bad, false).unwrap_err().kind(),
            "invalid"
        );
        let mut bad = input();
        bad.current_year = 20;
        assert_eq!(
            insert(&conn, &actor, &bad, false).unwrap_err().kind(),
            "invalid"
        );
        assert!(get(&conn).unwrap().is_none());
    }

    #[test]
    fn suggestions_name_the_province_without_district_level() {
        let s = superior_suggestions("Tỉnh Thái Nguyên");
        assert_eq!(s[0], "UBND tỉnh Thái Nguyên");
        assert_eq!(s[1], "Sở Nội vụ tỉnh Thái Nguyên");
        assert!(s.iter().all(|x| !x.contains("huyện")));
    }

    #[test]
    fn officer_cannot_edit_commune() {
        let mut conn = db::open_in_memory().unwrap();
        insert(&conn, &Actor::command_line(), &input(), false).unwrap();
        let officer = Actor {
            account_id: None,
            name: "X".into(),
            role: Role::Officer,
            client: String::new(),
        };
        assert_eq!(
            update(&mut conn, &officer, &input()).unwrap_err().kind(),
            "forbidden"
        );
    }
}
