//! Reporting periods. Official reports use the data cut-off of Nghị định 09/2019: a quarter runs
//! from the 15th of the month before it to the 14th of its last month; 6 months from 15/12 to
//! 14/6; 9 months from 15/12 to 14/9; the year from 15/12 of the year before to 14/12. Calendar
//! periods (months, quarters, halves, the year) and a custom range are offered too.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::plan::deadline::{last_day_of_month, parse_date, quarter_label};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Period {
    /// What the CLI and the screens pass back: "q2", "6m", "year", "cal-q2", "cal-m3", or
    /// "01/03/2026-31/03/2026".
    pub code: String,
    /// "Quý II/2026", "6 tháng đầu năm 2026", "Năm 2026 (theo năm dương lịch)".
    pub name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// "Quý II/2026 (15/03/2026 – 14/06/2026)".
    pub fn label(&self) -> String {
        format!(
            "{} ({} – {})",
            self.name,
            self.from.format("%d/%m/%Y"),
            self.to.format("%d/%m/%Y")
        )
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| Error::Internal(format!("ngày {d}/{m}/{y} không tồn tại")))
}

fn end_of(y: i32, m: u32) -> Result<NaiveDate> {
    last_day_of_month(y, m).ok_or_else(|| Error::Internal(format!("tháng {m}/{y} không tồn tại")))
}

fn period(code: &str, name: String, from: NaiveDate, to: NaiveDate) -> Period {
    Period {
        code: code.to_string(),
        name,
        from,
        to,
    }
}

/// The reporting (cut-off) period `code` of `year`.
pub fn resolve(code: &str, year: i32) -> Result<Period> {
    let c = code.trim().to_lowercase();
    let start = || ymd(year - 1, 12, 15);
    let p = match c.as_str() {
        "q1" | "q2" | "q3" | "q4" => {
            let q: u32 = c[1..].parse().unwrap_or(1);
            let from = if q == 1 {
                start()?
            } else {
                ymd(year, q * 3 - 3, 15)?
            };
            period(
                &c,
                format!("Quý {}/{year}", quarter_label(q)),
                from,
                ymd(year, q * 3, 14)?,
            )
        }
        "6m" => period(
            &c,
            format!("6 tháng đầu năm {year}"),
            start()?,
            ymd(year, 6, 14)?,
        ),
        "9m" => period(
            &c,
            format!("9 tháng đầu năm {year}"),
            start()?,
            ymd(year, 9, 14)?,
        ),
        "year" => period(&c, format!("Năm {year}"), start()?, ymd(year, 12, 14)?),
        "cal-q1" | "cal-q2" | "cal-q3" | "cal-q4" => {
            let q: u32 = c[5..].parse().unwrap_or(1);
            period(
                &c,
                format!("Quý {}/{year} (theo năm dương lịch)", quarter_label(q)),
                ymd(year, q * 3 - 2, 1)?,
                end_of(year, q * 3)?,
            )
        }
        "cal-6m" => period(
            &c,
            format!("6 tháng đầu năm {year} (dương lịch)"),
            ymd(year, 1, 1)?,
            end_of(year, 6)?,
        ),
        "cal-9m" => period(
            &c,
            format!("9 tháng đầu năm {year} (dương lịch)"),
            ymd(year, 1, 1)?,
            end_of(year, 9)?,
        ),
        "cal-year" => period(
            &c,
            format!("Năm {year} (theo năm dương lịch)"),
            ymd(year, 1, 1)?,
            end_of(year, 12)?,
        ),
        _ => {
            if let Some(m) = c.strip_prefix("cal-m").and_then(|m| m.parse::<u32>().ok()) {
                if (1..=12).contains(&m) {
                    return Ok(period(
                        &c,
                        format!("Tháng {m}/{year}"),
                        ymd(year, m, 1)?,
                        end_of(year, m)?,
                    ));
                }
            }
            return custom(&c, year);
        }
    };
    Ok(p)
}

/// "01/03/2026-31/03/2026" (or with "–" / " đến ").
fn custom(code: &str, year: i32) -> Result<Period> {
    let unknown = || {
        Error::invalid(format!(
            "Không hiểu kỳ báo cáo “{code}”. Dùng: q1–q4, 6m, 9m, year (kỳ số liệu 15–14 theo Nghị định 09/2019), \
             cal-q1–cal-q4, cal-6m, cal-9m, cal-year, cal-m1–cal-m12 (dương lịch), hoặc một khoảng như 01/03/{year}-31/03/{year}."
        ))
    };
    let (a, b) = code
        .split_once(" đến ")
        .or_else(|| code.split_once('–'))
        .or_else(|| {
            // "dd/mm/yyyy-dd/mm/yyyy": the dash between two dates, not inside one.
            let i = code.find("-")?;
            Some((&code[..i], &code[i + 1..]))
        })
        .ok_or_else(unknown)?;
    let from = parse_date(a, year).ok_or_else(unknown)?;
    let to = parse_date(b, year).ok_or_else(unknown)?;
    if to < from {
        return Err(Error::invalid(format!(
            "Kỳ báo cáo “{code}”: ngày kết thúc trước ngày bắt đầu."
        )));
    }
    Ok(period(
        code,
        format!(
            "Từ {} đến {}",
            from.format("%d/%m/%Y"),
            to.format("%d/%m/%Y")
        ),
        from,
        to,
    ))
}

/// The periods a picker offers for `year`: reporting ones first, then calendar ones.
pub fn options(year: i32) -> Vec<Period> {
    let mut codes: Vec<String> = [
        "year", "q1", "q2", "q3", "q4", "6m", "9m", "cal-year", "cal-q1", "cal-q2", "cal-q3",
        "cal-q4", "cal-6m", "cal-9m",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    codes.extend((1..=12).map(|m| format!("cal-m{m}")));
    codes.iter().filter_map(|c| resolve(c, year).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn range(code: &str, year: i32) -> (NaiveDate, NaiveDate) {
        let p = resolve(code, year).unwrap();
        (p.from, p.to)
    }

    #[test]
    fn cut_off_periods_follow_decree_09_2019() {
        assert_eq!(range("q1", 2026), (d(2025, 12, 15), d(2026, 3, 14)));
        assert_eq!(range("q2", 2026), (d(2026, 3, 15), d(2026, 6, 14)));
        assert_eq!(range("q3", 2026), (d(2026, 6, 15), d(2026, 9, 14)));
        assert_eq!(range("Q4", 2026), (d(2026, 9, 15), d(2026, 12, 14)));
        assert_eq!(range("6m", 2026), (d(2025, 12, 15), d(2026, 6, 14)));
        assert_eq!(range("9m", 2026), (d(2025, 12, 15), d(2026, 9, 14)));
        assert_eq!(range("year", 2026), (d(2025, 12, 15), d(2026, 12, 14)));
        assert_eq!(
            resolve("q2", 2026).unwrap().label(),
            "Quý II/2026 (15/03/2026 – 14/06/2026)"
        );
    }

    #[test]
    fn calendar_periods_and_leap_february() {
        assert_eq!(range("cal-q1", 2024), (d(2024, 1, 1), d(2024, 3, 31)));
        assert_eq!(range("cal-m2", 2024), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(range("cal-m2", 2023), (d(2023, 2, 1), d(2023, 2, 28)));
        assert_eq!(range("cal-year", 2026), (d(2026, 1, 1), d(2026, 12, 31)));
        assert_eq!(range("cal-6m", 2026), (d(2026, 1, 1), d(2026, 6, 30)));
    }

    #[test]
    fn custom_ranges_and_bad_codes() {
        assert_eq!(
            range("01/03/2026-31/03/2026", 2026),
            (d(2026, 3, 1), d(2026, 3, 31))
        );
        assert_eq!(
            range("1/3/2026 đến 15/4/2026", 2026),
            (d(2026, 3, 1), d(2026, 4, 15))
        );
        assert_eq!(resolve("q5", 2026).unwrap_err().kind(), "invalid");
        assert_eq!(
            resolve("31/03/2026-01/03/2026", 2026).unwrap_err().kind(),
            "invalid"
        );
        assert_eq!(resolve("cal-m13", 2026).unwrap_err().kind(), "invalid");
    }

    #[test]
    fn the_boundaries_belong_to_the_right_quarter() {
        let q1 = resolve("q1", 2026).unwrap();
        let q2 = resolve("q2", 2026).unwrap();
        assert!(q1.contains(d(2026, 3, 14)) && !q2.contains(d(2026, 3, 14)));
        assert!(q2.contains(d(2026, 3, 15)) && !q1.contains(d(2026, 3, 15)));
        assert!(q1.contains(d(2025, 12, 15)));
        assert!(!resolve("year", 2026).unwrap().contains(d(2026, 12, 15)));
        assert_eq!(options(2026).len(), 26);
    }
}
