//! Exponential backoff with full jitter, honouring `Retry-After`. Pure arithmetic: the caller
//! supplies the random number, so it is deterministic under test.

/// How often and how long to wait before retrying a transient failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included.
    pub max_attempts: u32,
    pub base_ms: u32,
    pub max_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_ms: 300,
            max_ms: 4000,
        }
    }
}

impl RetryPolicy {
    /// Whether another attempt is allowed after `attempts_made` attempts.
    pub fn should_retry(&self, attempts_made: u32) -> bool {
        attempts_made < self.max_attempts
    }

    /// The wait after failed attempt number `attempt` (1-based): uniformly random in
    /// `[0, min(max_ms, base_ms · 2^(attempt-1))]` ("full jitter"), so clients that failed
    /// together do not retry together.
    pub fn delay_ms(&self, attempt: u32, random01: f64) -> u32 {
        let exp = attempt.saturating_sub(1).min(31);
        let cap = u64::from(self.base_ms)
            .saturating_mul(1u64 << exp)
            .min(u64::from(self.max_ms));
        let r = if random01.is_finite() {
            random01.clamp(0.0, 1.0)
        } else {
            0.0
        };
        (cap as f64 * r) as u32
    }

    /// Like [`RetryPolicy::delay_ms`], but a server's `Retry-After` (seconds) wins: wait at
    /// least that long, plus a little jitter so that a crowd does not come back at once.
    pub fn delay_after(&self, attempt: u32, random01: f64, retry_after_s: Option<u32>) -> u32 {
        match retry_after_s {
            Some(s) => s
                .saturating_mul(1000)
                .saturating_add(self.delay_ms(1, random01)),
            None => self.delay_ms(attempt, random01),
        }
    }
}

/// Parses a `Retry-After` header given in seconds (HTTP dates are ignored).
pub fn parse_retry_after(value: &str) -> Option<u32> {
    let v = value.trim();
    if v.is_empty() || v.len() > 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_jittered() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(1, 0.0), 0);
        assert_eq!(p.delay_ms(1, 1.0), 300);
        assert_eq!(p.delay_ms(2, 1.0), 600);
        assert_eq!(p.delay_ms(3, 1.0), 1200);
        assert_eq!(p.delay_ms(10, 1.0), 4000);
        assert_eq!(p.delay_ms(u32::MAX, 1.0), 4000);
        assert_eq!(p.delay_ms(2, 0.5), 300);
        assert_eq!(p.delay_ms(2, f64::NAN), 0);
        assert_eq!(p.delay_ms(2, 7.0), 600);
        for attempt in 0..50 {
            for i in 0..=10 {
                assert!(p.delay_ms(attempt, f64::from(i) / 10.0) <= p.max_ms);
            }
        }
        assert!(p.should_retry(2) && !p.should_retry(3));
    }

    #[test]
    fn retry_after_wins() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_after(1, 0.0, Some(5)), 5000);
        assert!((5000..=5300).contains(&p.delay_after(1, 0.7, Some(5))));
        assert_eq!(p.delay_after(2, 1.0, None), 600);
        assert_eq!(p.delay_after(1, 1.0, Some(u32::MAX)), u32::MAX);
        assert_eq!(parse_retry_after(" 12 "), Some(12));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
