//! The figures of one row of a one-stop statistics table: the count columns a file may have,
//! each cell read as a whole number ≥ 0 (a dash is 0), what the file leaves to arithmetic
//! filled in (direct = received − online − BCCI, on time = resolved − early − late, …), and
//! every sum the row states checked at its cell: the file's own relations ("(3=4+5)" in the
//! number row or a header) and those every one-stop table obeys (received = its channels,
//! resolved = early + on time + late, pending = not yet due + overdue, total late = late +
//! overdue).

use super::workbook::{column_letter, Cell};
use super::{columns, values, Ctx, Severity};
use crate::onestop::Counts;
use crate::text;

/// The count columns a file may have, in the order of `Vals`.
pub(super) const KEYS: [&str; 16] = [
    "handled_total",
    "carried",
    "received_total",
    "received_direct",
    "received_online",
    "received_bcci",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress",
    "in_progress_not_due",
    "in_progress_overdue",
    "late_total",
    "returned",
    "withdrawn",
];
pub(super) const HANDLED: usize = 0;
pub(super) const CARRIED: usize = 1;
pub(super) const RECEIVED: usize = 2;
pub(super) const DIRECT: usize = 3;
pub(super) const ONLINE: usize = 4;
pub(super) const BCCI: usize = 5;
pub(super) const RESOLVED: usize = 6;
pub(super) const EARLY: usize = 7;
pub(super) const ON_TIME: usize = 8;
pub(super) const LATE: usize = 9;
pub(super) const PENDING: usize = 10;
pub(super) const NOT_DUE: usize = 11;
pub(super) const OVERDUE: usize = 12;
pub(super) const LATE_TOTAL: usize = 13;
pub(super) const RETURNED: usize = 14;
pub(super) const WITHDRAWN: usize = 15;

/// What the columns of a one-stop table add up to, whether or not the file says so.
pub(super) const SUMS: [(usize, &[usize]); 5] = [
    (HANDLED, &[CARRIED, RECEIVED]),
    (RECEIVED, &[DIRECT, ONLINE, BCCI]),
    (RESOLVED, &[EARLY, ON_TIME, LATE]),
    (PENDING, &[NOT_DUE, OVERDUE]),
    (LATE_TOTAL, &[LATE, OVERDUE]),
];

/// The received or resolved columns: a one-stop sheet needs at least one.
pub(super) const ESSENTIAL: [usize; 9] = [
    HANDLED, RECEIVED, DIRECT, ONLINE, BCCI, RESOLVED, EARLY, ON_TIME, LATE,
];

/// A row's count cells: None where the file has no such column.
pub(super) type Vals = [Option<i64>; 16];

pub(super) fn label(k: usize) -> &'static str {
    columns::TTHC
        .iter()
        .find(|f| f.key == KEYS[k])
        .map(|f| f.label)
        .unwrap_or_default()
}

/// Whether a cell holds only dashes, which reports use for zero.
pub(super) fn is_dash(c: &Cell) -> bool {
    matches!(c, Cell::Text(t) if !t.is_empty() && t.chars().all(|ch| matches!(ch, '-' | '–' | '—')))
}

/// A count cell as a number, quietly: None when it is not one.
pub(super) fn quiet(c: &Cell) -> Option<i64> {
    if is_dash(c) {
        Some(0)
    } else {
        values::int(c)
    }
}

/// Whether a row has any count written as a number.
pub(super) fn has_numbers(row: &[Cell], cols: &[Option<usize>; 16]) -> bool {
    cols.iter()
        .flatten()
        .filter_map(|c| row.get(*c))
        .any(|c| !c.is_empty() && !is_dash(c) && values::int(c).is_some())
}

/// The columns of the table and what the file leaves to arithmetic, decided once per file.
pub(super) struct Table {
    pub cols: [Option<usize>; 16],
    /// The total columns whose relation the file states itself (checked from the number row).
    pub stated: Vec<usize>,
}

/// Reads a row's counts, naming the cell of every one that is not a whole number ≥ 0.
pub(super) fn read(ctx: &mut Ctx, i: usize, row: &[Cell], t: &Table) -> Option<Vals> {
    let mut v: Vals = [None; 16];
    let mut ok = true;
    for (k, col) in t.cols.iter().enumerate() {
        let Some(col) = col else { continue };
        let cell = row.get(*col).unwrap_or(&Cell::Empty);
        match quiet(cell) {
            Some(n) if n >= 0 => v[k] = Some(n),
            Some(n) => {
                ctx.problem(
                    i,
                    Some(KEYS[k]),
                    Severity::Error,
                    format!("{} không được âm (đang là {n}).", label(k)),
                );
                ok = false;
            }
            None => {
                ctx.problem(
                    i,
                    Some(KEYS[k]),
                    Severity::Error,
                    format!(
                        "{}: “{}” không phải là số nguyên (ví dụ: 351 hoặc 1.296).",
                        label(k),
                        cell.text()
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(v)
}

/// The figures of a row with what the file leaves to arithmetic filled in (direct = received
/// − online − BCCI when there is no direct column, on time = resolved − early − late, …), and
/// every sum the row states checked at its cell.
pub(super) fn counts(ctx: &mut Ctx, i: usize, v: &Vals, t: &Table) -> Option<Counts> {
    let mut e = *v;
    let n = |e: &Vals, k: usize| e[k].unwrap_or(0);
    let channels = [DIRECT, ONLINE, BCCI];
    let mut derived = [false; 16];
    if e[RECEIVED].is_none() {
        if let (Some(h), Some(c)) = (v[HANDLED], v[CARRIED]) {
            e[RECEIVED] = Some(h - c);
            derived[RECEIVED] = true;
        } else if channels.iter().any(|k| v[*k].is_some()) {
            e[RECEIVED] = Some(channels.iter().map(|k| n(v, *k)).sum());
            derived[RECEIVED] = true;
        }
    }
    if e[CARRIED].is_none() {
        if let (Some(h), Some(r)) = (v[HANDLED], e[RECEIVED]) {
            e[CARRIED] = Some(h - r);
            derived[CARRIED] = true;
        }
    }
    if e[DIRECT].is_none() {
        if let Some(r) = e[RECEIVED] {
            e[DIRECT] = Some(r - n(&e, ONLINE) - n(&e, BCCI));
            derived[DIRECT] = true;
        }
    }
    if e[ON_TIME].is_none() {
        if let Some(r) = v[RESOLVED] {
            e[ON_TIME] = Some(r - n(&e, EARLY) - n(&e, LATE));
            derived[ON_TIME] = true;
        }
    }
    if e[OVERDUE].is_none() {
        if let (Some(p), Some(d)) = (v[PENDING], v[NOT_DUE]) {
            e[OVERDUE] = Some(p - d);
            derived[OVERDUE] = true;
        } else if let Some(l) = v[LATE_TOTAL] {
            e[OVERDUE] = Some(l - n(&e, LATE));
            derived[OVERDUE] = true;
        }
    }
    if e[PENDING].is_none() && (v[NOT_DUE].is_some() || e[OVERDUE].is_some()) {
        e[PENDING] = Some(n(&e, NOT_DUE) + n(&e, OVERDUE));
        derived[PENDING] = true;
    }
    let mut ok = true;
    // A figure worked out below zero: the file's totals are smaller than their parts.
    for k in [RECEIVED, CARRIED, DIRECT, ON_TIME, OVERDUE] {
        if derived[k] && e[k].is_some_and(|x| x < 0) {
            let (total, parts) = SUMS
                .iter()
                .find(|(_, parts)| parts.contains(&k))
                .map(|(t, p)| (*t, *p))
                .unwrap_or((k, &[]));
            let total = if v[total].is_some() { total } else { k };
            ctx.problem(
                i,
                Some(KEYS[total]),
                Severity::Error,
                format!(
                    "{} ({}) nhỏ hơn tổng các cột thành phần ({}): không tính được {}.",
                    label(total),
                    text::format_int(n(&e, total)),
                    parts
                        .iter()
                        .filter(|p| **p != k && e[**p].is_some())
                        .map(|p| label(*p))
                        .collect::<Vec<_>>()
                        .join(", "),
                    label(k).to_lowercase()
                ),
            );
            ok = false;
        }
    }
    // Sums the row states: the total's cell is where the problem is.
    for (total, parts) in SUMS {
        if v[total].is_none() || t.stated.contains(&total) || !ok {
            continue;
        }
        if parts.iter().any(|p| derived[*p]) || parts.iter().all(|p| e[*p].is_none()) {
            continue;
        }
        // Pending records split in two: only when the file gives both halves.
        if total == PENDING && (v[NOT_DUE].is_none() || v[OVERDUE].is_none()) {
            continue;
        }
        let sum: i64 = parts.iter().map(|p| n(&e, *p)).sum();
        if sum != n(&e, total) {
            ctx.problem(
                i,
                Some(KEYS[total]),
                Severity::Error,
                format!(
                    "{} ghi {} nhưng {} cộng lại là {}. Hãy sửa cho khớp.",
                    label(total),
                    text::format_int(n(&e, total)),
                    parts
                        .iter()
                        .map(|p| label(*p).to_lowercase())
                        .collect::<Vec<_>>()
                        .join(" + "),
                    text::format_int(sum)
                ),
            );
            ok = false;
        }
    }
    if n(&e, OVERDUE) > n(&e, PENDING) {
        ctx.problem(
            i,
            Some(KEYS[OVERDUE]),
            Severity::Error,
            format!(
                "Số hồ sơ đang giải quyết quá hạn ({}) nhiều hơn số hồ sơ đang giải quyết ({}).",
                text::format_int(n(&e, OVERDUE)),
                text::format_int(n(&e, PENDING))
            ),
        );
        ok = false;
    }
    ok.then(|| Counts {
        received_direct: n(&e, DIRECT),
        received_online: n(&e, ONLINE),
        received_bcci: n(&e, BCCI),
        carried_over: n(&e, CARRIED),
        resolved_early: n(&e, EARLY),
        resolved_on_time: n(&e, ON_TIME),
        resolved_late: n(&e, LATE),
        in_progress: n(&e, PENDING),
        in_progress_overdue: n(&e, OVERDUE),
        returned: n(&e, RETURNED) + n(&e, WITHDRAWN),
    })
}

/// The relations the file states (number row, "(3=4+5)" in a header), checked on a row.
pub(super) fn check_stated(ctx: &mut Ctx, i: usize, row: &[Cell]) -> bool {
    let mut ok = true;
    let layout = ctx.layout;
    for r in &layout.relations {
        let value = |c: usize| row.get(c).and_then(quiet);
        let (Some(total), Some(parts)) = (
            value(r.total),
            r.parts
                .iter()
                .map(|p| value(*p))
                .collect::<Option<Vec<i64>>>(),
        ) else {
            continue;
        };
        let sum: i64 = parts.iter().sum();
        if total != sum {
            let header = |c: usize| {
                let h = layout.headers.get(c).cloned().unwrap_or_default();
                if h.is_empty() {
                    format!("cột {}", column_letter(c))
                } else {
                    format!("“{h}” (cột {})", column_letter(c))
                }
            };
            let message = format!(
                "Theo tệp {}, {} phải bằng {}; ô ghi {} nhưng cộng lại là {}.",
                r.text,
                header(r.total),
                r.parts
                    .iter()
                    .map(|p| header(*p))
                    .collect::<Vec<_>>()
                    .join(" + "),
                text::format_int(total),
                text::format_int(sum)
            );
            ctx.problems.push(super::Problem {
                sheet: ctx.sheet.name.clone(),
                row: i + 1,
                column: column_letter(r.total),
                severity: Severity::Error,
                message,
            });
            ok = false;
        }
    }
    ok
}
