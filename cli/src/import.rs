//! `cchc import` and `cchc years`: an import's outcome as a user reads it (what each row does,
//! old → new for an update, the columns not imported, the years it opens), the annotated copy
//! of the workbook, and the working years. Output goes through `out`, which ends the program
//! quietly when the reader of a pipe has gone (`cchc import … | head`), on every system.

use std::fmt::Display;
use std::io::Write;
use std::path::PathBuf;

use cchc_core::import::{self, Action, Outcome, Severity};
use cchc_core::people::Actor;
use cchc_core::store::Store;
use cchc_core::{clock, commune, Error};

/// Prints a line; when stdout is a closed pipe, ends the program quietly (status 0).
pub fn out(line: impl Display) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Prints JSON the same way.
pub fn out_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    out(text);
    Ok(())
}

pub struct Args {
    pub kind: String,
    pub file: PathBuf,
    pub year: i32,
    pub from: Option<String>,
    pub to: Option<String>,
    pub dry_run: bool,
    pub json: bool,
    pub annotate: Option<PathBuf>,
}

pub fn run(store: &mut Store, args: Args) -> Result<(), Error> {
    let kind = import::Kind::from_code(&args.kind)?;
    let year = args.year;
    let day = |text: &str| {
        cchc_core::plan::deadline::parse_date(text, year).ok_or_else(|| {
            Error::invalid(format!("Ngày “{text}” không hợp lệ; hãy ghi dd/mm/yyyy."))
        })
    };
    let period = match (&args.from, &args.to) {
        (Some(f), Some(t)) => Some((day(f)?, day(t)?)),
        (None, None) => None,
        _ => return Err(Error::invalid("Hãy cho cả --from và --to.")),
    };
    // Refused before the import runs, not after.
    if let Some(copy) = &args.annotate {
        import::refuse_source(&args.file, copy)?;
    }
    let actor = Actor::command_line();
    let request = import::Request {
        kind,
        path: &args.file,
        year,
        today: clock::today(),
        dry_run: args.dry_run,
        period,
    };
    let outcome = import::run(&mut store.conn, &actor, &request, &mut |_, _| {})?;
    if args.json {
        out_json(&outcome)?;
    } else {
        print(&outcome);
    }
    if let Some(copy) = &args.annotate {
        let done = import::annotate(&args.file, &outcome, copy)?;
        let line = format!(
            "Đã ghi bản đánh dấu lỗi ra {} ({} mục trong trang “Danh sách lỗi”, {} ô được tô màu và ghi chú).",
            copy.display(),
            done.problems,
            done.cells
        );
        if args.json {
            eprintln!("{line}");
        } else {
            out(line);
        }
    }
    if outcome.has_errors() {
        return Err(Error::invalid(format!(
            "Tệp có {} lỗi; chưa nhập gì. Hãy sửa các ô được nêu rồi nhập lại.",
            outcome
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count()
        )));
    }
    Ok(())
}

fn action_label(a: Action) -> &'static str {
    match a {
        Action::Create => "tạo mới",
        Action::Update => "cập nhật",
        Action::Unchanged => "giữ nguyên",
        Action::Skip => "bỏ qua",
    }
}

pub fn print(o: &Outcome) {
    let verb = if o.applied {
        "Đã nhập"
    } else if o.dry_run {
        "Nhập thử"
    } else {
        "Chưa nhập"
    };
    out(format!(
        "{verb} {} từ trang “{}” (dòng tiêu đề {}): tạo mới {}, cập nhật {}, giữ nguyên {}, bỏ qua {}.",
        o.kind.label(),
        o.sheet,
        o.header_row,
        o.created,
        o.updated,
        o.unchanged,
        o.skipped
    ));
    for y in &o.opens_years {
        out(if o.applied {
            format!("  Đã mở năm {y}.")
        } else {
            format!("  Sẽ mở năm {y}.")
        });
    }
    for r in o.rows.iter().filter(|r| r.action != Action::Skip) {
        if r.action == Action::Update {
            out(format!(
                "  Dòng {}: {} — {}",
                r.row,
                action_label(r.action),
                r.summary
            ));
            for c in &r.changes {
                out(format!("      {}: “{}” → “{}”", c.field, c.old, c.new));
            }
        } else if r.action == Action::Create && o.created <= 50 {
            out(format!(
                "  Dòng {}: {} — {}",
                r.row,
                action_label(r.action),
                r.summary
            ));
        }
    }
    for u in &o.unused_columns {
        out(format!(
            "  Không nhập — trang “{}”, cột {}{}: cột có dữ liệu nhưng phần mềm không dùng.",
            u.sheet,
            u.column,
            if u.header.is_empty() {
                " (không có tiêu đề)".to_string()
            } else {
                format!(" “{}”", u.header)
            }
        ));
    }
    for p in &o.problems {
        let level = match p.severity {
            Severity::Error => "Lỗi",
            Severity::Warning => "Lưu ý",
        };
        out(format!(
            "  {level} — trang “{}”, dòng {}{}: {}",
            p.sheet,
            p.row,
            if p.column.is_empty() {
                String::new()
            } else {
                format!(", cột {}", p.column)
            },
            p.message
        ));
    }
}

/// `cchc years`: the working years, and the year after the newest that an import may open.
pub fn list(store: &Store, json: bool) -> Result<(), Error> {
    let c = commune::require(&store.conn)?;
    let years = commune::years(&store.conn)?;
    let offered = import::years_offered(&store.conn, clock::today())?;
    if json {
        #[derive(serde::Serialize)]
        struct Years {
            years: Vec<i32>,
            current_year: i32,
            offered: Vec<i32>,
        }
        return out_json(&Years {
            years,
            current_year: c.current_year,
            offered,
        });
    }
    let mut sorted = years.clone();
    sorted.sort_unstable();
    out(format!(
        "{}: các năm làm việc {} (năm hiện tại {}).",
        c.display_name,
        sorted
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        c.current_year
    ));
    if let Some(next) = offered.iter().find(|y| !years.contains(y)) {
        out(format!(
            "Mở năm {next}: cchc years add {next} (hoặc nhập tệp vào năm {next})."
        ));
    }
    Ok(())
}

/// `cchc years add NĂM`.
pub fn add(store: &mut Store, year: i32) -> Result<(), Error> {
    let years = commune::add_year(&mut store.conn, &Actor::command_line(), year)?;
    let mut sorted = years;
    sorted.sort_unstable();
    out(format!(
        "Đã mở năm {year}. Các năm làm việc: {}.",
        sorted
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(())
}
