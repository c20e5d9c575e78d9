//! `Retry-After`: delta seconds or an HTTP date, capped.

use std::time::{Duration, SystemTime};

/// The longest wait a server can ask for. A larger number (or a date years ahead) is a broken
/// or hostile server; obeying it would stop polling for good, and a huge `Duration` overflows
/// the timer arithmetic it is added to.
pub const MAX: Duration = Duration::from_secs(15 * 60);

pub fn parse(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits beyond u64 are still "a very long time", not garbage.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs).min(MAX));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO).min(MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse("7", now), Some(Duration::from_secs(7)));
        assert_eq!(parse(" 900 ", now), Some(Duration::from_secs(900)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(parse(&later, now), Some(Duration::from_secs(30)));
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse(&past, now), Some(Duration::ZERO));
        assert_eq!(parse("soon", now), None);
        assert_eq!(parse("-5", now), None);
        assert_eq!(parse("", now), None);
    }

    #[test]
    fn a_wait_is_at_most_15_minutes() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(MAX, Duration::from_secs(900));
        assert_eq!(parse("901", now), Some(MAX));
        assert_eq!(parse("999999999", now), Some(MAX));
        assert_eq!(parse(&u64::MAX.to_string(), now), Some(MAX));
        assert_eq!(parse("99999999999999999999999999", now), Some(MAX));
        let next_year = httpdate::fmt_http_date(now + Duration::from_secs(365 * 24 * 3600));
        assert_eq!(parse(&next_year, now), Some(MAX));
    }
}
