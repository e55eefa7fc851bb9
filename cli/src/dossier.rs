//! `cchc dossier --year Y --out F.zip`: the sealed appraisal dossier, refused until the
//! chairman has approved the whole sheet. `cchc dossier verify F.zip`: checks a received
//! dossier with no data folder at all (what an appraising body runs); exit code 1 when it is
//! not intact.

use std::path::{Path, PathBuf};

use cchc_core::dossier::{self, DossierRequest, LetterKind, Verdict};
use cchc_core::{clock, Error, Store};
use clap::{Args, Subcommand};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DossierArgs {
    #[command(subcommand)]
    pub command: Option<DossierCommand>,
    /// Năm của biểu tự chấm điểm (mặc định: năm hiện tại)
    #[arg(long, value_name = "NĂM")]
    year: Option<i32>,
    /// Tệp hồ sơ (.zip)
    #[arg(long, value_name = "TỆP.zip")]
    out: Option<PathBuf>,
    /// Văn bản đề nghị: to-trinh (Tờ trình, mặc định) hoặc cong-van (Công văn)
    #[arg(long, value_name = "LOẠI", default_value = "to-trinh")]
    letter: String,
    /// Số văn bản, ví dụ 15 hoặc 15/TTr-UBND (mặc định: lần lập trước; trống để ghi tay)
    #[arg(long, value_name = "SỐ")]
    number: Option<String>,
    /// Ngày của văn bản (mặc định: hôm nay)
    #[arg(long, value_name = "NGÀY")]
    date: Option<String>,
    /// Người ký (mặc định: lần lập trước, hoặc Chủ tịch)
    #[arg(long, value_name = "HỌ_TÊN")]
    signer: Option<String>,
    /// In kết quả dạng JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum DossierCommand {
    /// Kiểm tra một hồ sơ nhận được (không cần thư mục dữ liệu): nguyên vẹn, hoặc tên từng tệp bị sửa, thiếu, thêm
    #[command(
        help_template = crate::usage::SUB_HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "cchc dossier verify TỆP.zip [--json]"
    )]
    Verify {
        #[arg(value_name = "TỆP.zip")]
        file: PathBuf,
        /// In kết quả dạng JSON
        #[arg(long)]
        json: bool,
    },
}

impl DossierArgs {
    /// `dossier verify` needs no data folder: it must not open (nor create) one.
    pub fn needs_data(&self) -> bool {
        self.command.is_none()
    }
}

fn letter_kind(s: &str) -> Result<LetterKind, Error> {
    match s.trim().to_lowercase().replace('_', "-").as_str() {
        "to-trinh" | "totrinh" | "ttr" => Ok(LetterKind::ToTrinh),
        "cong-van" | "congvan" | "cv" => Ok(LetterKind::CongVan),
        other => Err(Error::invalid(format!(
            "“{other}” không hợp lệ cho --letter: dùng to-trinh (Tờ trình) hoặc cong-van (Công văn)."
        ))),
    }
}

/// `cchc dossier verify`.
pub fn verify(file: &Path, json: bool) -> Result<(), Error> {
    let v = dossier::verify(file)?;
    if json {
        let text = serde_json::to_string_pretty(&v).map_err(|e| Error::Internal(e.to_string()))?;
        println!("{text}");
    } else {
        print_verdict(file, &v);
    }
    if v.intact {
        Ok(())
    } else {
        Err(Error::invalid(
            "Hồ sơ không nguyên vẹn (xem danh sách tệp ở trên).",
        ))
    }
}

fn print_verdict(file: &Path, v: &Verdict) {
    println!("Hồ sơ: {}", file.display());
    if !v.commune.is_empty() {
        println!(
            "{} – năm {} – Chủ tịch duyệt: {} ({}); gửi {}",
            v.commune,
            v.year.map(|y| y.to_string()).unwrap_or_default(),
            v.approved_by,
            v.approved_at,
            v.appraising_body
        );
    }
    if !v.code.is_empty() {
        println!(
            "Mã hồ sơ: {}  (SHA-256 manifest.json: {})",
            v.code, v.sha256
        );
    }
    if v.intact {
        println!("Nguyên vẹn: {} tệp khớp mã kiểm tra.", v.matching);
        return;
    }
    println!("KHÔNG nguyên vẹn:");
    for (label, list) in [
        ("bị sửa", &v.changed),
        ("bị thiếu", &v.missing),
        ("được thêm", &v.added),
    ] {
        for f in list {
            println!("  {label}: {f}");
        }
    }
}

/// `cchc dossier --year Y --out F.zip`.
pub fn make(store: &mut Store, a: DossierArgs) -> Result<(), Error> {
    let Some(out) = a.out else {
        return Err(Error::invalid(
            "Hãy cho biết tệp hồ sơ cần ghi: --out ho-so.zip (hoặc `cchc dossier verify TỆP.zip` để kiểm tra một hồ sơ).",
        ));
    };
    let year = match a.year {
        Some(y) => y,
        None => cchc_core::commune::require(&store.conn)?.current_year,
    };
    let letter = letter_kind(&a.letter)?;
    let today = clock::today();
    let pre = dossier::preflight(&store.conn, year, today)?;
    let mut settings = match letter {
        LetterKind::ToTrinh => pre.to_trinh,
        LetterKind::CongVan => pre.cong_van,
    };
    if let Some(n) = a.number {
        settings.number = n;
    }
    if let Some(name) = a.signer {
        settings.signer.name = name;
    }
    let date = match a.date {
        Some(text) => cchc_core::plan::deadline::parse_date(&text, year).ok_or_else(|| {
            Error::invalid(format!("Ngày “{text}” không hợp lệ; hãy ghi dd/mm/yyyy."))
        })?,
        None => today,
    };
    let req = DossierRequest {
        year,
        letter,
        date,
        settings,
    };
    let dir = store.evidence_dir();
    let made = dossier::make(&store.conn, &dir, &req, today, &out, &mut |_| {})?;
    if a.json {
        let text =
            serde_json::to_string_pretty(&made).map_err(|e| Error::Internal(e.to_string()))?;
        println!("{text}");
    } else {
        println!("{}", made.message);
        println!("Tệp: {}", out.display());
    }
    Ok(())
}
