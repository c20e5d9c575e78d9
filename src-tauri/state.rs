//! What the commands and event handlers reach through Tauri's managed state.

use ccp_core::app_lock::AppLock;
use ccp_core::launcher::Launcher;
use ccp_core::{Core, now_unix};
use ccp_model::ipc::{AppEvent, OptionalPart, ShortcutProblem, Unavailable};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the window stays hidden before its web view is released (`window.rs`): five
/// minutes, longer than a checkout (window hidden while paying in the browser, shown to copy or
/// check a code), so a checkout never waits for a window to be built.
pub const RELEASE_HIDDEN_SECS: u64 = 300;

pub struct AppState {
    /// The server the user chose (or the demo) and its core; swapped when the user changes it.
    pub launcher: Launcher,
    pub clipboard_clear_after: Duration,
    /// Seconds in one minute of "unfreeze for N minutes" (60; tests shorten it).
    pub minute_secs: u64,
    /// Seconds the window stays hidden before its web view is released.
    pub release_hidden_secs: u64,
    /// Counts each time the window is shown or hidden: a release planned at one hide is
    /// dropped when the window changed since.
    pub window_turn: AtomicU64,
    /// A released window is being built again.
    pub window_building: AtomicBool,
    /// The window was released (closed by the app, not the user): no reason to quit.
    pub window_released: AtomicBool,
    /// What a window built again opens first (asked for while it was released).
    open_first: Mutex<Option<AppEvent>>,
    /// A tray icon is up, so closing the window hides it instead of quitting.
    pub tray: AtomicBool,
    /// Passcode notifications are paused until this Unix second (the tray's "Pause for 1 hour").
    pub paused_until: AtomicI64,
    /// Why the copy shortcut is not registered, if it is not (shown in Settings).
    pub shortcut_problem: Mutex<Option<ShortcutProblem>>,
    /// Optional parts that failed to start (shown in Settings; the app goes on without them).
    unavailable: Mutex<Vec<Unavailable>>,
    /// Potato Cloud card keys (the Card keys page).
    pub keys: crate::keys::Keys,
    /// The app lock (its state shared with the session's other processes).
    pub lock: Arc<AppLock>,
    /// The window is locked: commands give nothing of the account, events carry none.
    locked: AtomicBool,
    /// The user last did something in the window (the idle lock counts from here).
    last_activity: Mutex<Instant>,
}

impl AppState {
    pub fn new(
        launcher: Launcher,
        clipboard_clear_after: Duration,
        keys: crate::keys::Keys,
        lock: Arc<AppLock>,
    ) -> Self {
        AppState {
            keys,
            locked: AtomicBool::new(lock.cached_status().locked),
            lock,
            last_activity: Mutex::new(Instant::now()),
            launcher,
            clipboard_clear_after,
            minute_secs: 60,
            release_hidden_secs: RELEASE_HIDDEN_SECS,
            window_turn: AtomicU64::new(0),
            window_building: AtomicBool::new(false),
            window_released: AtomicBool::new(false),
            open_first: Mutex::new(None),
            tray: AtomicBool::new(false),
            paused_until: AtomicI64::new(0),
            shortcut_problem: Mutex::new(None),
            unavailable: Mutex::new(Vec::new()),
        }
    }

    /// What the next page to start opens first (see `window::open`).
    pub fn set_open_first(&self, event: Option<AppEvent>) {
        *self.open_first.lock().expect("open_first lock") = event;
    }

    /// Taken once: the page that asks is the one built for it.
    pub fn take_open_first(&self) -> Option<AppEvent> {
        self.open_first.lock().expect("open_first lock").take()
    }

    /// Records that `part` could not be set up, and why.
    pub fn set_unavailable(&self, part: OptionalPart, detail: String) {
        tracing::warn!(?part, "an optional part is not available: {detail}");
        let mut all = self.unavailable.lock().expect("unavailable lock");
        all.retain(|u| u.part != part);
        all.push(Unavailable { part, detail });
    }

    pub fn unavailable(&self) -> Vec<Unavailable> {
        self.unavailable.lock().expect("unavailable lock").clone()
    }

    /// The current server's core; an error the window understands before one is chosen, and
    /// [`ccp_core::Error::Locked`] while the app is locked (the one gate: every command that
    /// reads or changes the account comes through here).
    pub fn core(&self) -> ccp_core::Result<Core> {
        if self.is_locked() {
            return Err(ccp_core::Error::Locked);
        }
        self.launcher.require_core()
    }

    /// [`ccp_core::Error::Locked`] while locked: for the commands that do not go through
    /// [`AppState::core`] (settings, the server choice, card keys).
    pub fn unlocked(&self) -> ccp_core::Result<()> {
        if self.is_locked() {
            return Err(ccp_core::Error::Locked);
        }
        Ok(())
    }

    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    pub fn set_locked(&self, locked: bool) {
        self.locked.store(locked, Ordering::SeqCst);
        if !locked {
            self.note_activity();
        }
    }

    pub fn note_activity(&self) {
        *self.last_activity.lock().expect("activity lock") = Instant::now();
    }

    pub fn idle_for(&self) -> Duration {
        self.last_activity.lock().expect("activity lock").elapsed()
    }

    pub fn notifications_paused(&self) -> bool {
        now_unix() < self.paused_until.load(Ordering::Relaxed)
    }

    /// Pauses passcode notifications for `d`, or resumes them (`None`).
    pub fn pause_notifications(&self, d: Option<Duration>) {
        let until = d.map_or(0, |d| now_unix() + d.as_secs() as i64);
        self.paused_until.store(until, Ordering::Relaxed);
    }

    pub fn set_shortcut_problem(&self, problem: Option<ShortcutProblem>) {
        *self.shortcut_problem.lock().expect("shortcut lock") = problem;
    }

    /// The Potato Cloud server of the Card keys page, if the user set one up.
    pub fn potato_server(&self) -> Option<String> {
        self.launcher.settings().potato_server
    }

    pub fn shortcut_problem(&self) -> Option<ShortcutProblem> {
        self.shortcut_problem.lock().expect("shortcut lock").clone()
    }
}
