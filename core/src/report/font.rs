//! The report typeface: Liberation Serif 2 (SIL OFL 1.1, metric-compatible with Times New
//! Roman; licence in core/fonts/OFL.txt), its four faces compiled into the binary so a report
//! looks the same on any PC. Layout measures text with the faces' glyph advances; the PDF
//! writer embeds each face subset to the characters the document uses.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
            Face::Bold => include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
            Face::Italic => include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
            Face::BoldItalic => include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The whole face, parsed once per process.
    fn parsed(self) -> &'static ParsedFont {
        static FACES: [OnceLock<ParsedFont>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        FACES[self.index()].get_or_init(|| {
            ParsedFont::from_bytes(self.bytes(), 0, &mut Vec::new())
                .expect("the bundled Liberation Serif face parses")
        })
    }

    /// The advance of `c` in em units (1.0 = the type size). A character the face lacks is
    /// measured as the face's missing-glyph box, which is what a viewer would draw.
    pub fn advance(self, c: char) -> f32 {
        let f = self.parsed();
        let gid = f.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(f.get_glyph_width(gid).unwrap_or(0)) / f32::from(f.units_per_em)
    }

    /// The width of `text` set in this face at `size` points, in points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The face reduced to `chars` (plus the missing glyph), as a font a PDF embeds: glyph
    /// outlines, advances and a Unicode cmap for those characters only.
    pub fn subset(self, chars: &BTreeSet<char>) -> Result<ParsedFont> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{subset, CmapTarget, SubsetProfile};

        let full = self.parsed();
        let mut gids: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| full.lookup_glyph_index(*c as u32))
            .collect();
        gids.remove(&0);
        let ids: Vec<u16> = std::iter::once(0).chain(gids).collect();
        let failed =
            |e: String| Error::Internal(format!("không nhúng được phông chữ vào PDF: {e}"));
        let font = ReadScope::new(self.bytes())
            .read::<FontData<'_>>()
            .map_err(|e| failed(e.to_string()))?;
        let provider = font.table_provider(0).map_err(|e| failed(e.to_string()))?;
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| failed(e.to_string()))?;
        let mut font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
            .ok_or_else(|| failed("phông chữ rút gọn không đọc được".into()))?;
        // "ABCDEF+Name": the tag readers use to tell a subset (ISO 32000-1, 9.6.4).
        font.font_name = Some(format!("{}+{}", self.subset_tag(), self.postscript_name()));
        Ok(font)
    }

    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "LiberationSerif",
            Face::Bold => "LiberationSerif-Bold",
            Face::Italic => "LiberationSerif-Italic",
            Face::BoldItalic => "LiberationSerif-BoldItalic",
        }
    }

    fn subset_tag(self) -> &'static str {
        match self {
            Face::Regular => "CCHCAA",
            Face::Bold => "CCHCAB",
            Face::Italic => "CCHCAC",
            Face::BoldItalic => "CCHCAD",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_draws_vietnamese() {
        let sample = "ỦY BAN NHÂN DÂN XÃ NÔNG THƯỢNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \
            Độc lập - Tự do - Hạnh phúc ắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựỳỷỹỵđĐ–…“”";
        for face in Face::ALL {
            let f = face.parsed();
            let missing: String = sample
                .chars()
                .filter(|c| f.lookup_glyph_index(*c as u32).is_none())
                .collect();
            assert!(missing.is_empty(), "{face:?} lacks {missing:?}");
        }
    }

    #[test]
    fn widths_match_times_metrics() {
        // Times New Roman: "a" is 0,444 em, "W" 0,944 em; bold is wider.
        assert!((Face::Regular.advance('a') - 0.444).abs() < 0.002);
        assert!((Face::Regular.advance('W') - 0.944).abs() < 0.002);
        assert!(Face::Bold.width("Hạnh phúc", 14.0) > Face::Regular.width("Hạnh phúc", 14.0));
        assert_eq!(Face::Regular.width("", 14.0), 0.0);
    }

    #[test]
    fn a_subset_keeps_only_the_characters_used() {
        let chars: BTreeSet<char> = "Xã Nông Thượng".chars().collect();
        let sub = Face::Regular.subset(&chars).unwrap();
        for c in &chars {
            let gid = sub.lookup_glyph_index(*c as u32).expect("kept");
            let w = sub.get_glyph_width(gid).unwrap();
            let full = Face::Regular.parsed();
            let fw = full
                .get_glyph_width(full.lookup_glyph_index(*c as u32).unwrap())
                .unwrap();
            assert_eq!(w, fw, "{c}");
        }
        assert!(sub.lookup_glyph_index('Z' as u32).is_none());
        assert!(sub.original_bytes.len() < Face::Regular.bytes().len() / 10);
    }
}
