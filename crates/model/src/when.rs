//! The service's times and dates, read in every format the contract documents, so the window,
//! the tray and `ccp` show a cardholder "05/29" and "3 Oct 2025" rather than what the server
//! sent: `2029-05-28 08:00:00` (a card's `expiry_date`, no zone), RFC 3339 with its zone
//! (`created_at`, `trade_time`), Unix seconds (`created_time`), and the shorter forms cards
//! print (`2028-09`, `0928`).

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A card's expiry as printed on cards, `MM/YY`: from the service's `YYYY-MM-DD HH:MM:SS`, from
/// `2028-09`, `2028-09-30` or `0928`; anything else is shown as sent.
pub fn expiry(raw: &str) -> String {
    let raw = raw.trim();
    // The date of a date and time (`2029-05-28 08:00:00`, `2029-05-28T08:00:00Z`).
    let date = raw.split([' ', 'T']).next().unwrap_or_default();
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let (year, month) = match (digits.len(), date.as_bytes().get(4)) {
        (6 | 8, Some(b'-' | b'/')) => (&digits[2..4], &digits[4..6]),
        (4, _) if !date.contains('-') => (&digits[2..4], &digits[0..2]),
        _ => return raw.to_owned(),
    };
    match month.parse::<u8>() {
        Ok(1..=12) => format!("{month}/{year}"),
        _ => raw.to_owned(),
    }
}

/// What a server time says, once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerTime {
    /// A moment (Unix seconds): RFC 3339 with its zone, or Unix seconds. Shown in the user's
    /// own time zone.
    Moment(i64),
    /// A calendar day, from a date, or a date and time that names no zone (whose clock it is
    /// cannot be known, so only its day is shown, as that day).
    Day { year: i32, month: u8, day: u8 },
}

impl ServerTime {
    /// Reads `raw`; `None` for anything else (shown as sent).
    pub fn read(raw: &str) -> Option<ServerTime> {
        let raw = raw.trim();
        if !raw.is_empty() && raw.len() <= 12 && raw.bytes().all(|b| b.is_ascii_digit()) {
            return raw.parse().ok().map(ServerTime::Moment);
        }
        let normalised = raw.replacen(' ', "T", 1);
        if let Ok(t) = OffsetDateTime::parse(&normalised, &Rfc3339) {
            return Some(ServerTime::Moment(t.unix_timestamp()));
        }
        let date = raw.split([' ', 'T', 't']).next()?;
        let mut parts = date.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let month_ = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month_, day).ok()?;
        Some(ServerTime::Day { year, month, day })
    }

    /// The calendar day (year, month, day) this falls on where the clock is `offset` seconds
    /// ahead of UTC; a day without a zone is that day wherever.
    pub fn day(self, offset: i64) -> (i32, u8, u8) {
        match self {
            ServerTime::Day { year, month, day } => (year, month, day),
            ServerTime::Moment(unix) => OffsetDateTime::from_unix_timestamp(unix + offset)
                .map_or((1970, 1, 1), |t| (t.year(), t.month() as u8, t.day())),
        }
    }

    /// Unix seconds: the moment, or midnight UTC starting the day (to be shown in UTC, so the
    /// day stays the day that was sent).
    pub fn unix(self) -> i64 {
        match self {
            ServerTime::Moment(unix) => unix,
            ServerTime::Day { year, month, day } => time::Month::try_from(month)
                .ok()
                .and_then(|m| time::Date::from_calendar_date(year, m, day).ok())
                .map_or(0, |d| d.midnight().assume_utc().unix_timestamp()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_falls_on_the_day_of_the_readers_clock_and_a_date_on_itself() {
        let late = ServerTime::read("2026-10-03T23:30:00Z").unwrap();
        assert_eq!(late.day(0), (2026, 10, 3));
        assert_eq!(
            late.day(8 * 3600),
            (2026, 10, 4),
            "already the 4th in Hong Kong"
        );
        assert_eq!(late.day(-5 * 3600), (2026, 10, 3));
        let date = ServerTime::read("2026-10-03 23:30:00").unwrap();
        assert_eq!(
            date.day(8 * 3600),
            (2026, 10, 3),
            "no zone: the day as sent"
        );
    }

    #[test]
    fn expiry_reads_like_the_card_from_every_documented_form() {
        for (raw, shown) in [
            ("2029-05-28 08:00:00", "05/29"), // the contract's expiry_date
            ("2030-09-30 08:00:00", "09/30"),
            ("2029-05-28T08:00:00Z", "05/29"),
            ("2028-09", "09/28"),
            ("2028-09-30", "09/28"),
            ("0928", "09/28"),
            (" 2028/09 ", "09/28"),
            ("2028-13", "2028-13"),
            ("2028-13-01 08:00:00", "2028-13-01 08:00:00"),
            ("soon", "soon"),
            ("", ""),
        ] {
            assert_eq!(expiry(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn server_times_in_every_documented_format() {
        use ServerTime::*;
        for (raw, read) in [
            // RFC 3339 (`format: date-time`): a moment.
            ("2025-10-03T12:00:00Z", Some(Moment(1_759_492_800))),
            ("2025-10-03T20:00:00+08:00", Some(Moment(1_759_492_800))),
            ("2025-10-03 12:00:00Z", Some(Moment(1_759_492_800))),
            ("2025-10-03T12:00:00.250Z", Some(Moment(1_759_492_800))),
            // Unix seconds (`created_time`), as digits.
            ("1759492800", Some(Moment(1_759_492_800))),
            // `YYYY-MM-DD HH:MM:SS` names no zone: its day.
            (
                "2030-09-30 08:00:00",
                Some(Day {
                    year: 2030,
                    month: 9,
                    day: 30,
                }),
            ),
            (
                "2030-09-30T08:00:00",
                Some(Day {
                    year: 2030,
                    month: 9,
                    day: 30,
                }),
            ),
            (
                "2030-09-30",
                Some(Day {
                    year: 2030,
                    month: 9,
                    day: 30,
                }),
            ),
            ("2030-02-30", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(ServerTime::read(raw), read, "{raw:?}");
        }
        let day = ServerTime::Day {
            year: 2025,
            month: 10,
            day: 3,
        };
        assert_eq!(day.unix(), 1_759_449_600);
    }
}
