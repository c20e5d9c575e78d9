//! How often the 3-D Secure records are read: pure functions of what the engine knows, so the
//! choice is tested by value, not by timing.
//!
//! The service has no push; a new code reaches the user one poll after the server created it.
//! A code created at a random moment waits for the next read: uniform over the interval
//! between two reads, so p95 ≈ 0.95 × interval + the request's time (see [`p95_bound`]).
//!
//! Three paces (the defaults are in `Config::build`; `ccp-core`'s `measure` example prints
//! what they give against the sandbox):
//!
//! - **in front** (`fast_poll`, 1 s): the window has focus, or the user just said a code is on
//!   its way ([`Signals::expected`], the global shortcut). p95 = 0.95 s + request time, under
//!   the 1.5 s goal with up to ≈ 0.45 s per request. 3 600 requests an hour, only while in front.
//! - **likely** (`likely_poll`, 2 s): for a while after a sign that a payment is under way —
//!   user activity, the window losing focus (the user went to the browser, often with the
//!   card number just copied), a new passcode (a retry or a second challenge follows within
//!   minutes). p95 ≈ 2 s.
//! - **idle** (`slow_poll`, 6 s): the window hidden or behind and nothing happening. p95 =
//!   0.95 × 6 s = 5.7 s + request time ([`wait_quantile`]): under the 6 s goal with up to
//!   0.3 s per request and its notification; 600 requests an hour. 7 s would save ≈ 86
//!   requests an hour but give p95 ≈ 6.65 s; 15 s (the old pace) gave p95 ≈ 14 s.
//!
//! Not used as a sign: a new pending transaction. Transactions are not polled (reading them
//! would cost a request per card per round), and the 3-D Secure challenge comes before the
//! card's authorization, so a pending transaction would arrive after the code, not before.
//!
//! Every wait is drawn uniformly from interval × [1 − jitter, 1 + jitter] so that clients
//! started together (a network change waking everyone) drift apart; the mean stays the
//! interval, so the request rate is exactly 3 600 / interval an hour. The jitter is ± 5 %: up
//! to 5 % it costs nothing at p95 (a random moment's wait has the unjittered p95, see
//! [`wait_quantile`]), while ± 10 % moved the idle p95 from 5.7 s to 5.75 s and the
//! longest wait to 6.6 s. Clients woken by one server outage are spread by the error backoff's
//! full jitter, not by this. The
//! interval is counted from the start of one round to the start of the next, so a slow
//! request does not stretch it (but a round always leaves at least half an interval free:
//! a struggling server is not polled back to back).

use crate::Config;
use std::time::{Duration, Instant};

/// What the engine knows about the user and a payment in progress.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Signals {
    /// The window has focus.
    pub foreground: bool,
    /// The user last did something in the window, or the window last lost focus.
    pub activity: Option<Instant>,
    /// The user last said a code is on its way (`Core::expect_passcode`).
    pub expected: Option<Instant>,
    /// A new (still valid) passcode last arrived.
    pub passcode: Option<Instant>,
    /// A card is unfrozen for one checkout until then (`Core::unfreeze_for`).
    pub fast_until: Option<Instant>,
}

/// How likely a code is now; ordered from slowest to fastest pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Pace {
    Idle,
    Likely,
    Front,
}

fn within(at: Option<Instant>, now: Instant, window: Duration) -> bool {
    at.is_some_and(|t| now.saturating_duration_since(t) < window)
}

/// The pace for what is known at `now`.
pub(crate) fn pace(config: &Config, s: &Signals, now: Instant) -> Pace {
    if s.foreground
        || within(s.expected, now, config.expect_window)
        || s.fast_until.is_some_and(|t| now < t)
    {
        Pace::Front
    } else if within(s.activity, now, config.activity_window)
        || within(s.expected, now, config.activity_window)
        || within(s.passcode, now, config.passcode_window)
    {
        Pace::Likely
    } else {
        Pace::Idle
    }
}

/// The mean interval between two reads at a pace.
pub(crate) fn interval(config: &Config, pace: Pace) -> Duration {
    match pace {
        Pace::Front => config.fast_poll,
        Pace::Likely => config.likely_poll,
        Pace::Idle => config.slow_poll,
    }
}

/// `interval` × (1 − jitter + 2 × jitter × `u`), `u` in [0, 1]: uniform in
/// interval × [1 − jitter, 1 + jitter] for a uniform `u`. The jitter is kept within [0, 0.5].
pub(crate) fn jittered(interval: Duration, jitter: f64, u: f64) -> Duration {
    let j = if jitter.is_finite() {
        jitter.clamp(0.0, 0.5)
    } else {
        0.0
    };
    let u = if u.is_finite() {
        u.clamp(0.0, 1.0)
    } else {
        0.5
    };
    interval.mul_f64(1.0 - j + 2.0 * j * u)
}

/// The wait before the next 3-D Secure round (counted from the start of the last one); `u` is
/// a uniform random number in [0, 1].
pub(crate) fn passcode_delay(config: &Config, s: &Signals, now: Instant, u: f64) -> Duration {
    jittered(
        interval(config, pace(config, s, now)),
        config.poll_jitter,
        u,
    )
}

/// What is left to wait after a round that took `round` when the next should start `delay`
/// after it started: never less than half of `delay`.
pub(crate) fn after_round(delay: Duration, round: Duration) -> Duration {
    delay.saturating_sub(round).max(delay / 2)
}

/// An upper bound of the 95th percentile of "created on the server → seen by the core" for a
/// code created at a random moment, with requests taking `request`: the next read starts at
/// most one (longest, jittered) interval later, and its answer takes a request's time.
pub fn p95_bound(interval: Duration, jitter: f64, request: Duration) -> Duration {
    let longest = jittered(interval, jitter, 1.0);
    // `after_round`: a round starts one interval after the last, or half an interval after
    // the last one ended, whichever is later.
    longest.max(request + longest / 2).mul_f64(0.95) + request
}

/// The `q`-quantile (0 < `q` < 1) of the wait from a random moment to the next read, with
/// reads spaced uniformly in interval × [1 − jitter, 1 + jitter] (requests taking no time).
///
/// A random moment falls into an interval with a probability proportional to its length and
/// then uniformly within it, so P(wait > w) = E[(X − w)⁺] / E[X] for the spacing X ~ U[a, b]:
/// 1 − w / m while w ≤ a (m the mean), (b − w)² / (2 (b − a) m) above. With jitter ≤ 1 − q the
/// quantile is therefore q × m, exactly as without jitter.
pub fn wait_quantile(interval: Duration, jitter: f64, q: f64) -> Duration {
    let m = interval.as_secs_f64();
    let a = jittered(interval, jitter, 0.0).as_secs_f64();
    let b = jittered(interval, jitter, 1.0).as_secs_f64();
    let q = if q.is_finite() {
        q.clamp(0.0, 1.0)
    } else {
        0.5
    };
    // P(wait > w) = 1 − q.
    let tail = 1.0 - q;
    let w = if b - a <= f64::EPSILON || tail >= 1.0 - a / m {
        m * (1.0 - tail)
    } else {
        b - (2.0 * (b - a) * m * tail).sqrt()
    };
    Duration::from_secs_f64(w.max(0.0))
}

/// Reads an hour at a pace (the mean interval between round starts).
pub fn requests_per_hour(interval: Duration) -> f64 {
    3600.0 / interval.as_secs_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::new("https://api.example", "/tmp/x").unwrap()
    }

    const S: fn(u64) -> Duration = Duration::from_secs;
    const MS: fn(u64) -> Duration = Duration::from_millis;

    /// The product's choice, by value: a passcode shows within 1.5 s (p95) while the window is
    /// in front and within 8 s behind it, with a realistic request time, and the idle cost is
    /// what the README says.
    #[test]
    fn the_default_cadence_meets_the_latency_goals() {
        let c = config();
        assert_eq!(c.fast_poll, S(1));
        assert_eq!(c.likely_poll, S(2));
        assert_eq!(c.slow_poll, S(6));
        assert_eq!(c.poll_jitter, 0.05);
        // In front: p95 ≤ 1.5 s with requests of up to 0.45 s.
        assert!(p95_bound(c.fast_poll, c.poll_jitter, MS(450)) <= MS(1500));
        // Hidden or behind: a random moment's p95 wait is 5.7 s, so a code shows within 6 s
        // (p95) with a request and its notification of up to 0.3 s; within 8 s even if every
        // wait were the longest and requests took 1.5 s.
        assert_eq!(wait_quantile(c.slow_poll, c.poll_jitter, 0.95), MS(5700));
        assert!(wait_quantile(c.slow_poll, c.poll_jitter, 0.95) + MS(300) <= S(6));
        assert!(p95_bound(c.slow_poll, c.poll_jitter, MS(1500)) <= S(8));
        assert_eq!(requests_per_hour(c.slow_poll), 600.0);
        assert_eq!(requests_per_hour(c.likely_poll), 1800.0);
        assert_eq!(requests_per_hour(c.fast_poll), 3600.0);
        // The old 15 s idle pace could not meet the goal at all.
        assert!(p95_bound(S(15), 0.0, Duration::ZERO) > S(8));
    }

    #[test]
    fn the_pace_follows_the_signs_of_a_payment() {
        use Pace::{Front, Idle, Likely};
        let c = config();
        let t0 = Instant::now();
        let at = |secs| t0 + S(secs);
        let signs = |set: &dyn Fn(&mut Signals)| {
            let mut s = Signals::default();
            set(&mut s);
            s
        };
        // What, the signs, and the pace they give so many seconds after t0.
        type Case<'a> = (&'a str, Signals, &'a [(u64, Pace)]);
        let cases: [Case; 7] = [
            ("nothing", Signals::default(), &[(0, Idle)]),
            ("in front", signs(&|s| s.foreground = true), &[(0, Front)]),
            // User activity, or the window just left: likely for `activity_window` (5 min).
            (
                "activity",
                signs(&|s| s.activity = Some(t0)),
                &[(0, Likely), (299, Likely), (300, Idle)],
            ),
            // A new passcode: likely for `passcode_window` (3 min).
            (
                "a code",
                signs(&|s| s.passcode = Some(t0)),
                &[(179, Likely), (180, Idle)],
            ),
            // The user's shortcut: in front for `expect_window` (2 min), then likely for the
            // rest of the activity window.
            (
                "expecting",
                signs(&|s| s.expected = Some(t0)),
                &[(119, Front), (120, Likely), (299, Likely), (300, Idle)],
            ),
            // A card unfrozen for one checkout: in front until its time is up.
            (
                "unfrozen",
                signs(&|s| s.fast_until = Some(at(900))),
                &[(899, Front), (900, Idle)],
            ),
            // The fastest reason wins.
            (
                "all at once",
                signs(&|s| {
                    s.foreground = true;
                    s.activity = Some(t0);
                    s.passcode = Some(t0);
                }),
                &[(0, Front)],
            ),
        ];
        for (what, signals, paces) in &cases {
            for &(secs, want) in *paces {
                assert_eq!(pace(&c, signals, at(secs)), want, "{what} at {secs} s");
            }
        }
        // A sign from the future (a clock oddity) counts as now, not as forever.
        let code = signs(&|s| s.passcode = Some(t0));
        let before = t0.checked_sub(S(1)).unwrap_or(t0);
        assert_eq!(pace(&c, &code, before), Likely);
        assert!(Front > Likely && Likely > Idle);
    }

    #[test]
    fn each_pace_has_its_interval() {
        let c = config();
        assert_eq!(interval(&c, Pace::Front), S(1));
        assert_eq!(interval(&c, Pace::Likely), S(2));
        assert_eq!(interval(&c, Pace::Idle), S(6));
        let t0 = Instant::now();
        let idle = Signals::default();
        assert_eq!(passcode_delay(&c, &idle, t0, 0.0), MS(5700));
        assert_eq!(passcode_delay(&c, &idle, t0, 0.5), S(6));
        assert_eq!(passcode_delay(&c, &idle, t0, 1.0), MS(6300));
        let front = Signals {
            foreground: true,
            ..Default::default()
        };
        assert_eq!(passcode_delay(&c, &front, t0, 0.0), MS(950));
        assert_eq!(passcode_delay(&c, &front, t0, 1.0), MS(1050));
    }

    /// The closed form against the definition: the share of a long run of jittered reads'
    /// time during which the wait for the next read is longer than the claimed quantile.
    #[test]
    fn the_wait_quantile_matches_a_simulation() {
        for (jitter, q) in [
            (0.0, 0.95),
            (0.05, 0.95),
            (0.1, 0.95),
            (0.3, 0.95),
            (0.1, 0.5),
        ] {
            let w = wait_quantile(S(6), jitter, q).as_secs_f64();
            // Deterministic spacings: u over an even grid is U[0, 1] in the limit.
            let n = 100_000;
            let (mut total, mut longer) = (0.0, 0.0);
            for i in 0..n {
                let x = jittered(S(6), jitter, (i as f64 + 0.5) / n as f64).as_secs_f64();
                total += x;
                longer += (x - w).max(0.0);
            }
            let share = longer / total;
            assert!(
                (share - (1.0 - q)).abs() < 1e-3,
                "jitter {jitter} q {q}: {share}"
            );
        }
        // Up to 1 − q of jitter costs nothing at that quantile; more does.
        assert_eq!(
            wait_quantile(S(6), 0.05, 0.95),
            wait_quantile(S(6), 0.0, 0.95)
        );
        assert!(wait_quantile(S(6), 0.1, 0.95) > MS(5740));
        assert_eq!(wait_quantile(S(6), 0.1, 0.5), S(3));
    }

    #[test]
    fn jitter_is_symmetric_and_bounded() {
        assert_eq!(jittered(S(10), 0.1, 0.0), S(9));
        assert_eq!(jittered(S(10), 0.1, 0.5), S(10));
        assert_eq!(jittered(S(10), 0.1, 1.0), S(11));
        assert_eq!(jittered(S(10), 0.0, 0.9), S(10));
        // Nonsense jitter or random numbers stay within [0.5, 1.5] × the interval.
        assert_eq!(jittered(S(10), 7.0, 0.0), S(5));
        assert_eq!(jittered(S(10), -1.0, 0.0), S(10));
        assert_eq!(jittered(S(10), f64::NAN, 0.0), S(10));
        assert_eq!(jittered(S(10), 0.1, 2.0), S(11));
        assert_eq!(jittered(S(10), 0.1, f64::NAN), S(10));
    }

    #[test]
    fn intervals_run_from_start_to_start_but_leave_a_gap() {
        assert_eq!(after_round(S(6), MS(200)), MS(5800));
        assert_eq!(after_round(S(6), Duration::ZERO), S(6));
        assert_eq!(after_round(S(1), MS(700)), MS(500));
        assert_eq!(after_round(S(1), S(30)), MS(500));
    }
}
