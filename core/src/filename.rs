//! The one rule for file and folder names, so that every name works on Windows: no
//! `<>:"/\|?*` or control characters, no trailing dot or space, no reserved device names (CON,
//! NUL, COM1 …), at most 255 UTF-16 units, lengths counted the way Windows counts them.
//! Vietnamese letters stay as they are, in NFC. Names the app makes (evidence pack entries,
//! copies opened with the system's programs, the report and export names it offers) are made
//! with `component`; names a user gives for a file to write are checked with `check_output`
//! on every system, so that a file made on one PC can be copied to any other.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Result};
use crate::text;

/// The longest name of one file or folder NTFS accepts, in UTF-16 units.
pub const MAX_NAME_UNITS: usize = 255;

/// Length as Windows counts it.
pub fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// One name made safe: forbidden characters become `-` (a double quote becomes `'`), runs of
/// replacements collapse, the ends lose spaces, dots and dashes, and the whole fits `max_units`
/// (cut at a word boundary where one is near). May come back empty.
pub(crate) fn component(raw: &str, max_units: usize) -> String {
    let cleaned = text::clean_line(raw);
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        let mapped = match c {
            '"' => '\'',
            '<' | '>' | ':' | '/' | '\\' | '|' | '?' | '*' => '-',
            c if c.is_control() => '-',
            c => c,
        };
        if mapped == '-' && out.ends_with('-') {
            continue;
        }
        out.push(mapped);
    }
    unreserve(&trim_ends(&shorten(&out, max_units)))
}

/// An extension from an original file name ("Scan.PDF" → ".pdf"): letters and digits only,
/// at most 10 of them; empty when there is none.
pub(crate) fn extension(original_name: &str) -> String {
    let Some((_, ext)) = original_name.rsplit_once('.') else {
        return String::new();
    };
    let ext: String = ext.trim().to_lowercase();
    if ext.is_empty() || ext.chars().count() > 10 || !ext.chars().all(|c| c.is_alphanumeric()) {
        return String::new();
    }
    format!(".{ext}")
}

/// Cuts `s` to at most `max` units, at the last space when that keeps at least half.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if units(s) <= max {
        return s.to_string();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in s.chars() {
        let n = c.len_utf16();
        if used + n > max {
            break;
        }
        used += n;
        cut.push(c);
    }
    match cut.rfind(' ') {
        Some(i) if units(&cut[..i]) * 2 >= max => cut[..i].to_string(),
        _ => cut,
    }
}

fn trim_ends(s: &str) -> String {
    s.trim_matches(|c: char| c == ' ' || c == '.' || c == '-')
        .to_string()
}

/// Windows refuses these names whatever follows the first dot ("con.pdf" too).
fn is_reserved(stem: &str) -> bool {
    let upper = stem.trim_end_matches(' ').to_uppercase();
    if matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: String = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && matches!(
            rest.as_str(),
            "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
        )
}

/// "CON" → "CON_", "nul.pdf" → "nul_.pdf"; other names unchanged.
pub(crate) fn unreserve(name: &str) -> String {
    let (stem, rest) = match name.find('.') {
        Some(i) => name.split_at(i),
        None => (name, ""),
    };
    if is_reserved(stem) {
        format!("{}_{rest}", stem.trim_end_matches(' '))
    } else {
        name.to_string()
    }
}

/// Whether Windows would accept `name` as one file or folder name.
pub fn is_windows_safe(name: &str) -> bool {
    !name.is_empty()
        && units(name) <= MAX_NAME_UNITS
        && !name
            .chars()
            .any(|c| c.is_control() || "<>:\"/\\|?*".contains(c))
        && !name.ends_with('.')
        && !name.ends_with(' ')
        && name != ".."
        && !is_reserved(name.split('.').next().unwrap_or(name))
}

/// Refuses a file to write whose name Windows would not accept ("CON.pdf", "Quý 1?.xlsx"),
/// suggesting one it would.
pub fn check_output(out: &Path) -> Result<()> {
    let Some(name) = out.file_name() else {
        return Ok(());
    };
    let name = name.to_string_lossy();
    if is_windows_safe(&name) {
        return Ok(());
    }
    let ext = extension(&name);
    let stem = name.strip_suffix(ext.as_str()).unwrap_or(&name);
    let stem = match component(stem, MAX_NAME_UNITS - units(&ext)) {
        s if s.is_empty() => "tep".to_string(),
        s => s,
    };
    Err(Error::invalid(format!(
        "Tên tệp “{name}” không dùng được trên Windows: tên không được có các ký tự < > : \" / \\ | ? *, không kết thúc bằng dấu chấm hay khoảng trắng, không trùng tên thiết bị (CON, PRN, AUX, NUL, COM1…, LPT1…) và dài tối đa {MAX_NAME_UNITS} ký tự. Hãy đặt tên khác, ví dụ “{}”.",
        unreserve(&format!("{stem}{ext}"))
    )))
}

/// Names already used in each folder of an archive (the evidence pack, the appraisal dossier),
/// compared as Windows compares them, ignoring case: two files never share a name once the zip
/// is unpacked on a Windows PC.
#[derive(Debug, Default)]
pub(crate) struct ZipNames {
    taken: HashMap<String, HashSet<String>>,
}

impl ZipNames {
    /// A name for `stem` + `ext` in `dir` that no other entry there has: "x.pdf", "x (2).pdf" …
    pub(crate) fn claim(&mut self, dir: &str, stem: &str, ext: &str) -> String {
        let used = self.taken.entry(dir.to_lowercase()).or_default();
        let mut n = 1;
        loop {
            let candidate = if n == 1 {
                unreserve(&format!("{stem}{ext}"))
            } else {
                format!("{stem} ({n}){ext}")
            };
            if used.insert(candidate.to_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced() {
        assert_eq!(component("05/KH-UBND", 80), "05-KH-UBND");
        assert_eq!(component("a/b:c?", 80), "a-b-c");
        assert_eq!(
            component("Quyết định \"Một cửa\"", 80),
            "Quyết định 'Một cửa'"
        );
        assert_eq!(component("tab\there", 80), "tab here");
        assert_eq!(component("a\u{1}b", 80), "a-b");
        assert_eq!(component("  kết thúc.  ", 80), "kết thúc");
        assert_eq!(component("..", 80), "");
    }

    #[test]
    fn reserved_names_get_an_underscore() {
        assert_eq!(component("CON", 80), "CON_");
        assert_eq!(unreserve("nul.pdf"), "nul_.pdf");
        assert_eq!(unreserve("Com1.txt"), "Com1_.txt");
        assert_eq!(unreserve("LPT9"), "LPT9_");
        assert_eq!(unreserve("CONTROL.pdf"), "CONTROL.pdf");
        assert_eq!(unreserve("COM10"), "COM10");
        assert!(!is_windows_safe("aux.docx"));
        assert!(is_windows_safe("aux_.docx"));
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let title = "Ban hành kế hoạch cải cách hành chính năm của Ủy ban nhân dân xã";
        let short = component(title, 30);
        assert!(units(&short) <= 30, "{short}");
        assert_eq!(short, "Ban hành kế hoạch cải cách");
        assert!(is_windows_safe(&short));
    }

    #[test]
    fn nfd_input_comes_out_nfc() {
        let nfd = "Ke\u{0302}\u{0301} hoa\u{0323}ch";
        assert_eq!(component(nfd, 80), "Kế hoạch");
    }

    #[test]
    fn output_names_windows_refuses_are_refused_with_a_suggestion() {
        let err = check_output(Path::new("ra/CON.pdf")).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert!(err.to_string().contains("“CON_.pdf”"), "{err}");
        let err = check_output(Path::new("Báo cáo: quý 1?.xlsx")).unwrap_err();
        assert!(err.to_string().contains("“Báo cáo- quý 1.xlsx”"), "{err}");
        assert!(check_output(Path::new("báo cáo.pdf.")).is_err());
        assert!(check_output(&Path::new("x").join("a".repeat(256))).is_err());
        check_output(Path::new("thư mục/bao-cao-cchc-2026-quy-i.pdf")).unwrap();
        check_output(&Path::new("x").join("ầ".repeat(255))).unwrap();
    }

    #[test]
    fn extensions_are_kept_simple() {
        assert_eq!(extension("Scan.PDF"), ".pdf");
        assert_eq!(extension("bien ban.docx"), ".docx");
        assert_eq!(extension("README"), "");
        assert_eq!(extension("a.b c"), "");
        assert_eq!(extension("x."), "");
    }
}
