//! Where syncing stands, per resource and overall, and when that is worth an event.

use crate::{Resource, Result, now_unix};
use ccp_model::view::{Connectivity, SyncStatus};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Even without a change, the window hears about "last success" this often.
const HEARTBEAT: Duration = Duration::from_secs(30);

#[derive(Default)]
pub struct StatusBook {
    per: HashMap<Resource, One>,
    /// Passcode records the last passcode sync had to skip.
    unreadable: u32,
    last_sent: Option<(SyncStatus, Instant)>,
}

#[derive(Default, Clone)]
struct One {
    last_success: Option<i64>,
    next_attempt: Option<i64>,
    error: Option<(bool, String)>,
}

impl StatusBook {
    /// Records an outcome; returns the overall status when it should be announced.
    pub fn record(
        &mut self,
        resource: Resource,
        outcome: &Result<()>,
        next_in: Duration,
    ) -> Option<SyncStatus> {
        let now = now_unix();
        let one = self.per.entry(resource).or_default();
        // `next_in` may come from a server's Retry-After: saturate rather than wrap or panic.
        let next_in = i64::try_from(next_in.as_secs()).unwrap_or(i64::MAX);
        one.next_attempt = Some(now.saturating_add(next_in));
        match outcome {
            Ok(()) => {
                one.last_success = Some(now);
                one.error = None;
            }
            Err(e) => one.error = Some((e.is_unreachable(), e.to_string())),
        }
        let status = self.overall();
        let announce = match &self.last_sent {
            None => true,
            Some((prev, at)) => {
                outcome.is_err()
                    || prev.unreadable_records != status.unreadable_records
                    || prev.connectivity != status.connectivity
                    || prev.last_error != status.last_error
                    || at.elapsed() >= HEARTBEAT
            }
        };
        if announce {
            self.last_sent = Some((status.clone(), Instant::now()));
            Some(status)
        } else {
            None
        }
    }

    /// How many records the last passcode sync skipped as unreadable.
    pub fn set_unreadable(&mut self, n: u32) {
        self.unreadable = n;
    }

    pub fn overall(&self) -> SyncStatus {
        let order = Resource::ALL.iter().filter_map(|r| self.per.get(r));
        let mut status = SyncStatus {
            unreadable_records: self.unreadable,
            ..SyncStatus::default()
        };
        let mut any = false;
        let (mut offline, mut failing) = (false, false);
        for one in order {
            any = true;
            status.last_success = status.last_success.max(one.last_success);
            status.next_attempt = match (status.next_attempt, one.next_attempt) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if let Some((is_offline, message)) = &one.error {
                offline |= *is_offline;
                failing = true;
                status.last_error.get_or_insert_with(|| message.clone());
            }
        }
        status.connectivity = match (any, offline, failing) {
            (false, _, _) => Connectivity::Unknown,
            (_, true, _) => Connectivity::Offline,
            (_, _, true) => Connectivity::Degraded,
            _ => Connectivity::Online,
        };
        status
    }

    pub fn is_offline(&self) -> bool {
        self.overall().connectivity == Connectivity::Offline
    }

    pub fn clear(&mut self) {
        *self = StatusBook::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn offline_wins_and_recovery_is_announced() {
        let mut book = StatusBook::default();
        assert_eq!(book.overall().connectivity, Connectivity::Unknown);
        let s = book
            .record(Resource::Cards, &Ok(()), Duration::from_secs(60))
            .unwrap();
        assert_eq!(s.connectivity, Connectivity::Online);
        assert!(
            book.record(Resource::Kyc, &Ok(()), Duration::from_secs(60))
                .is_none()
        );
        let off = Err(Error::Io(ccp_io::Error::Offline {
            peer: "the server",
            detail: "refused".into(),
        }));
        let s = book
            .record(Resource::Passcodes, &off, Duration::from_secs(2))
            .unwrap();
        assert_eq!(s.connectivity, Connectivity::Offline);
        assert!(s.last_error.unwrap().contains("refused"));
        assert!(book.is_offline());
        let s = book
            .record(Resource::Passcodes, &Ok(()), Duration::from_secs(2))
            .unwrap();
        assert_eq!(s.connectivity, Connectivity::Online);
        assert!(s.next_attempt.is_some() && s.last_success.is_some());
    }

    #[test]
    fn a_huge_delay_saturates() {
        for (delay, want) in [
            (Duration::from_secs(i64::MAX as u64), i64::MAX),
            (Duration::from_secs(u64::MAX), i64::MAX),
            (Duration::MAX, i64::MAX),
        ] {
            let mut book = StatusBook::default();
            let s = book.record(Resource::Cards, &Ok(()), delay).unwrap();
            assert_eq!(s.next_attempt, Some(want), "{delay:?}");
        }
        let mut book = StatusBook::default();
        let before = now_unix();
        let s = book
            .record(Resource::Cards, &Ok(()), Duration::from_secs(60))
            .unwrap();
        let at = s.next_attempt.unwrap();
        assert!((before + 60..=now_unix() + 60).contains(&at), "{at}");
    }
}
