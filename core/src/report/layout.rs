//! Lays a `Doc` out on A4 pages the way NĐ 30/2020 sets a document: the margins, the
//! two-column header block with its rules, the bold title, justified paragraphs with a
//! first-line indent, tables whose rows grow to their tallest cell and break across pages with
//! the header row drawn again, the closing (Nơi nhận + signature) kept together, page numbers
//! centred in the top margin from page 2, "DỰ THẢO" on every page of a draft, an appendix
//! turned landscape after a portrait body, and a sealed dossier's code (words and a QR code) at
//! the foot of every page.
//!
//! The result is a list of positioned texts and rules in points, measured from the page's top
//! left corner; `pdf` only paints it. Keeping layout apart from painting lets the tests check
//! positions directly.

use super::doc::{Align, Block, Closing, Doc, Letterhead, Para, Row, Seal, Table};
use super::font::Face;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Body type size (NĐ 30: 13–14).
const BODY: f32 = 14.0;
/// Space after a paragraph (NĐ 30: at least 6 pt).
const PARA_GAP: f32 = 6.0;
/// First-line indent (NĐ 30: 1–1,27 cm).
const INDENT: f32 = 12.7 * MM;
/// Line height as a multiple of the type size (Word's "single" for Times is about 1,15).
const LEADING: f32 = 1.2;
/// The baseline sits this far (in ems) below the top of its line box: the face's ascent.
const ASCENT: f32 = 0.891;
/// Cell padding, points.
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.5;
/// Rule thickness.
const THIN: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Geometry {
    /// A4 with the margins of NĐ 30/2020: top and bottom 20 mm, left 30 mm, right 15 mm.
    pub fn a4(landscape: bool) -> Geometry {
        let (w, h) = (210.0 * MM, 297.0 * MM);
        let (width, height) = if landscape { (h, w) } else { (w, h) };
        Geometry {
            width,
            height,
            top: 20.0 * MM,
            bottom: 20.0 * MM,
            left: 30.0 * MM,
            right: 15.0 * MM,
        }
    }

    /// The same margins on the page turned the other way when `landscape` says so.
    pub fn turned(&self, landscape: bool) -> Geometry {
        let (short, long) = (self.width.min(self.height), self.width.max(self.height));
        let (width, height) = if landscape {
            (long, short)
        } else {
            (short, long)
        };
        Geometry {
            width,
            height,
            ..*self
        }
    }

    pub fn text_width(&self) -> f32 {
        self.width - self.left - self.right
    }

    fn body_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

/// Something painted on a page. `y` is the baseline (texts) or the line (rules), measured down
/// from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: String,
        /// Extra space after each space character, points (justified lines).
        word_gap: f32,
    },
    /// A straight line from (x1, y1) to (x2, y2).
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled black square or rectangle (a QR code's modules); (x, y) is its top left corner.
    Fill { x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// Turned landscape (an appendix after a portrait body).
    pub landscape: bool,
}

#[derive(Debug, Clone)]
pub struct Laid {
    /// The geometry of the first page; later pages may be turned (`page_geometry`).
    pub geometry: Geometry,
    pub pages: Vec<Page>,
}

impl Laid {
    pub fn page_geometry(&self, page: &Page) -> Geometry {
        self.geometry.turned(page.landscape)
    }
}

/// The blank left in "Số:        /BC-UBND" when the number is given by hand after signing.
pub const NUMBER_BLANK: &str = "        ";

/// The foot of a sealed page: the QR code's side and the space kept under the text.
const SEAL_QR: f32 = 16.0 * MM;
/// The bottom margin of a sealed document (NĐ 30 allows 20–25 mm): room for the seal.
const SEAL_BOTTOM: f32 = 25.0 * MM;

/// A line of text after breaking, with what justification needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub width: f32,
    pub spaces: usize,
    /// The last line of a paragraph (or before a hard break) is not stretched.
    pub last: bool,
}

/// Breaks `text` into lines no wider than `width` points, the first `first_indent` narrower.
/// Breaks at spaces; a word longer than a line is cut between letters. "\n" is a hard break.
/// Several spaces in a row are kept (blanks to fill in by hand).
pub fn wrap(text: &str, face: Face, size: f32, width: f32, first_indent: f32) -> Vec<Line> {
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    for hard in text.split('\n') {
        let mut cur = String::new();
        let mut cur_w = 0.0f32;
        let mut spaces = 0;
        // Split at each single space, so a run of spaces (the blank left for a number written by
        // hand) keeps its width; at the start of a line such blanks are dropped.
        for word in hard.split([' ', '\t']) {
            if word.is_empty() && cur.is_empty() {
                continue;
            }
            let avail = if lines.is_empty() {
                width - first_indent
            } else {
                width
            };
            let mut word = word.to_string();
            let mut ww = face.width(&word, size);
            let extra = if cur.is_empty() { ww } else { space + ww };
            if cur_w + extra <= avail + 0.01 {
                if !cur.is_empty() {
                    cur.push(' ');
                    spaces += 1;
                }
                cur.push_str(&word);
                cur_w += extra;
                continue;
            }
            if !cur.is_empty() {
                lines.push(Line {
                    text: std::mem::take(&mut cur),
                    width: cur_w,
                    spaces,
                    last: false,
                });
                spaces = 0;
            }
            // A word wider than a whole line: cut it where it overflows.
            let avail = if lines.is_empty() {
                width - first_indent
            } else {
                width
            };
            while ww > avail + 0.01 {
                let mut head = String::new();
                let mut hw = 0.0;
                for c in word.chars() {
                    let cw = face.advance(c) * size;
                    if hw + cw > avail && !head.is_empty() {
                        break;
                    }
                    head.push(c);
                    hw += cw;
                }
                word = word[head.len()..].to_string();
                ww = face.width(&word, size);
                lines.push(Line {
                    text: head,
                    width: hw,
                    spaces: 0,
                    last: false,
                });
            }
            cur = word;
            cur_w = ww;
        }
        lines.push(Line {
            text: cur,
            width: cur_w,
            spaces,
            last: true,
        });
    }
    lines
}

/// Lays `doc` out on pages.
pub fn lay_out(doc: &Doc) -> Laid {
    let mut g = Geometry::a4(doc.landscape);
    if doc.seal.is_some() {
        g.bottom = SEAL_BOTTOM;
    }
    let mut w = Writer::new(g);
    w.letterhead(&doc.letterhead);
    w.title(&doc.title, &doc.subtitle);
    w.blocks(&doc.blocks);
    if let Some(c) = &doc.closing {
        w.closing(c);
    }
    w.blocks(&doc.appendix);
    w.finish(doc.draft, doc.seal.as_ref())
}

impl Writer {
    fn blocks(&mut self, blocks: &[Block]) {
        let w = self;
        let mut blocks = blocks.iter().peekable();
        while let Some(b) = blocks.next() {
            match b {
                Block::Heading(h) => {
                    // Keep a heading with the first lines of what follows it.
                    let next = match blocks.peek() {
                        Some(Block::Paragraph(_)) => 2.0 * BODY * LEADING,
                        Some(Block::Table(t)) => 4.0 * t.font_size * LEADING,
                        _ => 0.0,
                    };
                    w.paragraph(&Para::bold(h.clone()), 0.0, next);
                }
                Block::Paragraph(p) => w.paragraph(p, INDENT, 0.0),
                Block::Table(t) => w.table(t),
                Block::PageBreak { landscape } => w.turn(*landscape),
            }
        }
    }
}

struct Writer {
    g: Geometry,
    pages: Vec<Page>,
    /// Top of the next line box, points from the top of the page.
    y: f32,
}

impl Writer {
    fn new(g: Geometry) -> Writer {
        Writer {
            g,
            pages: vec![Page {
                items: Vec::new(),
                landscape: g.width > g.height,
            }],
            y: g.top,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        let landscape = self.pages.last().is_some_and(|p| p.landscape);
        self.pages.push(Page {
            items: Vec::new(),
            landscape,
        });
        self.y = self.g.top;
    }

    /// Starts a new page turned as asked; later pages keep that way until turned again.
    fn turn(&mut self, landscape: bool) {
        self.g = self.g.turned(landscape);
        self.pages.push(Page {
            items: Vec::new(),
            landscape,
        });
        self.y = self.g.top;
    }

    fn room(&self) -> f32 {
        self.g.body_bottom() - self.y
    }

    /// Starts a new page unless `h` points fit on this one (a fresh page always takes it).
    fn ensure(&mut self, h: f32) {
        if h > self.room() && self.y > self.g.top + 0.01 {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, top: f32, face: Face, size: f32, text: &str, word_gap: f32) {
        if text.is_empty() {
            return;
        }
        let y = top + ASCENT * size;
        self.page().items.push(Item::Text {
            x,
            y,
            face,
            size,
            text: text.to_string(),
            word_gap,
        });
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().items.push(Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width: THIN,
        });
    }

    /// Lines centred in the band [x, x + width], from `top`; returns the bottom and the widest line.
    fn centred(
        &mut self,
        x: f32,
        width: f32,
        top: f32,
        face: Face,
        size: f32,
        text: &str,
    ) -> (f32, f32) {
        let mut y = top;
        let mut widest: f32 = 0.0;
        for line in wrap(text, face, size, width, 0.0) {
            self.text(
                x + (width - line.width) / 2.0,
                y,
                face,
                size,
                &line.text,
                0.0,
            );
            widest = widest.max(line.width);
            y += size * LEADING;
        }
        (y, widest)
    }

    fn letterhead(&mut self, lh: &Letterhead) {
        let tw = self.g.text_width();
        // The left block sits a little into the left margin's side of the page, as printed
        // documents do, but never left of the margin.
        let (lx, lw) = (self.g.left, tw * 0.4);
        let (rx, rw) = (self.g.left + tw * 0.4, tw * 0.6);
        let top = self.y;

        let mut y = top;
        let n = lh.issuer.len();
        for (i, line) in lh.issuer.iter().enumerate() {
            let face = if i + 1 == n {
                Face::Bold
            } else {
                Face::Regular
            };
            let (bottom, widest) = self.centred(lx, lw, y, face, 13.0, line);
            y = bottom;
            if i + 1 == n {
                let rule = widest / 3.0;
                let ry = y + 1.0;
                self.rule(lx + (lw - rule) / 2.0, ry, lx + (lw + rule) / 2.0, ry);
            }
        }
        let left_bottom = y + 4.0;

        let (y1, _) = self.centred(
            rx,
            rw,
            top,
            Face::Bold,
            12.0,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        );
        let motto = "Độc lập - Tự do - Hạnh phúc";
        let (y2, mw) = self.centred(rx, rw, y1, Face::Bold, 13.0, motto);
        let ry = y2 + 1.0;
        self.rule(rx + (rw - mw) / 2.0, ry, rx + (rw + mw) / 2.0, ry);
        let right_bottom = y2 + 4.0;

        let line_top = left_bottom.max(right_bottom) + 6.0;
        let mut b1 = self.one_line(lx, lw, line_top, Face::Regular, 13.0, &lh.number);
        if !lh.subject.is_empty() {
            let (b, _) = self.centred(lx, lw, b1 + 2.0, Face::Regular, 12.0, &lh.subject);
            b1 = b;
        }
        let (b2, _) = self.centred(rx, rw, line_top, Face::Italic, 13.0, &lh.place_date);
        self.y = b1.max(b2) + 12.0;
    }

    /// One line centred in [x, x + width] exactly as written, runs of spaces included (the blank
    /// of "Số:        /BC-UBND" is for the number written by hand); wrapped only when too wide.
    fn one_line(&mut self, x: f32, width: f32, top: f32, face: Face, size: f32, text: &str) -> f32 {
        let w = face.width(text, size);
        if w > width || text.contains('\n') {
            return self.centred(x, width, top, face, size, text).0;
        }
        self.text(x + (width - w) / 2.0, top, face, size, text, 0.0);
        top + size * LEADING
    }

    fn title(&mut self, title: &str, subtitle: &[String]) {
        if title.is_empty() && subtitle.is_empty() {
            // A công văn: its subject is the "V/v" line of the header block.
            return;
        }
        let (x, w) = (self.g.left, self.g.text_width());
        let (mut y, _) = self.centred(x, w, self.y, Face::Bold, BODY, title);
        let mut widest: f32 = 0.0;
        for line in subtitle {
            let (b, lw) = self.centred(x, w, y, Face::Bold, BODY, line);
            y = b;
            widest = widest.max(lw);
        }
        let rule = if widest > 0.0 {
            (widest / 3.0).min(w / 3.0)
        } else {
            w / 6.0
        };
        let ry = y + 2.0;
        self.rule(x + (w - rule) / 2.0, ry, x + (w + rule) / 2.0, ry);
        self.y = ry + 14.0;
    }

    /// A body paragraph: justified, first line indented by `indent` (centred paragraphs are
    /// neither). `keep_with` asks for that much room after it, so a heading is not left alone
    /// at the foot of a page.
    fn paragraph(&mut self, p: &Para, indent: f32, keep_with: f32) {
        let face = Face::of(p.bold, p.italic);
        let (x, w) = (self.g.left, self.g.text_width());
        let indent = if p.centred { 0.0 } else { indent };
        let lines = wrap(&p.text, face, BODY, w, indent);
        let lh = BODY * LEADING;
        self.ensure(lh.min(lines.len() as f32 * lh) + keep_with);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            let first = i == 0;
            if p.centred {
                self.text(
                    x + (w - line.width) / 2.0,
                    self.y,
                    face,
                    BODY,
                    &line.text,
                    0.0,
                );
            } else {
                let lx = if first { x + indent } else { x };
                let avail = if first { w - indent } else { w };
                let gap = if line.last || line.spaces == 0 {
                    0.0
                } else {
                    (avail - line.width) / line.spaces as f32
                };
                self.text(lx, self.y, face, BODY, &line.text, gap);
            }
            self.y += lh;
        }
        self.y += PARA_GAP;
    }

    fn table(&mut self, t: &Table) {
        let mut xs = vec![self.g.left];
        for w in column_widths(t, self.g.text_width()) {
            let last = *xs.last().expect("starts with one");
            xs.push(last + w);
        }
        let header = Row::bold(t.columns.iter().map(|c| c.title.clone()).collect());
        let header_cells = self.cells(t, &xs, &header, true);
        let header_h = cells_height(&header_cells, t.font_size);

        self.ensure(header_h + 2.0 * t.font_size * LEADING + 2.0 * PAD_Y);
        self.draw_row(&xs, &header_cells, t.font_size, None);
        let mut fresh = true;
        for (i, row) in t.rows.iter().enumerate() {
            let mut cells = self.cells(t, &xs, row, false);
            // A group row ("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH") stays with the row under it.
            let keep = match t.rows.get(i + 1) {
                Some(next) if row.cells.len() < t.columns.len() => {
                    cells_height(&self.cells(t, &xs, next, false), t.font_size)
                }
                _ => 0.0,
            };
            loop {
                let h = cells_height(&cells, t.font_size);
                if h + keep <= self.room() || (keep > 0.0 && fresh) {
                    if h > self.room() {
                        self.new_page();
                        self.draw_row(&xs, &header_cells, t.font_size, None);
                    }
                    self.draw_row(&xs, &cells, t.font_size, None);
                    fresh = false;
                    break;
                }
                if !fresh {
                    // The row does not fit under the rows already here: next page, header again.
                    self.new_page();
                    self.draw_row(&xs, &header_cells, t.font_size, None);
                    fresh = true;
                    continue;
                }
                // Taller than a whole page: as many lines as fit here, the rest on the next.
                let fit = ((self.room() - 2.0 * PAD_Y) / (t.font_size * LEADING))
                    .floor()
                    .max(1.0) as usize;
                self.draw_row(&xs, &cells, t.font_size, Some(fit));
                for c in &mut cells {
                    let n = fit.min(c.lines.len());
                    c.lines.drain(..n);
                }
                self.new_page();
                self.draw_row(&xs, &header_cells, t.font_size, None);
            }
        }
        self.y += PARA_GAP;
    }

    /// The row's cells, wrapped to their columns. A row with fewer cells than columns has its
    /// last cell span the rest (group rows such as "I. CẢI CÁCH THỂ CHẾ").
    fn cells(&self, t: &Table, xs: &[f32], row: &Row, header: bool) -> Vec<Cell> {
        let face = if row.bold { Face::Bold } else { Face::Regular };
        let n = t.columns.len();
        let mut out = Vec::new();
        for (i, text) in row.cells.iter().enumerate().take(n) {
            let end = if i + 1 == row.cells.len() { n } else { i + 1 };
            let (x0, x1) = (xs[i], xs[end]);
            let align = if header {
                Align::Centre
            } else {
                t.columns[i].align
            };
            let lines = wrap(text, face, t.font_size, x1 - x0 - 2.0 * PAD_X, 0.0);
            out.push(Cell {
                x0,
                x1,
                face,
                align,
                lines,
            });
        }
        out
    }

    /// Draws a row (at most `limit` lines of each cell) with its borders, and moves down.
    fn draw_row(&mut self, xs: &[f32], cells: &[Cell], size: f32, limit: Option<usize>) {
        let lh = size * LEADING;
        let n_lines = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let n_lines = limit.map_or(n_lines, |l| l.min(n_lines));
        let h = n_lines as f32 * lh + 2.0 * PAD_Y;
        let top = self.y;
        for c in cells {
            for (i, line) in c.lines.iter().take(n_lines).enumerate() {
                let inner = c.x1 - c.x0 - 2.0 * PAD_X;
                let x = match c.align {
                    Align::Left => c.x0 + PAD_X,
                    Align::Centre => c.x0 + PAD_X + (inner - line.width) / 2.0,
                    Align::Right => c.x1 - PAD_X - line.width,
                };
                self.text(
                    x,
                    top + PAD_Y + i as f32 * lh,
                    c.face,
                    size,
                    &line.text,
                    0.0,
                );
            }
        }
        let bottom = top + h;
        let (left, right) = (xs[0], *xs.last().expect("columns"));
        self.rule(left, top, right, top);
        self.rule(left, bottom, right, bottom);
        self.rule(left, top, left, bottom);
        for c in cells {
            self.rule(c.x1, top, c.x1, bottom);
        }
        self.y = bottom;
    }

    fn closing(&mut self, c: &Closing) {
        let tw = self.g.text_width();
        let (lx, lw) = (self.g.left, tw * 0.45);
        let (rx, rw) = (self.g.left + tw * 0.45, tw * 0.55);

        let mut left: Vec<(Face, f32, Line)> = vec![];
        for l in wrap("Nơi nhận:", Face::BoldItalic, 12.0, lw, 0.0) {
            left.push((Face::BoldItalic, 12.0, l));
        }
        let n = c.recipients.len();
        for (i, r) in c.recipients.iter().enumerate() {
            let end = if i + 1 == n { "." } else { ";" };
            let r = r.trim_end_matches(['.', ';']);
            for l in wrap(&format!("- {r}{end}"), Face::Regular, 11.0, lw, 0.0) {
                left.push((Face::Regular, 11.0, l));
            }
        }
        let left_h: f32 = left.iter().map(|(_, s, _)| s * LEADING).sum();

        let mut right: Vec<String> = Vec::new();
        if !c.signer.on_behalf.is_empty() {
            right.push(c.signer.on_behalf.clone());
        }
        right.extend(c.signer.title.lines().map(str::to_string));
        let sign_space = 4.0 * BODY * LEADING;
        let right_h = (right.len() + 1) as f32 * BODY * LEADING + sign_space;

        self.y += 6.0;
        self.ensure(left_h.max(right_h));
        let top = self.y;
        let mut y = top;
        for (face, size, l) in &left {
            self.text(lx, y, *face, *size, &l.text, 0.0);
            y += size * LEADING;
        }
        let mut y = top;
        for line in &right {
            let (b, _) = self.centred(rx, rw, y, Face::Bold, 13.0, line);
            y = b;
        }
        y += sign_space;
        let (b, _) = self.centred(rx, rw, y, Face::Bold, BODY, &c.signer.name);
        self.y = b.max(top + left_h);
    }

    /// Page numbers (from page 2, centred in the top margin), the draft mark and the seal.
    fn finish(mut self, draft: bool, seal: Option<&Seal>) -> Laid {
        let first = self
            .g
            .turned(self.pages.first().is_some_and(|p| p.landscape));
        let qr = seal.and_then(|s| qr_modules(&s.qr));
        for (i, page) in self.pages.iter_mut().enumerate() {
            let g = first.turned(page.landscape);
            if let Some(s) = seal {
                seal_foot(page, &g, s, qr.as_ref());
            }
            if i > 0 {
                let n = (i + 1).to_string();
                let w = Face::Regular.width(&n, 13.0);
                let y = g.top / 2.0 + 13.0 * 0.35;
                page.items.push(Item::Text {
                    x: (g.width - w) / 2.0,
                    y,
                    face: Face::Regular,
                    size: 13.0,
                    text: n,
                    word_gap: 0.0,
                });
            }
            if draft {
                let mark = "DỰ THẢO";
                let w = Face::Bold.width(mark, 13.0);
                let (x1, x0) = (g.width - g.right, g.width - g.right - w - 8.0);
                let (y0, y1) = (g.top / 2.0 - 9.0, g.top / 2.0 + 9.0);
                page.items.push(Item::Text {
                    x: x0 + 4.0,
                    y: g.top / 2.0 + 13.0 * 0.35,
                    face: Face::Bold,
                    size: 13.0,
                    text: mark.into(),
                    word_gap: 0.0,
                });
                for (a, b, c, d) in [
                    (x0, y0, x1, y0),
                    (x0, y1, x1, y1),
                    (x0, y0, x0, y1),
                    (x1, y0, x1, y1),
                ] {
                    page.items.push(Item::Rule {
                        x1: a,
                        y1: b,
                        x2: c,
                        y2: d,
                        width: 1.0,
                    });
                }
            }
        }
        Laid {
            geometry: first,
            pages: self.pages,
        }
    }
}

/// The dark modules of the QR code carrying `payload`, as (width, rows of booleans); None if
/// the payload cannot be encoded (too long), in which case the words alone are printed.
fn qr_modules(payload: &str) -> Option<(usize, Vec<bool>)> {
    let code =
        qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Some((width, dark))
}

/// The seal at the foot of a page: the words on the left of the bottom margin, the QR code at
/// its right end, both under the text area.
fn seal_foot(page: &mut Page, g: &Geometry, seal: &Seal, qr: Option<&(usize, Vec<bool>)>) {
    let top = g.height - g.bottom + 3.0 * MM;
    let size = 10.0;
    let text_right = g.width
        - g.right
        - if qr.is_some() {
            SEAL_QR + 4.0 * MM
        } else {
            0.0
        };
    let mut y = top + ASCENT * size;
    for line in wrap(&seal.text, Face::Italic, size, text_right - g.left, 0.0) {
        page.items.push(Item::Text {
            x: g.left,
            y,
            face: Face::Italic,
            size,
            text: line.text,
            word_gap: 0.0,
        });
        y += size * LEADING;
    }
    if let Some((width, dark)) = qr {
        // A quiet zone of one module each side keeps the code readable beside the text.
        let module = SEAL_QR / (*width as f32 + 2.0);
        let x0 = g.width - g.right - SEAL_QR + module;
        let y0 = top + module;
        for (i, on) in dark.iter().enumerate() {
            if *on {
                page.items.push(Item::Fill {
                    x: x0 + (i % width) as f32 * module,
                    y: y0 + (i / width) as f32 * module,
                    w: module,
                    h: module,
                });
            }
        }
    }
}

/// The columns' widths: in proportion to their weights, but each at least as wide as its
/// longest word ("12/02/2026", "III.1.1"), the difference taken from columns with room to spare.
/// Only when the table cannot hold every word whole are words cut.
fn column_widths(t: &Table, width: f32) -> Vec<f32> {
    let total: f32 = t.columns.iter().map(|c| c.weight).sum();
    let mut w: Vec<f32> = t.columns.iter().map(|c| width * c.weight / total).collect();
    let longest = |text: &str, face: Face| {
        text.split_whitespace()
            .map(|word| face.width(word, t.font_size))
            .fold(0.0f32, f32::max)
    };
    let mut min: Vec<f32> = t
        .columns
        .iter()
        .map(|c| longest(&c.title, Face::Bold))
        .collect();
    for row in &t.rows {
        let spans = row.cells.len() < t.columns.len();
        let face = if row.bold { Face::Bold } else { Face::Regular };
        for (i, cell) in row.cells.iter().enumerate().take(t.columns.len()) {
            if !(spans && i + 1 == row.cells.len()) {
                min[i] = min[i].max(longest(cell, face));
            }
        }
    }
    let min: Vec<f32> = min.iter().map(|m| m + 2.0 * PAD_X + 0.5).collect();
    let deficit: f32 = w.iter().zip(&min).map(|(w, m)| (m - w).max(0.0)).sum();
    let slack: f32 = w.iter().zip(&min).map(|(w, m)| (w - m).max(0.0)).sum();
    if deficit <= 0.0 || slack < deficit {
        return w;
    }
    for (wi, mi) in w.iter_mut().zip(&min) {
        if *wi < *mi {
            *wi = *mi;
        } else {
            *wi -= deficit * (*wi - mi) / slack;
        }
    }
    w
}

struct Cell {
    x0: f32,
    x1: f32,
    face: Face,
    align: Align,
    lines: Vec<Line>,
}

fn cells_height(cells: &[Cell], size: f32) -> f32 {
    let n = cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(0)
        .max(1);
    n as f32 * size * LEADING + 2.0 * PAD_Y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    fn texts(p: &Page) -> Vec<(f32, f32, f32, &str)> {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    y,
                    face,
                    size,
                    text,
                    word_gap,
                } => {
                    let w = face.width(text, *size) + word_gap * text.matches(' ').count() as f32;
                    Some((*x, *y, w, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn lines_fit_their_width_and_keep_every_word() {
        let text = "Căn cứ Kế hoạch số 05/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã Nông Thượng về thực hiện công tác cải cách hành chính năm 2026, Ủy ban nhân dân xã báo cáo";
        let lines = wrap(text, Face::Regular, 14.0, 300.0, 36.0);
        assert!(lines.len() > 2);
        assert!(
            lines[0].width <= 264.01,
            "the first line leaves room for the indent"
        );
        for l in &lines {
            assert!(l.width <= 300.01, "{l:?}");
            assert!((Face::Regular.width(&l.text, 14.0) - l.width).abs() < 0.01);
        }
        let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.join(" "), text);
        assert!(lines.last().unwrap().last && !lines[0].last);
        // A word longer than the line is cut, not lost; "\n" breaks the line.
        let long = wrap(
            "Số hồ sơ 0123456789012345678901234567890123456789",
            Face::Regular,
            12.0,
            60.0,
            0.0,
        );
        assert_eq!(
            long.iter()
                .map(|l| l.text.replace(' ', ""))
                .collect::<String>(),
            "Sốhồsơ0123456789012345678901234567890123456789"
        );
        assert!(long.iter().all(|l| l.width <= 60.01));
        assert_eq!(wrap("a\nb", Face::Regular, 12.0, 300.0, 0.0).len(), 2);
    }

    #[test]
    fn a_long_document_keeps_to_the_margins_and_repeats_the_table_header() {
        let laid = lay_out(&sample::doc(true, 120));
        let g = laid.geometry;
        assert!(laid.pages.len() >= 4, "{} pages", laid.pages.len());
        for (n, page) in laid.pages.iter().enumerate() {
            let t = texts(page);
            for (x, y, w, text) in &t {
                let number_or_mark =
                    *y < g.top && (text.parse::<usize>().is_ok() || *text == "DỰ THẢO");
                assert!(
                    *x >= g.left - 0.01 && x + w <= g.width - g.right + 0.5,
                    "page {} {text:?} at x {x}, width {w}",
                    n + 1
                );
                assert!(
                    number_or_mark || (*y > g.top && *y < g.height - g.bottom),
                    "page {} {text:?} at y {y}",
                    n + 1
                );
            }
            // Page numbers from page 2, centred in the top margin; the draft mark on every page.
            let number = t
                .iter()
                .find(|(_, y, _, s)| *y < g.top && s.parse::<usize>().is_ok());
            if n == 0 {
                assert!(number.is_none());
            } else {
                let (x, _, w, s) = number.expect("a page number");
                assert_eq!(*s, (n + 1).to_string());
                assert!((x + w / 2.0 - g.width / 2.0).abs() < 0.5);
            }
            assert!(
                t.iter().any(|(_, _, _, s)| *s == "DỰ THẢO"),
                "page {}",
                n + 1
            );
            if n > 0 && n + 1 < laid.pages.len() {
                // Continuation pages start with the table's header row.
                let first = t
                    .iter()
                    .filter(|(_, y, _, _)| *y > g.top)
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap();
                assert!(
                    [
                        "STT",
                        "Nội dung nhiệm vụ",
                        "Chủ trì",
                        "Thời hạn",
                        "Trạng thái"
                    ]
                    .contains(&first.3),
                    "page {} starts with {:?}",
                    n + 1,
                    first.3
                );
            }
        }
        // The closing is kept together: Nơi nhận and the signer's name on the same page.
        let last = texts(laid.pages.last().unwrap());
        assert!(last.iter().any(|t| t.3 == "Nơi nhận:"));
        assert!(last.iter().any(|t| t.3 == "Hoàng Văn Bình"));
        assert!(last.iter().any(|t| t.3 == "TM. ỦY BAN NHÂN DÂN"));
    }

    #[test]
    fn justified_lines_reach_the_right_margin() {
        let laid = lay_out(&sample::doc(false, 3));
        let g = laid.geometry;
        let right = g.width - g.right;
        let mut stretched = 0;
        for (x, _, w, _) in texts(&laid.pages[0]) {
            if (x + w - right).abs() < 0.05 {
                stretched += 1;
            }
        }
        assert!(stretched >= 2, "{stretched} justified lines");
        assert!(!laid.pages.iter().flat_map(texts).any(|t| t.3 == "DỰ THẢO"));
    }

    #[test]
    fn columns_are_at_least_as_wide_as_their_longest_word() {
        use crate::report::doc::{column, Row, Table};
        let t = Table {
            columns: vec![
                column("Mã", 1.0, Align::Left),
                column("Nội dung", 8.0, Align::Left),
                column("Ngày", 1.0, Align::Centre),
            ],
            rows: vec![
                Row::bold(vec![
                    "III.1.1".into(),
                    "Nhóm (dòng gộp): chữ rất dài không làm cột hẹp rộng ra".into(),
                ]),
                Row::new(vec![
                    "III.1.1".into(),
                    "Nội dung dài vừa phải".into(),
                    "12/02/2026".into(),
                ]),
            ],
            font_size: 12.0,
        };
        let w = column_widths(&t, 400.0);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01);
        assert!(w[0] >= Face::Bold.width("III.1.1", 12.0) + 2.0 * PAD_X);
        assert!(w[2] >= Face::Regular.width("12/02/2026", 12.0) + 2.0 * PAD_X);
        assert!(w[1] > w[0] && w[1] > w[2]);
        for (text, width) in [("III.1.1", w[0]), ("12/02/2026", w[2])] {
            assert_eq!(
                wrap(text, Face::Bold, 12.0, width - 2.0 * PAD_X, 0.0).len(),
                1
            );
        }
    }

    #[test]
    fn a_group_row_is_never_left_alone_at_the_foot_of_a_page() {
        use crate::report::doc::{Block, Row};
        // Group rows every few rows: whatever the page breaks, some land near a page's foot.
        for every in [3, 4, 5, 7] {
            let mut doc = sample::doc(false, 0);
            let Some(Block::Table(t)) =
                doc.blocks.iter_mut().find(|b| matches!(b, Block::Table(_)))
            else {
                panic!("the sample has a table")
            };
            t.rows.clear();
            for i in 0..60 {
                if i % every == 0 {
                    t.rows
                        .push(Row::bold(vec![format!("G{i}"), format!("NHÓM {i}")]));
                }
                t.rows.push(Row::new(vec![
                    i.to_string(),
                    "Nhiệm vụ".into(),
                    "An".into(),
                    "Quý II".into(),
                    "Xong".into(),
                ]));
            }
            let laid = lay_out(&doc);
            for (n, page) in laid.pages.iter().enumerate() {
                let rows: Vec<(f32, &str)> = texts(page)
                    .into_iter()
                    .filter(|t| t.0 < laid.geometry.left + 30.0 && t.1 > laid.geometry.top)
                    .map(|t| (t.1, t.3))
                    .collect();
                let lowest = rows.iter().max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, text)) = lowest {
                    assert!(
                        !text.starts_with('G'),
                        "every {every}: page {} ends with group row {text}",
                        n + 1
                    );
                }
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_across_pages() {
        let mut doc = sample::doc(false, 1);
        if let Some(crate::report::doc::Block::Table(t)) = doc
            .blocks
            .iter_mut()
            .find(|b| matches!(b, crate::report::doc::Block::Table(_)))
        {
            t.rows[1].cells[1] = "rất dài ".repeat(900);
        }
        let laid = lay_out(&doc);
        assert!(laid.pages.len() >= 3);
        let words: usize = laid
            .pages
            .iter()
            .flat_map(texts)
            .map(|t| t.3.matches("dài").count())
            .sum();
        assert_eq!(words, 900, "every word printed once");
    }
}
