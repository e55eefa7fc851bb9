//! Deadlines as real plans write them: "15/01/2026", "Trước 15/01/2026", "Quý II/2026",
//! "Tháng 12/2026", "6 tháng đầu năm", "Hằng tháng", "Hằng quý", "Thường xuyên". The text is kept
//! as written; this module says which date it means (the last day of a period) and, for
//! recurring deadlines, the date of each occurrence in the plan's year.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A day: "15/01/2026", "Trước 15/01/2026".
    Date,
    /// "Tháng 12/2026": its last day.
    Month,
    /// "Quý II/2026": its last day.
    Quarter,
    /// "6 tháng đầu năm", "9 tháng", "Năm 2026": the period's last day.
    Period,
    /// "Hằng tháng": one occurrence a month.
    Monthly,
    /// "Hằng quý": one occurrence a quarter.
    Quarterly,
    /// "Định kỳ 6 tháng": two occurrences.
    HalfYearly,
    /// "Thường xuyên": judged at the end of the year.
    Ongoing,
}

impl DeadlineKind {
    pub fn is_recurring(self) -> bool {
        matches!(
            self,
            DeadlineKind::Monthly | DeadlineKind::Quarterly | DeadlineKind::HalfYearly
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Date => "date",
            DeadlineKind::Month => "month",
            DeadlineKind::Quarter => "quarter",
            DeadlineKind::Period => "period",
            DeadlineKind::Monthly => "monthly",
            DeadlineKind::Quarterly => "quarterly",
            DeadlineKind::HalfYearly => "half_yearly",
            DeadlineKind::Ongoing => "ongoing",
        }
    }

    pub fn from_code(code: &str) -> Option<DeadlineKind> {
        [
            DeadlineKind::Date,
            DeadlineKind::Month,
            DeadlineKind::Quarter,
            DeadlineKind::Period,
            DeadlineKind::Monthly,
            DeadlineKind::Quarterly,
            DeadlineKind::HalfYearly,
            DeadlineKind::Ongoing,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One occurrence of a recurring deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Occurrence {
    /// "Tháng 3/2026", "Quý I/2026", "6 tháng đầu năm 2026".
    pub label: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// As written, cleaned (NFC, single spaces).
    pub text: String,
    pub kind: DeadlineKind,
    /// The date it means; for recurring and ongoing deadlines, the last one of the year.
    pub due: NaiveDate,
    /// Empty unless recurring.
    pub occurrences: Vec<Occurrence>,
}

const ROMAN: [&str; 4] = ["i", "ii", "iii", "iv"];

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
}

fn quarter_end(year: i32, q: u32) -> Option<NaiveDate> {
    last_day_of_month(year, q * 3)
}

pub fn quarter_label(q: u32) -> &'static str {
    ["I", "II", "III", "IV"][(q.clamp(1, 4) - 1) as usize]
}

/// A 4-digit year at the end of a folded text ("/2026", " nam 2026"), or the plan's year.
fn trailing_year(rest: &str, plan_year: i32) -> std::result::Result<i32, ()> {
    let rest = rest
        .trim()
        .trim_start_matches('/')
        .trim_start_matches('-')
        .trim();
    let rest = rest.strip_prefix("nam").unwrap_or(rest).trim();
    if rest.is_empty() {
        return Ok(plan_year);
    }
    match rest.parse::<i32>() {
        Ok(y) if (1000..=9999).contains(&y) => Ok(y),
        _ => Err(()),
    }
}

/// "15/01/2026", "5/3/2026", "15-01-2026", "15.01.2026", "2026-01-15", "15/01" (plan year).
pub fn parse_date(s: &str, default_year: i32) -> Option<NaiveDate> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<Vec<_>>>()?;
    match (parts.as_slice(), nums.as_slice()) {
        ([y, _, _], [yy, m, d]) if y.len() == 4 => NaiveDate::from_ymd_opt(*yy as i32, *m, *d),
        ([_, _, y], [d, m, yy]) if y.len() == 4 => NaiveDate::from_ymd_opt(*yy as i32, *m, *d),
        ([_, _], [d, m]) => NaiveDate::from_ymd_opt(default_year, *m, *d),
        _ => None,
    }
}

fn cannot_read(text: &str) -> Error {
    Error::invalid(format!(
        "Không đọc được thời hạn “{text}”. Hãy ghi theo một trong các dạng: 15/01/2026, Trước 15/01/2026, \
         Tháng 12/2026, Quý II/2026, 6 tháng đầu năm, 9 tháng, Năm 2026, Hằng tháng, Hằng quý, \
         Định kỳ 6 tháng, Thường xuyên."
    ))
}

fn recurring(kind: DeadlineKind, year: i32, day_of_month: Option<u32>) -> Vec<Occurrence> {
    match kind {
        DeadlineKind::Monthly => (1..=12)
            .filter_map(|m| {
                let end = last_day_of_month(year, m)?;
                let due = match day_of_month {
                    Some(d) => NaiveDate::from_ymd_opt(year, m, d.min(end.day()))?,
                    None => end,
                };
                Some(Occurrence {
                    label: format!("Tháng {m}/{year}"),
                    due,
                })
            })
            .collect(),
        DeadlineKind::Quarterly => (1..=4)
            .filter_map(|q| {
                Some(Occurrence {
                    label: format!("Quý {}/{year}", quarter_label(q)),
                    due: quarter_end(year, q)?,
                })
            })
            .collect(),
        DeadlineKind::HalfYearly => [
            (format!("6 tháng đầu năm {year}"), 6),
            (format!("6 tháng cuối năm {year}"), 12),
        ]
        .into_iter()
        .filter_map(|(label, m)| {
            Some(Occurrence {
                label,
                due: last_day_of_month(year, m)?,
            })
        })
        .collect(),
        _ => Vec::new(),
    }
}

/// Reads a deadline written for the plan of `plan_year`. Dates must fall in the plan's year or
/// the year after it (reports on a year are often due in January).
pub fn parse(raw: &str, plan_year: i32) -> Result<Deadline> {
    let text = text::clean_line(raw);
    if text.is_empty() {
        return Err(Error::invalid(
            "Thời hạn không được để trống (ví dụ: 15/01/2026, Quý II/2026, Thường xuyên).",
        ));
    }
    let folded = text::fold(&text);
    let (kind, due, occurrences) = read(&folded, plan_year).ok_or_else(|| cannot_read(&text))?;
    let latest = NaiveDate::from_ymd_opt(plan_year + 1, 12, 31);
    let earliest = NaiveDate::from_ymd_opt(plan_year, 1, 1);
    if Some(due) > latest || Some(due) < earliest {
        return Err(Error::invalid(format!(
            "Thời hạn “{text}” ({}) nằm ngoài kế hoạch năm {plan_year}: hãy ghi một thời hạn trong năm {plan_year} hoặc năm {}.",
            due.format("%d/%m/%Y"),
            plan_year + 1
        )));
    }
    Ok(Deadline {
        text,
        kind,
        due,
        occurrences,
    })
}

fn read(f: &str, year: i32) -> Option<(DeadlineKind, NaiveDate, Vec<Occurrence>)> {
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let f = f.trim_end_matches(['.', ';', ',']).trim();

    // Recurring and ongoing: the words matter, not a date.
    let every = ["hang", "moi", "dinh ky"];
    for prefix in every {
        let Some(rest) = f
            .strip_prefix(prefix)
            .or_else(|| {
                f.find(&format!(" {prefix} "))
                    .map(|i| &f[i + prefix.len() + 2..])
            })
            .map(str::trim)
        else {
            continue;
        };
        let kind = match rest {
            "thang" => DeadlineKind::Monthly,
            "quy" => DeadlineKind::Quarterly,
            "6 thang" | "sau thang" | "6 thang/lan" => DeadlineKind::HalfYearly,
            "nam" => DeadlineKind::Period,
            _ => continue,
        };
        if kind == DeadlineKind::Period {
            return Some((kind, year_end, Vec::new()));
        }
        // "Trước ngày 15 hằng tháng": that day each month.
        let day = f
            .split_whitespace()
            .collect::<Vec<_>>()
            .windows(2)
            .find(|w| w[0] == "ngay")
            .and_then(|w| w[1].parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d) && kind == DeadlineKind::Monthly);
        let occ = recurring(kind, year, day);
        let due = occ.last()?.due;
        return Some((kind, due, occ));
    }
    if matches!(
        f,
        "thuong xuyen" | "thuong xuyen trong nam" | "ca nam" | "trong nam" | "lien tuc"
    ) {
        return Some((DeadlineKind::Ongoing, year_end, Vec::new()));
    }

    // Periods of the year.
    let periods: [(&str, u32); 6] = [
        ("6 thang dau nam", 6),
        ("6 thang cuoi nam", 12),
        ("9 thang dau nam", 9),
        ("9 thang", 9),
        ("6 thang", 6),
        ("nam", 12),
    ];
    for (prefix, month) in periods {
        if let Some(rest) = f.strip_prefix(prefix) {
            if let Ok(y) = trailing_year(rest, year) {
                return Some((
                    DeadlineKind::Period,
                    last_day_of_month(y, month)?,
                    Vec::new(),
                ));
            }
        }
    }

    // "Quý II/2026", "Quý 2 năm 2026", "Quý IV".
    if let Some(rest) = f.strip_prefix("quy ") {
        let (q, rest) = rest.split_once(['/', ' ']).unwrap_or((rest, ""));
        let q = ROMAN
            .iter()
            .position(|r| *r == q)
            .map(|i| i as u32 + 1)
            .or_else(|| q.parse::<u32>().ok().filter(|q| (1..=4).contains(q)))?;
        let y = trailing_year(rest, year).ok()?;
        return Some((DeadlineKind::Quarter, quarter_end(y, q)?, Vec::new()));
    }

    // "Tháng 12/2026", "Tháng 12 năm 2026", "Tháng 3".
    if let Some(rest) = f.strip_prefix("thang ") {
        let (m, rest) = rest.split_once(['/', ' ']).unwrap_or((rest, ""));
        let m = m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
        let y = trailing_year(rest, year).ok()?;
        return Some((DeadlineKind::Month, last_day_of_month(y, m)?, Vec::new()));
    }

    // A day, with the words that usually come before it.
    let mut rest = f;
    for prefix in ["truoc", "cham nhat", "han", "den", "ngay", ":"] {
        rest = rest.strip_prefix(prefix).map(str::trim).unwrap_or(rest);
    }
    let date = parse_date(rest, year)?;
    Some((DeadlineKind::Date, date, Vec::new()))
}

/// The same deadline text for the next year's plan: every year in it moved on by one, and a
/// 29 February that the next year lacks becomes the 28th.
pub fn shift_text_one_year(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let is_digit_at = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_digit());
        let starts_number = is_digit_at(i) && (i == 0 || !is_digit_at(i - 1));
        if starts_number {
            let mut j = i;
            while is_digit_at(j) {
                j += 1;
            }
            let token: String = chars[i..j].iter().collect();
            match token.parse::<i32>() {
                Ok(y) if token.len() == 4 && (1900..=2200).contains(&y) => {
                    out.push_str(&(y + 1).to_string());
                    // A date ending in this year: fix a 29/02 the next year does not have.
                    let next = y + 1;
                    let leap = NaiveDate::from_ymd_opt(next, 2, 29).is_some();
                    if !leap && out.ends_with(&format!("29/02/{next}")) {
                        let cut = out.len() - format!("29/02/{next}").len();
                        out.truncate(cut);
                        out.push_str(&format!("28/02/{next}"));
                    }
                }
                _ => out.push_str(&token),
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn due(text: &str, year: i32) -> (DeadlineKind, NaiveDate) {
        let dl = parse(text, year).unwrap_or_else(|e| panic!("{text}: {e}"));
        (dl.kind, dl.due)
    }

    #[test]
    fn dates_as_people_type_them() {
        use DeadlineKind::Date;
        assert_eq!(due("15/01/2022", 2022), (Date, d(2022, 1, 15)));
        assert_eq!(due("5/3/2022", 2022), (Date, d(2022, 3, 5)));
        assert_eq!(due("Trước 15/01/2022", 2022), (Date, d(2022, 1, 15)));
        assert_eq!(due("Trước ngày 15/01/2023", 2022), (Date, d(2023, 1, 15)));
        assert_eq!(
            due("Chậm nhất ngày 30-6-2022", 2022),
            (Date, d(2022, 6, 30))
        );
        assert_eq!(due("2022-12-31", 2022), (Date, d(2022, 12, 31)));
        assert_eq!(due("20/10", 2022), (Date, d(2022, 10, 20)));
    }

    #[test]
    fn quarters_end_on_their_last_day() {
        use DeadlineKind::Quarter;
        assert_eq!(due("Quý I/2022", 2022), (Quarter, d(2022, 3, 31)));
        assert_eq!(due("Quý II/2022", 2022), (Quarter, d(2022, 6, 30)));
        assert_eq!(due("quý 3 năm 2022", 2022), (Quarter, d(2022, 9, 30)));
        assert_eq!(due("Quý IV", 2022), (Quarter, d(2022, 12, 31)));
        assert_eq!(due("QUÝ IV/2022", 2022), (Quarter, d(2022, 12, 31)));
    }

    #[test]
    fn months_end_on_their_last_day_leap_years_included() {
        use DeadlineKind::Month;
        assert_eq!(due("Tháng 12/2022", 2022), (Month, d(2022, 12, 31)));
        assert_eq!(due("Tháng 2/2024", 2024), (Month, d(2024, 2, 29)));
        assert_eq!(due("Tháng 02/2023", 2023), (Month, d(2023, 2, 28)));
        assert_eq!(due("Tháng 4 năm 2022", 2022), (Month, d(2022, 4, 30)));
        assert_eq!(due("tháng 1", 2023), (Month, d(2023, 1, 31)));
    }

    #[test]
    fn periods_of_the_year() {
        use DeadlineKind::Period;
        assert_eq!(due("6 tháng đầu năm", 2022), (Period, d(2022, 6, 30)));
        assert_eq!(
            due("6 tháng cuối năm 2022", 2022),
            (Period, d(2022, 12, 31))
        );
        assert_eq!(due("9 tháng", 2022), (Period, d(2022, 9, 30)));
        assert_eq!(due("Năm 2022", 2022), (Period, d(2022, 12, 31)));
    }

    #[test]
    fn recurring_deadlines_have_one_occurrence_per_period() {
        let monthly = parse("Hằng tháng", 2024).unwrap();
        assert_eq!(monthly.kind, DeadlineKind::Monthly);
        assert_eq!(monthly.occurrences.len(), 12);
        assert_eq!(monthly.occurrences[1].due, d(2024, 2, 29));
        assert_eq!(monthly.occurrences[11].due, d(2024, 12, 31));
        assert_eq!(monthly.occurrences[0].label, "Tháng 1/2024");
        assert_eq!(monthly.due, d(2024, 12, 31));

        let hang = parse("Hàng tháng", 2023).unwrap();
        assert_eq!(hang.occurrences[1].due, d(2023, 2, 28));

        let quarterly = parse("Hằng quý", 2022).unwrap();
        assert_eq!(quarterly.kind, DeadlineKind::Quarterly);
        let dues: Vec<_> = quarterly.occurrences.iter().map(|o| o.due).collect();
        assert_eq!(
            dues,
            vec![
                d(2022, 3, 31),
                d(2022, 6, 30),
                d(2022, 9, 30),
                d(2022, 12, 31)
            ]
        );
        assert_eq!(quarterly.occurrences[1].label, "Quý II/2022");

        let half = parse("Định kỳ 6 tháng", 2022).unwrap();
        assert_eq!(half.kind, DeadlineKind::HalfYearly);
        assert_eq!(half.occurrences.len(), 2);

        let day15 = parse("Trước ngày 15 hằng tháng", 2022).unwrap();
        assert_eq!(day15.occurrences[0].due, d(2022, 1, 15));
        assert_eq!(day15.occurrences[11].due, d(2022, 12, 15));
    }

    #[test]
    fn ongoing_is_judged_at_year_end() {
        assert_eq!(
            due("Thường xuyên", 2022),
            (DeadlineKind::Ongoing, d(2022, 12, 31))
        );
        assert_eq!(
            due("  thuong   xuyen ", 2022),
            (DeadlineKind::Ongoing, d(2022, 12, 31))
        );
    }

    #[test]
    fn text_is_kept_as_written_but_cleaned() {
        let nfd = "Qu\u{0079}\u{0301} II/2022";
        assert_eq!(parse(nfd, 2022).unwrap().text, "Quý II/2022");
    }

    #[test]
    fn unreadable_or_out_of_range_deadlines_are_refused() {
        for bad in [
            "",
            "sớm",
            "Quý V/2022",
            "Tháng 13/2022",
            "31/02/2022",
            "abc 2022",
            "Quý II/22",
        ] {
            let err = parse(bad, 2022).unwrap_err();
            assert_eq!(err.kind(), "invalid", "{bad}");
        }
        let err = parse("15/01/2019", 2022).unwrap_err();
        assert!(
            err.to_string().contains("nằm ngoài kế hoạch năm 2022"),
            "{err}"
        );
        assert!(parse("Quý I/2023", 2022).is_ok());
        assert!(parse("29/02/2023", 2023).is_err());
        assert!(parse("29/02/2024", 2024).is_ok());
    }

    #[test]
    fn shifting_moves_years_and_fixes_29_february() {
        assert_eq!(shift_text_one_year("Quý II/2022"), "Quý II/2023");
        assert_eq!(shift_text_one_year("Trước 15/01/2023"), "Trước 15/01/2024");
        assert_eq!(shift_text_one_year("29/02/2024"), "28/02/2025");
        assert_eq!(shift_text_one_year("Hằng tháng"), "Hằng tháng");
        assert_eq!(
            shift_text_one_year("Tháng 12 năm 2022"),
            "Tháng 12 năm 2023"
        );
        assert_eq!(shift_text_one_year("Trước ngày 15"), "Trước ngày 15");
    }
}
