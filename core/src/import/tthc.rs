//! Importing one-stop (TTHC) statistics as the provinces' one-stop systems export them: the
//! period in a title row, a header of two or three merged rows known by whole header paths
//! ("Kết quả giải quyết › Hồ sơ đang giải quyết › Quá hạn" is an overdue pending record, never
//! a late result), a row of column numbers whose relations ("(3=4+5)") are checked on every
//! row, field rows ("Lĩnh vực Hộ tịch") over their procedures, a total row checked against the
//! procedures. Each procedure's row is kept; a file without a procedure column gives the
//! period's overall figures. A file of our own export may hold several periods (its "Từ ngày",
//! "Đến ngày" columns); each period is saved as one batch, replacing the batch of that range.
//! Nothing silently becomes 0: a figure the file does not give is said so, and a sheet with
//! neither received nor resolved columns is refused, naming what was looked for.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::tthc_figures::{
    check_stated, counts, has_numbers, label, quiet, read, Table, BCCI, DIRECT, EARLY, ESSENTIAL,
    HANDLED, KEYS, LATE, ONLINE, ON_TIME, RECEIVED, RESOLVED,
};
use super::workbook::{column_letter, Cell};
use super::{
    columns, diff, is_empty_row, is_roman, is_total, period, values, Action, Change, Ctx, Severity,
};
use crate::error::Result;
use crate::onestop::batches::{self, BatchInput, CountRow};
use crate::onestop::Counts;
use crate::text;

/// Whether a name is a field's ("Lĩnh vực Hộ tịch"), not a procedure's.
fn names_a_field(name: &str, buf: &mut String) -> bool {
    if !name.starts_with(['L', 'l']) {
        return false;
    }
    text::fold_into(name, buf);
    buf.starts_with("linh vuc ")
}

/// "(Toàn bộ một cửa)": the row of the whole one-stop in our export.
fn names_the_whole(name: &str) -> bool {
    name.contains("oàn bộ một cửa")
        && text::fold(name).trim_matches(['(', ')']) == "toan bo mot cua"
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

/// What changes from the recorded row to the file's, figure by figure.
fn count_changes(old: &CountRow, new: &CountRow) -> Vec<Change> {
    let mut out = Vec::new();
    for ((a, name), (b, _)) in old.counts.fields().iter().zip(new.counts.fields().iter()) {
        diff(&mut out, name, &text::format_int(*a), &text::format_int(*b));
    }
    diff(
        &mut out,
        "Lĩnh vực",
        &old.field,
        &text::clean_line(&new.field),
    );
    out
}

/// A statistics period: its first and last day.
type Range = (NaiveDate, NaiveDate);

/// One row of the file to save: its 0-based row, its period (when the row gives one), the row.
struct Detail {
    row: usize,
    period: Option<Range>,
    count: CountRow,
    /// `key_hash` of the row, computed once.
    hash: u64,
}

pub(super) fn import(ctx: &mut Ctx, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
    let sheet = ctx.sheet;
    let col = |k: &str| ctx.layout.columns.get(k).copied();
    let cols: [Option<usize>; 16] = KEYS.map(col);
    if ESSENTIAL.iter().all(|k| cols[*k].is_none()) {
        let looked: Vec<String> = ESSENTIAL
            .iter()
            .filter_map(|k| columns::TTHC.iter().find(|f| f.key == KEYS[*k]))
            .map(|f| {
                let names: Vec<&str> = f.names.iter().take(3).copied().collect();
                format!("{} ({})", f.label, names.join(", "))
            })
            .collect();
        let present: Vec<String> = ctx
            .layout
            .headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(c, h)| format!("{} “{h}”", column_letter(c)))
            .collect();
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Error,
            format!(
                "Trang “{}” không có cột số hồ sơ tiếp nhận hay đã giải quyết nào mà phần mềm nhận ra, nên không nhập (không ghi số 0 thay cho số liệu). Đã tìm các cột: {}. Các cột trong tệp: {}.",
                sheet.name,
                looked.join("; "),
                present.join(", ")
            ),
        );
        return Ok(());
    }
    let stated: Vec<usize> = KEYS
        .iter()
        .enumerate()
        .filter(|(k, _)| {
            cols[*k].is_some_and(|c| ctx.layout.relations.iter().any(|r| r.total == c))
        })
        .map(|(k, _)| k)
        .collect();
    let table = Table { cols, stated };
    // What the file leaves out, said once.
    let has = |k: usize| cols[k].is_some();
    if !has(RECEIVED) && !has(DIRECT) && !has(ONLINE) && !has(BCCI) && !has(HANDLED) {
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Warning,
            "Tệp không có cột số hồ sơ tiếp nhận: số tiếp nhận trong kỳ ghi là 0 cho mọi dòng.",
        );
    } else if !has(ONLINE) && !has(BCCI) && !has(DIRECT) {
        ctx.problem(
            ctx.layout.header_row,
            Some(KEYS[if has(RECEIVED) { RECEIVED } else { HANDLED }]),
            Severity::Warning,
            "Tệp không tách hồ sơ tiếp nhận theo kênh (trực tiếp, trực tuyến, BCCI): tính cả là trực tiếp, nên tỷ lệ trực tuyến là 0%.",
        );
    }
    if !has(RESOLVED) && !has(EARLY) && !has(ON_TIME) && !has(LATE) {
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Warning,
            "Tệp không có cột số hồ sơ đã giải quyết: số đã giải quyết ghi là 0 cho mọi dòng.",
        );
    } else if !has(ON_TIME) && !has(RESOLVED) {
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Warning,
            "Tệp không có cột giải quyết đúng hạn hay tổng số đã giải quyết: số đúng hạn ghi là 0.",
        );
    }

    let (name_col, code_col, field_col, number_col) =
        (col("name"), col("code"), col("field"), col("number"));
    let (from_col, to_col, label_col) = (col("period_from"), col("period_to"), col("period_label"));
    let per_row_period = (from_col.is_some() && to_col.is_some()) || label_col.is_some();
    let per_procedure = name_col.is_some() || code_col.is_some();

    let mut details: Vec<Detail> = Vec::with_capacity(sheet.rows.len());
    // Every row read as a procedure's, kept or not, for the check of the total row.
    let mut detail_rows: Vec<usize> = Vec::with_capacity(sheet.rows.len());
    // (period, key hash) → the first row in `details` with it.
    let mut first_of: HashMap<(Option<Range>, u64), usize> =
        HashMap::with_capacity(sheet.rows.len());
    let mut buf = String::new();
    let mut total_row: Option<usize> = None;
    let mut overall: Option<(usize, Counts)> = None;
    let mut group = String::new();
    let total = sheet.rows.len();
    for (i, row) in sheet.rows.iter().enumerate().skip(ctx.layout.data_start) {
        progress(i + 1, total);
        if is_empty_row(row) || super::header::numbers_row(row) {
            continue;
        }
        let number = match number_col.and_then(|c| row.get(c)) {
            Some(Cell::Text(t)) => t.as_str(),
            _ => "",
        };
        let mut name = text_of(row, name_col);
        let code = text_of(row, code_col);
        let numbers = has_numbers(row, &cols);
        if is_total_row(row) {
            if numbers {
                if !per_procedure && overall.is_none() {
                    // Without procedures, the total row is the period's figures.
                    if let Some(v) = read(ctx, i, row, &table) {
                        check_stated(ctx, i, row);
                        if let Some(c) = counts(ctx, i, &v, &table) {
                            overall = Some((i, c));
                        }
                    }
                }
                total_row.get_or_insert(i);
            }
            continue;
        }
        if names_the_whole(&name) {
            name.clear();
        } else if per_procedure
            && (is_roman(number)
                || (code.is_empty() && (!numbers || names_a_field(&name, &mut buf))))
        {
            // A field row: "I. Lĩnh vực Hộ tịch", or a name with no figures and no code.
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
            let label = period::group_label(&label);
            if !label.is_empty() {
                ctx.plan(i, Action::Skip, format!("Lĩnh vực: {label}"));
                group = label;
            }
            continue;
        }
        if !numbers && !per_procedure {
            continue;
        }
        if per_procedure && name.is_empty() && code.is_empty() && !per_row_period {
            ctx.problem(
                i,
                Some(if name_col.is_some() { "name" } else { "code" }),
                Severity::Warning,
                "Dòng có số liệu nhưng không ghi tên hoặc mã thủ tục; bỏ qua dòng này.",
            );
            ctx.plan(i, Action::Skip, "Dòng không ghi thủ tục");
            continue;
        }
        let row_period = if per_row_period {
            let from = from_col
                .and_then(|c| row.get(c))
                .and_then(|c| values::date(c, ctx.year));
            let to = to_col
                .and_then(|c| row.get(c))
                .and_then(|c| values::date(c, ctx.year));
            match (from, to) {
                (Some(f), Some(t)) if f <= t => Some((f, t)),
                _ => match label_col
                    .and_then(|c| row.get(c))
                    .and_then(|c| period::from_label(&c.text(), ctx.year))
                {
                    Some(p) => Some(p),
                    None => {
                        ctx.problem(
                            i,
                            Some(if from_col.is_some() { "period_from" } else { "period_label" }),
                            Severity::Error,
                            "Không đọc được kỳ thống kê của dòng này: ghi “Từ ngày”, “Đến ngày” dạng dd/mm/yyyy (ngày đầu không sau ngày cuối).",
                        );
                        continue;
                    }
                },
            }
        } else {
            None
        };
        detail_rows.push(i);
        let Some(v) = read(ctx, i, row, &table) else {
            continue;
        };
        if !check_stated(ctx, i, row) {
            continue;
        }
        let Some(c) = counts(ctx, i, &v, &table) else {
            continue;
        };
        let field = match text_of(row, field_col) {
            f if !f.is_empty() => f,
            _ => group.clone(),
        };
        let count = CountRow {
            procedure_code: code,
            procedure_name: name,
            field,
            counts: c,
        };
        let hash = batches::key_hash(&count, &mut buf);
        if per_procedure {
            let key = (row_period, hash);
            // Equal hashes are confirmed; two keys sharing a hash (never seen) are searched.
            let earlier = first_of.get(&key).and_then(|j| {
                if batches::same_procedure(&details[*j].count, &count) {
                    Some(details[*j].row)
                } else {
                    details
                        .iter()
                        .find(|d| {
                            d.period == row_period
                                && d.hash == hash
                                && batches::same_procedure(&d.count, &count)
                        })
                        .map(|d| d.row)
                }
            });
            if let Some(first) = earlier {
                let who = if count.procedure_name.is_empty() && count.procedure_code.is_empty() {
                    "Toàn bộ một cửa".to_string()
                } else if count.procedure_name.is_empty() {
                    count.procedure_code.clone()
                } else {
                    count.procedure_name.clone()
                };
                ctx.problem(
                    i,
                    Some(if name_col.is_some() { "name" } else { "code" }),
                    Severity::Error,
                    format!(
                        "Thủ tục “{who}” đã có ở dòng {} của cùng kỳ; mỗi thủ tục chỉ ghi một dòng.",
                        first + 1
                    ),
                );
                continue;
            }
            first_of.entry(key).or_insert(details.len());
        }
        details.push(Detail {
            row: i,
            period: row_period,
            count,
            hash,
        });
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
        details.iter().for_each(|d| sum.add(&d.count.counts));
        for d in &details {
            ctx.plan(
                d.row,
                Action::Skip,
                "Dòng chi tiết; lấy số liệu ở dòng tổng",
            );
        }
        if !details.is_empty() && (sum.received(), sum.resolved()) != (c.received(), c.resolved()) {
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
        let count = whole(c);
        details = vec![Detail {
            row: t,
            period: None,
            hash: batches::key_hash(&count, &mut buf),
            count,
        }];
    } else if !per_procedure && details.len() > 1 {
        let mut sum = Counts::default();
        details.iter().for_each(|d| sum.add(&d.count.counts));
        ctx.problem(
            ctx.layout.header_row,
            None,
            Severity::Warning,
            format!(
                "Tệp không có cột tên thủ tục và có {} dòng số liệu: cộng lại thành số liệu chung của một cửa.",
                details.len()
            ),
        );
        let first = details[0].row;
        for d in details.iter().skip(1) {
            ctx.plan(d.row, Action::Skip, "Cộng vào số liệu chung của một cửa");
        }
        let count = whole(sum);
        details = vec![Detail {
            row: first,
            period: None,
            hash: batches::key_hash(&count, &mut buf),
            count,
        }];
    }
    // The file's total row against its procedures, column by column, at the total's cells.
    if let Some(t) = total_row.filter(|_| per_procedure && !details.is_empty() && !per_row_period) {
        let row = &sheet.rows[t];
        for (k, c) in cols.iter().enumerate() {
            let Some(c) = c else { continue };
            let Some(written) = row.get(*c).and_then(quiet) else {
                continue;
            };
            let sum: i64 = detail_rows
                .iter()
                .filter_map(|r| sheet.rows[*r].get(*c).and_then(quiet))
                .sum();
            if written != sum {
                ctx.problem(
                    t,
                    Some(KEYS[k]),
                    Severity::Warning,
                    format!(
                        "Dòng tổng ghi {} là {}; cộng các thủ tục được {}. Số liệu nhập theo từng thủ tục.",
                        label(k).to_lowercase(),
                        text::format_int(written),
                        text::format_int(sum)
                    ),
                );
            }
        }
    }

    // The period: each row's own, else the file's title, else the one given with the request.
    let title = period::in_title(&sheet.rows, ctx.layout.header_top, ctx.year);
    let file_period = if per_row_period {
        None
    } else {
        match (title, ctx.period) {
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
                if from > to {
                    ctx.problem(
                        r,
                        None,
                        Severity::Error,
                        format!(
                            "Kỳ thống kê ghi trong tệp từ {} đến {}: ngày đầu sau ngày cuối.",
                            from.format("%d/%m/%Y"),
                            to.format("%d/%m/%Y")
                        ),
                    );
                    sort(ctx);
                    return Ok(());
                }
                Some((from, to, r))
            }
            (None, Some((from, to))) => Some((from, to, ctx.layout.header_row)),
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
        }
    };
    if details.is_empty() {
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

    // The rows of each period, in the order periods first appear.
    let mut periods: Vec<((NaiveDate, NaiveDate), usize, Vec<Detail>)> = Vec::new();
    for d in details {
        let (p, where_) = match (d.period, file_period) {
            (Some(p), _) => (p, d.row),
            (None, Some((f, t, r))) => ((f, t), r),
            (None, None) => continue,
        };
        match periods.iter_mut().find(|(q, _, _)| *q == p) {
            Some((_, _, list)) => list.push(d),
            None => periods.push((p, where_, vec![d])),
        }
    }
    let errors_before_save = ctx.problems.iter().any(|p| p.severity == Severity::Error);
    for ((from, to), period_row, list) in periods {
        if let Err(e) = ctx.require_year(to.year()) {
            ctx.problem(period_row, None, Severity::Error, e.to_string());
            continue;
        }
        save_period(
            ctx,
            from,
            to,
            period_row,
            list,
            errors_before_save,
            &mut buf,
        )?;
    }
    sort(ctx);
    Ok(())
}

/// Compares one period's rows with the batch of the same range, plans each row, and saves the
/// period when something changes and the file has no error.
fn save_period(
    ctx: &mut Ctx,
    from: NaiveDate,
    to: NaiveDate,
    period_row: usize,
    list: Vec<Detail>,
    errors: bool,
    buf: &mut String,
) -> Result<()> {
    let existing = batches::of_year(ctx.conn, to.year())?
        .into_iter()
        .find(|b| b.from == from && b.to == to);
    let mut old: HashMap<u64, Vec<&CountRow>> = HashMap::new();
    let mut old_len = 0;
    for r in existing.iter().flat_map(|b| b.rows.iter()) {
        old.entry(batches::key_hash(r, buf)).or_default().push(r);
        old_len += 1;
    }
    let mut matched = 0;
    let mut changed = false;
    for d in &list {
        let found = old
            .get(&d.hash)
            .and_then(|l| l.iter().find(|o| batches::same_procedure(o, &d.count)));
        let (action, c) = match found {
            Some(o) => {
                matched += 1;
                let c = count_changes(o, &d.count);
                if c.is_empty() {
                    (Action::Unchanged, c)
                } else {
                    (Action::Update, c)
                }
            }
            None => (Action::Create, Vec::new()),
        };
        changed |= action != Action::Unchanged;
        let mut s = summary(&d.count);
        if d.period.is_some() {
            s = format!("{} – {s}", batches::label(from, to));
        }
        ctx.plan_changes(d.row, action, s, c);
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
    if (changed || dropped > 0) && !errors {
        // The keys hashed when the rows were read: the batch check need not fold them again.
        let hashes: Vec<u64> = list.iter().map(|d| d.hash).collect();
        let input = BatchInput {
            from,
            to,
            rows: list.into_iter().map(|d| d.count).collect(),
        };
        // A dry run checks the rows as saving would, without writing what it rolls back.
        let saved = if ctx.dry_run {
            batches::check(ctx.conn, input, Some(&hashes)).map(|_| ())
        } else {
            batches::save_in(ctx.conn, ctx.actor, input, Some(&hashes), "import").map(|_| ())
        };
        if let Err(e) = saved {
            ctx.problem(period_row, None, Severity::Error, e.to_string());
        }
    }
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
    fn the_whole_one_stop_row_of_our_export() {
        assert!(names_the_whole("(Toàn bộ một cửa)"));
        assert!(names_the_whole("Toàn bộ một cửa"));
        assert!(!names_the_whole("Đăng ký khai sinh"));
    }
}
