//! The system-wide copy shortcut (default Ctrl+Alt+C): the newest live code goes to the
//! clipboard (cleared after a while if still ours) and a short notification says how long it
//! lasts — the user never has to find the window while a bank's page waits. Also the tray's
//! "Copy newest code". A shortcut another app holds is reported, never silently lost.

use crate::clipboard;
use crate::i18n::{Text, countdown, t, tf};
use crate::notify;
use crate::state::AppState;
use ccp_core::now_unix;
use ccp_model::ipc::ShortcutProblem;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};

pub fn plugin() -> TauriPlugin<Wry> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state() == ShortcutState::Pressed {
                let app = app.clone();
                tauri::async_runtime::spawn(async move { copy_newest(&app).await });
            }
        })
        .build()
}

/// Registers the shortcut the settings name at start; a problem is kept for Settings to show.
pub fn register_at_start(app: &AppHandle) {
    let state = app.state::<AppState>();
    let wanted = state.launcher.settings().copy_shortcut;
    let problem = wanted.as_deref().and_then(|s| register(app, s).err());
    if let Some(problem) = &problem {
        tracing::warn!("the copy shortcut is not active: {problem}");
    }
    state.set_shortcut_problem(problem);
}

/// System-wide shortcuts cannot be had here at all: said in Settings (with the desktop's own
/// shortcut settings and `--copy-newest` as the way round).
pub fn unavailable(app: &AppHandle, detail: String) {
    tracing::warn!("system-wide shortcuts are not available: {detail}");
    app.state::<AppState>()
        .set_shortcut_problem(Some(ShortcutProblem::Unavailable { detail }));
}

/// Whether the shortcut plugin started (its state exists only then).
fn available(app: &AppHandle) -> bool {
    app.try_state::<tauri_plugin_global_shortcut::GlobalShortcut<Wry>>()
        .is_some()
}

/// Moves the shortcut from `old` to `new`. If `new` cannot be had, `old` is put back and the
/// error says why (so the settings are not saved with a shortcut that does nothing).
pub fn change(
    app: &AppHandle,
    old: Option<&str>,
    new: Option<&str>,
) -> std::result::Result<(), ShortcutProblem> {
    if !available(app) {
        // Nothing to move: the same reason stands (saving the other settings goes on).
        let problem = app.state::<AppState>().shortcut_problem();
        return match (old == new, problem) {
            (true, _) | (_, None) => Ok(()),
            (false, Some(problem)) => Err(problem),
        };
    }
    if old == new && app.state::<AppState>().shortcut_problem().is_none() {
        return Ok(());
    }
    if let Some(old) = old {
        let _ = app.global_shortcut().unregister(old);
    }
    let result = new.map_or(Ok(()), |s| register(app, s));
    if result.is_err()
        && let Some(old) = old
    {
        let _ = register(app, old);
    }
    app.state::<AppState>()
        .set_shortcut_problem(result.as_ref().err().cloned());
    result
}

fn register(app: &AppHandle, text: &str) -> std::result::Result<(), ShortcutProblem> {
    let keys = text.to_owned();
    let shortcut: Shortcut = text
        .parse()
        .map_err(|_| ShortcutProblem::NotKeys { keys: keys.clone() })?;
    app.global_shortcut()
        .register(shortcut)
        .map_err(|e| ShortcutProblem::NotGiven {
            keys,
            detail: e.to_string(),
        })
}

/// Copies the newest live code and says so in a notification; with none live, says that.
/// A press is also a sign that a payment is under way: a code is expected, so the passcode
/// poller goes to its fastest pace for a while.
pub async fn copy_newest(app: &AppHandle) {
    let state = app.state::<AppState>();
    // Locked: nothing is copied; the window comes forward on its lock screen.
    if state.is_locked() {
        crate::window::show(app);
        return;
    }
    let Ok(core) = state.core() else {
        return;
    };
    core.expect_passcode();
    let lang = state.launcher.settings().language;
    let now = now_unix();
    let message = match core.newest_live_passcode(now).await {
        Some(p) => {
            let left = countdown(p.seconds_left(now));
            match clipboard::copy_for_a_while(p.passcode, state.clipboard_clear_after) {
                Ok(()) => tf(lang, Text::CodeCopied, &[&left]),
                Err(e) => {
                    tracing::warn!("could not copy the code: {e}");
                    return;
                }
            }
        }
        None => t(lang, Text::NoLiveCode).to_owned(),
    };
    if let Err(e) = notify::notice(app, &message) {
        tracing::warn!("notification failed: {e}");
    }
}
