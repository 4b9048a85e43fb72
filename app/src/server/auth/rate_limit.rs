//! Failed sign-ins, counted per client address and per account over a
//! sliding window. In memory: Folio is one process, and a restart forgetting
//! the counts costs an attacker a restart they cannot cause.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct SlidingWindow {
    limit: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl SlidingWindow {
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds)` while `key` has used up its failures in the window.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let Some(times) = map.get_mut(key) else {
            return Ok(());
        };
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() < self.limit {
            return Ok(());
        }
        let oldest = times.front().copied().unwrap_or(now);
        let wait = self.window.saturating_sub(now.duration_since(oldest));
        Err(wait.as_secs().max(1))
    }

    pub fn record_failure(&self, key: &str, now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Keep the table from growing without bound under a spray of names.
        if map.len() > 10_000 {
            let window = self.window;
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        map.entry(key.to_owned()).or_default().push_back(now);
    }
}

/// The two windows sign-in goes through.
#[derive(Debug)]
pub struct SignInLimits {
    pub per_address: SlidingWindow,
    pub per_account: SlidingWindow,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self {
            per_address: SlidingWindow::new(20, Duration::from_secs(15 * 60)),
            per_account: SlidingWindow::new(5, Duration::from_secs(15 * 60)),
        }
    }
}

impl SignInLimits {
    /// `Err(seconds)` when either the address or the account must wait.
    pub fn check(&self, address: &str, account: &str) -> Result<(), u64> {
        let now = Instant::now();
        let a = self.per_address.check(address, now);
        let b = self.per_account.check(&account.to_lowercase(), now);
        match (a, b) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(x), Err(y)) => Err(x.max(y)),
            (Err(x), _) | (_, Err(x)) => Err(x),
        }
    }

    pub fn record_failure(&self, address: &str, account: &str) {
        let now = Instant::now();
        self.per_address.record_failure(address, now);
        self.per_account
            .record_failure(&account.to_lowercase(), now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_slides() {
        let limit = SlidingWindow::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert_eq!(limit.check("k", t0), Ok(()));
        limit.record_failure("k", t0);
        limit.record_failure("k", t0 + Duration::from_secs(30));
        assert_eq!(limit.check("k", t0 + Duration::from_secs(31)), Err(29));
        assert_eq!(limit.check("other", t0), Ok(()));
        // The first failure leaves the window: one slot is free again.
        assert_eq!(limit.check("k", t0 + Duration::from_secs(61)), Ok(()));
    }

    #[test]
    fn accounts_are_counted_whatever_their_case() {
        let limits = SignInLimits::default();
        for _ in 0..5 {
            limits.record_failure("1.2.3.4", "Author");
        }
        assert!(limits.check("5.6.7.8", "author").is_err());
        assert!(limits.check("1.2.3.4", "someone-else").is_ok());
    }
}
