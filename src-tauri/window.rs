//! The main window, brought forward from wherever the user asks for it: the tray, a
//! notification, a second launch, the start. Its own module so that those callers depend on it
//! and not on each other (the tray reaches the shortcut, the shortcut notifies, and a
//! notification click shows the window).

use tauri::{AppHandle, Manager};

/// Shows, restores and focuses the main window.
pub fn show(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}
