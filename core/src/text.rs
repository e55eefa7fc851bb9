//! Vietnamese text as the office needs it: NFC on the way in (old tools send NFD and stray
//! spaces), search without diacritics ("ke hoach" finds "Kế hoạch"), and Vietnamese sort order
//! (a ă â b c d đ e ê …, tones after letters, person names by given name first).

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

/// One line of text as typed or read from a file: NFC, trimmed, inner runs of white space
/// (including non-breaking spaces and line breaks) made one space.
pub fn clean_line(s: &str) -> String {
    // Most text is already clean: check that cheaply before building a new string.
    if is_clean_line(s) {
        return s.to_string();
    }
    let nfc: String = s.nfc().collect();
    nfc.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `clean_line` of an owned string: the string itself when it is clean already (most are), so
/// a large file's cells are not copied once more.
pub fn clean_line_owned(s: String) -> String {
    if is_clean_line(&s) {
        return s;
    }
    clean_line(&s)
}

/// Whether `clean_line` would give `s` back unchanged (checked without building anything).
fn is_clean_line(s: &str) -> bool {
    let single_spaced = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.chars().all(|c| c == ' ' || !c.is_whitespace());
    single_spaced
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Free text that may span lines (notes, explanations): NFC, each line trimmed at the end,
/// leading and trailing blank lines dropped.
pub fn clean_text(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let lines: Vec<&str> = nfc.lines().map(|l| l.trim_end()).collect();
    lines.join("\n").trim().to_string()
}

/// The search key: lower case, no diacritics, đ as d, single spaces.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    clean_line(&out)
}

/// `fold` into a buffer the caller reuses, for keys computed by the hundred thousand: lower
/// case, marks 0300–036F dropped, đ as d, single spaces; the same as `fold` for Vietnamese text
/// (it skips `fold`'s final NFC pass, which only matters for marks outside that block).
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    fold_append(s, out);
}

/// `fold_into` without clearing `out` first: appends the folded `s`.
pub fn fold_append(s: &str, out: &mut String) {
    let start = out.len();
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            space = out.len() > start;
            return;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c, out);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !('\u{0300}'..='\u{036F}').contains(&d) {
                    push(d, out);
                }
            });
        }
    }
}

/// Whether `haystack` contains `needle`, ignoring case and diacritics.
pub fn matches(haystack: &str, needle: &str) -> bool {
    let needle = fold(needle);
    needle.is_empty() || fold(haystack).contains(&needle)
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

const ALPHABET: [&str; 33] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

/// Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
fn tone_rank(c: char) -> Option<u32> {
    match c {
        '\u{0300}' => Some(1),
        '\u{0309}' => Some(2),
        '\u{0303}' => Some(3),
        '\u{0301}' => Some(4),
        '\u{0323}' => Some(5),
        _ => None,
    }
}

/// A key whose ordering is Vietnamese dictionary order: letters first, tones only to break ties,
/// case ignored.
pub fn sort_key(s: &str) -> Vec<u32> {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    let lower = clean_line(s).to_lowercase();
    for ch in lower.nfc() {
        // Split the tone off, keep the letter's own marks (ă, â, ơ, …) as part of the letter.
        let mut base = String::new();
        let mut tone = 0;
        for d in ch.to_string().nfd() {
            match tone_rank(d) {
                Some(t) => tone = t,
                None => base.push(d),
            }
        }
        let base: String = base.nfc().collect();
        let rank = match ALPHABET.iter().position(|a| *a == base) {
            Some(i) => 1000 + i as u32,
            None if ch.is_whitespace() => 1,
            None if ch.is_ascii_digit() => 100 + ch as u32,
            None => 2000 + ch as u32,
        };
        letters.push(rank);
        tones.push(tone);
    }
    letters.push(0);
    letters.extend(tones);
    letters
}

pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// Vietnamese names sort by the given name (the last word), then by the whole name.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    let given = |n: &str| n.split_whitespace().last().unwrap_or("").to_string();
    compare(&given(a), &given(b)).then_with(|| compare(a, b))
}

/// An integer with Vietnamese thousands separators: 1296 → "1.296".
pub fn format_int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// A number with a decimal comma and at most `decimals` places, trailing zeros dropped:
/// 99.9 → "99,9", 100.0 → "100", 0.25 → "0,25".
pub fn format_decimal(x: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, x.abs());
    let (int_part, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = frac.trim_end_matches('0');
    let int_value: i64 = int_part.parse().unwrap_or(0);
    let sign = if x < 0.0 && fixed.chars().any(|c| ('1'..='9').contains(&c)) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{}", format_int(int_value))
    } else {
        format!("{sign}{},{frac}", format_int(int_value))
    }
}

/// A percentage as Vietnamese reports print it (one decimal): "99,9%"; "—" when there is none.
pub fn format_pct(x: Option<f64>) -> String {
    match x {
        Some(x) => format!("{}%", format_decimal(x, 1)),
        None => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_into_gives_the_fold_of_vietnamese_text() {
        let mut buf = String::from("đã có");
        for s in [
            "Đăng ký  khai sinh",
            "  CẢI CÁCH Thủ tục ",
            "Nông Thượng",
            "",
            "1.000.123",
        ] {
            fold_into(s, &mut buf);
            assert_eq!(buf, fold(s), "{s:?}");
        }
        let nfd: String = "Ủy ban nhân dân".nfd().collect();
        fold_into(&nfd, &mut buf);
        assert_eq!(buf, "uy ban nhan dan");
        fold_append(" Xã  ", &mut buf);
        assert_eq!(buf, "uy ban nhan danxa");
    }

    #[test]
    fn numbers_use_vietnamese_separators() {
        assert_eq!(format_int(1296), "1.296");
        assert_eq!(format_int(1_234_567), "1.234.567");
        assert_eq!(format_int(351), "351");
        assert_eq!(format_int(-1000), "-1.000");
        assert_eq!(format_decimal(0.25, 2), "0,25");
        assert_eq!(format_decimal(1296.5, 1), "1.296,5");
        assert_eq!(format_pct(Some(99.92)), "99,9%");
        assert_eq!(format_pct(Some(100.0)), "100%");
        assert_eq!(format_pct(None), "—");
    }

    #[test]
    fn clean_line_makes_nfc_and_trims() {
        let nfd = "Ke\u{0302}\u{0301} hoa\u{0323}ch";
        assert_eq!(
            clean_line(&format!("  {nfd}\u{00A0}\u{00A0}năm \n2026 ")),
            "Kế hoạch năm 2026"
        );
    }

    #[test]
    fn clean_text_keeps_line_breaks() {
        assert_eq!(clean_text("\n  Dòng 1  \nDòng 2\n\n"), "Dòng 1\nDòng 2");
    }

    #[test]
    fn fold_strips_diacritics_and_case() {
        assert_eq!(fold("Kế hoạch CCHC"), "ke hoach cchc");
        assert_eq!(fold("ĐỊA CHÍNH"), "dia chinh");
        assert!(matches("Kế hoạch số 05/KH-UBND", "ke hoach"));
        assert!(matches("Kế hoạch", ""));
        assert!(!matches("Báo cáo", "ke hoach"));
    }

    #[test]
    fn vietnamese_alphabet_order() {
        let mut words = vec![
            "đá", "da", "ăn", "an", "ân", "ba", "ơn", "ôn", "on", "ưa", "ua",
        ];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(
            words,
            vec!["an", "ăn", "ân", "ba", "da", "đá", "on", "ôn", "ơn", "ua", "ưa"]
        );
    }

    #[test]
    fn tones_only_break_ties() {
        let mut words = vec!["má", "mà", "ma", "mạ", "mã", "mả", "mai"];
        words.sort_by(|a, b| compare(a, b));
        assert_eq!(words, vec!["ma", "mà", "mả", "mã", "má", "mạ", "mai"]);
    }

    #[test]
    fn person_names_sort_by_given_name() {
        let mut names = vec![
            "Trần Văn Hùng",
            "Nguyễn Thị Lan Anh",
            "Lê Văn Bình",
            "Đỗ Thị Anh",
        ];
        names.sort_by(|a, b| compare_person_names(a, b));
        assert_eq!(
            names,
            vec![
                "Đỗ Thị Anh",
                "Nguyễn Thị Lan Anh",
                "Lê Văn Bình",
                "Trần Văn Hùng"
            ]
        );
    }
}
