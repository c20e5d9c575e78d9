//! Plugins the app is better with but can do without (the global shortcut, starting at login,
//! one instance at a time): added after start, so one that fails to set up on this system
//! (no keyboard grab on Wayland, no window handle under wine) is reported, not fatal.

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Wry};

/// Adds `plugin`; `Err` with the platform's words when it cannot start. For tests,
/// `CCP_BROKEN_PLUGINS` (a comma-separated list of names) puts in a plugin that fails to start
/// in its place, through the same path a real failure takes.
pub fn plugin(app: &AppHandle, name: &str, plugin: TauriPlugin<Wry>) -> Result<(), String> {
    let broken = std::env::var("CCP_BROKEN_PLUGINS").unwrap_or_default();
    let plugin = if broken.split(',').any(|b| b.trim() == name) {
        tauri::plugin::Builder::<Wry, ()>::new("ccp-broken")
            .setup(|_, _| Err("made to fail for a test (CCP_BROKEN_PLUGINS)".into()))
            .build()
    } else {
        plugin
    };
    app.plugin(plugin).map_err(|e| e.to_string())
}
