//! What every handler shares: the database, the settings, counters and armed faults.

use crate::Config;
use crate::faults::Faults;
use rand::SeedableRng;
use rand::rngs::StdRng;
use sqlx::SqlitePool;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

pub type Shared = Arc<AppState>;

/// Arrival times kept per request key: an hour of one-second polling.
pub const TIMES_KEPT: usize = 3600;

pub struct AppState {
    pub db: SqlitePool,
    pub config: Config,
    /// `http://127.0.0.1:PORT`, for URLs the sandbox hands out (the Didit page).
    pub base_url: String,
    /// Seeded: sign-in codes and generated passcodes repeat for a given `--seed`.
    pub rng: Mutex<StdRng>,
    /// "METHOD /api/v1/path" (or "METHOD /api/open/path", FalPay's) -> calls.
    pub counts: Mutex<BTreeMap<String, u64>>,
    /// The same key -> when the last [`TIMES_KEPT`] calls arrived (Unix milliseconds): a bench
    /// splits a code's way into the wait for the client's next read and what came after it.
    pub times: Mutex<BTreeMap<String, VecDeque<u64>>>,
    pub faults: Mutex<Faults>,
    /// Lower-cased e-mail -> (wrong passwords in a row, unix time of the last one).
    pub login_failures: Mutex<HashMap<String, (u32, i64)>>,
    /// FalPay open API tokens issued and not revoked.
    pub falpay: Mutex<crate::falpay::tokens::Tokens>,
}

impl AppState {
    pub fn new(db: SqlitePool, config: Config, base_url: String) -> Shared {
        let seed = config.seed;
        Arc::new(AppState {
            db,
            base_url,
            rng: Mutex::new(StdRng::seed_from_u64(seed ^ 0x005e_ed0f_c0de)),
            counts: Mutex::new(BTreeMap::new()),
            times: Mutex::new(BTreeMap::new()),
            faults: Mutex::new(Faults::new(seed)),
            login_failures: Mutex::new(HashMap::new()),
            falpay: Mutex::new(Default::default()),
            config,
        })
    }

    pub fn count(&self, key: String) {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let mut times = lock(&self.times);
        let kept = times.entry(key.clone()).or_default();
        if kept.len() == TIMES_KEPT {
            kept.pop_front();
        }
        kept.push_back(ms);
        *lock(&self.counts).entry(key).or_default() += 1;
    }
}

/// A poisoned lock only means another handler panicked; the data is still usable.
pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
