//! The time a token's age is measured by, injectable so tests can jump it.
//!
//! A token's age is the larger of two readings: the monotonic clock (`Instant`, immune to
//! the wall clock being set back) and the wall clock (`SystemTime`), which keeps counting while
//! the machine sleeps, where the monotonic clock may stop (Linux's `CLOCK_MONOTONIC`): a laptop
//! that wakes after ten minutes must not use a token that expired meanwhile. A wall clock set
//! backwards only makes its reading useless, and the monotonic one still counts.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

pub trait Clock: Send + Sync + 'static {
    /// Monotonic time.
    fn now(&self) -> Instant;
    /// Wall-clock time.
    fn wall(&self) -> SystemTime;
}

/// The real clocks.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
    fn wall(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that moves only when told: for tests of renewal. Clones share one time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    at: Arc<Mutex<(Instant, SystemTime)>>,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// Starts at the real current time.
    pub fn new() -> Self {
        ManualClock {
            at: Arc::new(Mutex::new((Instant::now(), SystemTime::now()))),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut (Instant, SystemTime)) -> T) -> T {
        f(&mut self.at.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Both clocks move on by `d` (time passes).
    pub fn advance(&self, d: Duration) {
        self.with(|(mono, wall)| {
            *mono += d;
            *wall += d;
        });
    }

    /// Only the wall clock moves (forwards: the machine slept; the monotonic clock did not count).
    pub fn sleep_machine(&self, d: Duration) {
        self.with(|(_, wall)| *wall += d);
    }

    /// Only the wall clock is set back (a clock correction).
    pub fn set_wall_back(&self, d: Duration) {
        self.with(|(_, wall)| *wall -= d);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.with(|(mono, _)| *mono)
    }
    fn wall(&self) -> SystemTime {
        self.with(|(_, wall)| *wall)
    }
}

/// A moment read from both clocks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp {
    mono: Instant,
    wall: SystemTime,
}

impl Stamp {
    pub(crate) fn now(clock: &dyn Clock) -> Stamp {
        Stamp {
            mono: clock.now(),
            wall: clock.wall(),
        }
    }

    /// Time since this stamp: the larger of the two clocks' readings.
    pub(crate) fn age(&self, clock: &dyn Clock) -> Duration {
        let mono = clock.now().saturating_duration_since(self.mono);
        let wall = clock.wall().duration_since(self.wall).unwrap_or_default();
        mono.max(wall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_takes_the_larger_reading_and_ignores_a_clock_set_back() {
        let clock = ManualClock::new();
        let stamp = Stamp::now(&clock);
        clock.advance(Duration::from_secs(5));
        assert_eq!(stamp.age(&clock), Duration::from_secs(5));
        clock.sleep_machine(Duration::from_secs(600));
        assert_eq!(stamp.age(&clock), Duration::from_secs(605));
        clock.set_wall_back(Duration::from_secs(3600));
        assert_eq!(stamp.age(&clock), Duration::from_secs(5));
    }
}
