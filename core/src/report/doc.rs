//! The shape of an administrative document, independent of how it is printed: the NĐ 30/2020
//! header block, the title, the body (headings, paragraphs, tables) and the closing (Nơi nhận and
//! the signature block). Each report builds one `Doc`; `pdf` lays it out on A4 pages and
//! `docx` writes it as a Word document the officer can edit. All text is NFC: it comes from the
//! database (stored through `text::clean_*`) or is written in the report modules.

use serde::Serialize;

/// One document, ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    pub letterhead: Letterhead,
    /// "BÁO CÁO", "BIỂU TỰ CHẤM ĐIỂM"… (printed bold, upper case).
    pub title: String,
    /// The summary lines under the title ("Kết quả thực hiện công tác cải cách hành chính…").
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
    pub closing: Option<Closing>,
    /// "DỰ THẢO" on every page (a self-scoring sheet the chairman has not approved).
    pub draft: bool,
    /// Wide tables: the whole document on landscape A4 (a `Block::PageBreak` can turn later
    /// pages).
    pub landscape: bool,
    /// What follows the signature: an appendix ("Phụ lục"), usually starting with a
    /// `Block::PageBreak` (landscape for a wide table).
    pub appendix: Vec<Block>,
    /// The seal of a sealed dossier, printed at the foot of every page; None for most
    /// documents.
    pub seal: Option<Seal>,
}

/// The code that ties a printed document to the dossier it belongs to: its short form in
/// words at the foot of every page, the whole code in a QR code beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seal {
    /// "Mã hồ sơ: 3F2A 9C1B 7D04 E5A2 …" (one or two lines).
    pub text: String,
    /// What the QR code carries.
    pub qr: String,
}

/// The two-column header block of NĐ 30/2020 and the line under it.
#[derive(Debug, Clone, Serialize)]
pub struct Letterhead {
    /// Left column, upper case: ["ỦY BAN NHÂN DÂN", "XÃ NÔNG THƯỢNG"]; the last line is bold
    /// and has the short rule under it.
    pub issuer: Vec<String>,
    /// "Số: 12/BC-UBND" (empty number: "Số:        /BC-UBND", the blank kept to fill in by
    /// hand).
    pub number: String,
    /// The "V/v …" line of a công văn under the number; empty for documents with a title.
    pub subject: String,
    /// "Nông Thượng, ngày 05 tháng 01 năm 2026" (italic).
    pub place_date: String,
}

/// A piece of the body, in reading order.
#[derive(Debug, Clone, Serialize)]
pub enum Block {
    /// A bold section heading ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), no indent.
    Heading(String),
    /// Justified body text with the first-line indent.
    Paragraph(Para),
    /// A table; its header row repeats on each page it spans.
    Table(Table),
    /// The next block starts on a new page, landscape or portrait (an appendix with a wide
    /// table after a portrait body).
    PageBreak { landscape: bool },
}

/// A paragraph: justified, first line indented, unless it says otherwise.
#[derive(Debug, Clone, Serialize)]
pub struct Para {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// Centred, no indent (notes under a table, "(Kèm theo …)").
    pub centred: bool,
}

impl Para {
    pub fn body(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            bold: false,
            italic: false,
            centred: false,
        }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Para {
            bold: true,
            ..Para::body(text)
        }
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Para {
            italic: true,
            ..Para::body(text)
        }
    }
    pub fn centred(mut self) -> Self {
        self.centred = true;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    Left,
    Centre,
    Right,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub title: String,
    /// Relative width: the table fills the text width in these proportions.
    pub weight: f32,
    pub align: Align,
}

pub fn column(title: &str, weight: f32, align: Align) -> Column {
    Column {
        title: title.to_string(),
        weight,
        align,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    /// Group and total rows are bold.
    pub bold: bool,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Self {
        Row { cells, bold: false }
    }
    pub fn bold(cells: Vec<String>) -> Self {
        Row { cells, bold: true }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Smaller type for wide tables (points); body text is 14.
    pub font_size: f32,
}

/// "Nơi nhận" on the left, the signature block on the right, kept together on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Closing {
    /// Each printed as "- …;" (the last as "- …."): ["UBND tỉnh …", "Lưu: VT"].
    pub recipients: Vec<String>,
    pub signer: Signer,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, ts_rs::TS)]
#[ts(export, rename = "ReportSigner")]
pub struct Signer {
    /// "TM. ỦY BAN NHÂN DÂN" (empty for a personal signature).
    pub on_behalf: String,
    /// "CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    pub title: String,
    /// The signer's name, bold, under the space to sign.
    pub name: String,
}
