//! Paints laid-out pages into a PDF with printpdf: each face embedded once, subset to the
//! characters the document uses; justified lines are one text run with the extra space after
//! each word, so copying the text out gives the words back with single spaces. The file says
//! PDF 1.7 (NĐ 30/2020 asks for 1.4 or later) and carries its title, author (the commune) and
//! subject in the document information.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Object, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};

use super::font::Face;
use super::layout::{Item, Laid, MM};
use crate::error::{Error, Result};

/// The PDF version written: NĐ 30/2020 asks for 1.4 or later; nothing here needs more than 1.4,
/// and 1.7 (ISO 32000-1) is what archiving profiles build on.
pub const VERSION: &str = "1.7";

/// The document information a viewer shows under Properties and an archive indexes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// "Kế hoạch Cải cách hành chính năm 2027".
    pub title: String,
    /// The issuing body: "UBND xã Nông Thượng".
    pub author: String,
    /// What it is about: "Kế hoạch CCHC năm 2027 của UBND xã Nông Thượng, tỉnh Thái Nguyên".
    pub subject: String,
    /// Search words; a sealed dossier puts its code here too.
    pub keywords: Vec<String>,
}

impl Meta {
    pub fn titled(title: &str) -> Meta {
        Meta {
            title: title.to_string(),
            ..Meta::default()
        }
    }
}

/// The PDF file of `laid`, with `meta` as its document information.
pub fn paint(laid: &Laid, meta: &Meta) -> Result<Vec<u8>> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text { face, text, .. } = item {
                used.entry(*face).or_default().extend(text.chars());
            }
        }
    }
    let mut pdf = PdfDocument::new(&meta.title);
    let mut fonts: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, chars) in &used {
        let font = face.subset(chars)?;
        fonts.insert(*face, pdf.add_font(&font));
    }

    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let mut pages = Vec::with_capacity(laid.pages.len());
    for page in &laid.pages {
        let g = laid.page_geometry(page);
        let mut ops = vec![
            Op::SetFillColor { col: black.clone() },
            Op::SetOutlineColor { col: black.clone() },
        ];
        for item in &page.items {
            match item {
                Item::Text {
                    x,
                    y,
                    face,
                    size,
                    text,
                    word_gap,
                } => {
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(fonts[face].clone()),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextCursor {
                        pos: Point {
                            x: Pt(*x),
                            y: Pt(g.height - y),
                        },
                    });
                    ops.push(Op::ShowText {
                        items: runs(text, *word_gap, *size),
                    });
                    ops.push(Op::EndTextSection);
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(g.height - y1),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(g.height - y2),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Item::Fill { x, y, w, h } => {
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(g.height - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
            }
        }
        pages.push(PdfPage::new(Mm(g.width / MM), Mm(g.height / MM), ops));
    }
    let opts = PdfSaveOptions {
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut doc = pdf
        .with_pages(pages)
        .to_lopdf_document(&opts, &mut Vec::new());
    doc.version = VERSION.to_string();
    set_info(&mut doc, meta)?;
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| Error::Internal(format!("không ghi được tệp PDF: {e}")))?;
    Ok(out)
}

/// Replaces printpdf's document information (dated 1970, with PDF/X keys this file does not
/// claim) with the document's own, dated now.
fn set_info(doc: &mut lopdf::Document, meta: &Meta) -> Result<()> {
    let text = |s: &str| Object::String(utf16be(s), StringFormat::Hexadecimal);
    let date = Object::String(crate::clock::pdf_now().into_bytes(), StringFormat::Literal);
    let version = format!("CCHC Xã {}", env!("CARGO_PKG_VERSION"));
    let info = lopdf::Dictionary::from_iter(vec![
        ("Title", text(&meta.title)),
        ("Author", text(&meta.author)),
        ("Subject", text(&meta.subject)),
        ("Keywords", text(&meta.keywords.join(", "))),
        ("Creator", text(&version)),
        ("Producer", text(&version)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ]);
    let id = doc.add_object(Object::Dictionary(info));
    doc.trailer.set("Info", Object::Reference(id));
    // The old dictionary is no longer referenced; dropping it keeps the file honest.
    doc.prune_objects();
    Ok(())
}

/// A text string as PDF wants non-Latin text: UTF-16BE with its byte-order mark.
fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// The text as a TJ run: with a word gap, each space is followed by a negative kern (in
/// thousandths of an em) that widens it.
fn runs(text: &str, word_gap: f32, size: f32) -> Vec<TextItem> {
    if word_gap <= 0.0 || !text.contains(' ') {
        return vec![TextItem::Text(text.to_string())];
    }
    let kern = -word_gap / size * 1000.0;
    let mut items = Vec::new();
    let mut words = text.split(' ').peekable();
    while let Some(w) = words.next() {
        if words.peek().is_some() {
            items.push(TextItem::Text(format!("{w} ")));
            items.push(TextItem::Offset(kern));
        } else {
            items.push(TextItem::Text(w.to_string()));
        }
    }
    items
}
