//! Points as the criteria sets print them — "0,5", "1,25", "13" — kept as integer hundredths so
//! that 0,5 + 0,25 adds up exactly and a score never carries more than two decimals.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// A number of points in hundredths (50 = 0,5 điểm).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(export)]
pub struct Points(pub i64);

impl Points {
    pub const ZERO: Points = Points(0);

    /// From a decimal as a screen or JSON sends it; more than two decimals is refused.
    pub fn from_f64(x: f64) -> Result<Points> {
        if !x.is_finite() {
            return Err(Error::invalid("Số điểm không hợp lệ."));
        }
        let hundredths = (x * 100.0).round();
        if ((x * 100.0) - hundredths).abs() > 1e-6 {
            return Err(Error::invalid(format!(
                "Số điểm {} có quá hai chữ số thập phân.",
                x.to_string().replace('.', ",")
            )));
        }
        Ok(Points(hundredths as i64))
    }

    /// From text as people type it: "0,5", "1.25", " 2 ".
    pub fn parse(text: &str) -> Result<Points> {
        let t = text.trim().replace(',', ".");
        let x: f64 = t
            .parse()
            .map_err(|_| Error::invalid(format!("“{}” không phải là số điểm.", text.trim())))?;
        Points::from_f64(x)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// "0,5", "13", "1,25".
    pub fn display(self) -> String {
        crate::text::format_decimal(self.as_f64(), 2)
    }
}

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        Points(iter.map(|p| p.0).sum())
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Points, D::Error> {
        let x = f64::deserialize(d)?;
        Points::from_f64(x).map_err(serde::de::Error::custom)
    }
}

impl rusqlite::ToSql for Points {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl rusqlite::types::FromSql for Points {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        i64::column_result(v).map(Points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_add_up_exactly() {
        let sum: Points = ["0,5", "0,25", "0,1", "0,2", "12,95"]
            .iter()
            .map(|t| Points::parse(t).unwrap())
            .sum();
        assert_eq!(sum, Points(1400));
        assert_eq!(sum.display(), "14");
        assert_eq!(Points::parse("1.25").unwrap().display(), "1,25");
        assert_eq!(Points::from_f64(0.1 + 0.2).unwrap(), Points(30));
    }

    #[test]
    fn more_than_two_decimals_or_text_is_refused() {
        assert!(Points::parse("0,125")
            .unwrap_err()
            .to_string()
            .contains("quá hai chữ số thập phân"));
        assert_eq!(Points::parse("một").unwrap_err().kind(), "invalid");
        assert!(Points::from_f64(f64::NAN).is_err());
    }
}
