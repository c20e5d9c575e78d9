//! Saving the settings the window sends. Two of them live outside the app and are applied
//! first: the copy shortcut (keys the desktop will not give leave the old ones active and the
//! reason in Settings, and the rest is saved all the same) and the login item.

use crate::error::Result;
use crate::state::AppState;
use crate::{autostart, shortcut};
use ccp_model::ipc::Settings;
use tauri::AppHandle;

/// Applies what changed outside the app, then saves; answers with what was saved.
pub fn apply(app: &AppHandle, state: &AppState, new: &Settings) -> Result<Settings> {
    let old = state.launcher.settings();
    let mut new = new.clone();
    let (old_shortcut, new_shortcut) = (old.copy_shortcut.as_deref(), new.copy_shortcut.as_deref());
    if shortcut::change(app, old_shortcut, new_shortcut).is_err() {
        new.copy_shortcut = old.copy_shortcut.clone();
    }
    if old.start_at_login != new.start_at_login {
        autostart::set(app, new.start_at_login)?;
    }
    Ok(state.launcher.save_settings(&new)?)
}
