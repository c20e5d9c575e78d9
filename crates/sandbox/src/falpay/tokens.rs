//! The FalPay tokens the sandbox has issued: part of the shared state, so below it.

use crate::secret::new_token;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Tokens issued and not revoked: token -> when it stops being accepted.
#[derive(Default)]
pub struct Tokens {
    live: HashMap<String, Instant>,
}

impl Tokens {
    pub(super) fn issue(&mut self, ttl: Duration) -> String {
        let now = Instant::now();
        self.live.retain(|_, until| *until > now);
        let token = new_token("fp");
        self.live.insert(token.clone(), now + ttl);
        token
    }

    pub(super) fn accepts(&self, token: &str) -> Option<Duration> {
        let until = self.live.get(token)?;
        until.checked_duration_since(Instant::now())
    }

    /// Makes every issued token invalid; returns how many there were.
    pub fn revoke_all(&mut self) -> usize {
        let n = self.live.len();
        self.live.clear();
        n
    }
}
