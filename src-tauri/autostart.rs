//! Starting at login (a Settings switch, off by default): the login item starts the app hidden
//! in the tray (`--hidden`), so codes are notified from the moment the desktop is up.

use crate::error::Result;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_autostart::ManagerExt;

/// The login item's name: `comecomepay-desktop.desktop` on Linux.
const NAME: &str = "comecomepay-desktop";

pub fn plugin() -> TauriPlugin<Wry> {
    tauri_plugin_autostart::Builder::new()
        .app_name(NAME)
        .arg("--hidden")
        .build()
}

pub fn set(app: &AppHandle, on: bool) -> Result<()> {
    // Not started on this system (Settings says why): nothing to change.
    if app
        .try_state::<tauri_plugin_autostart::AutoLaunchManager>()
        .is_none()
    {
        return Err(crate::Error::Unavailable("starting at login"));
    }
    let manager = app.autolaunch();
    if on {
        manager.enable()?;
    } else {
        manager.disable()?;
    }
    Ok(())
}

/// At start, a login item the user wanted is rewritten, so it points at this executable even
/// after the app moved or was updated.
pub fn refresh(app: &AppHandle, wanted: bool) {
    if wanted && let Err(e) = set(app, true) {
        tracing::warn!("could not renew the login item: {e}");
    }
}
