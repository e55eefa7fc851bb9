//! Paints laid-out pages into a PDF with printpdf: each face embedded once, subset to the
//! characters the document uses; justified lines are one text run with the extra space after
//! each word, so copying the text out gives the words back with single spaces.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem,
};

use super::font::Face;
use super::layout::{Item, Laid, MM};
use crate::error::Result;

/// The PDF file of `laid`, titled `title`.
pub fn paint(laid: &Laid, title: &str) -> Result<Vec<u8>> {
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for page in &laid.pages {
        for item in &page.items {
            if let Item::Text { face, text, .. } = item {
                used.entry(*face).or_default().extend(text.chars());
            }
        }
    }
    let mut pdf = PdfDocument::new(title);
    let mut fonts: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, chars) in &used {
        let font = face.subset(chars)?;
        fonts.insert(*face, pdf.add_font(&font));
    }

    let g = laid.geometry;
    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let mut pages = Vec::with_capacity(laid.pages.len());
    for page in &laid.pages {
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
            }
        }
        pages.push(PdfPage::new(Mm(g.width / MM), Mm(g.height / MM), ops));
    }
    let opts = PdfSaveOptions {
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    Ok(pdf.with_pages(pages).save(&opts, &mut Vec::new()))
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
