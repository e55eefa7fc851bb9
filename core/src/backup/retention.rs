//! Which automatic backups to keep: the 10 newest, plus the newest of each of the last 12
//! calendar months; older ones are deleted, and only after a new backup was verified. Only
//! files this app named for this commune (`cchc-<xã>-YYYY-MM-DD-HHMMSS.cchcbak`) are ever
//! touched; anything else in the folder is the user's.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDateTime};

use crate::error::Result;

pub(crate) const KEEP_NEWEST: usize = 10;
pub(crate) const KEEP_MONTHS: i32 = 12;
const STAMP_FORMAT: &str = "%Y-%m-%d-%H%M%S";
const STAMP_LEN: usize = "2026-11-30-101542".len();

/// "xa-nong-thuong": the commune's name as it goes into file names (no diacritics, no spaces,
/// nothing Windows refuses).
fn slug(commune: &str) -> String {
    let folded = crate::text::fold(commune);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "du-lieu".into()
    } else {
        out
    }
}

fn prefix(commune: &str) -> String {
    format!("cchc-{}-", slug(commune))
}

/// The name a backup made at `at` gets: "cchc-xa-nong-thuong-2026-11-30-101542.cchcbak".
pub fn default_file_name(commune: &str, at: NaiveDateTime) -> String {
    format!(
        "{}{}.{}",
        prefix(commune),
        at.format(STAMP_FORMAT),
        super::EXTENSION
    )
}

/// When a file named by `default_file_name` for this commune was made; None for other files.
fn made_at(name: &str, commune: &str) -> Option<NaiveDateTime> {
    let rest = name.strip_prefix(&prefix(commune))?;
    let stamp = rest.strip_suffix(&format!(".{}", super::EXTENSION))?;
    if stamp.len() != STAMP_LEN {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()
}

/// The positions (in `times`) of backups to delete at `now`.
pub(crate) fn to_remove(times: &[NaiveDateTime], now: NaiveDateTime) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|a, b| times[*b].cmp(&times[*a]));
    let mut keep: HashSet<usize> = order.iter().take(KEEP_NEWEST).copied().collect();
    let month_index = |t: &NaiveDateTime| t.year() * 12 + t.month0() as i32;
    let this_month = month_index(&now);
    let mut months_seen = HashSet::new();
    for &i in &order {
        let m = month_index(&times[i]);
        // The current month and the 11 before it; a backup dated in the future (a clock set
        // wrong) counts as this month rather than being lost.
        if this_month - m < KEEP_MONTHS && months_seen.insert(m.min(this_month)) {
            keep.insert(i);
        }
    }
    let mut out: Vec<usize> = (0..times.len()).filter(|i| !keep.contains(i)).collect();
    out.sort_unstable();
    out
}

/// Deletes the backups of `commune` in `folder` that the rule no longer keeps, never `just_made`.
/// Returns the deleted files; a file that cannot be deleted is left for next time.
pub(crate) fn apply(
    folder: &Path,
    commune: &str,
    now: NaiveDateTime,
    just_made: &Path,
) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(folder).map_err(|e| crate::Error::io(folder, e))?;
    let mut found: Vec<(NaiveDateTime, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(t) = made_at(&name, commune) {
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                found.push((t, entry.path()));
            }
        }
    }
    let times: Vec<NaiveDateTime> = found.iter().map(|(t, _)| *t).collect();
    let mut removed = Vec::new();
    for i in to_remove(&times, now) {
        let path = &found[i].1;
        if path.file_name() == just_made.file_name() {
            continue;
        }
        if fs::remove_file(path).is_ok() {
            removed.push(path.clone());
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn names_carry_the_commune_and_the_time() {
        let t = at(2026, 11, 30, 10) + Duration::seconds(15 * 60 + 42);
        let name = default_file_name("Xã Nông Thượng", t);
        assert_eq!(name, "cchc-xa-nong-thuong-2026-11-30-101542.cchcbak");
        assert_eq!(made_at(&name, "Xã Nông Thượng"), Some(t));
        assert_eq!(made_at(&name, "Xã Quảng Phú"), None);
        assert_eq!(
            made_at("cchc-xa-nong-thuong-ghi-chu.cchcbak", "Xã Nông Thượng"),
            None
        );
        assert_eq!(made_at("bao-cao.pdf", "Xã Nông Thượng"), None);
        assert_eq!(slug("  Đắk / Lắk:  "), "dak-lak");
    }

    #[test]
    fn a_year_of_daily_backups_keeps_ten_and_one_a_month() {
        let now = at(2026, 11, 30, 18);
        // Daily backups from 1 December 2024 to today.
        let mut times = Vec::new();
        let mut t = at(2024, 12, 1, 17);
        while t <= now {
            times.push(t);
            t += Duration::days(1);
        }
        let removed: HashSet<usize> = to_remove(&times, now).into_iter().collect();
        let kept: Vec<NaiveDateTime> = (0..times.len())
            .filter(|i| !removed.contains(i))
            .map(|i| times[i])
            .collect();
        // 10 newest (21–30 November) plus the last day of December 2025 … October 2026.
        assert_eq!(kept.len(), 10 + 11);
        for d in 21..=30 {
            assert!(kept.contains(&at(2026, 11, d, 17)));
        }
        assert!(kept.contains(&at(2025, 12, 31, 17)));
        assert!(kept.contains(&at(2026, 2, 28, 17)));
        assert!(kept.contains(&at(2026, 10, 31, 17)));
        assert!(!kept.contains(&at(2025, 11, 30, 17)), "13 months ago");
        assert!(!kept.contains(&at(2026, 10, 30, 17)));
    }

    #[test]
    fn few_backups_are_all_kept() {
        let now = at(2026, 11, 30, 18);
        let times: Vec<_> = (0..10).map(|i| now - Duration::days(40 * i)).collect();
        assert!(to_remove(&times, now).is_empty());
        let mut eleven = times.clone();
        eleven.push(now - Duration::days(800));
        assert_eq!(to_remove(&eleven, now), vec![10]);
    }

    #[test]
    fn only_this_communes_backups_are_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let now = at(2026, 11, 30, 18);
        let mut names = Vec::new();
        for i in 0..12 {
            let name = default_file_name("Xã Nông Thượng", now - Duration::hours(i));
            fs::write(tmp.path().join(&name), b"x").unwrap();
            names.push(name);
        }
        let other = default_file_name("Xã Quảng Phú", now - Duration::days(900));
        fs::write(tmp.path().join(&other), b"x").unwrap();
        fs::write(tmp.path().join("ghi-chu.txt"), b"x").unwrap();
        let removed = apply(
            tmp.path(),
            "Xã Nông Thượng",
            now,
            &tmp.path().join(&names[0]),
        )
        .unwrap();
        // 12 in the current month: the 10 newest stay (the month's newest is among them).
        assert_eq!(removed.len(), 2);
        assert!(!tmp.path().join(&names[10]).exists());
        assert!(!tmp.path().join(&names[11]).exists());
        assert!(tmp.path().join(&other).exists());
        assert!(tmp.path().join("ghi-chu.txt").exists());
    }
}
