//! The dossier's cover letter in the NĐ 30/2020 layout: a Tờ trình ("TỜ TRÌNH / Đề nghị thẩm
//! định …") or a Công văn (no title, "V/v đề nghị thẩm định …" under its number), addressed
//! "Kính gửi:" to the appraising body of the commune's settings, saying what the dossier holds
//! and its code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::report::doc::{Block, Doc, Para};
use crate::report::{self, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// Tờ trình đề nghị thẩm định (number "…/TTr-UBND").
    #[default]
    ToTrinh,
    /// Công văn đề nghị thẩm định (number "…/UBND-VP", a "V/v" line instead of a title).
    CongVan,
}

impl LetterKind {
    pub fn number_suffix(self) -> &'static str {
        match self {
            LetterKind::ToTrinh => "TTr-UBND",
            LetterKind::CongVan => "UBND-VP",
        }
    }

    /// Its name in the dossier (also known to `verify`, which must recognise it unsealed).
    pub fn file_name(self) -> &'static str {
        match self {
            LetterKind::ToTrinh => "01-to-trinh-de-nghi-tham-dinh.pdf",
            LetterKind::CongVan => "01-cong-van-de-nghi-tham-dinh.pdf",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LetterKind::ToTrinh => "Tờ trình đề nghị thẩm định",
            LetterKind::CongVan => "Công văn đề nghị thẩm định",
        }
    }

    /// Where the letter's settings are remembered (report_setting.kind).
    pub(crate) fn settings_code(self) -> &'static str {
        match self {
            LetterKind::ToTrinh => "dossier-to-trinh",
            LetterKind::CongVan => "dossier-cong-van",
        }
    }
}

/// What the letter says about the dossier.
pub(crate) struct Facts<'a> {
    pub year: i32,
    pub commune: &'a crate::commune::Commune,
    pub criteria_set: String,
    pub self_total: String,
    pub max_total: String,
    pub rating: Option<String>,
    pub approved_by: String,
    pub approved_on: Option<NaiveDate>,
    pub evidence_files: usize,
    pub documents: usize,
    pub criteria: usize,
    pub code: String,
}

pub(crate) fn build(kind: LetterKind, f: &Facts, s: &Settings, date: NaiveDate) -> Doc {
    let year = f.year;
    let subject = format!(
        "đề nghị thẩm định kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}"
    );
    let mut doc = match kind {
        LetterKind::ToTrinh => report::skeleton("TỜ TRÌNH", vec![upper_first(&subject)]),
        LetterKind::CongVan => report::skeleton("", Vec::new()),
    };
    doc.letterhead = report::letterhead(f.commune, s, date, kind.number_suffix());
    if kind == LetterKind::CongVan {
        doc.letterhead.subject = format!("V/v {subject}");
    }
    if let Some(c) = doc.closing.as_mut() {
        c.recipients = s.recipients.clone();
        c.signer = s.signer.clone();
    }
    let name = &f.commune.name;
    let body = &f.commune.superior;
    let b = &mut doc.blocks;
    b.push(Block::Paragraph(
        Para::body(format!("Kính gửi: {body}.")).centred(),
    ));
    let basis = if f.criteria_set.is_empty() {
        String::new()
    } else {
        format!("Căn cứ {}; ", f.criteria_set)
    };
    b.push(Block::Paragraph(Para::body(format!(
        "{basis}Ủy ban nhân dân xã {name} đã tổ chức tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year}. Kết quả tự chấm: {}/{} điểm{}.",
        f.self_total,
        f.max_total,
        f.rating
            .as_ref()
            .map(|r| format!(", tự xếp loại {r}"))
            .unwrap_or_default()
    ))));
    let approved = match f.approved_on {
        Some(d) => format!(" ngày {}", report::date(d)),
        None => String::new(),
    };
    b.push(Block::Paragraph(Para::body(format!(
        "Kết quả tự đánh giá, chấm điểm đã được Chủ tịch Ủy ban nhân dân xã ({}) duyệt{approved}. Hồ sơ kèm theo gồm:",
        f.approved_by
    ))));
    b.push(Block::Paragraph(Para::body(format!(
        "1. Báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year} (kèm biểu điểm)."
    ))));
    b.push(Block::Paragraph(Para::body(format!(
        "2. Tài liệu kiểm chứng xếp theo {} tiêu chí: {} tài liệu, {} tệp.",
        f.criteria, f.documents, f.evidence_files
    ))));
    b.push(Block::Paragraph(Para::body(format!(
        "3. Bảng kê mã kiểm tra (SHA-256) của từng tệp (manifest.json); mã hồ sơ: {}. Mã này in ở chân mỗi trang của Tờ trình và Báo cáo; phần mềm CCHC Xã (Kiểm tra hồ sơ) cho biết hồ sơ nhận được có nguyên vẹn như khi Chủ tịch Ủy ban nhân dân xã duyệt hay không.",
        f.code
    ))));
    b.push(Block::Paragraph(Para::body(format!(
        "Ủy ban nhân dân xã {name} kính đề nghị {body} xem xét, thẩm định./."
    ))));
    doc
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
