//! What makes an imported row the same record as one already kept, never its printed STT:
//! a task is its area and content, a session its date, content and place, an officer the name
//! with the position, a criterion its full code, a one-stop figure its period and procedure.
//! Our own exports add a hidden column with each record's stable key (this database's random
//! key, the kind, the record's number), so a round trip matches exactly even when a content is
//! edited; a key from another database is ignored, never trusted. A row that matches two
//! records, or a record that two rows match, is a problem to name, never a guess.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::text;

/// This database's random key (migration 0007).
pub(crate) fn instance(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT key FROM data_instance WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// The stable key written into the hidden column of an export: "cchc-3fa2b1c0d4e5-nv-17".
pub(crate) fn record_key(instance: &str, kind: &str, id: i64) -> String {
    format!("cchc-{instance}-{kind}-{id}")
}

/// The record number a key names, when the key is this database's and of this kind.
pub(crate) fn parse_key(instance: &str, kind: &str, key: &str) -> Option<i64> {
    let rest = key.trim().strip_prefix("cchc-")?;
    let rest = rest.strip_prefix(instance)?.strip_prefix('-')?;
    let id = rest.strip_prefix(kind)?.strip_prefix('-')?;
    id.parse().ok().filter(|n: &i64| *n > 0)
}

/// Text as identities compare it: NFC, case ignored, white space single, a trailing full stop
/// or semicolon left out ("Ban hành Kế hoạch CCHC." is "ban hành kế hoạch cchc").
pub(crate) fn same_text(s: &str) -> String {
    text::clean_line(s)
        .to_lowercase()
        .trim_end_matches(['.', ';', ',', ':'])
        .trim_end()
        .to_string()
}

/// Which file row took which record, so a record is never matched by two rows.
#[derive(Default)]
pub(crate) struct Claims {
    by_record: HashMap<i64, usize>,
}

impl Claims {
    /// Claims `id` for the 0-based `row`; returns the row that claimed it first, if any.
    pub fn claim(&mut self, id: i64, row: usize) -> Option<usize> {
        match self.by_record.get(&id) {
            Some(first) => Some(*first),
            None => {
                self.by_record.insert(id, row);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_back_only_from_the_same_database_and_kind() {
        let k = record_key("ab12cd34ef56", "nv", 17);
        assert_eq!(k, "cchc-ab12cd34ef56-nv-17");
        assert_eq!(parse_key("ab12cd34ef56", "nv", &k), Some(17));
        assert_eq!(parse_key("ab12cd34ef56", "nv", &format!(" {k} ")), Some(17));
        assert_eq!(parse_key("000000000000", "nv", &k), None);
        assert_eq!(parse_key("ab12cd34ef56", "tt", &k), None);
        assert_eq!(
            parse_key("ab12cd34ef56", "nv", "cchc-ab12cd34ef56-nv-x"),
            None
        );
        assert_eq!(parse_key("ab12cd34ef56", "nv", "17"), None);
    }

    #[test]
    fn identity_text_ignores_case_spaces_and_a_final_stop() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Ban hành  Kế hoạch CCHC.".nfd().collect();
        assert_eq!(same_text(&nfd), same_text("ban hành kế hoạch cchc"));
        assert_ne!(same_text("Bán hành"), same_text("Ban hành"));
    }

    #[test]
    fn a_record_is_claimed_once() {
        let mut c = Claims::default();
        assert_eq!(c.claim(5, 10), None);
        assert_eq!(c.claim(6, 11), None);
        assert_eq!(c.claim(5, 12), Some(10));
    }
}
