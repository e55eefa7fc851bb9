//! Importing one-stop (TTHC) statistics as the province's one-stop system exports them: the
//! period in a title row ("Từ ngày 01/01/2026 đến ngày 31/03/2026"), a two-row header with
//! merged groups ("Số hồ sơ tiếp nhận" over "Tổng số | Trực tiếp | Trực tuyến | Qua BCCI"), a
//! row of column numbers, field rows ("Lĩnh vực Hộ tịch") over their procedures, a total row.
//! The whole file is one period, saved as one batch (replacing the batch of the same range);
//! a file without a procedure column gives the period's overall figures.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{Datelike, NaiveDate};

use super::header::Field;
use super::workbook::Cell;
use super::{is_empty_row, is_roman, is_total, values, Action, Ctx, Severity};
use crate::error::Result;
use crate::onestop::batches::{self, BatchInput, CountRow};
use crate::onestop::Counts;
use crate::plan::deadline::parse_date;
use crate::text;

pub(super) const FIELDS: &[Field] = &[
    Field {
        key: "number",
        label: "STT",
        names: &["stt", "tt", "so tt", "so thu tu"],
        required: false,
    },
    Field {
        key: "name",
        label: "Tên thủ tục hành chính",
        names: &[
            "ten thu tuc hanh chinh",
            "ten thu tuc",
            "thu tuc hanh chinh",
            "thu tuc",
            "ten tthc",
            "tthc",
            "linh vuc, thu tuc",
            "linh vuc/thu tuc",
            "linh vuc, thu tuc hanh chinh",
            "linh vuc/thu tuc hanh chinh",
            "ten linh vuc, thu tuc",
            "ten linh vuc/thu tuc",
        ],
        required: false,
    },
    Field {
        key: "code",
        label: "Mã thủ tục",
        names: &[
            "ma thu tuc",
            "ma tthc",
            "ma thu tuc hanh chinh",
            "ma so tthc",
            "ma so thu tuc",
            "ma so",
            "ma",
        ],
        required: false,
    },
    Field {
        key: "field",
        label: "Lĩnh vực",
        names: &["linh vuc", "ten linh vuc", "linh vuc tthc"],
        required: false,
    },
    Field {
        key: "received_total",
        label: "Tổng số hồ sơ tiếp nhận",
        names: &[
            "so ho so tiep nhan tong so",
            "so ho so tiep nhan tong",
            "so ho so nhan giai quyet tong so",
            "so ho so tiep nhan trong ky tong so",
            "ho so tiep nhan tong so",
            "tiep nhan tong so",
            "tiep nhan tong",
            "tong so ho so tiep nhan",
            "tong so tiep nhan",
            "tong tiep nhan",
        ],
        required: false,
    },
    Field {
        key: "received_direct",
        label: "Tiếp nhận trực tiếp",
        names: &[
            "truc tiep",
            "tiep nhan truc tiep",
            "so ho so tiep nhan truc tiep",
            "nop truc tiep",
            "tai bo phan mot cua",
        ],
        required: false,
    },
    Field {
        key: "received_online",
        label: "Tiếp nhận trực tuyến",
        names: &[
            "truc tuyen",
            "tiep nhan truc tuyen",
            "so ho so tiep nhan truc tuyen",
            "qua dich vu cong truc tuyen",
            "dich vu cong truc tuyen",
            "qua dvc truc tuyen",
            "dvc truc tuyen",
            "nop truc tuyen",
            "qua mang",
        ],
        required: false,
    },
    Field {
        key: "received_bcci",
        label: "Tiếp nhận qua BCCI",
        names: &[
            "qua bcci",
            "bcci",
            "tiep nhan qua bcci",
            "so ho so tiep nhan qua bcci",
            "qua dich vu buu chinh cong ich",
            "dich vu buu chinh cong ich",
            "buu chinh cong ich",
            "qua buu chinh",
            "qua dv bcci",
        ],
        required: false,
    },
    Field {
        key: "carried",
        label: "Kỳ trước chuyển sang",
        names: &[
            "ky truoc chuyen sang",
            "ky truoc chuyen qua",
            "so ky truoc chuyen sang",
            "so ky truoc chuyen qua",
            "tu ky truoc",
            "ton ky truoc",
            "ton tu ky truoc",
        ],
        required: false,
    },
    Field {
        key: "resolved_total",
        label: "Tổng số hồ sơ đã giải quyết",
        names: &[
            "so ho so da giai quyet tong so",
            "so ho so da giai quyet tong",
            "so ho so giai quyet tong so",
            "ho so da giai quyet tong so",
            "da giai quyet tong so",
            "giai quyet tong so",
            "ket qua giai quyet tong so",
            "tong so ho so da giai quyet",
            "tong so da giai quyet",
        ],
        required: false,
    },
    Field {
        key: "resolved_early",
        label: "Giải quyết trước hạn",
        names: &[
            "truoc han",
            "giai quyet truoc han",
            "so ho so da giai quyet truoc han",
            "da giai quyet truoc han",
            "tra truoc han",
        ],
        required: false,
    },
    Field {
        key: "resolved_on_time",
        label: "Giải quyết đúng hạn",
        names: &[
            "dung han",
            "giai quyet dung han",
            "so ho so da giai quyet dung han",
            "da giai quyet dung han",
            "tra dung han",
            "dung thoi han",
            "tra dung thoi han",
            "trong han",
            "so ho so da giai quyet trong han",
            "da giai quyet trong han",
        ],
        required: false,
    },
    Field {
        key: "resolved_late",
        label: "Giải quyết quá hạn",
        names: &[
            "qua han",
            "giai quyet qua han",
            "so ho so da giai quyet qua han",
            "da giai quyet qua han",
            "tra qua han",
            "tra qua thoi han",
        ],
        required: true,
    },
    Field {
        key: "in_progress",
        label: "Đang giải quyết",
        names: &[
            "dang giai quyet",
            "so ho so dang giai quyet",
            "ho so dang giai quyet",
            "dang giai quyet tong so",
            "so ho so dang giai quyet tong so",
            "dang xu ly",
        ],
        required: false,
    },
    Field {
        key: "in_progress_on_time",
        label: "Đang giải quyết trong hạn",
        names: &[
            "dang giai quyet trong han",
            "so ho so dang giai quyet trong han",
            "dang giai quyet chua den han",
            "so ho so dang giai quyet chua den han",
        ],
        required: false,
    },
    Field {
        key: "in_progress_late",
        label: "Đang giải quyết quá hạn",
        names: &[
            "dang giai quyet qua han",
            "so ho so dang giai quyet qua han",
        ],
        required: false,
    },
    Field {
        key: "returned",
        label: "Trả lại, rút hồ sơ",
        names: &[
            "tra lai",
            "ho so tra lai",
            "so ho so tra lai",
            "ho so tra lai, rut",
            "ho so tra lai, rut ho so",
            "ho so tra lai/rut",
            "ho so tra lai/rut ho so",
            "tra lai, rut ho so",
            "tra lai/rut ho so",
            "tra lai, rut",
            "tra lai/rut",
            "so ho so tra lai, rut",
            "so ho so tra lai, rut ho so",
            "rut ho so, tra lai",
            "rut ho so/tra lai",
            "tu choi",
        ],
        required: false,
    },
    Field {
        key: "withdrawn",
        label: "Rút hồ sơ",
        names: &[
            "rut ho so",
            "ho so rut",
            "so ho so rut",
            "cong dan rut ho so",
        ],
        required: false,
    },
];

/// The count columns, in the order of `Vals`.
const COUNT_KEYS: [&str; 14] = [
    "received_total",
    "received_direct",
    "received_online",
    "received_bcci",
    "carried",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "in_progress",
    "in_progress_on_time",
    "in_progress_late",
    "returned",
    "withdrawn",
];
const RECEIVED_TOTAL: usize = 0;
const DIRECT: usize = 1;
const ONLINE: usize = 2;
const BCCI: usize = 3;
const CARRIED: usize = 4;
const RESOLVED_TOTAL: usize = 5;
const EARLY: usize = 6;
const ON_TIME: usize = 7;
const LATE: usize = 8;
const IN_PROGRESS: usize = 9;
const IN_PROGRESS_ON_TIME: usize = 10;
const IN_PROGRESS_LATE: usize = 11;
const RETURNED: usize = 12;
const WITHDRAWN: usize = 13;

/// A row's count cells: None where the file has no such column.
type Vals = [Option<i64>; 14];

/// The dates written in a (folded) text: "01/01/2026", "1-1-2026", "01/01/2026-31/03/2026",
/// "ngày 1 tháng 1 năm 2026".
pub(super) fn dates_in(folded: &str, default_year: i32) -> Vec<NaiveDate> {
    let tokens: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':' | '–' | '—'))
        .flat_map(|t| {
            if t.contains('/') {
                t.split('-').collect::<Vec<_>>()
            } else {
                vec![t]
            }
        })
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_digit()))
        .collect();
    let num = |t: Option<&&str>| t.and_then(|t| t.parse::<u32>().ok());
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for t in &tokens {
        if t.contains(['/', '-', '.']) && t.chars().any(|c| c.is_ascii_digit()) {
            if let Some(d) = parse_date(t, default_year) {
                out.push(d);
            }
        }
    }
    if out.is_empty() {
        // "ngày 1 tháng 1 năm 2026"
        for i in 0..words.len() {
            if words.get(i + 1) == Some(&"thang") && words.get(i + 3) == Some(&"nam") {
                let d = num(words.get(i));
                let m = num(words.get(i + 2));
                let y = num(words.get(i + 4));
                if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                    if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
                        out.push(date);
                    }
                }
            }
        }
    }
    out
}

/// The period a title row gives: "Từ ngày 01/01/2026 đến ngày 31/03/2026" (cells of a row are
/// read together). Returns the row and the dates.
fn period_in_title(ctx: &Ctx) -> Option<(usize, NaiveDate, NaiveDate)> {
    for (r, row) in ctx
        .sheet
        .rows
        .iter()
        .enumerate()
        .take(ctx.layout.header_row)
    {
        let joined = row
            .iter()
            .map(|c| c.text())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let f = text::fold(&joined)
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "/.-".contains(c) {
                    c
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let padded = format!(" {f} ");
        let Some(start) = padded.find(" tu ngay ").or_else(|| padded.find(" tu ")) else {
            continue;
        };
        let rest = &padded[start..];
        if !rest.contains(" den ") {
            continue;
        }
        let dates = dates_in(rest, ctx.year);
        if let [from, to, ..] = dates.as_slice() {
            return Some((r, *from, *to));
        }
    }
    None
}

/// Whether a cell holds only dashes, which reports use for zero.
fn is_dash(c: &Cell) -> bool {
    matches!(c, Cell::Text(t) if !t.is_empty() && t.chars().all(|ch| matches!(ch, '-' | '–' | '—')))
}

/// A count cell as a number, quietly: None when it is not one.
fn quiet(c: &Cell) -> Option<i64> {
    if is_dash(c) {
        Some(0)
    } else {
        values::int(c)
    }
}

/// A row of column numbers the header module leaves: "(1) (2) (4)=(5)+(6)+(7)".
fn is_column_numbers(row: &[Cell]) -> bool {
    let mut any = false;
    let all = row.iter().filter(|c| !c.is_empty()).all(|c| match c {
        Cell::Text(t) => {
            any |= t.starts_with('(');
            t.chars()
                .all(|ch| ch.is_ascii_digit() || "()=+-*x ".contains(ch))
        }
        _ => false,
    });
    all && any
}

/// Whether a row has any count written as a number.
fn has_numbers(row: &[Cell], cols: &[Option<usize>; 14]) -> bool {
    cols.iter()
        .flatten()
        .filter_map(|c| row.get(*c))
        .any(|c| !c.is_empty() && !is_dash(c) && values::int(c).is_some())
}

fn read_quiet(row: &[Cell], cols: &[Option<usize>; 14]) -> Vals {
    let mut v: Vals = [None; 14];
    for (k, col) in cols.iter().enumerate() {
        v[k] = col.map(|c| row.get(c).and_then(quiet).unwrap_or(0));
    }
    v
}

/// Reads a row's counts, naming the column of every one that is not a whole number ≥ 0.
fn read_counts(ctx: &mut Ctx, i: usize, row: &[Cell], cols: &[Option<usize>; 14]) -> Option<Vals> {
    let mut v: Vals = [None; 14];
    let mut ok = true;
    for (k, col) in cols.iter().enumerate() {
        let Some(col) = col else { continue };
        let cell = row.get(*col).unwrap_or(&Cell::Empty);
        let label = || {
            FIELDS
                .iter()
                .find(|f| f.key == COUNT_KEYS[k])
                .map(|f| f.label)
                .unwrap_or_default()
        };
        match quiet(cell) {
            Some(n) if n >= 0 => v[k] = Some(n),
            Some(n) => {
                ctx.problem(
                    i,
                    Some(COUNT_KEYS[k]),
                    Severity::Error,
                    format!("{} không được âm (đang là {n}).", label()),
                );
                ok = false;
            }
            None => {
                ctx.problem(
                    i,
                    Some(COUNT_KEYS[k]),
                    Severity::Error,
                    format!(
                        "{}: “{}” không phải là số nguyên (ví dụ: 351 hoặc 1.296).",
                        label(),
                        cell.text()
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(v)
}

/// The counts of a row, filling what the file leaves to arithmetic (direct = total − online −
/// BCCI when there is no direct column; on time = resolved − early − late when there is no
/// on-time column) and warning when a written total does not add up.
fn counts(ctx: &mut Ctx, i: usize, v: &Vals) -> Option<Counts> {
    let n = |k: usize| v[k].unwrap_or(0);
    let mut ok = true;
    let new_and_carried = n(ONLINE) + n(BCCI) + n(CARRIED);
    let direct = match (v[DIRECT], v[RECEIVED_TOTAL]) {
        (Some(d), _) => d,
        (None, Some(total)) => {
            let d = total - new_and_carried;
            if d < 0 {
                ctx.problem(
                    i,
                    Some("received_total"),
                    Severity::Error,
                    format!(
                        "Tổng số hồ sơ tiếp nhận ({}) nhỏ hơn số trực tuyến và qua BCCI ({}).",
                        text::format_int(total),
                        text::format_int(new_and_carried)
                    ),
                );
                ok = false;
            }
            d
        }
        (None, None) => 0,
    };
    if let (Some(_), Some(total)) = (v[DIRECT], v[RECEIVED_TOTAL]) {
        let sum = direct + new_and_carried;
        if sum != total {
            ctx.problem(
                i,
                Some("received_total"),
                Severity::Warning,
                format!(
                    "Tổng số hồ sơ tiếp nhận ghi {} nhưng trực tiếp + trực tuyến + BCCI{} là {}; số liệu nhập theo từng kênh.",
                    text::format_int(total),
                    if v[CARRIED].is_some() { " + kỳ trước chuyển sang" } else { "" },
                    text::format_int(sum)
                ),
            );
        }
    }
    let on_time = match (v[ON_TIME], v[RESOLVED_TOTAL]) {
        (Some(t), _) => t,
        (None, Some(total)) => {
            let t = total - n(EARLY) - n(LATE);
            if t < 0 {
                ctx.problem(
                    i,
                    Some("resolved_total"),
                    Severity::Error,
                    format!(
                        "Tổng số hồ sơ đã giải quyết ({}) nhỏ hơn số trước hạn và quá hạn ({}).",
                        text::format_int(total),
                        text::format_int(n(EARLY) + n(LATE))
                    ),
                );
                ok = false;
            }
            t
        }
        (None, None) => 0,
    };
    if let (Some(_), Some(total)) = (v[ON_TIME], v[RESOLVED_TOTAL]) {
        let sum = n(EARLY) + on_time + n(LATE);
        if sum != total {
            ctx.problem(
                i,
                Some("resolved_total"),
                Severity::Warning,
                format!(
                    "Tổng số hồ sơ đã giải quyết ghi {} nhưng trước hạn + đúng hạn + quá hạn là {}; số liệu nhập theo từng cột.",
                    text::format_int(total),
                    text::format_int(sum)
                ),
            );
        }
    }
    let in_progress = v[IN_PROGRESS].unwrap_or(n(IN_PROGRESS_ON_TIME) + n(IN_PROGRESS_LATE));
    ok.then_some(Counts {
        received_direct: direct,
        received_online: n(ONLINE),
        received_bcci: n(BCCI),
        resolved_early: n(EARLY),
        resolved_on_time: on_time,
        resolved_late: n(LATE),
        in_progress,
        returned: n(RETURNED) + n(WITHDRAWN),
    })
}

/// Whether a name is a field's ("Lĩnh vực Hộ tịch"), not a procedure's.
fn names_a_field(name: &str, buf: &mut String) -> bool {
    if !name.starts_with(['L', 'l']) {
        return false;
    }
    text::fold_into(name, buf);
    buf.starts_with("linh vuc ")
}

/// The field a group row names: "I. LĨNH VỰC HỘ TỊCH" → "Hộ tịch".
fn group_label(raw: &str) -> String {
    let mut words: Vec<&str> = raw.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| is_roman(w) || w.trim_end_matches(['.', ')']).parse::<u32>().is_ok())
    {
        words.remove(0);
    }
    let folded: Vec<String> = words.iter().take(2).map(|w| text::fold(w)).collect();
    if folded.len() == 2 && folded[0] == "linh" && folded[1].trim_end_matches(':') == "vuc" {
        let rest: Vec<&str> = words[2..]
            .iter()
            .copied()
            .skip_while(|w| w.chars().all(|c| !c.is_alphanumeric()))
            .collect();
        if !rest.is_empty() {
            words = rest;
        }
    }
    let s = text::clean_line(&words.join(" "));
    if s.chars().any(char::is_lowercase) {
        s
    } else {
        let lower = s.to_lowercase();
        let mut c = lower.chars();
        match c.next() {
            Some(first) => first.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
}

fn summary(row: &CountRow) -> String {
    let who = match (row.procedure_code.is_empty(), row.procedure_name.is_empty()) {
        (true, true) => "Toàn bộ một cửa".to_string(),
        (false, true) => row.procedure_code.clone(),
        (true, false) => row.procedure_name.clone(),
        (false, false) => format!("{} {}", row.procedure_code, row.procedure_name),
    };
    format!(
        "{who}: tiếp nhận {}, đã giải quyết {}",
        text::format_int(row.counts.received()),
        text::format_int(row.counts.resolved())
    )
}

/// The identity of a procedure in a batch (as the batch module keys it: code and name, folded)
/// as a hash; equal hashes are confirmed with `same_key`.
fn key_hash(row: &CountRow, buf: &mut String) -> u64 {
    let mut h = DefaultHasher::new();
    batches::procedure_key(row, buf);
    buf.hash(&mut h);
    h.finish()
}

fn same_key(a: &CountRow, b: &CountRow) -> bool {
    let (mut x, mut y) = (String::new(), String::new());
    batches::procedure_key(a, &mut x);
    batches::procedure_key(b, &mut y);
    x == y
}

/// A cell's text, without formatting numbers that are not needed as text.
fn text_of(row: &[Cell], c: Option<usize>) -> String {
    match c.and_then(|c| row.get(c)) {
        Some(Cell::Text(t)) => t.clone(),
        Some(cell) => cell.text(),
        None => String::new(),
    }
}

/// Whether a row is a total row: its first filled cell is text saying so.
fn is_total_row(row: &[Cell]) -> bool {
    match row.iter().find(|c| !c.is_empty()) {
        Some(Cell::Text(t)) => is_total(row) || text::fold(t) == "tong",
        _ => false,
    }
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let sheet = ctx.sheet;
    let col = |k: &str| ctx.layout.columns.get(k).copied();
    let cols: [Option<usize>; 14] = COUNT_KEYS.map(col);
    let (name_col, code_col, field_col, number_col) =
        (col("name"), col("code"), col("field"), col("number"));
    let per_procedure = name_col.is_some() || code_col.is_some();

    // Rows of the file: (row index, the row to save).
    let mut rows: Vec<(usize, CountRow)> = Vec::with_capacity(sheet.rows.len());
    // Key hash → indices in `rows`.
    let mut first_of: HashMap<u64, Vec<usize>> = HashMap::with_capacity(sheet.rows.len());
    let mut buf = String::new();
    let mut total_row: Option<(usize, Counts)> = None;
    let mut overall: Option<(usize, Counts)> = None;
    let mut group = String::new();
    let total = sheet.rows.len();
    for (i, row) in sheet.rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || is_column_numbers(row) {
            continue;
        }
        let totals = is_total_row(row);
        let number = match number_col.and_then(|c| row.get(c)) {
            Some(Cell::Text(t)) => t.as_str(),
            _ => "",
        };
        let name = text_of(row, name_col);
        let code = text_of(row, code_col);
        let numbers = has_numbers(row, &cols);
        if totals {
            if numbers {
                let quiet_counts = {
                    let v = read_quiet(row, &cols);
                    let n = |k: usize| v[k].unwrap_or(0);
                    Counts {
                        received_direct: v[DIRECT].unwrap_or(
                            v[RECEIVED_TOTAL].unwrap_or(0) - n(ONLINE) - n(BCCI) - n(CARRIED),
                        ),
                        received_online: n(ONLINE),
                        received_bcci: n(BCCI),
                        resolved_early: n(EARLY),
                        resolved_on_time: v[ON_TIME]
                            .unwrap_or(v[RESOLVED_TOTAL].unwrap_or(0) - n(EARLY) - n(LATE)),
                        resolved_late: n(LATE),
                        in_progress: v[IN_PROGRESS]
                            .unwrap_or(n(IN_PROGRESS_ON_TIME) + n(IN_PROGRESS_LATE)),
                        returned: n(RETURNED) + n(WITHDRAWN),
                    }
                };
                if !per_procedure && total_row.is_none() {
                    // Without procedures, the total row is the period's figures.
                    if let Some(v) = read_counts(ctx, i, row, &cols) {
                        if let Some(c) = counts(ctx, i, &v) {
                            overall = Some((i, c));
                        }
                    }
                }
                total_row.get_or_insert((i, quiet_counts));
            }
            continue;
        }
        // A field row: "I. Lĩnh vực Hộ tịch", or a name with no figures and no code.
        if per_procedure
            && (is_roman(number)
                || (code.is_empty() && (!numbers || names_a_field(&name, &mut buf))))
        {
            let label = if name.is_empty() {
                row.iter()
                    .enumerate()
                    .filter(|(c, _)| Some(*c) != number_col && !cols.contains(&Some(*c)))
                    .map(|(_, c)| c.text())
                    .find(|t| !t.is_empty() && !is_roman(t))
                    .unwrap_or_default()
            } else {
                name.clone()
            };
            let label = group_label(&label);
            if !label.is_empty() {
                ctx.plan(i, Action::Skip, format!("Lĩnh vực: {label}"));
                group = label;
            }
            continue;
        }
        if !numbers && !per_procedure {
            continue;
        }
        if per_procedure && name.is_empty() && code.is_empty() {
            ctx.problem(
                i,
                Some(if name_col.is_some() { "name" } else { "code" }),
                Severity::Warning,
                "Dòng có số liệu nhưng không ghi tên hoặc mã thủ tục; bỏ qua dòng này.",
            );
            ctx.plan(i, Action::Skip, "Dòng không ghi thủ tục");
            continue;
        }
        let Some(v) = read_counts(ctx, i, row, &cols) else {
            continue;
        };
        let Some(c) = counts(ctx, i, &v) else {
            continue;
        };
        let field = match text_of(row, field_col) {
            f if !f.is_empty() => f,
            _ => group.clone(),
        };
        let count_row = CountRow {
            procedure_code: code,
            procedure_name: name,
            field,
            counts: c,
        };
        if per_procedure {
            let key = key_hash(&count_row, &mut buf);
            let earlier = first_of.get(&key).and_then(|ixs| {
                ixs.iter()
                    .map(|j| &rows[*j])
                    .find(|(_, r)| same_key(r, &count_row))
                    .map(|(row, _)| *row)
            });
            if let Some(first) = earlier {
                ctx.problem(
                    i,
                    Some(if name_col.is_some() { "name" } else { "code" }),
                    Severity::Error,
                    format!(
                        "Thủ tục “{}” đã có ở dòng {}; mỗi thủ tục chỉ ghi một dòng.",
                        if count_row.procedure_name.is_empty() {
                            &count_row.procedure_code
                        } else {
                            &count_row.procedure_name
                        },
                        first + 1
                    ),
                );
                continue;
            }
            first_of.entry(key).or_default().push(rows.len());
        }
        rows.push((i, count_row));
    }

    // Without procedures: the total row is the overall count, else the one row there is, else
    // the rows added up.
    let whole = |counts: Counts| CountRow {
        procedure_code: String::new(),
        procedure_name: String::new(),
        field: String::new(),
        counts,
    };
    if let Some((t, c)) = overall {
        let mut sum = Counts::default();
        rows.iter().for_each(|(_, r)| sum.add(&r.counts));
        for (i, _) in &rows {
            ctx.plan(*i, Action::Skip, "Dòng chi tiết; lấy số liệu ở dòng tổng");
        }
        if !rows.is_empty() && (sum.received(), sum.resolved()) != (c.received(), c.resolved()) {
            ctx.problem(
                t,
                None,
                Severity::Warning,
                format!(
                    "Dòng tổng ghi tiếp nhận {}, đã giải quyết {}; cộng các dòng trên được {} và {}. Số liệu nhập theo dòng tổng.",
                    text::format_int(c.received()),
                    text::format_int(c.resolved()),
                    text::format_int(sum.received()),
                    text::format_int(sum.resolved())
                ),
            );
        }
        rows = vec![(t, whole(c))];
    } else if !per_procedure && rows.len() > 1 {
        let mut sum = Counts::default();
        rows.iter().for_each(|(_, r)| sum.add(&r.counts));
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Warning,
            format!(
                "Tệp không có cột tên thủ tục và có {} dòng số liệu: cộng lại thành số liệu chung của một cửa.",
                rows.len()
            ),
        );
        let first = rows[0].0;
        for (i, _) in rows.iter().skip(1) {
            ctx.plan(*i, Action::Skip, "Cộng vào số liệu chung của một cửa");
        }
        rows = vec![(first, whole(sum))];
    }
    // A written total that differs from the procedures added up.
    if let Some((t, written)) = total_row.filter(|_| per_procedure && !rows.is_empty()) {
        let mut sum = Counts::default();
        rows.iter().for_each(|(_, r)| sum.add(&r.counts));
        if (sum.received(), sum.resolved()) != (written.received(), written.resolved()) {
            ctx.problem(
                t,
                None,
                Severity::Warning,
                format!(
                    "Dòng tổng ghi tiếp nhận {}, đã giải quyết {}; cộng các thủ tục được tiếp nhận {}, đã giải quyết {}. Số liệu nhập theo từng thủ tục.",
                    text::format_int(written.received()),
                    text::format_int(written.resolved()),
                    text::format_int(sum.received()),
                    text::format_int(sum.resolved())
                ),
            );
        }
    }

    // The period: the file's title, else the one given with the request.
    let title = period_in_title(ctx);
    let (from, to, period_row) = match (title, ctx.period) {
        (Some((r, from, to)), given) => {
            if let Some((gf, gt)) = given.filter(|g| *g != (from, to)) {
                ctx.problem(
                    r,
                    None,
                    Severity::Warning,
                    format!(
                        "Tệp ghi kỳ {} – {}, khác kỳ đã chọn {} – {}; dùng kỳ ghi trong tệp.",
                        from.format("%d/%m/%Y"),
                        to.format("%d/%m/%Y"),
                        gf.format("%d/%m/%Y"),
                        gt.format("%d/%m/%Y")
                    ),
                );
            }
            (from, to, r)
        }
        (None, Some((from, to))) => (from, to, ctx.layout.header_row),
        (None, None) => {
            ctx.problem(
                0,
                None,
                Severity::Error,
                "Không xác định được kỳ thống kê: phần tiêu đề của tệp không ghi “Từ ngày … đến ngày …”. Hãy chọn kỳ (từ ngày, đến ngày) khi nhập.",
            );
            sort(ctx);
            return Ok(());
        }
    };
    if rows.is_empty() {
        if !ctx.problems.iter().any(|p| p.severity == Severity::Error) {
            ctx.problem(
                ctx.layout.header_row,
                None,
                Severity::Error,
                "Tệp không có dòng số liệu nào dưới dòng tiêu đề.",
            );
        }
        sort(ctx);
        return Ok(());
    }

    // Compare with the batch of the same range, row by row.
    let existing = batches::of_year(ctx.conn, to.year())?
        .into_iter()
        .find(|b| b.from == from && b.to == to);
    let mut old: HashMap<u64, Vec<&CountRow>> = HashMap::new();
    let mut old_len = 0;
    for r in existing.iter().flat_map(|b| b.rows.iter()) {
        old.entry(key_hash(r, &mut buf)).or_default().push(r);
        old_len += 1;
    }
    let mut matched = 0;
    let mut changed = false;
    for (i, r) in &rows {
        let found = old
            .get(&key_hash(r, &mut buf))
            .and_then(|list| list.iter().find(|o| same_key(o, r)));
        let action = match found {
            Some(o) => {
                matched += 1;
                if o.counts == r.counts && o.field == text::clean_line(&r.field) {
                    Action::Unchanged
                } else {
                    Action::Update
                }
            }
            None => Action::Create,
        };
        changed |= action != Action::Unchanged;
        ctx.plan(*i, action, summary(r));
    }
    let dropped = old_len - matched.min(old_len);
    if dropped > 0 {
        ctx.problem(
            period_row,
            None,
            Severity::Warning,
            format!(
                "Kỳ {} đã có {} dòng không có trong tệp; nhập tệp này sẽ thay cả kỳ và bỏ các dòng đó.",
                batches::label(from, to),
                dropped
            ),
        );
    }
    let errors = ctx.problems.iter().any(|p| p.severity == Severity::Error);
    if (changed || dropped > 0) && !errors {
        let input = BatchInput {
            from,
            to,
            rows: rows.into_iter().map(|(_, r)| r).collect(),
        };
        if let Err(e) = batches::save_in(ctx.conn, ctx.actor, &input, "import") {
            ctx.problem(period_row, None, Severity::Error, e.to_string());
        }
    }
    sort(ctx);
    Ok(())
}

/// Problems and plans in the order of the rows.
fn sort(ctx: &mut Ctx) {
    ctx.problems.sort_by_key(|p| p.row);
    ctx.rows.sort_by_key(|r| r.row);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_titles() {
        let f = |s: &str| dates_in(&text::fold(s), 2026);
        assert_eq!(
            f("Từ ngày 01/01/2026 đến ngày 31/03/2026"),
            vec![d(2026, 1, 1), d(2026, 3, 31)]
        );
        assert_eq!(
            f("từ ngày 1/1/2026 đến ngày 31/3/2026"),
            vec![d(2026, 1, 1), d(2026, 3, 31)]
        );
        assert_eq!(
            f("(01/01/2026-31/03/2026)"),
            vec![d(2026, 1, 1), d(2026, 3, 31)]
        );
        assert_eq!(
            f("Từ ngày 15 tháng 12 năm 2025 đến ngày 14 tháng 3 năm 2026"),
            vec![d(2025, 12, 15), d(2026, 3, 14)]
        );
        assert!(f("Kỳ báo cáo quý I").is_empty());
    }

    #[test]
    fn procedure_keys_fold_as_text_fold_does() {
        let mut buf = String::new();
        for s in [
            "Đăng ký khai sinh",
            "  ĐĂNG KÝ   KẾT HÔN ",
            "Chu\u{031B}\u{0301}ng thực bản sao",
            "1.001193",
            "Thủ tục\u{00A0}cấp bản sao trích lục",
            "",
        ] {
            text::fold_into(s, &mut buf);
            assert_eq!(buf, text::fold(s), "{s}");
        }
    }

    #[test]
    fn group_labels_read_plainly() {
        assert_eq!(group_label("LĨNH VỰC HỘ TỊCH"), "Hộ tịch");
        assert_eq!(group_label("I. Chứng thực"), "Chứng thực");
        assert_eq!(group_label("Lĩnh vực: Đất đai"), "Đất đai");
        assert_eq!(group_label("Lĩnh vực"), "Lĩnh vực");
        assert_eq!(group_label("II"), "");
    }
}
