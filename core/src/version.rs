//! Two users on one record. Every record a form edits (a task, a session, a criterion's score,
//! a criterion, the commune's details) carries a version that each change raises, with who made
//! it and when. A form sends back the version it showed; a save based on an older one is refused
//! with who changed it and when, so the user reloads instead of overwriting a colleague's work.

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::people::Actor;

/// The kinds of record that carry a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Task,
    Session,
    Score,
    Criterion,
    Commune,
}

impl Record {
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Record::Task => ("task", "id"),
            Record::Session => ("outreach_session", "id"),
            Record::Score => ("score", "criterion_id"),
            Record::Criterion => ("criterion", "id"),
            Record::Commune => ("commune", "id"),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Record::Task => "Nhiệm vụ này",
            Record::Session => "Buổi tuyên truyền này",
            Record::Score => "Điểm của tiêu chí này",
            Record::Criterion => "Tiêu chí này",
            Record::Commune => "Thông tin của xã",
        }
    }
}

/// "lúc 10:15" today, "lúc 10:15 ngày 29/11/2026" another day.
fn when(at: &str) -> String {
    match NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S") {
        Ok(t) if t.date() == crate::clock::today() => format!("lúc {}", t.format("%H:%M")),
        Ok(t) => format!("lúc {}", t.format("%H:%M ngày %d/%m/%Y")),
        Err(_) => String::new(),
    }
}

/// Refuses when the record has moved on from `expected` (the version the form showed). `None`
/// means the caller edits without a form (an import, the command line): nothing to compare.
pub fn expect(conn: &Connection, record: Record, id: i64, expected: Option<i64>) -> Result<()> {
    let Some(expected) = expected else {
        return Ok(());
    };
    let (table, key) = record.table();
    let row: Option<(i64, String, String)> = conn
        .query_row(
            &format!("SELECT version, updated_by, updated_at FROM {table} WHERE {key} = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        Some((version, _, _)) if version == expected => Ok(()),
        Some((_, by, at)) => {
            let who = if by.is_empty() {
                "người khác".to_string()
            } else {
                by
            };
            Err(Error::Stale(format!(
                "{} vừa được {who} sửa {}; hãy tải lại để xem thay đổi rồi sửa tiếp. Những gì bạn đã nhập vẫn còn trên màn hình.",
                record.noun(),
                when(&at)
            )
            .replace("  ", " ")))
        }
        None => Err(Error::NotFound(format!(
            "{} đã bị xóa; hãy tải lại.",
            record.noun()
        ))),
    }
}

/// Records a change: the version goes up, with who and when.
pub fn bump(conn: &Connection, record: Record, id: i64, actor: &Actor) -> Result<()> {
    let (table, key) = record.table();
    conn.execute(
        &format!(
            "UPDATE {table} SET version = version + 1, updated_by = ?1, updated_at = ?2
             WHERE {key} = ?3"
        ),
        params![actor.name, crate::clock::now_text(), id],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;
    use crate::people::Role;

    #[test]
    fn a_save_on_an_old_version_is_refused_naming_who_changed_it() {
        let conn = db::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO commune (id, name, province, current_year, created_at)
             VALUES (1, 'Nông Thượng', 'Thái Nguyên', 2026, '2026-01-01 08:00:00')",
            [],
        )
        .unwrap();
        let a = Actor {
            account_id: Some(2),
            name: "Nguyễn Văn A".into(),
            role: Role::Officer,
            client: String::new(),
        };
        expect(&conn, Record::Commune, 1, Some(1)).unwrap();
        bump(&conn, Record::Commune, 1, &a).unwrap();
        let stale = expect(&conn, Record::Commune, 1, Some(1)).unwrap_err();
        assert_eq!(stale.kind(), "stale");
        let text = stale.to_string();
        assert!(text.contains("vừa được Nguyễn Văn A sửa lúc "), "{text}");
        assert!(text.contains("hãy tải lại"), "{text}");
        expect(&conn, Record::Commune, 1, Some(2)).unwrap();
        expect(&conn, Record::Commune, 1, None).unwrap();
        assert_eq!(
            expect(&conn, Record::Task, 99, Some(1)).unwrap_err().kind(),
            "not_found"
        );
    }
}
