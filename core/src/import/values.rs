//! Values as people type them in spreadsheets: counts with a thousands dot ("1.296"),
//! decimals with a comma ("0,5"), dates as dates, as serial numbers or as text ("5/3/2022").

use chrono::{Days, NaiveDate};

use super::workbook::Cell;
use crate::plan::deadline::parse_date;

/// The largest count a cell may hold: far above any commune's records, far below where sums
/// of a hundred thousand rows could overflow.
const MAX_COUNT: i64 = 999_999_999_999;

/// A whole number: 1296, "1.296", "1 296". None for text that is not one, or a number past
/// any real count (1e300 in a damaged file).
pub fn int(c: &Cell) -> Option<i64> {
    int_unbounded(c).filter(|n| n.abs() <= MAX_COUNT)
}

fn int_unbounded(c: &Cell) -> Option<i64> {
    match c {
        Cell::Empty => Some(0),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_COUNT as f64 => Some(*n as i64),
        Cell::Number(_) | Cell::Date(_) => None,
        Cell::Text(t) => {
            let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if t.is_empty() {
                return Some(0);
            }
            let digits = t.replace('.', "");
            let ok = t.split('.').enumerate().all(|(i, part)| {
                !part.is_empty()
                    && part.chars().all(|c| c.is_ascii_digit())
                    && (i == 0 || part.len() == 3)
            });
            if ok {
                digits.parse().ok()
            } else {
                None
            }
        }
    }
}

/// A decimal: 0.5, "0,5", "1,25". None for text that is not one.
pub fn decimal(c: &Cell) -> Option<f64> {
    match c {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => {
            let t = t.trim().trim_end_matches("điểm").trim().replace(',', ".");
            t.parse().ok()
        }
        _ => None,
    }
}

/// A date: a date cell, an Excel serial number, or "15/01/2022", "5/3/2022".
pub fn date(c: &Cell, default_year: i32) -> Option<NaiveDate> {
    match c {
        Cell::Date(d) => Some(*d),
        // Excel's day 1 is 1900-01-01, counted from 1899-12-30 because of its 1900 leap bug.
        Cell::Number(n) if *n > 0.0 && *n < 100_000.0 => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|base| base.checked_add_days(Days::new(n.trunc() as u64))),
        Cell::Text(t) => parse_date(t, default_year),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_decimals_as_typed() {
        assert_eq!(int(&Cell::Text("1.296".into())), Some(1296));
        assert_eq!(int(&Cell::Text("1 296".into())), Some(1296));
        assert_eq!(int(&Cell::Number(351.0)), Some(351));
        assert_eq!(int(&Cell::Text("12.5".into())), None);
        assert_eq!(int(&Cell::Text("abc".into())), None);
        assert_eq!(int(&Cell::Number(1e300)), None);
        assert_eq!(int(&Cell::Text("9.999.999.999.999".into())), None);
        assert_eq!(decimal(&Cell::Text("0,5".into())), Some(0.5));
        assert_eq!(decimal(&Cell::Text("1,25 điểm".into())), Some(1.25));
        assert_eq!(decimal(&Cell::Number(2.0)), Some(2.0));
    }

    #[test]
    fn dates_in_three_shapes() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 15).unwrap();
        assert_eq!(date(&Cell::Date(d), 2022), Some(d));
        assert_eq!(date(&Cell::Number(44576.0), 2022), Some(d));
        assert_eq!(date(&Cell::Text("15/01/2022".into()), 2022), Some(d));
        assert_eq!(
            date(&Cell::Text("5/3/2022".into()), 2022),
            NaiveDate::from_ymd_opt(2022, 3, 5)
        );
        assert_eq!(date(&Cell::Text("sớm".into()), 2022), None);
    }
}
