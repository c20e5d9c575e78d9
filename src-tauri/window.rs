//! The main window, brought forward from wherever the user asks for it: the tray, a
//! notification, a second launch, the start. Its own module so that those callers depend on it
//! and not on each other (the tray reaches the shortcut, the shortcut notifies, and a
//! notification click shows the window).

use ccp_model::ipc::{AppEvent, EVENT_CHANNEL};
use tauri::{AppHandle, Emitter, Manager};

/// Shows, restores and focuses the main window.
pub fn show(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// "Wasn't me" from the tray or a notification: the window comes forward and asks to confirm
/// freezing every card (nothing is frozen without that click).
pub fn ask_to_freeze_all(app: &AppHandle) {
    show(app);
    // Locked: the lock screen comes first; the question waits for the unlock.
    if app.state::<crate::state::AppState>().is_locked() {
        return;
    }
    if let Err(e) = app.emit(EVENT_CHANNEL, AppEvent::ShowFreezeAll) {
        tracing::warn!("could not ask the window to freeze all cards: {e}");
    }
}
