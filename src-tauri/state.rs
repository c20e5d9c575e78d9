//! What the commands and event handlers reach through Tauri's managed state.

use ccp_core::launcher::Launcher;
use ccp_core::{Core, now_unix};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

pub struct AppState {
    /// The server the user chose (or the demo) and its core; swapped when the user changes it.
    pub launcher: Launcher,
    pub clipboard_clear_after: Duration,
    /// Seconds in one minute of "unfreeze for N minutes" (60; tests shorten it).
    pub minute_secs: u64,
    /// A tray icon is up, so closing the window hides it instead of quitting.
    pub tray: AtomicBool,
    /// Passcode notifications are paused until this Unix second (the tray's "Pause for 1 hour").
    pub paused_until: AtomicI64,
    /// Why the copy shortcut is not registered, if it is not (shown in Settings).
    pub shortcut_problem: Mutex<Option<String>>,
    /// Potato Cloud card keys (the Card keys page).
    pub keys: crate::keys::Keys,
}

impl AppState {
    pub fn new(
        launcher: Launcher,
        clipboard_clear_after: Duration,
        keys: crate::keys::Keys,
    ) -> Self {
        AppState {
            keys,
            launcher,
            clipboard_clear_after,
            minute_secs: 60,
            tray: AtomicBool::new(false),
            paused_until: AtomicI64::new(0),
            shortcut_problem: Mutex::new(None),
        }
    }

    /// The current server's core; an error the window understands before one is chosen.
    pub fn core(&self) -> ccp_core::Result<Core> {
        self.launcher.require_core()
    }

    pub fn notifications_paused(&self) -> bool {
        now_unix() < self.paused_until.load(Ordering::Relaxed)
    }

    /// Pauses passcode notifications for `d`, or resumes them (`None`).
    pub fn pause_notifications(&self, d: Option<Duration>) {
        let until = d.map_or(0, |d| now_unix() + d.as_secs() as i64);
        self.paused_until.store(until, Ordering::Relaxed);
    }

    pub fn set_shortcut_problem(&self, problem: Option<String>) {
        *self.shortcut_problem.lock().expect("shortcut lock") = problem;
    }

    /// The Potato Cloud server of the Card keys page, if the user set one up.
    pub fn potato_server(&self) -> Option<String> {
        self.launcher.settings().potato_server
    }

    pub fn shortcut_problem(&self) -> Option<String> {
        self.shortcut_problem.lock().expect("shortcut lock").clone()
    }
}
