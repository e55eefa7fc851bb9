//! Slowing down password guessing: after `LIMIT` failed log-ins for one account from one
//! address within `WINDOW_SECONDS`, further tries are refused until the window has passed. The
//! record lives in the host's memory; a restart forgets it, which costs a guesser a restart of
//! someone else's PC.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::text;

pub const LIMIT: usize = 5;
pub const WINDOW_SECONDS: u64 = 60;

#[derive(Debug, Default)]
pub struct Throttle {
    failures: HashMap<(String, String), Vec<Instant>>,
}

impl Throttle {
    fn key(username: &str, address: &str) -> (String, String) {
        (text::fold(username), address.to_string())
    }

    fn recent(&mut self, key: &(String, String), now: Instant) -> usize {
        let window = Duration::from_secs(WINDOW_SECONDS);
        let list = self.failures.entry(key.clone()).or_default();
        list.retain(|t| now.duration_since(*t) < window);
        list.len()
    }

    /// Refuses a try for `username` from `address` while it is throttled.
    pub fn check(&mut self, username: &str, address: &str, now: Instant) -> Result<(), Error> {
        let key = Self::key(username, address);
        if self.recent(&key, now) >= LIMIT {
            return Err(Error::Throttled(format!(
                "Đã nhập sai mật khẩu {LIMIT} lần liền; hãy đợi một phút rồi thử lại."
            )));
        }
        Ok(())
    }

    pub fn failed(&mut self, username: &str, address: &str, now: Instant) {
        let key = Self::key(username, address);
        self.recent(&key, now);
        self.failures.entry(key).or_default().push(now);
    }

    pub fn succeeded(&mut self, username: &str, address: &str) {
        self.failures.remove(&Self::key(username, address));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_in_a_minute_block_that_account_from_that_address() {
        let mut t = Throttle::default();
        let start = Instant::now();
        for i in 0..LIMIT {
            t.check("congchuc", "192.168.1.9", start).unwrap();
            t.failed(
                "CongChuc",
                "192.168.1.9",
                start + Duration::from_secs(i as u64),
            );
        }
        let blocked = t.check("congchuc", "192.168.1.9", start + Duration::from_secs(10));
        assert!(matches!(blocked, Err(Error::Throttled(_))));
        // Another address, or another account, is not blocked.
        t.check("congchuc", "192.168.1.10", start).unwrap();
        t.check("chutich", "192.168.1.9", start).unwrap();
        // A minute after the first failures, the account may try again.
        t.check(
            "congchuc",
            "192.168.1.9",
            start + Duration::from_secs(WINDOW_SECONDS + 5),
        )
        .unwrap();
        t.succeeded("congchuc", "192.168.1.9");
        t.check("congchuc", "192.168.1.9", start).unwrap();
    }
}
