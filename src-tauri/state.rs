//! What the commands and event handlers reach through Tauri's managed state.

use ccp_core::Core;
use ccp_core::launcher::Launcher;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

pub struct AppState {
    /// The server the user chose (or the demo) and its core; swapped when the user changes it.
    pub launcher: Launcher,
    pub clipboard_clear_after: Duration,
    /// A tray icon is up, so closing the window hides it instead of quitting.
    pub tray: AtomicBool,
}

impl AppState {
    /// The current server's core; an error the window understands before one is chosen.
    pub fn core(&self) -> ccp_core::Result<Core> {
        self.launcher.require_core()
    }
}
