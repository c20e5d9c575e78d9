//! Time formats of the contract: RFC 3339 UTC, `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

pub use ccp_model::clock::now_unix;

/// `2026-01-20T10:30:00Z` (whole seconds, as the documented examples).
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub fn now_rfc3339() -> String {
    rfc3339(now_unix())
}

/// `2025-12-29 06:44:48`.
pub fn date_time(unix: i64) -> String {
    let f = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .format(f)
        .unwrap_or_default()
}

/// `2025-12-29`.
pub fn date(unix: i64) -> String {
    date_time(unix)[..10].to_owned()
}

/// Unix seconds of midnight UTC of a `YYYY-MM-DD` date, or `None` if it is not one.
pub fn parse_date(s: &str) -> Option<i64> {
    let f = format_description!("[year]-[month]-[day]");
    let d = time::Date::parse(s, f).ok()?;
    Some(d.midnight().assume_utc().unix_timestamp())
}

/// Unix seconds of an RFC 3339 time.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    OffsetDateTime::parse(s, &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp())
}
