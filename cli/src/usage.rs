//! Vietnamese help and usage errors: clap's own strings are English, so the templates and the
//! messages for the usual mistakes are given here.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

pub const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Cách dùng: {usage}

{all-args}{after-help}
";

pub const SUB_HELP_TEMPLATE: &str = "\
{about-with-newline}
Cách dùng: {usage}

{all-args}
";

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// Prints help as it is, and any other parse error as a Vietnamese sentence; exit code 2.
pub fn report(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = err.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let arg = context(&err, ContextKind::InvalidArg);
    let value = context(&err, ContextKind::InvalidValue);
    let message = match err.kind() {
        ErrorKind::UnknownArgument => format!("không hiểu tham số “{arg}”."),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh “{}”. Các lệnh: init, demo, summary, tasks, sessions, criteria, evidence, import, template, export, report, backup, restore, check.",
            context(&err, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}."),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("giá trị “{value}” của {arg} không hợp lệ.")
        }
        ErrorKind::ArgumentConflict => format!("không dùng {arg} cùng với tham số đã cho."),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("tham số {arg} chỉ được cho một lần.")
        }
        _ => "lệnh không hợp lệ.".to_string(),
    };
    eprintln!("Lỗi: {message}\nGõ `cchc --help` để xem cách dùng.");
    ExitCode::from(2)
}
