//! Error backoff: exponential steps (backon) with full jitter, capped.

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use rand::Rng;
use std::time::Duration;

pub struct Backoff {
    builder: ExponentialBuilder,
    steps: ExponentialBackoff,
    max: Duration,
}

impl Backoff {
    pub fn new(min: Duration, max: Duration) -> Self {
        let builder = ExponentialBuilder::new()
            .with_min_delay(min)
            .with_max_delay(max)
            .with_factor(2.0)
            .without_max_times();
        Backoff {
            steps: builder.build(),
            builder,
            max,
        }
    }

    /// The next delay: uniform in [0, step], the step doubling up to the cap.
    pub fn next_delay(&mut self) -> Duration {
        let step = self.steps.next().unwrap_or(self.max).min(self.max);
        let millis = step.as_millis() as u64;
        Duration::from_millis(rand::rng().random_range(0..=millis))
    }

    pub fn reset(&mut self) {
        self.steps = self.builder.build();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_under_a_doubling_cap() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(1000));
        let caps = [100, 200, 400, 800, 1000, 1000, 1000];
        for cap in caps {
            let d = b.next_delay();
            assert!(d <= Duration::from_millis(cap), "{d:?} > {cap} ms");
        }
        b.reset();
        assert!(b.next_delay() <= Duration::from_millis(100));
    }
}
