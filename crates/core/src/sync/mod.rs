//! The sync engine: one poller per resource with its own cadence, backoff with full jitter on
//! errors, `Retry-After` obeyed, and a watchdog that resumes polling at once when the server is
//! reachable again or the machine wakes from sleep. [`Engine`] reaches the server only through
//! [`Auth`] and writes only to the [`CacheSlot`]; it never sees the rest of the core.

mod backoff;
mod cadence;
mod resources;
mod status;

pub use cadence::{p95_bound, requests_per_hour, wait_quantile};

/// How many passcodes the window is given.
pub const PASSCODES_SHOWN: u32 = 50;

use crate::auth::Auth;
use crate::cache::slot::CacheSlot;
use crate::events::Events;
use crate::tasks::{Stopped, Tasks};
use crate::{Config, Error, Resource, Result};
use backoff::Backoff;
use cadence::Signals;
use ccp_model::ipc::AppEvent;
use ccp_model::view::SyncStatus;
use rand::Rng;
use status::StatusBook;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub(crate) struct Engine {
    auth: Arc<Auth>,
    cache: Arc<CacheSlot>,
    events: Events,
    config: Config,
    /// What the 3-D Secure cadence depends on (see `cadence.rs`).
    signals: Mutex<Signals>,
    kyc_boost_until: Mutex<Option<Instant>>,
    wake_all: watch::Sender<u64>,
    wake_passcodes: watch::Sender<u64>,
    status: Mutex<StatusBook>,
}

/// Running pollers; dropping it (or [`SyncHandle::stop`]) ends them at once,
/// [`SyncHandle::shutdown`] when they have finished what they are doing.
pub struct SyncHandle {
    tasks: Tasks,
}

/// How long [`SyncHandle::shutdown`] waits for the tasks, all together.
const STOP_WAIT: Duration = Duration::from_secs(2);

impl SyncHandle {
    pub fn stop(self) {}

    /// Lets every task finish what it is doing, [`STOP_WAIT`] at most, then ends them (see
    /// `tasks.rs` for why a process closes this way and does not just drop the handle).
    pub async fn shutdown(self) {
        self.tasks.shutdown(STOP_WAIT).await;
    }

    /// Resolves once [`SyncHandle::shutdown`] asks the tasks to stop (or the handle is gone).
    pub(crate) fn stopped(&self) -> Stopped {
        self.tasks.stopped()
    }

    /// Another task of the core that ends with the pollers.
    pub(crate) fn add(&mut self, task: JoinHandle<()>) {
        self.tasks.add(task);
    }
}

impl Engine {
    pub fn new(config: &Config, auth: Arc<Auth>, cache: Arc<CacheSlot>, events: Events) -> Self {
        Engine {
            auth,
            cache,
            events,
            config: config.clone(),
            signals: Mutex::new(Signals::default()),
            kyc_boost_until: Mutex::new(None),
            wake_all: watch::channel(0).0,
            wake_passcodes: watch::channel(0).0,
            status: Mutex::new(StatusBook::default()),
        }
    }

    /// Spawns the pollers on the current tokio runtime; dropping the handle ends them.
    pub fn start(self: &Arc<Self>) -> SyncHandle {
        let mut handle = SyncHandle {
            tasks: Tasks::default(),
        };
        for &r in Resource::ALL.iter() {
            let task = tokio::spawn(self.clone().poll_loop(r, handle.stopped()));
            handle.add(task);
        }
        let watchdog = tokio::spawn(self.clone().watchdog(handle.stopped()));
        handle.add(watchdog);
        handle
    }

    /// Where syncing stands; nothing is known while signed out.
    pub fn status(&self) -> SyncStatus {
        let mut book = self.status.lock().expect("status lock");
        if !self.auth.is_signed_in() {
            book.clear();
        }
        book.overall()
    }

    pub fn wake_all(&self) {
        self.wake_all.send_modify(|n| *n += 1);
    }

    fn wake_passcodes(&self) {
        self.wake_passcodes.send_modify(|n| *n += 1);
    }

    /// Changes what the 3-D Secure cadence depends on; a faster pace than before polls now.
    fn signal(&self, change: impl FnOnce(&mut Signals, Instant)) {
        let now = Instant::now();
        let (before, after) = {
            let mut s = self.signals.lock().expect("signals lock");
            let before = cadence::pace(&self.config, &s, now);
            change(&mut s, now);
            (before, cadence::pace(&self.config, &s, now))
        };
        if after > before {
            self.wake_passcodes();
        }
    }

    /// Window focus: in front, the fastest pace; leaving, a likely one for a while (the user
    /// often goes to the browser to pay).
    pub fn set_foreground(&self, focused: bool) {
        self.signal(|s, now| {
            if s.foreground && !focused {
                s.activity = Some(now);
            }
            s.foreground = focused;
        });
    }

    /// User activity: a likely pace for `activity_window`.
    pub fn note_activity(&self) {
        self.signal(|s, now| s.activity = Some(now));
    }

    /// The user says a code is coming (the global shortcut): poll now, at the in-front pace
    /// for `expect_window`, then at a likely one until `activity_window` ends.
    pub fn expect_passcode(&self) {
        self.signal(|s, now| s.expected = Some(now));
    }

    /// A card is unfrozen for one checkout: the in-front pace until `until`.
    pub fn expect_passcode_until(&self, until: Instant) {
        self.signal(|s, _| s.fast_until = s.fast_until.max(Some(until)));
    }

    /// A new passcode arrived: a likely pace for `passcode_window`.
    fn note_passcode(&self) {
        self.signal(|s, now| s.passcode = Some(now));
    }

    /// After KYC starts, its status is worth checking often for a while.
    pub fn boost_kyc(&self, for_how_long: Duration) {
        *self.kyc_boost_until.lock().expect("kyc lock") = Some(Instant::now() + for_how_long);
        self.wake_all();
    }

    fn kyc_boosted(&self) -> bool {
        self.kyc_boost_until
            .lock()
            .expect("kyc lock")
            .is_some_and(|t| Instant::now() < t)
    }

    fn cadence(&self, resource: Resource) -> Duration {
        let c = &self.config;
        match resource {
            Resource::Passcodes => {
                let signals = *self.signals.lock().expect("signals lock");
                let u: f64 = rand::rng().random();
                cadence::passcode_delay(c, &signals, Instant::now(), u)
            }
            Resource::Cards => c.cards_poll,
            Resource::Kyc if self.kyc_boosted() => c.kyc_boost_poll.min(c.kyc_poll),
            Resource::Kyc => c.kyc_poll,
            Resource::Profile => c.profile_poll,
            Resource::Messages => c.messages_poll,
        }
    }

    /// One round of one resource, with its outcome recorded in the sync status. After a
    /// success, the cadence counts from the round's start (but leaves half of it free).
    pub async fn sync_one(
        &self,
        resource: Resource,
        backoff: Option<&mut Backoff>,
    ) -> (Result<()>, Duration) {
        let started = Instant::now();
        let outcome = self.sync_resource(resource).await;
        let delay = match (&outcome, backoff) {
            (Ok(()), Some(b)) => {
                b.reset();
                cadence::after_round(self.cadence(resource), started.elapsed())
            }
            (Ok(()), None) => cadence::after_round(self.cadence(resource), started.elapsed()),
            (Err(e), Some(b)) => b.next_delay().max(e.retry_after().unwrap_or_default()),
            (Err(e), None) => self
                .config
                .backoff_min
                .max(e.retry_after().unwrap_or_default()),
        };
        if !matches!(outcome, Err(Error::NotSignedIn)) {
            self.record(resource, &outcome, delay);
        }
        (outcome, delay)
    }

    fn record(&self, resource: Resource, outcome: &Result<()>, next_in: Duration) {
        let event = self
            .status
            .lock()
            .expect("status lock")
            .record(resource, outcome, next_in);
        if let Some(status) = event {
            self.events.emit(AppEvent::Sync(status));
        }
    }

    async fn poll_loop(self: Arc<Self>, resource: Resource, mut stop: Stopped) {
        let mut wake_all = self.wake_all.subscribe();
        let mut wake_passcodes = self.wake_passcodes.subscribe();
        let mut session = self.auth.changes();
        let mut backoff = Backoff::new(self.config.backoff_min, self.config.backoff_max);
        loop {
            wake_all.borrow_and_update();
            wake_passcodes.borrow_and_update();
            session.borrow_and_update();
            if !self.auth.is_signed_in() {
                self.status.lock().expect("status lock").clear();
                tokio::select! {
                    _ = wake_all.changed() => {}
                    changed = session.changed() => if changed.is_err() { return },
                    _ = stop.wait() => return,
                }
                continue;
            }
            let (outcome, delay) = self.sync_one(resource, Some(&mut backoff)).await;
            if let Err(e) = &outcome {
                tracing::debug!(?resource, "sync failed, next try in {delay:?}: {e}");
            }
            // A wake-up (focus, the server back, the machine awake) may cut a cadence or a
            // backoff short, but never the wait the server asked for.
            let asked = outcome.as_ref().err().and_then(Error::retry_after);
            let not_before = tokio::time::Instant::now() + asked.unwrap_or_default();
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = wake_all.changed() => {}
                _ = session.changed() => {}
                _ = wake_passcodes.changed(), if resource == Resource::Passcodes => {}
                _ = stop.wait() => return,
            }
            tokio::select! {
                _ = tokio::time::sleep_until(not_before) => {}
                _ = stop.wait() => return,
            }
        }
    }

    /// Every second: did the wall clock jump past the monotonic one (the machine slept)? While
    /// offline, did the server's port just become reachable again? Either way, everyone polls
    /// now — once per change, so a server whose port answers while its requests still fail
    /// (a captive portal, a broken TLS proxy) is left to the pollers' backoff.
    async fn watchdog(self: Arc<Self>, mut stop: Stopped) {
        let tick = Duration::from_secs(1);
        let mut last_wall = SystemTime::now();
        let mut last_mono = Instant::now();
        let mut last_probe = Instant::now();
        let mut probe = ProbeState::default();
        loop {
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = stop.wait() => return,
            }
            let (wall, mono) = (SystemTime::now(), Instant::now());
            let wall_step = wall.duration_since(last_wall).unwrap_or_default();
            if wall_step > mono.duration_since(last_mono) + Duration::from_secs(5) {
                tracing::info!("the machine woke up; syncing now");
                self.wake_all();
            }
            (last_wall, last_mono) = (wall, mono);
            let offline = self.status.lock().expect("status lock").is_offline();
            probe.set_offline(offline);
            if offline && mono.duration_since(last_probe) >= self.config.offline_probe {
                last_probe = mono;
                if probe.on_probe(reachable(&self.config.server).await) {
                    tracing::info!("the server is reachable again; syncing now");
                    self.wake_all();
                }
            }
        }
    }
}

/// What the offline probe last saw. Going offline counts as "unreachable", so the first
/// probe that connects wakes the pollers; after that only a change back from unreachable does.
#[derive(Debug, Default)]
struct ProbeState {
    offline: bool,
    reachable: bool,
}

impl ProbeState {
    fn set_offline(&mut self, offline: bool) {
        if offline && !self.offline {
            self.reachable = false;
        }
        self.offline = offline;
    }

    /// Records a probe; `true` when the pollers should be woken.
    fn on_probe(&mut self, reachable: bool) -> bool {
        let wake = reachable && !self.reachable;
        self.reachable = reachable;
        wake
    }
}

/// A TCP connect to the server: cheap, and no API request.
async fn reachable(server: &url::Url) -> bool {
    let (Some(host), Some(port)) = (server.host_str(), server.port_or_known_default()) else {
        return false;
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let connect = tokio::net::TcpStream::connect((host, port));
    matches!(
        tokio::time::timeout(Duration::from_secs(2), connect).await,
        Ok(Ok(_))
    )
}

#[cfg(test)]
mod tests {
    use super::ProbeState;

    /// Behind a captive portal the port answers while every request fails: the pollers are
    /// woken once, not at every probe, and again only after the port was unreachable.
    #[test]
    fn the_probe_wakes_once_per_return_of_the_server() {
        let mut p = ProbeState::default();
        p.set_offline(true);
        let wakes: Vec<bool> = [true, true, true, false, false, true, true]
            .into_iter()
            .map(|reachable| p.on_probe(reachable))
            .collect();
        assert_eq!(wakes, [true, false, false, false, false, true, false]);
        // Online again, then offline anew: the first reachable probe wakes again.
        p.set_offline(false);
        p.set_offline(true);
        assert!(p.on_probe(true));
        assert!(!p.on_probe(true));
    }
}
