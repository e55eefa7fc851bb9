//! A `Doc` as a Word document (.docx) in the NĐ 30/2020/NĐ-CP layout (Phụ lục I), for the
//! officer to edit before signing: A4 (landscape for wide tables), margins 20/20/30/15 mm,
//! Times New Roman 14, the two-column header block, the title with its short rule, justified
//! body text with a 1.27 cm first-line indent, tables whose header row repeats on every page,
//! "Nơi nhận" and the signature block, page numbers centred at the top from page 2 on, and
//! "DỰ THẢO" at the top of every page of a draft.
//!
//! docx-rs 0.4.22 has no way to mark a table row as a repeating header row (`w:tblHeader`) nor
//! to set the proofing language (`w:lang`); `write` renders the package parts with
//! `Docx::build`, adds those two elements to the rendered XML and then zips the parts.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, BuildXML, Docx, Header, HeightRule, LineSpacing,
    LineSpacingType, PageMargin, PageNum, PageOrientationType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Tab, TabValueType,
    Table as WTable, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableCellMargins, TableLayoutType, TableRow, TableRowProperty, VAlignType, WidthType,
};

use super::doc::{Align, Block, Closing, Doc, Letterhead, Para, Table};
use crate::error::{Error, Result};

const FONT: &str = "Times New Roman";

/// A4 in twips (1/20 pt).
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// 1 mm = 56.7 twips: 20 mm, 30 mm, 15 mm; the header sits 10 mm from the top edge.
const MARGIN_TOP: i32 = 1134;
const MARGIN_BOTTOM: i32 = 1134;
const MARGIN_LEFT: i32 = 1701;
const MARGIN_RIGHT: i32 = 851;
const HEADER_DISTANCE: i32 = 567;
const FOOTER_DISTANCE: i32 = 567;

/// Sizes are half-points.
const BODY_SIZE: usize = 28;
const SIZE_13: usize = 26;
const SIZE_12: usize = 24;
const SIZE_11: usize = 22;

/// 1.27 cm.
const FIRST_LINE_INDENT: i32 = 720;
/// 6 pt.
const AFTER_PARAGRAPH: u32 = 120;
/// Line spacing 1.15 (auto: 240 = single).
const BODY_LINE: i32 = 276;
const SINGLE_LINE: i32 = 240;

/// Rule lengths (twips): under the issuing body (about half its name), under "Độc lập - Tự do -
/// Hạnh phúc" (as long as the text: 13 pt bold Times New Roman measures about 3 180 twips) and
/// under the title.
const ISSUER_RULE: u32 = 1200;
const MOTTO_RULE: u32 = 3200;
const TITLE_RULE: u32 = 1700;

/// Left and right cell padding of body tables.
const CELL_PADDING: usize = 85;
/// The header row of a body table is at least this tall (twips, 0.7 cm). Only header rows get a
/// height, which is how `mark_header_rows` finds them in the rendered XML.
const HEADER_ROW_HEIGHT: f32 = 397.0;

const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
const DRAFT_MARK: &str = "DỰ THẢO";

/// The document as .docx bytes.
pub fn write(doc: &Doc) -> Result<Vec<u8>> {
    let (page_w, page_h) = if doc.landscape {
        (A4_LONG, A4_SHORT)
    } else {
        (A4_SHORT, A4_LONG)
    };
    let text_width = page_w - MARGIN_LEFT as u32 - MARGIN_RIGHT as u32;

    let mut docx = Docx::new()
        .page_size(page_w, page_h)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: HEADER_DISTANCE,
            footer: FOOTER_DISTANCE,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(BODY_SIZE)
        .default_line_spacing(spacing(SINGLE_LINE, 0, 0))
        // The first-page header is empty but for the draft mark; the default one carries the
        // page number, so numbering starts to show on page 2.
        .header(page_header(doc.draft, true, text_width))
        .first_header(page_header(doc.draft, false, text_width));
    if doc.landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }

    docx = docx.add_table(letterhead(&doc.letterhead, text_width));
    for p in title(doc, text_width) {
        docx = docx.add_paragraph(p);
    }
    let mut header_rows = 0;
    docx = add_blocks(docx, &doc.blocks, text_width, &mut header_rows)?;
    if let Some(closing) = &doc.closing {
        docx = docx.add_table(closing_table(closing, text_width));
    }
    if !doc.appendix.is_empty() {
        let (blocks, turned) = match doc.appendix.first() {
            Some(Block::PageBreak { landscape }) => (&doc.appendix[1..], *landscape),
            _ => (&doc.appendix[..], doc.landscape),
        };
        // The body's section ends here (its properties ride on this paragraph); the document's
        // own section properties then describe the appendix, turned as it asks, numbered on
        // every page.
        let body = docx.document.section_property.clone();
        docx = docx.add_paragraph(Paragraph::new().section_property(body));
        let (w, h) = if turned {
            (A4_LONG, A4_SHORT)
        } else {
            (A4_SHORT, A4_LONG)
        };
        let orient = if turned {
            PageOrientationType::Landscape
        } else {
            PageOrientationType::Portrait
        };
        docx = docx.page_size(w, h).page_orient(orient);
        docx.document.section_property.title_pg = false;
        let width = w - MARGIN_LEFT as u32 - MARGIN_RIGHT as u32;
        docx = add_blocks(docx, blocks, width, &mut header_rows)?;
    }

    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document, header_rows)?;
    xml.styles = set_language(&xml.styles);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Internal(format!("Không tạo được tệp Word: {e}")))?;
    Ok(out.into_inner())
}

fn add_blocks(
    mut docx: Docx,
    blocks: &[Block],
    text_width: u32,
    header_rows: &mut usize,
) -> Result<Docx> {
    for block in blocks {
        docx = match block {
            Block::Heading(text) => docx.add_paragraph(heading(text)),
            Block::Paragraph(p) => docx.add_paragraph(paragraph(p)),
            Block::Table(t) => match body_table(t, text_width)? {
                Some(table) => {
                    *header_rows += 1;
                    // A table followed directly by another would merge with it in Word.
                    docx.add_table(table).add_paragraph(spacer(BODY_SIZE))
                }
                None => docx,
            },
            // Inside the body a turn is only a new page; Word turns pages by sections.
            Block::PageBreak { .. } => {
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
        };
    }
    Ok(docx)
}

// ---------------------------------------------------------------------------------------------
// Page header: the page number (pages 2…) centred, "DỰ THẢO" on the right.

fn page_header(draft: bool, page_number: bool, text_width: u32) -> Header {
    let mut p = Paragraph::new()
        .add_tab(
            Tab::new()
                .val(TabValueType::Center)
                .pos(text_width as usize / 2),
        )
        .add_tab(Tab::new().val(TabValueType::Right).pos(text_width as usize));
    if page_number {
        p = p.add_run(Run::new().add_tab()).add_page_num(PageNum::new());
    }
    if draft {
        let tabs = if page_number { 1 } else { 2 };
        let mut run = Run::new();
        for _ in 0..tabs {
            run = run.add_tab();
        }
        p = p
            .add_run(run)
            .add_run(Run::new().add_text(DRAFT_MARK).bold().size(BODY_SIZE));
    }
    Header::new().add_paragraph(p)
}

// ---------------------------------------------------------------------------------------------
// Header block and title.

fn letterhead(l: &Letterhead, text_width: u32) -> WTable {
    let left_w = text_width * 2 / 5;
    let right_w = text_width - left_w;

    let mut left = TableCell::new();
    let n = l.issuer.len();
    for (i, line) in l.issuer.iter().enumerate() {
        let last = i + 1 == n;
        left = left.add_paragraph(line_para(&line.to_uppercase(), SIZE_13, last, false));
    }
    left = left.add_paragraph(rule(ISSUER_RULE, left_w, 0));

    let right = TableCell::new()
        .add_paragraph(line_para(NATIONAL_TITLE, SIZE_12, true, false))
        .add_paragraph(line_para(MOTTO, SIZE_13, true, false))
        .add_paragraph(rule(MOTTO_RULE, right_w, 0));

    let mut number = TableCell::new().add_paragraph(
        line_para(&l.number, SIZE_13, false, false).line_spacing(spacing(SINGLE_LINE, 120, 0)),
    );
    if !l.subject.is_empty() {
        number = number.add_paragraph(line_para(&l.subject, SIZE_12, false, false));
    }
    let date = TableCell::new().add_paragraph(
        line_para(&l.place_date, BODY_SIZE, false, true).line_spacing(spacing(SINGLE_LINE, 120, 0)),
    );

    borderless(
        vec![vec![left, right], vec![number, date]],
        &[left_w, right_w],
        text_width,
    )
}

fn title(doc: &Doc, text_width: u32) -> Vec<Paragraph> {
    if doc.title.is_empty() && doc.subtitle.is_empty() {
        // A công văn: its subject is the "V/v" line of the header block.
        return vec![spacer(BODY_SIZE)];
    }
    let mut out = vec![line_para(&doc.title.to_uppercase(), BODY_SIZE, true, false)
        .line_spacing(spacing(SINGLE_LINE, 360, 0))
        .keep_next(true)];
    for line in &doc.subtitle {
        out.push(line_para(line, BODY_SIZE, true, false).keep_next(true));
    }
    out.push(rule(TITLE_RULE, text_width, 360));
    out
}

// ---------------------------------------------------------------------------------------------
// Body.

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(text_run(text, BODY_SIZE, true, false))
        .align(AlignmentType::Both)
        .line_spacing(spacing(BODY_LINE, 0, AFTER_PARAGRAPH))
        .keep_next(true)
}

fn paragraph(p: &Para) -> Paragraph {
    let out = Paragraph::new()
        .add_run(text_run(&p.text, BODY_SIZE, p.bold, p.italic))
        .line_spacing(spacing(BODY_LINE, 0, AFTER_PARAGRAPH));
    if p.centred {
        out.align(AlignmentType::Center)
    } else {
        out.align(AlignmentType::Both).indent(
            None,
            Some(SpecialIndentType::FirstLine(FIRST_LINE_INDENT)),
            None,
            None,
        )
    }
}

/// A body table over the full text width; `None` when it has no columns.
fn body_table(t: &Table, text_width: u32) -> Result<Option<WTable>> {
    let n = t.columns.len();
    if n == 0 {
        return Ok(None);
    }
    let widths = column_widths(t, text_width);
    let size = table_size(t.font_size);

    let header_cells = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, &w)| table_cell(&c.title, AlignmentType::Center, size, true, w as usize, 1))
        .collect();
    let header = TableRow::new(header_cells)
        .cant_split()
        .row_height(HEADER_ROW_HEIGHT)
        .height_rule(HeightRule::AtLeast);

    let mut rows = vec![header];
    for row in &t.rows {
        if row.cells.len() > n {
            return Err(Error::Internal(format!(
                "Bảng “{}”: một hàng có {} ô nhưng bảng chỉ có {} cột.",
                t.columns[0].title,
                row.cells.len(),
                n
            )));
        }
        let cells: Vec<&str> = if row.cells.is_empty() {
            vec![""]
        } else {
            row.cells.iter().map(String::as_str).collect()
        };
        let last = cells.len() - 1;
        let row_cells = cells
            .iter()
            .enumerate()
            .map(|(i, text)| {
                // The last cell of a short row (a group row) spans the remaining columns.
                let span = if i == last { n - i } else { 1 };
                let width: u32 = widths[i..i + span].iter().sum();
                table_cell(
                    text,
                    alignment(t.columns[i].align),
                    size,
                    row.bold,
                    width as usize,
                    span,
                )
            })
            .collect();
        // A row is never split between pages (its header row repeats above the rest).
        rows.push(TableRow::new(row_cells).cant_split());
    }

    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, pos| {
        b.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(4)
                .color("000000"),
        )
    });

    Ok(Some(
        WTable::new(rows)
            .set_grid(widths.iter().map(|&w| w as usize).collect())
            .width(text_width as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(TableAlignmentType::Center)
            .margins(TableCellMargins::new().margin(0, CELL_PADDING, 0, CELL_PADDING))
            .set_borders(borders),
    ))
}

/// Column widths in twips, in proportion to the weights, adding up to `text_width`.
fn column_widths(t: &Table, text_width: u32) -> Vec<u32> {
    let n = t.columns.len();
    let weights: Vec<f64> = t
        .columns
        .iter()
        .map(|c| {
            if c.weight.is_finite() && c.weight > 0.0 {
                c.weight as f64
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let mut widths: Vec<u32> = if total > 0.0 {
        weights
            .iter()
            .map(|w| (text_width as f64 * w / total).floor() as u32)
            .collect()
    } else {
        vec![text_width / n as u32; n]
    };
    let used: u32 = widths.iter().sum();
    widths[n - 1] += text_width - used;
    widths
}

/// The table's type size in half-points (body size when the given one is not sensible).
fn table_size(points: f32) -> usize {
    if points.is_finite() && (4.0..=36.0).contains(&points) {
        (points * 2.0).round() as usize
    } else {
        BODY_SIZE
    }
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

fn table_cell(
    text: &str,
    align: AlignmentType,
    size: usize,
    bold: bool,
    width: usize,
    span: usize,
) -> TableCell {
    let p = Paragraph::new()
        .add_run(text_run(text, size, bold, false))
        .align(align)
        .size(size)
        .line_spacing(spacing(SINGLE_LINE, 40, 40));
    let cell = TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if span > 1 {
        cell.grid_span(span)
    } else {
        cell
    }
}

// ---------------------------------------------------------------------------------------------
// Closing: "Nơi nhận" and the signature block.

fn closing_table(c: &Closing, text_width: u32) -> WTable {
    let left_w = text_width * 9 / 20;
    let right_w = text_width - left_w;

    let mut left = TableCell::new().add_paragraph(
        Paragraph::new()
            .add_run(text_run("Nơi nhận:", SIZE_12, true, true))
            .line_spacing(spacing(SINGLE_LINE, 240, 0)),
    );
    let n = c.recipients.len();
    for (i, r) in c.recipients.iter().enumerate() {
        let r = r.trim().trim_end_matches([';', '.', ',']).trim_end();
        let end = if i + 1 == n { '.' } else { ';' };
        left = left.add_paragraph(
            Paragraph::new()
                .add_run(text_run(&format!("- {r}{end}"), SIZE_11, false, false))
                .size(SIZE_11),
        );
    }

    let s = &c.signer;
    let mut lines: Vec<&str> = Vec::new();
    if !s.on_behalf.trim().is_empty() {
        lines.push(s.on_behalf.trim());
    }
    lines.extend(s.title.lines().map(str::trim).filter(|l| !l.is_empty()));
    let mut right = TableCell::new();
    for (i, line) in lines.iter().enumerate() {
        let mut p = line_para(line, BODY_SIZE, true, false);
        if i == 0 {
            p = p.line_spacing(spacing(SINGLE_LINE, 240, 0));
        }
        right = right.add_paragraph(p);
    }
    // Room for the signature and the seal.
    for _ in 0..4 {
        right = right.add_paragraph(spacer(BODY_SIZE));
    }
    right = right.add_paragraph(line_para(&s.name, BODY_SIZE, true, false));

    borderless(vec![vec![left, right]], &[left_w, right_w], text_width)
}

// ---------------------------------------------------------------------------------------------
// Building blocks.

/// A borderless layout table whose rows are never split between pages.
fn borderless(rows: Vec<Vec<TableCell>>, widths: &[u32], text_width: u32) -> WTable {
    let rows = rows
        .into_iter()
        .map(|cells| {
            let cells = cells
                .into_iter()
                .zip(widths)
                .map(|(c, &w)| c.width(w as usize, WidthType::Dxa))
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    let none = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, pos| {
        b.set(TableBorder::new(pos).border_type(BorderType::None).size(0))
    });
    WTable::new(rows)
        .set_grid(widths.iter().map(|&w| w as usize).collect())
        .width(text_width as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
        .set_borders(none)
}

/// Spacing: line (240 = single, auto), before and after in twips.
fn spacing(line: i32, before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(line)
        .before(before)
        .after(after)
}

/// A run of text; a '\n' in the text becomes a line break.
fn text_run(text: &str, size: usize, bold: bool, italic: bool) -> Run {
    let mut run = Run::new().size(size);
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(part);
    }
    if bold {
        run = run.bold();
    }
    if italic {
        run = run.italic();
    }
    run
}

/// A centred single-spaced line (header block, title, signature block).
fn line_para(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    Paragraph::new()
        .add_run(text_run(text, size, bold, italic))
        .align(AlignmentType::Center)
        .size(size)
}

/// An empty single-spaced line of the given size.
fn spacer(size: usize) -> Paragraph {
    Paragraph::new().size(size)
}

/// A centred horizontal rule `width` twips long inside `avail` twips: an empty 3 pt paragraph
/// with a bottom border, indented from both sides.
fn rule(width: u32, avail: u32, after: u32) -> Paragraph {
    let side = (avail.saturating_sub(width) / 2) as i32;
    let mut p = Paragraph::new()
        .indent(Some(side), None, Some(side), None)
        .size(2)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(60)
                .before(0)
                .after(after),
        );
    // Only the bottom edge: docx-rs's `set_border` would start from a full box.
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(6)
                .space(1)
                .color("000000"),
        ),
    );
    p
}

// ---------------------------------------------------------------------------------------------
// What docx-rs cannot say, added to the rendered XML.

/// Adds `<w:tblHeader />` to the header row of each body table (the only rows with a height),
/// so Word repeats it at the top of every page the table spans.
fn mark_header_rows(document: &[u8], expected: usize) -> Result<Vec<u8>> {
    let marker = String::from_utf8(
        TableRowProperty::new()
            .cant_split()
            .row_height(HEADER_ROW_HEIGHT)
            .height_rule(HeightRule::AtLeast)
            .build(),
    )
    .map_err(|e| Error::Internal(format!("Không tạo được tệp Word: {e}")))?;
    let Some(open) = marker.strip_suffix("</w:trPr>") else {
        return Err(Error::Internal(format!(
            "Không tạo được tệp Word: thuộc tính hàng tiêu đề không như dự kiến ({marker})."
        )));
    };
    let marked = format!("{open}<w:tblHeader /></w:trPr>");

    let text = std::str::from_utf8(document)
        .map_err(|e| Error::Internal(format!("Không tạo được tệp Word: {e}")))?;
    let found = text.matches(&marker).count();
    if found != expected {
        return Err(Error::Internal(format!(
            "Không tạo được tệp Word: tìm thấy {found} hàng tiêu đề bảng, cần {expected}."
        )));
    }
    Ok(text.replace(&marker, &marked).into_bytes())
}

/// Sets Vietnamese as the proofing language of the document defaults (Word then spell-checks
/// the text as Vietnamese). Left as it is if docx-rs renders the defaults differently.
fn set_language(styles: &[u8]) -> Vec<u8> {
    const END: &str = "</w:rPr></w:rPrDefault>";
    const LANG: &str = r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA" />"#;
    match std::str::from_utf8(styles) {
        Ok(text) if text.matches(END).count() == 1 => {
            text.replacen(END, &format!("{LANG}{END}"), 1).into_bytes()
        }
        _ => styles.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{column, Row, Signer};
    use std::io::Read;

    fn sample(draft: bool, landscape: bool) -> Doc {
        let mut rows = vec![Row::bold(vec![
            "I".to_string(),
            "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH".to_string(),
        ])];
        for i in 1..40 {
            rows.push(Row::new(vec![
                i.to_string(),
                format!("Tiêu chí thành phần số {i} về cải cách thủ tục hành chính"),
                "2".to_string(),
                "1,5".to_string(),
            ]));
        }
        Doc {
            letterhead: Letterhead {
                issuer: vec!["Ủy ban nhân dân".to_string(), "XÃ NÔNG THƯỢNG".to_string()],
                number: "Số: 12/BC-UBND".to_string(),
                subject: String::new(),
                place_date: "Nông Thượng, ngày 05 tháng 01 năm 2026".to_string(),
            },
            title: "BÁO CÁO".to_string(),
            subtitle: vec!["Kết quả thực hiện công tác cải cách hành chính năm 2025".to_string()],
            blocks: vec![
                Block::Heading("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH".to_string()),
                Block::Paragraph(Para::body(
                    "Ủy ban nhân dân xã đã ban hành Kế hoạch cải cách hành chính năm 2025 & \
                     triển khai <đầy đủ> các nhiệm vụ.",
                )),
                Block::Paragraph(Para::italic("(Kèm theo Biểu tự chấm điểm)").centred()),
                Block::Table(Table {
                    columns: vec![
                        column("STT", 1.0, Align::Centre),
                        column("Tiêu chí", 6.0, Align::Left),
                        column("Điểm tối đa", 1.5, Align::Centre),
                        column("Tự chấm", 1.5, Align::Right),
                    ],
                    rows,
                    font_size: 12.0,
                }),
            ],
            closing: Some(Closing {
                recipients: vec![
                    "UBND tỉnh Thái Nguyên;".to_string(),
                    "Thường trực Đảng ủy xã".to_string(),
                    "Lưu: VT, VP".to_string(),
                ],
                signer: Signer {
                    on_behalf: "TM. ỦY BAN NHÂN DÂN".to_string(),
                    title: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".to_string(),
                    name: "Nguyễn Văn An".to_string(),
                },
            }),
            draft,
            landscape,
            appendix: Vec::new(),
            seal: None,
        }
    }

    /// Every part of the package, by name.
    fn parts(bytes: &[u8]) -> Vec<(String, String)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
        let mut out = Vec::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            out.push((f.name().unwrap().to_string(), s));
        }
        out
    }

    fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
        &parts
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    }

    #[test]
    fn writes_the_nd30_layout() {
        let bytes = write(&sample(true, false)).unwrap();
        let parts = parts(&bytes);
        let document = part(&parts, "word/document.xml");

        for text in [
            "ỦY BAN NHÂN DÂN",
            "XÃ NÔNG THƯỢNG",
            NATIONAL_TITLE,
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 12/BC-UBND",
            "Nông Thượng, ngày 05 tháng 01 năm 2026",
            "BÁO CÁO",
            "Kết quả thực hiện công tác cải cách hành chính năm 2025",
            "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
            "&amp; triển khai &lt;đầy đủ&gt; các nhiệm vụ.",
            "Tiêu chí thành phần số 39 về cải cách thủ tục hành chính",
            "Nơi nhận:",
            "- UBND tỉnh Thái Nguyên;",
            "- Thường trực Đảng ủy xã;",
            "- Lưu: VT, VP.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn An",
        ] {
            assert!(document.contains(text), "missing {text:?}");
        }

        // A4 portrait, margins 20/20/30/15 mm, a different first page.
        assert!(
            document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
            "{document}"
        );
        assert!(document.contains(r#"w:left="1701""#));
        assert!(document.contains(r#"w:right="851""#));
        assert!(document.contains(r#"w:top="1134""#));
        assert!(document.contains(r#"w:bottom="1134""#));
        assert!(document.contains("<w:titlePg"));

        // Three short rules (issuer, motto, title), each a bottom border only.
        assert_eq!(document.matches("<w:pBdr>").count(), 3);
        assert_eq!(
            document
                .matches(r#"<w:pBdr><w:bottom w:val="single""#)
                .count(),
            3,
            "{document}"
        );
        assert!(!document.contains("<w:pBdr><w:left"));

        // Body text: justified, first-line indent 1.27 cm, 6 pt after.
        assert!(document.contains(r#"<w:jc w:val="both" />"#));
        assert!(document.contains(r#"w:firstLine="720""#));
        assert!(document.contains(r#"w:after="120""#));

        // One header row, repeated on each page; the group row spans three columns.
        assert_eq!(document.matches("<w:tblHeader />").count(), 1);
        assert!(document.contains(r#"<w:gridSpan w:val="3" />"#));
        assert!(document.contains(r#"<w:tblLayout w:type="fixed" />"#));
        // Table type 12 pt.
        assert!(document.contains(r#"<w:sz w:val="24" />"#));
        // 40 data rows and the header row, two letterhead rows, one closing row.
        assert_eq!(
            document.matches("<w:tr>").count() + document.matches("<w:tr ").count(),
            44
        );

        // Times New Roman 14 everywhere, Vietnamese proofing.
        let styles = part(&parts, "word/styles.xml");
        assert!(styles.contains(r#"w:ascii="Times New Roman""#), "{styles}");
        assert!(styles.contains(r#"w:hAnsi="Times New Roman""#));
        assert!(styles.contains(r#"w:cs="Times New Roman""#));
        assert!(styles.contains(r#"w:eastAsia="Times New Roman""#));
        assert!(styles.contains(r#"<w:sz w:val="28" />"#));
        assert!(styles.contains(r#"w:val="vi-VN""#));

        // Headers: the draft mark on every page, the page number from page 2 on.
        let headers: Vec<&(String, String)> = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/header"))
            .collect();
        assert_eq!(headers.len(), 2);
        assert!(headers.iter().all(|(_, x)| x.contains(DRAFT_MARK)));
        assert_eq!(
            headers.iter().filter(|(_, x)| x.contains("PAGE")).count(),
            1
        );
        assert!(document.contains(r#"w:type="first""#));
        assert!(document.contains(r#"w:type="default""#));
        assert!(!document.contains(DRAFT_MARK));
    }

    #[test]
    fn final_version_has_no_draft_mark() {
        let bytes = write(&sample(false, false)).unwrap();
        let parts = parts(&bytes);
        for (name, xml) in &parts {
            assert!(!xml.contains(DRAFT_MARK), "{name} says {DRAFT_MARK}");
        }
        // Still numbered from page 2 on.
        let headers: Vec<&(String, String)> = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/header"))
            .collect();
        assert_eq!(
            headers.iter().filter(|(_, x)| x.contains("PAGE")).count(),
            1
        );
    }

    #[test]
    fn landscape_swaps_the_page() {
        let bytes = write(&sample(false, true)).unwrap();
        let parts = parts(&bytes);
        let document = part(&parts, "word/document.xml");
        assert!(
            document.contains(r#"w:w="16838" w:h="11906""#),
            "{document}"
        );
        assert!(document.contains(r#"w:orient="landscape""#));
        // The tables fill the wider text width: 16838 - 1701 - 851.
        assert!(document.contains(r#"<w:tblW w:w="14286" w:type="dxa" />"#));
    }

    #[test]
    fn column_widths_fill_the_text_width() {
        let doc = sample(false, false);
        let Block::Table(t) = &doc.blocks[3] else {
            panic!("a table")
        };
        let w = column_widths(t, 9354);
        assert_eq!(w.iter().sum::<u32>(), 9354);
        assert!(w[1] > 5 * w[0] && w[1] < 7 * w[0], "{w:?}");
    }

    #[test]
    fn too_many_cells_is_an_error() {
        let mut doc = sample(false, false);
        if let Block::Table(t) = &mut doc.blocks[3] {
            t.rows.push(Row::new(vec!["1".into(); 5]));
        }
        assert_eq!(write(&doc).unwrap_err().kind(), "internal");
    }

    #[test]
    fn minimal_doc_without_closing_or_tables() {
        let doc = Doc {
            letterhead: Letterhead {
                issuer: vec![],
                number: String::new(),
                subject: String::new(),
                place_date: String::new(),
            },
            title: "Thông báo".to_string(),
            subtitle: vec![],
            blocks: vec![Block::Table(Table {
                columns: vec![],
                rows: vec![],
                font_size: 13.0,
            })],
            closing: None,
            draft: false,
            landscape: false,
            appendix: Vec::new(),
            seal: None,
        };
        let bytes = write(&doc).unwrap();
        let document = part(&parts(&bytes), "word/document.xml").to_string();
        assert!(document.contains("THÔNG BÁO"));
        assert!(!document.contains("<w:tblHeader"));
    }

    /// Manual check that Word-compatible software opens the files: writes
    /// cchc-docx-test.docx (portrait draft) and cchc-docx-test-landscape.docx (landscape final)
    /// to the temporary directory and, when LibreOffice is installed, converts them to PDF there.
    /// `cargo test -p cchc-core --lib report::docx -- --ignored`
    #[test]
    #[ignore]
    fn opens_in_libreoffice() {
        let dir = std::env::temp_dir();
        for (name, doc) in [
            ("cchc-docx-test.docx", sample(true, false)),
            ("cchc-docx-test-landscape.docx", sample(false, true)),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, write(&doc).unwrap()).unwrap();
            let status = std::process::Command::new("soffice")
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&dir)
                .arg(&path)
                .status();
            match status {
                Ok(s) => {
                    assert!(s.success());
                    assert!(path.with_extension("pdf").exists());
                }
                Err(_) => eprintln!("LibreOffice is not installed; wrote {}", path.display()),
            }
        }
    }
}
