//! What the commands and event handlers reach through Tauri's managed state.

use ccp_core::demo::Demo;
use ccp_core::{Core, SyncHandle};
use ccp_model::ipc::AppInfo;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

pub struct AppState {
    pub core: Core,
    /// Name, version, mode and server: fixed for the app's life (settings come from the core).
    pub info: AppInfo,
    pub clipboard_clear_after: Duration,
    /// A tray icon is up, so closing the window hides it instead of quitting.
    pub tray: AtomicBool,
    /// The running pollers; taken (and so stopped) when the app exits.
    pub sync: Mutex<Option<SyncHandle>>,
    /// Keeps the embedded sandbox (demo mode) alive as long as the app.
    pub _demo: Option<Demo>,
}
