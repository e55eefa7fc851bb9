//! `cchc`: the office's use-cases from a terminal, on the same data folder as the app.
//! Each subcommand is a thin adapter: parse, call cchc-core, print; errors in Vietnamese.

mod backup;
mod criteria;
mod diagnostics;
mod import;
mod network;
mod serve;
mod usage;

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use cchc_core::commune::CommuneInput;
use cchc_core::diagnostics::logging::{self, Program};
use cchc_core::evidence;
use cchc_core::period::Period;
use cchc_core::plan::tasks::{self, TaskFilter};
use cchc_core::sessions;
use cchc_core::store::{self, Store};
use cchc_core::text::{format_int, format_pct};
use cchc_core::{clock, commune, demo, setup, summary, Error};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "cchc",
    version,
    about = "CCHC Xã: quản lý công tác cải cách hành chính của xã từ dòng lệnh.",
    help_template = usage::HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    next_help_heading = "Tùy chọn",
    override_usage = "cchc [--data-dir THƯ_MỤC] <LỆNH> [THAM_SỐ]"
)]
struct Cli {
    /// Thư mục dữ liệu của xã (chứa cchc.sqlite và evidence/); nếu không cho thì lấy biến môi
    /// trường CCHC_DATA_DIR, rồi đến thư mục dữ liệu ứng dụng của hệ điều hành
    #[arg(long, global = true, value_name = "THƯ_MỤC", env = store::DATA_DIR_ENV, hide_env = true)]
    data_dir: Option<PathBuf>,

    /// In trợ giúp (help)
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,

    /// In phiên bản
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Thiết lập dữ liệu cho một xã mới trong thư mục dữ liệu
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc init --commune TÊN --province TÊN [--superior TÊN] [--year NĂM]"
    )]
    Init {
        /// Tên xã, ví dụ "Nông Thượng"
        #[arg(long, value_name = "TÊN")]
        commune: String,
        /// Tên tỉnh/thành phố, ví dụ "Thái Nguyên"
        #[arg(long, value_name = "TÊN")]
        province: String,
        /// Cơ quan cấp trên, thẩm định chỉ số CCHC, ví dụ "Sở Nội vụ tỉnh Thái Nguyên"
        #[arg(long, value_name = "TÊN")]
        superior: Option<String>,
        /// Năm làm việc hiện tại (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
    },
    /// Tạo xã mẫu (Xã Nông Thượng) với dữ liệu minh họa trong thư mục dữ liệu trống
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc demo [--year NĂM]"
    )]
    Demo {
        /// Năm của dữ liệu mẫu (mặc định: năm nay)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
    },
    /// Các số liệu chính của một năm
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc summary [--year NĂM] [--json]"
    )]
    Summary {
        /// Năm cần xem (mặc định: năm làm việc hiện tại của xã)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Nhiệm vụ của kế hoạch CCHC
    #[command(
        subcommand,
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "cchc tasks list --year NĂM [--overdue] [--json]"
    )]
    Tasks(TasksCommand),
    /// Các buổi tuyên truyền, phổ biến giáo dục pháp luật và tuyên truyền CCHC
    #[command(
        subcommand,
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "cchc sessions list [--year NĂM] [--period KỲ] [--json]"
    )]
    Sessions(SessionsCommand),
    /// Bộ tiêu chí Chỉ số CCHC của năm
    #[command(
        subcommand,
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "cchc criteria <show|approve|approval-rule> …"
    )]
    Criteria(CriteriaCommand),
    /// Tài liệu kiểm chứng: thêm tệp cho tiêu chí, đóng gói hồ sơ kiểm chứng
    #[command(
        subcommand,
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "cchc evidence <add|replace|pack> …"
    )]
    Evidence(EvidenceCommand),
    /// Sao lưu dữ liệu ra một tệp .cchcbak (đọc lại để kiểm tra), hoặc sao lưu tự động vào thư mục đã chọn
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "cchc backup --out TỆP.cchcbak\n       cchc backup auto [--folder THƯ_MỤC | --off | --if-due daily|exit]\n       cchc backup status [--json]"
    )]
    Backup(backup::BackupArgs),
    /// Khôi phục dữ liệu từ tệp .cchcbak: xem trước, kiểm tra mọi mã SHA-256, dữ liệu cũ được đổi tên và giữ lại
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc restore TỆP.cchcbak [--replace] [--preview] [--json]"
    )]
    Restore(backup::RestoreArgs),
    /// Kiểm tra dữ liệu: cơ sở dữ liệu, tệp tài liệu kiểm chứng (mã SHA-256), tệp tạm sót lại, tệp không còn dùng
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc check [--full] [--prune-orphans] [--json]"
    )]
    Check(backup::CheckArgs),
    /// Tạo tệp Excel mẫu để nhập dữ liệu (tiêu đề cột, định dạng, danh sách chọn, dòng ví dụ)
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc template <criteria|tasks|sessions|tthc|officers> --out TỆP.xlsx"
    )]
    Template {
        #[arg(value_name = "LOẠI")]
        kind: String,
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
    },
    /// Xuất bảng ra tệp Excel: plan (kế hoạch), sessions (tuyên truyền), scores (chấm điểm), tthc (một cửa), criteria (bộ tiêu chí)
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc export <plan|sessions|scores|tthc|criteria> --year NĂM [--period KỲ] --out TỆP.xlsx"
    )]
    Export {
        #[arg(value_name = "BẢNG")]
        table: String,
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Với sessions: kỳ như ở `sessions list` (mặc định cả năm dương lịch)
        #[arg(long, value_name = "KỲ", default_value = "cal-year")]
        period: String,
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// In báo cáo ra PDF (hoặc Word .docx cho annual, plan): annual (báo cáo CCHC), scoring (biểu tự chấm điểm), plan (tiến độ kế hoạch), sessions (kết quả PBGDPL), evidence (danh mục tài liệu kiểm chứng)
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc report <annual|scoring|plan|sessions|evidence> --year NĂM [--period q1|q2|q3|q4|h1|9m|year] --out TỆP.pdf|TỆP.docx [--number SỐ] [--date dd/mm/yyyy] [--signer HỌ_TÊN]"
    )]
    Report {
        #[arg(value_name = "BÁO_CÁO")]
        kind: String,
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Kỳ báo cáo (annual, sessions): q1, q2, q3, q4, h1 (6 tháng), 9m (9 tháng), year (năm)
        #[arg(long, value_name = "KỲ", default_value = "year")]
        period: String,
        /// Tệp kết quả: .pdf, hoặc .docx để sửa trong Word
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
        /// Số văn bản, ví dụ 12 hoặc 12/BC-UBND (mặc định: lần in trước)
        #[arg(long, value_name = "SỐ")]
        number: Option<String>,
        /// Ngày của văn bản (mặc định: hôm nay)
        #[arg(long, value_name = "NGÀY")]
        date: Option<String>,
        /// Người ký (mặc định: lần in trước, hoặc Chủ tịch)
        #[arg(long, value_name = "HỌ_TÊN")]
        signer: Option<String>,
        /// Vẫn in khi kỳ báo cáo chưa có số liệu (văn bản toàn số 0)
        #[arg(long)]
        allow_empty: bool,
    },
    /// Nhập dữ liệu từ tệp Excel (.xlsx, .xls, .ods): nhập thử trước, không ghi gì nếu có lỗi
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc import <criteria|tasks|sessions|tthc|officers> TỆP [--year NĂM] [--from dd/mm/yyyy --to dd/mm/yyyy] [--dry-run] [--json] [--annotate BẢN_SAO.xlsx]"
    )]
    Import {
        /// Loại dữ liệu: criteria (bộ tiêu chí), tasks (nhiệm vụ kế hoạch), officers (cán bộ)
        #[arg(value_name = "LOẠI")]
        kind: String,
        /// Tệp Excel
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Năm (năm chưa có thì được mở khi nhập)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Số liệu một cửa: ngày đầu kỳ, khi tiêu đề tệp không ghi "Từ ngày … đến ngày …"
        #[arg(long, value_name = "NGÀY")]
        from: Option<String>,
        /// Số liệu một cửa: ngày cuối kỳ
        #[arg(long, value_name = "NGÀY")]
        to: Option<String>,
        /// Chỉ kiểm tra và cho biết sẽ tạo, cập nhật, bỏ qua gì; không ghi
        #[arg(long)]
        dry_run: bool,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
        /// Ghi một bản sao của tệp (.xlsx) với các ô có lỗi được tô màu và ghi chú, kèm trang danh sách lỗi
        #[arg(long, value_name = "BẢN_SAO")]
        annotate: Option<PathBuf>,
    },
    /// Tạo tệp chẩn đoán gửi hỗ trợ: nhật ký 7 ngày, phiên bản, số bản ghi (không chứa dữ liệu của xã)
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc diagnostics --out TỆP.zip"
    )]
    Diagnostics {
        /// Tệp zip cần tạo
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
    /// Bật, tắt máy chủ trong mạng nội bộ của ứng dụng (áp dụng khi mở ứng dụng) và chọn cổng
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc network [--on | --off] [--port CỔNG] [--json]"
    )]
    Network {
        /// Phục vụ các máy khác trong mạng nội bộ
        #[arg(long, conflicts_with = "off")]
        on: bool,
        /// Chỉ phục vụ máy này
        #[arg(long)]
        off: bool,
        /// Cổng, từ 1024 đến 65535 (mặc định 8765)
        #[arg(long, value_name = "CỔNG")]
        port: Option<u16>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Chạy máy chủ trong mạng nội bộ (không cửa sổ): các máy khác mở bằng trình duyệt
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc serve [--listen ĐỊA_CHỈ:CỔNG]"
    )]
    Serve {
        /// Địa chỉ và cổng nhận kết nối: 0.0.0.0:8765 cho cả mạng nội bộ, 127.0.0.1:8765 chỉ máy này
        #[arg(long, value_name = "ĐỊA_CHỈ:CỔNG", default_value = "0.0.0.0:8765")]
        listen: String,
    },
    /// Các năm làm việc của xã; `years add NĂM` mở thêm một năm
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        subcommand_help_heading = "Lệnh",
        subcommand_value_name = "LỆNH",
        override_usage = "cchc years [--json] | cchc years add NĂM"
    )]
    Years {
        #[command(subcommand)]
        command: Option<YearsCommand>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum YearsCommand {
    /// Mở một năm làm việc mới, ví dụ năm sau
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc years add NĂM"
    )]
    Add {
        #[arg(value_name = "NĂM")]
        year: i32,
    },
}

impl Command {
    /// The subcommand's name, for the log.
    fn name(&self) -> &'static str {
        match self {
            Command::Init { .. } => "init",
            Command::Demo { .. } => "demo",
            Command::Summary { .. } => "summary",
            Command::Tasks(_) => "tasks",
            Command::Sessions(_) => "sessions",
            Command::Criteria(_) => "criteria",
            Command::Evidence(_) => "evidence",
            Command::Template { .. } => "template",
            Command::Export { .. } => "export",
            Command::Report { .. } => "report",
            Command::Import { .. } => "import",
            Command::Diagnostics { .. } => "diagnostics",
            Command::Backup(_) => "backup",
            Command::Restore(_) => "restore",
            Command::Check(_) => "check",
            Command::Years { .. } => "years",
            Command::Serve { .. } => "serve",
            Command::Network { .. } => "network",
        }
    }
}

#[derive(Subcommand)]
enum EvidenceCommand {
    /// Thêm một tệp làm tài liệu kiểm chứng cho một tiêu chí
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc evidence add TỆP --year NĂM --criterion MÃ [--title TÊN] [--number SỐ] [--date dd/mm/yyyy] [--issuer CƠ_QUAN] [--location TRANG]"
    )]
    Add {
        /// Tệp cần thêm (PDF, ảnh, DOCX, XLSX…)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Năm của bộ tiêu chí
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Mã đầy đủ của tiêu chí, ví dụ I.1.1
        #[arg(long, value_name = "MÃ")]
        criterion: String,
        /// Tên tài liệu (mặc định: tên tệp)
        #[arg(long, value_name = "TÊN")]
        title: Option<String>,
        /// Số, ký hiệu văn bản, ví dụ 05/KH-UBND
        #[arg(long, value_name = "SỐ", default_value = "")]
        number: String,
        /// Ngày ban hành, dd/mm/yyyy
        #[arg(long, value_name = "NGÀY")]
        date: Option<String>,
        /// Cơ quan ban hành
        #[arg(long, value_name = "CƠ_QUAN", default_value = "")]
        issuer: String,
        /// Vị trí trong văn bản lớn (mục, trang)
        #[arg(long, value_name = "TRANG", default_value = "")]
        location: String,
    },
    /// Thay tệp của một tài liệu kiểm chứng (bản cũ vẫn được giữ)
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc evidence replace SỐ_TÀI_LIỆU TỆP"
    )]
    Replace {
        /// Số của tài liệu (in ra khi thêm tài liệu)
        #[arg(value_name = "SỐ_TÀI_LIỆU")]
        id: i64,
        /// Tệp mới
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Đóng gói tài liệu kiểm chứng của năm thành tệp zip, xếp theo mã tiêu chí, kèm bảng kê
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc evidence pack --year NĂM --out TỆP.zip"
    )]
    Pack {
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Tệp zip cần tạo
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum CriteriaCommand {
    /// In cây tiêu chí với điểm tối đa, mức điểm và điểm tự chấm
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc criteria show [--year NĂM] [--json]"
    )]
    Show {
        /// Năm (mặc định: năm làm việc hiện tại của xã)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Chủ tịch duyệt điểm tự chấm đang chờ duyệt: in danh sách, tổng điểm, tiêu chí chưa có
    /// tài liệu kiểm chứng; chỉ duyệt khi có --yes
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc criteria approve --user TÊN_ĐĂNG_NHẬP [--year NĂM] [--code MÃ] [--yes] [--json]"
    )]
    Approve {
        /// Tài khoản Chủ tịch UBND xã; mật khẩu lấy từ biến môi trường CCHC_PASSWORD hoặc được hỏi
        #[arg(long, value_name = "TÊN_ĐĂNG_NHẬP")]
        user: String,
        /// Năm (mặc định: năm làm việc hiện tại của xã)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Chỉ duyệt tiêu chí này và các tiêu chí con (mã đầy đủ, ví dụ I.1); mặc định cả bộ
        #[arg(long, value_name = "MÃ")]
        code: Option<String>,
        /// Duyệt đúng các tiêu chí vừa liệt kê (không có thì chỉ liệt kê, không duyệt)
        #[arg(long)]
        yes: bool,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Xem hoặc đổi quy định: có cho duyệt điểm tự chấm chưa có tài liệu kiểm chứng không
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc criteria approval-rule [--allow-without-evidence yes|no]"
    )]
    ApprovalRule {
        /// yes: cho duyệt; no: không duyệt (mặc định của xã)
        #[arg(long, value_name = "yes|no")]
        allow_without_evidence: Option<String>,
    },
}

#[derive(Subcommand)]
enum SessionsCommand {
    /// Liệt kê các buổi tuyên truyền của một kỳ, với tổng số buổi và người tham dự
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc sessions list [--year NĂM] [--period KỲ] [--json]"
    )]
    List {
        /// Năm (mặc định: năm làm việc hiện tại của xã)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Kỳ: q1–q4, 6m, 9m, year (số liệu từ ngày 15 đến ngày 14 theo Nghị định 09/2019);
        /// cal-q1–cal-q4, cal-6m, cal-9m, cal-year, cal-m1–cal-m12 (dương lịch); hoặc
        /// 01/03/2026-31/03/2026. Mặc định: cả năm dương lịch
        #[arg(long, value_name = "KỲ", default_value = "cal-year")]
        period: String,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum TasksCommand {
    /// Liệt kê nhiệm vụ của kế hoạch năm
    #[command(
        help_template = usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc tasks list [--year NĂM] [--overdue] [--json]"
    )]
    List {
        /// Năm của kế hoạch (mặc định: năm làm việc hiện tại của xã)
        #[arg(long, value_name = "NĂM")]
        year: Option<i32>,
        /// Chỉ các nhiệm vụ quá hạn
        #[arg(long)]
        overdue: bool,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal at start-up, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage::report(err),
    };
    let command = cli.command.name();
    // A restore must find its target as it is: it starts the log itself once it has succeeded.
    if !matches!(cli.command, Command::Restore(_)) {
        if let Ok(dir) = store::resolve_data_dir(cli.data_dir.clone()) {
            logging::init(&dir, Program::Cli);
        }
    }
    let started = Instant::now();
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| run(cli)));
    let ms = started.elapsed().as_millis() as u64;
    match outcome {
        Ok(Ok(())) => {
            tracing::info!(command, ms, "ok");
            ExitCode::SUCCESS
        }
        Ok(Err(err)) => {
            tracing::warn!(command, ms, kind = %err.kind(), "{err}");
            eprintln!("Lỗi: {err}");
            ExitCode::FAILURE
        }
        Err(_) => {
            // The panic hook has logged where and why, with the backtrace.
            tracing::error!(command, ms, kind = %"panic", "lệnh bị dừng bất thường");
            eprintln!("Lỗi: {}", cchc_core::error::UNEXPECTED);
            ExitCode::FAILURE
        }
    }
}

fn open_store(flag: Option<PathBuf>) -> Result<Store, Error> {
    let dir = store::resolve_data_dir(flag)?;
    Store::open(&dir)
}

fn run(cli: Cli) -> Result<(), Error> {
    // A restore replaces the data folder: it must not be opened (nor created) first.
    if let Command::Restore(args) = cli.command {
        return backup::restore(cli.data_dir, args);
    }
    let mut store = open_store(cli.data_dir)?;
    match cli.command {
        Command::Restore(_) => {}
        Command::Backup(args) => backup::backup(&mut store, args)?,
        Command::Check(args) => backup::check(&mut store, args)?,
        Command::Init {
            commune,
            province,
            superior,
            year,
        } => {
            let input = CommuneInput {
                name: commune,
                province,
                superior: superior.unwrap_or_default(),
                current_year: year.unwrap_or_else(clock::this_year),
            };
            let (c, _) = setup::initialise(&mut store.conn, &input, None)?;
            println!(
                "Đã thiết lập dữ liệu cho {}, {} (năm {}) tại {}.",
                c.display_name,
                c.province,
                c.current_year,
                store.dir().display()
            );
            println!("Mở ứng dụng CCHC Xã để tạo tài khoản quản trị đầu tiên.");
        }
        Command::Demo { year } => {
            let dir = store.evidence_dir();
            let c = demo::load(
                &mut store.conn,
                &dir,
                year.unwrap_or_else(clock::this_year),
                clock::today(),
            )?;
            println!(
                "Đã tạo dữ liệu mẫu của {}, {} (năm {}) tại {}.",
                c.display_name,
                c.province,
                c.current_year,
                store.dir().display()
            );
            for a in demo::ACCOUNTS {
                println!(
                    "  Tài khoản {}: {} / {}",
                    a.role_label, a.username, a.password
                );
            }
        }
        Command::Diagnostics { out } => diagnostics::run(&store, &out)?,
        Command::Network {
            on,
            off,
            port,
            json,
        } => network::run(
            &mut store,
            network::Args {
                on,
                off,
                port,
                json,
            },
        )?,
        Command::Serve { listen } => {
            // The host opens the data folder with connections of its own.
            let dir = store.dir().to_path_buf();
            drop(store);
            serve::run(dir, &listen)?
        }
        Command::Summary { year, json } => {
            let year = year_or_current(&store, year)?;
            let s = summary::for_year(&store.conn, year, clock::today())?;
            if json {
                print_json(&s)?;
            } else {
                print_summary(&s);
            }
        }
        Command::Tasks(TasksCommand::List {
            year,
            overdue,
            json,
        }) => {
            let year = year_or_current(&store, year)?;
            let filter = TaskFilter {
                overdue_only: overdue,
                ..TaskFilter::default()
            };
            let list = tasks::search(&store.conn, year, &filter, clock::today())?;
            if json {
                print_json(&list)?;
            } else {
                print_tasks(year, overdue, &list);
            }
        }
        Command::Criteria(CriteriaCommand::Show { year, json }) => {
            let year = year_or_current(&store, year)?;
            let sheet = cchc_core::scoring::sheet::sheet(&store.conn, year, clock::today())?;
            if json {
                print_json(&criteria::json(&sheet.nodes))?;
            } else {
                criteria::print(&sheet);
            }
        }
        Command::Criteria(CriteriaCommand::Approve {
            user,
            year,
            code,
            yes,
            json,
        }) => {
            let year = year_or_current(&store, year)?;
            criteria::approve(&mut store, year, &user, code.as_deref(), yes, json)?;
        }
        Command::Criteria(CriteriaCommand::ApprovalRule {
            allow_without_evidence,
        }) => criteria::approval_rule(&mut store, allow_without_evidence.as_deref())?,
        Command::Evidence(EvidenceCommand::Add {
            file,
            year,
            criterion,
            title,
            number,
            date,
            issuer,
            location,
        }) => {
            let year = year_or_current(&store, year)?;
            let criterion_id =
                cchc_core::scoring::criteria::id_by_code(&store.conn, year, &criterion)?;
            let doc_date = date
                .map(|d| {
                    cchc_core::plan::deadline::parse_date(&d, year).ok_or_else(|| {
                        Error::invalid(format!("Ngày “{d}” không hợp lệ; hãy ghi dd/mm/yyyy."))
                    })
                })
                .transpose()?;
            let title = title.unwrap_or_else(|| {
                file.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            let input = evidence::DocumentInput {
                year: Some(year),
                title,
                doc_number: number,
                doc_date,
                issuer,
                location,
            };
            let dir = store.evidence_dir();
            let actor = cchc_core::people::Actor::command_line();
            let doc = evidence::add_document_linked(
                &mut store.conn,
                &dir,
                &actor,
                &input,
                &file,
                evidence::Target::Criterion(criterion_id),
            )?;
            println!(
                "Đã thêm tài liệu số {} “{}” (SHA-256 {}) cho tiêu chí {}.",
                doc.id,
                doc.title,
                &doc.current.sha256[..12],
                criterion.trim()
            );
        }
        Command::Evidence(EvidenceCommand::Replace { id, file }) => {
            let dir = store.evidence_dir();
            let actor = cchc_core::people::Actor::command_line();
            let doc = evidence::replace_file(&mut store.conn, &dir, &actor, id, &file)?;
            println!(
                "Đã thay tệp của tài liệu số {} “{}”: bản {} là tệp “{}”; các bản trước vẫn được giữ.",
                doc.id, doc.title, doc.current.revision, doc.current.original_name
            );
        }
        Command::Evidence(EvidenceCommand::Pack { year, out }) => {
            let year = year_or_current(&store, year)?;
            let dir = store.evidence_dir();
            let report = evidence::pack(&store.conn, &dir, year, &out)?;
            println!(
                "Đã đóng gói {} tệp của {} tài liệu cho {} tiêu chí vào {}.",
                report.files,
                report.documents,
                report.criteria,
                out.display()
            );
            for p in &report.problems {
                eprintln!("Cảnh báo: {}", p.message);
            }
        }
        Command::Template { kind, out, year } => {
            let kind = cchc_core::export::TemplateKind::from_code(&kind)?;
            let year = year_or_current(&store, year)?;
            cchc_core::export::template_for(&store.conn, kind, year, &out)?;
            println!("Đã tạo tệp mẫu {} tại {}.", kind.label(), out.display());
        }
        Command::Export {
            table,
            year,
            period,
            out,
        } => {
            let year = year_or_current(&store, year)?;
            let done = cchc_core::export::export_table(
                &store.conn,
                &table,
                year,
                &period,
                clock::today(),
                &out,
            )?;
            let (n, what) = (done.rows, done.what);
            println!("Đã xuất {n} {what} ra {}.", out.display());
        }
        Command::Report {
            kind,
            year,
            period,
            out,
            number,
            date,
            signer,
            allow_empty,
        } => {
            use cchc_core::report;
            let kind = report::ReportKind::from_code(&kind)?;
            let year = year_or_current(&store, year)?;
            let format = report::Format::of_path(&out)?;
            let mut settings = report::settings::get(&store.conn, kind)?;
            if let Some(n) = number {
                settings.number = n;
            }
            if let Some(name) = signer {
                settings.signer.name = name;
            }
            let today = clock::today();
            if let Some(w) = report::empty::warning(&store.conn, kind, year, &period, today)? {
                if !allow_empty {
                    return Err(Error::invalid(format!(
                        "{w} Chưa in gì; thêm --allow-empty nếu vẫn muốn in."
                    )));
                }
                eprintln!("Cảnh báo: {w}");
            }
            let date = match date {
                Some(text) => {
                    cchc_core::plan::deadline::parse_date(&text, year).ok_or_else(|| {
                        Error::invalid(format!("Ngày “{text}” không hợp lệ; hãy ghi dd/mm/yyyy."))
                    })?
                }
                None => today,
            };
            let req = report::Request {
                kind,
                year,
                period,
                date,
                settings,
                format,
            };
            let made = report::write(&store.conn, &req, today, &out, &mut |_| {})?;
            let pages = if made.pages > 0 {
                format!(" ({} trang)", made.pages)
            } else {
                String::new()
            };
            let draft = if made.draft {
                ", có dấu DỰ THẢO vì chưa được Chủ tịch duyệt"
            } else {
                ""
            };
            println!(
                "Đã in “{}”{pages} ra {}{draft}.",
                kind.title(),
                out.display()
            );
        }
        Command::Import {
            kind,
            file,
            year,
            from,
            to,
            dry_run,
            json,
            annotate,
        } => {
            let year = year_or_current(&store, year)?;
            let args = import::Args {
                kind,
                file,
                year,
                from,
                to,
                dry_run,
                json,
                annotate,
            };
            import::run(&mut store, args)?;
        }
        Command::Years { command, json } => match command {
            None => import::list(&store, json)?,
            Some(YearsCommand::Add { year }) => import::add(&mut store, year)?,
        },
        Command::Sessions(SessionsCommand::List { year, period, json }) => {
            let year = year_or_current(&store, year)?;
            commune::require_year(&store.conn, year)?;
            let period = cchc_core::period::resolve(&period, year)?;
            let list = sessions::in_period(&store.conn, &period)?;
            let report = SessionsReport {
                totals: sessions::totals::of(&list),
                period,
                sessions: list,
            };
            if json {
                print_json(&report)?;
            } else {
                print_sessions(&report);
            }
        }
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct SessionsReport {
    period: Period,
    totals: sessions::totals::Totals,
    sessions: Vec<sessions::SessionView>,
}

fn print_sessions(r: &SessionsReport) {
    println!(
        "{}: {} buổi, {} lượt người tham dự",
        r.period.label(),
        format_int(r.totals.sessions),
        format_int(r.totals.attendees)
    );
    for s in &r.sessions {
        println!(
            "  {} [{}] {} — {}; {} người",
            s.held_on.format("%d/%m/%Y"),
            s.form_label,
            s.content,
            if s.village.is_empty() {
                &s.place
            } else {
                &s.village
            },
            format_int(s.attendees)
        );
    }
    if !r.totals.by_form.is_empty() {
        println!("Theo hình thức:");
        for t in &r.totals.by_form {
            println!(
                "  {}: {} buổi, {} người",
                t.label,
                format_int(t.sessions),
                format_int(t.attendees)
            );
        }
    }
}

fn year_or_current(store: &Store, year: Option<i32>) -> Result<i32, Error> {
    match year {
        Some(y) => Ok(y),
        None => Ok(commune::require(&store.conn)?.current_year),
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn print_tasks(year: i32, overdue_only: bool, list: &[tasks::TaskView]) {
    let what = if overdue_only {
        "nhiệm vụ quá hạn"
    } else {
        "nhiệm vụ"
    };
    println!("Kế hoạch CCHC năm {year}: {} {what}", list.len());
    let mut area = "";
    for t in list {
        if t.area_name != area {
            area = &t.area_name;
            println!("\n{area}");
        }
        let flag = if t.overdue { " — QUÁ HẠN" } else { "" };
        println!(
            "  {}. [{}] {}\n     Thời hạn: {} ({}); chủ trì: {}{flag}",
            t.number,
            t.status_label,
            t.content,
            t.deadline_text,
            t.due.format("%d/%m/%Y"),
            t.lead_officer_name.as_deref().unwrap_or("chưa phân công")
        );
    }
}

fn print_summary(s: &summary::Summary) {
    println!("{} ({}) — năm {}", s.commune, s.province, s.year);
    println!(
        "Kế hoạch CCHC: hoàn thành {}/{} nhiệm vụ, quá hạn {}",
        format_int(s.tasks.done),
        format_int(s.tasks.total),
        format_int(s.tasks.overdue)
    );
    println!(
        "Tuyên truyền, PBGDPL: {} buổi, {} lượt người tham dự",
        format_int(s.sessions.count),
        format_int(s.sessions.attendees)
    );
    println!(
        "Một cửa: tiếp nhận {} hồ sơ (trực tuyến {}, BCCI {}); đúng hạn {}; trực tuyến {}",
        format_int(s.tthc.received),
        format_int(s.tthc.online),
        format_int(s.tthc.bcci),
        format_pct(s.tthc.on_time_rate_pct),
        format_pct(s.tthc.online_rate_pct)
    );
    if s.scoring.status == "no_criteria" {
        println!("Chỉ số CCHC: chưa có bộ tiêu chí của năm");
    } else {
        println!(
            "Chỉ số CCHC: tự chấm {}/{} điểm",
            cchc_core::text::format_decimal(s.scoring.self_total, 2),
            cchc_core::text::format_decimal(s.scoring.max_total, 2)
        );
    }
}
