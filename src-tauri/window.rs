//! The main window, brought forward from wherever the user asks for it: the tray, a
//! notification, a second launch, the start. Its own module so that those callers depend on it
//! and not on each other (the tray reaches the shortcut, the shortcut notifies, and a
//! notification click shows the window).
//!
//! The app lives in the tray most of the day. A window hidden for the state's
//! `release_hidden_secs` ([`RELEASE_HIDDEN_SECS`](crate::state::RELEASE_HIDDEN_SECS) unless a
//! test shortens it) is closed, and with it its WebKit web process (most of the app's memory);
//! it is built again from tauri.conf.json when the user asks for it. The page holds nothing the
//! core does not (data flows one way, core → window), so the new window paints the same cards
//! from the cache; only a half-typed form is lost.

use crate::state::AppState;
use ccp_model::ipc::{AppEvent, EVENT_CHANNEL};
use std::sync::atomic::Ordering;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, WebviewWindow};

const MAIN: &str = "main";

/// Shows, restores and focuses the main window.
pub fn show(app: &AppHandle) {
    open(app, None);
}

/// Shows the window on the Codes page (a click on a passcode notification).
pub fn show_codes(app: &AppHandle) {
    open(app, Some(AppEvent::ShowCodes));
}

/// "Wasn't me" from the tray or a notification: the window comes forward and asks to confirm
/// freezing every card (nothing is frozen without that click).
pub fn ask_to_freeze_all(app: &AppHandle) {
    // Locked: the lock screen comes first; the question waits for the unlock.
    if app.state::<AppState>().is_locked() {
        show(app);
        return;
    }
    open(app, Some(AppEvent::ShowFreezeAll));
}

/// Hides the window into the tray; its web view is released if it stays hidden.
pub fn hide(window: &tauri::Window) {
    let _ = window.hide();
    release_later(window.app_handle());
}

/// The window as Tauri built it from the config at start: the web view's settings applied.
pub fn started(app: &AppHandle) {
    if let Some(window) = app.get_webview_window(MAIN) {
        tune(&window);
    }
}

/// Releases the hidden window's web view after the state's `release_hidden_secs`, unless it
/// was shown (or hidden again, which plans its own release) in between.
pub fn release_later(app: &AppHandle) {
    let state = app.state::<AppState>();
    let turn = state.window_turn.fetch_add(1, Ordering::SeqCst) + 1;
    let after = Duration::from_secs(state.release_hidden_secs);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(after).await;
        if app.state::<AppState>().window_turn.load(Ordering::SeqCst) != turn {
            return;
        }
        let Some(window) = app.get_webview_window(MAIN) else {
            return;
        };
        if window.is_visible().unwrap_or(true) {
            return;
        }
        tracing::info!("hidden for {} s: the window is released", after.as_secs());
        let state = app.state::<AppState>();
        state.window_released.store(true, Ordering::SeqCst);
        if let Err(e) = window.destroy() {
            state.window_released.store(false, Ordering::SeqCst);
            tracing::warn!("the hidden window could not be released: {e}");
        }
    });
}

/// Brings the window forward (built again if it was released), then `then` for its page.
fn open(app: &AppHandle, then: Option<AppEvent>) {
    let state = app.state::<AppState>();
    state.window_turn.fetch_add(1, Ordering::SeqCst);
    if let Some(window) = app.get_webview_window(MAIN) {
        present(&window);
        if let Some(event) = then
            && let Err(e) = app.emit(EVENT_CHANNEL, event)
        {
            tracing::warn!("could not ask the window for a page: {e}");
        }
        return;
    }
    // Released: a new page would miss an event sent now, so it asks for it when it starts
    // (app_info). One build at a time: a second click meanwhile only updates the request.
    state.set_open_first(then);
    if state.window_building.swap(true, Ordering::SeqCst) {
        return;
    }
    let app = app.clone();
    // Off the event loop's thread: building a web view waits on that loop (WebView2 deadlocks
    // when built synchronously in an event handler).
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        match build(&app) {
            Ok(window) => {
                state.window_released.store(false, Ordering::SeqCst);
                present(&window);
            }
            Err(e) => tracing::warn!("the window could not be built again: {e}"),
        }
        state.window_building.store(false, Ordering::SeqCst);
    });
}

fn build(app: &AppHandle) -> tauri::Result<WebviewWindow> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == MAIN)
        .cloned()
        .ok_or_else(|| tauri::Error::WebviewNotFound)?;
    let window = tauri::WebviewWindowBuilder::from_config(app, &config)?.build()?;
    tune(&window);
    Ok(window)
}

fn present(window: &WebviewWindow) {
    let _ = window.show();
    let _ = window.unminimize();
    let _ = window.set_focus();
}

/// WebKitGTK's document-viewer cache model: no back/forward page cache and no cached spare
/// web process, small memory caches. The window shows one local page whose data come over IPC,
/// so a browser's caches only hold memory (measured by scripts/bench.sh).
fn tune(window: &WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(e) = done {
            tracing::debug!("the web view's cache model is left as it is: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
