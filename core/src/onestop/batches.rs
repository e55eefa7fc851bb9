//! Records per period ("batches"): a period entered by hand or imported, overall or per
//! procedure. Entering the same range again replaces it. A year's figures add up the batches
//! that end in that year, longest first, leaving out any that overlaps one already counted,
//! so a quarter and its months, or a file imported twice, are never counted twice.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::Counts;
use crate::audit;
use crate::commune;
use crate::error::{Error, Result};
use crate::people::Actor;
use crate::text;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CountRow {
    /// Empty for the whole one-stop.
    #[serde(default)]
    pub procedure_code: String,
    #[serde(default)]
    pub procedure_name: String,
    #[serde(default)]
    pub field: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BatchInput {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<CountRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Batch {
    pub id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "Tháng 3/2026" for a calendar month, else "15/02/2026 – 14/03/2026".
    pub label: String,
    pub source: String,
    pub total: Counts,
    pub on_time_rate_pct: Option<f64>,
    pub rows: Vec<CountRow>,
    /// The on-time rate of each row, in the order of `rows`.
    pub row_on_time_rates: Vec<Option<f64>>,
    /// Whether the year's figures count it; if not, `skipped_because` says why.
    pub counted: bool,
    pub skipped_because: Option<String>,
}

pub fn label(from: NaiveDate, to: NaiveDate) -> String {
    let whole_month = from.day() == 1
        && from.year() == to.year()
        && from.month() == to.month()
        && crate::plan::deadline::last_day_of_month(to.year(), to.month()) == Some(to);
    if whole_month {
        format!("Tháng {}/{}", to.month(), to.year())
    } else {
        format!("{} – {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))
    }
}

/// What makes two rows of a batch the same procedure: code and name, folded (case and
/// diacritics ignored), written into `key`.
pub(crate) fn procedure_key(row: &CountRow, key: &mut String) {
    text::fold_into(&row.procedure_code, key);
    key.push('\u{1}');
    text::fold_append(&row.procedure_name, key);
}

/// The identity of a procedure in a batch (`procedure_key`) as a hash; rows with equal hashes
/// are confirmed with `same_procedure`. `buf` is scratch space, reused from row to row.
pub(crate) fn key_hash(row: &CountRow, buf: &mut String) -> u64 {
    let mut h = DefaultHasher::new();
    procedure_key(row, buf);
    buf.hash(&mut h);
    h.finish()
}

/// Whether two rows are the same procedure (their `procedure_key`s are equal).
pub(crate) fn same_procedure(a: &CountRow, b: &CountRow) -> bool {
    let (mut x, mut y) = (String::new(), String::new());
    procedure_key(a, &mut x);
    procedure_key(b, &mut y);
    x == y
}

/// Checks a period's rows and returns them cleaned, as `save_in` would store them. `hashes`,
/// when the caller has them (an import of 100 000 rows has), are the rows' `key_hash`es in
/// order: the duplicate check then does not fold every name a second time. Either way two rows
/// are only called the same after their keys are compared in full.
pub(crate) fn check(
    conn: &Connection,
    input: BatchInput,
    hashes: Option<&[u64]>,
) -> Result<Vec<CountRow>> {
    if input.to < input.from {
        return Err(Error::invalid(format!(
            "Kỳ thống kê {}: ngày kết thúc trước ngày bắt đầu.",
            label(input.from, input.to)
        )));
    }
    commune::require_year(conn, input.to.year())?;
    if input.rows.is_empty() {
        return Err(Error::invalid("Kỳ thống kê chưa có số liệu nào."));
    }
    let hashes = hashes.filter(|h| h.len() == input.rows.len());
    let (from, to) = (input.from, input.to);
    let mut rows: Vec<CountRow> = Vec::with_capacity(input.rows.len());
    // key hash → the first row with it.
    let mut seen: HashMap<u64, usize> = HashMap::with_capacity(input.rows.len());
    let mut key = String::new();
    for (i, r) in input.rows.into_iter().enumerate() {
        // Text as typed or read is mostly clean already: cleaning it then moves, not copies.
        let row = CountRow {
            procedure_code: text::clean_line_owned(r.procedure_code),
            procedure_name: text::clean_line_owned(r.procedure_name),
            field: text::clean_line_owned(r.field),
            counts: r.counts,
        };
        // Named only when a message needs it: this runs for every row of a large file.
        let who = || {
            if row.procedure_name.is_empty() && row.procedure_code.is_empty() {
                "toàn bộ một cửa".to_string()
            } else {
                format!(
                    "thủ tục “{}”",
                    row.procedure_name.clone() + &row.procedure_code
                )
            }
        };
        for (value, name) in row.counts.fields() {
            if value < 0 {
                return Err(Error::invalid(format!(
                    "{name} của {} không được âm (đang là {value}).",
                    who()
                )));
            }
        }
        if row.counts.in_progress_overdue > row.counts.in_progress {
            return Err(Error::invalid(format!(
                "Số hồ sơ đang giải quyết quá hạn của {} ({}) nhiều hơn số hồ sơ đang giải quyết ({}).",
                who(),
                text::format_int(row.counts.in_progress_overdue),
                text::format_int(row.counts.in_progress)
            )));
        }
        let hash = match hashes {
            Some(h) => h[i],
            None => key_hash(&row, &mut key),
        };
        let twice = match seen.get(&hash) {
            // Equal hashes: compare the keys; two keys sharing a hash (never seen) are searched.
            Some(&j) => {
                same_procedure(&rows[j], &row) || rows.iter().any(|o| same_procedure(o, &row))
            }
            None => {
                seen.insert(hash, i);
                false
            }
        };
        if twice {
            return Err(Error::invalid(format!(
                "Kỳ {} có hai dòng cho {}.",
                label(from, to),
                who()
            )));
        }
        rows.push(row);
    }
    let overall = rows
        .iter()
        .any(|r| r.procedure_code.is_empty() && r.procedure_name.is_empty());
    if overall && rows.len() > 1 {
        return Err(Error::invalid(
            "Một kỳ thống kê ghi hoặc một dòng tổng của cả một cửa, hoặc từng thủ tục; không ghi cả hai.",
        ));
    }
    Ok(rows)
}

/// Saves (or replaces, for the same range) one period's records; the caller owns the
/// transaction. `hashes` as `check` takes them.
pub(crate) fn save_in(
    conn: &Connection,
    actor: &Actor,
    input: BatchInput,
    hashes: Option<&[u64]>,
    source: &str,
) -> Result<Batch> {
    let (from, to) = (input.from, input.to);
    let rows = check(conn, input, hashes)?;
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM tthc_batch WHERE from_date = ?1 AND to_date = ?2",
            params![from, to],
            |r| r.get(0),
        )
        .optional()?;
    let now = crate::clock::now_text();
    let id = match existing {
        Some(id) => {
            conn.execute("DELETE FROM tthc_count WHERE batch_id = ?1", [id])?;
            conn.execute(
                "UPDATE tthc_batch SET source = ?1, updated_at = ?2 WHERE id = ?3",
                params![source, now, id],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO tthc_batch (from_date, to_date, source, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![from, to, source, now],
            )?;
            conn.last_insert_rowid()
        }
    };
    let mut insert = conn.prepare_cached(
        "INSERT INTO tthc_count (batch_id, procedure_code, procedure_name, field,
            received_direct, received_online, received_bcci, resolved_early, resolved_on_time,
            resolved_late, in_progress, returned, carried_over, in_progress_overdue)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for r in &rows {
        let c = &r.counts;
        insert.execute(params![
            id,
            r.procedure_code,
            r.procedure_name,
            r.field,
            c.received_direct,
            c.received_online,
            c.received_bcci,
            c.resolved_early,
            c.resolved_on_time,
            c.resolved_late,
            c.in_progress,
            c.returned,
            c.carried_over,
            c.in_progress_overdue
        ])?;
    }
    // The batch as stored, without reading back what was just written.
    let mut rows = rows;
    rows.sort_by(|a, b| {
        (&a.procedure_code, &a.procedure_name).cmp(&(&b.procedure_code, &b.procedure_name))
    });
    let batch = from_rows(id, from, to, source.to_string(), rows);
    audit::record(
        conn,
        actor,
        "tthc.batch",
        "tthc_batch",
        Some(id),
        &format!(
            "{} số liệu một cửa {}: tiếp nhận {} hồ sơ, giải quyết {} ({} dòng)",
            if existing.is_some() { "Thay" } else { "Nhập" },
            batch.label,
            text::format_int(batch.total.received()),
            text::format_int(batch.total.resolved()),
            batch.rows.len()
        ),
    )?;
    Ok(batch)
}

pub fn save(conn: &mut Connection, actor: &Actor, input: &BatchInput) -> Result<Batch> {
    let tx = conn.transaction()?;
    let b = save_in(&tx, actor, input.clone(), None, "manual")?;
    tx.commit()?;
    Ok(b)
}

pub fn delete(conn: &mut Connection, actor: &Actor, id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let b = get(&tx, id)?;
    tx.execute("DELETE FROM tthc_batch WHERE id = ?1", [id])?;
    audit::record(
        &tx,
        actor,
        "tthc.batch_delete",
        "tthc_batch",
        Some(id),
        &format!("Xóa số liệu một cửa {}", b.label),
    )?;
    tx.commit()?;
    Ok(())
}

fn load_rows(conn: &Connection, id: i64) -> Result<Vec<CountRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT procedure_code, procedure_name, field, received_direct, received_online,
            received_bcci, resolved_early, resolved_on_time, resolved_late, in_progress, returned,
            carried_over, in_progress_overdue
         FROM tthc_count WHERE batch_id = ?1 ORDER BY procedure_code, procedure_name",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(CountRow {
                procedure_code: r.get(0)?,
                procedure_name: r.get(1)?,
                field: r.get(2)?,
                counts: Counts {
                    received_direct: r.get(3)?,
                    received_online: r.get(4)?,
                    received_bcci: r.get(5)?,
                    resolved_early: r.get(6)?,
                    resolved_on_time: r.get(7)?,
                    resolved_late: r.get(8)?,
                    in_progress: r.get(9)?,
                    returned: r.get(10)?,
                    carried_over: r.get(11)?,
                    in_progress_overdue: r.get(12)?,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn build(
    conn: &Connection,
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    source: String,
) -> Result<Batch> {
    Ok(from_rows(id, from, to, source, load_rows(conn, id)?))
}

/// A batch from its rows, in the order `load_rows` gives them.
fn from_rows(
    id: i64,
    from: NaiveDate,
    to: NaiveDate,
    source: String,
    rows: Vec<CountRow>,
) -> Batch {
    let mut total = Counts::default();
    rows.iter().for_each(|r| total.add(&r.counts));
    Batch {
        id,
        from,
        to,
        label: label(from, to),
        source,
        on_time_rate_pct: total.on_time_rate_pct(),
        row_on_time_rates: rows.iter().map(|r| r.counts.on_time_rate_pct()).collect(),
        total,
        rows,
        counted: true,
        skipped_because: None,
    }
}

pub fn get(conn: &Connection, id: i64) -> Result<Batch> {
    let (from, to, source) = conn
        .query_row(
            "SELECT from_date, to_date, source FROM tthc_batch WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Không tìm thấy kỳ thống kê số {id}.")))?;
    build(conn, id, from, to, source)
}

/// The batches ending in `year`, in date order, each marked counted or skipped (overlap).
pub fn of_year(conn: &Connection, year: i32) -> Result<Vec<Batch>> {
    let mut stmt = conn.prepare(
        "SELECT id, from_date, to_date, source FROM tthc_batch
         WHERE to_date BETWEEN ?1 AND ?2 ORDER BY from_date, to_date",
    )?;
    let heads = stmt
        .query_map(
            params![format!("{year}-01-01"), format!("{year}-12-31")],
            |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<rusqlite::Result<Vec<(i64, NaiveDate, NaiveDate, String)>>>()?;
    let mut batches = heads
        .into_iter()
        .map(|(id, from, to, source)| build(conn, id, from, to, source))
        .collect::<Result<Vec<_>>>()?;
    // Longest first; a batch overlapping one already counted is left out.
    let mut order: Vec<usize> = (0..batches.len()).collect();
    order.sort_by_key(|&i| {
        (
            -(batches[i].to - batches[i].from).num_days(),
            batches[i].from,
        )
    });
    let mut counted: Vec<usize> = Vec::new();
    for i in order {
        let clash = counted
            .iter()
            .find(|&&j| batches[i].from <= batches[j].to && batches[j].from <= batches[i].to)
            .copied();
        match clash {
            Some(j) => {
                let because = format!(
                    "Trùng thời gian với kỳ {} đã được tính; không cộng hai lần.",
                    batches[j].label
                );
                batches[i].counted = false;
                batches[i].skipped_because = Some(because);
            }
            None => counted.push(i),
        }
    }
    Ok(batches)
}

/// The year's records: the counted batches one after the other (`batches` in date order, as
/// `of_year` gives them): flows added up, carried over from the first, in progress at the last.
pub fn year_total(batches: &[Batch]) -> Counts {
    in_sequence(batches.iter().filter(|b| b.counted).map(|b| &b.total))
}

/// Periods in date order as one period (see `Counts::followed_by`).
pub fn in_sequence<'a>(periods: impl Iterator<Item = &'a Counts>) -> Counts {
    let mut total: Option<Counts> = None;
    for c in periods {
        total = Some(match total {
            Some(t) => t.followed_by(c),
            None => *c,
        });
    }
    total.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commune::CommuneInput;

    fn commune() -> Connection {
        let mut conn = crate::db::open_in_memory().unwrap();
        let input = CommuneInput {
            name: "Nông Thượng".into(),
            province: "Thái Nguyên".into(),
            superior: String::new(),
            current_year: 2026,
        };
        crate::setup::initialise(&mut conn, &input, None).unwrap();
        conn
    }

    fn quarter(names: &[&str]) -> BatchInput {
        let counts = Counts {
            received_direct: 3,
            resolved_on_time: 2,
            ..Counts::default()
        };
        BatchInput {
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            rows: names
                .iter()
                .map(|n| CountRow {
                    procedure_code: String::new(),
                    procedure_name: (*n).into(),
                    field: String::new(),
                    counts,
                })
                .collect(),
        }
    }

    #[test]
    fn one_procedure_twice_is_refused_with_or_without_the_callers_hashes() {
        let conn = commune();
        let input = quarter(&[
            "Đăng ký khai sinh",
            "Chứng thực bản sao",
            "ĐĂNG KÝ  KHAI SINH",
        ]);
        let mut buf = String::new();
        let hashes: Vec<u64> = input.rows.iter().map(|r| key_hash(r, &mut buf)).collect();
        for given in [None, Some(hashes.as_slice())] {
            let e = check(&conn, input.clone(), given).unwrap_err().to_string();
            assert!(
                e.contains("có hai dòng cho thủ tục “ĐĂNG KÝ KHAI SINH”"),
                "{e}"
            );
        }
        let fine = quarter(&["Đăng ký khai sinh", "Chứng thực bản sao"]);
        assert_eq!(check(&conn, fine, None).unwrap().len(), 2);
    }

    #[test]
    fn equal_hashes_are_not_taken_for_the_same_procedure() {
        let conn = commune();
        // Three procedures whose hashes (as a caller might give them) all collide.
        let input = quarter(&["Đăng ký khai sinh", "Chứng thực bản sao", "Đăng ký kết hôn"]);
        assert_eq!(check(&conn, input, Some(&[7, 7, 7])).unwrap().len(), 3);
        // A real repeat behind a collision is still found.
        let input = quarter(&[
            "Đăng ký khai sinh",
            "Chứng thực bản sao",
            "Chứng thực bản sao",
        ]);
        let e = check(&conn, input, Some(&[7, 7, 7]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("có hai dòng cho"), "{e}");
    }
}
