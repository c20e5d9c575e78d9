use crate::state::AppState;
use crate::{clipboard, notify};
use ccp_model::ipc::{AppEvent, EVENT_CHANNEL};
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::broadcast::{Receiver, error::RecvError};

/// Forwards every core event to the window, and raises a notification for new passcodes.
pub fn forward(app: AppHandle, mut events: Receiver<AppEvent>) {
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => {
                    if let AppEvent::NewPasscode(p) = &event {
                        notify::new_passcode(&app, p);
                    }
                    // A code copied in the session must not outlive it on the clipboard.
                    if let AppEvent::SignedOut { .. } = &event {
                        clipboard::clear_if_ours(&app);
                    }
                    if let Err(e) = app.emit(EVENT_CHANNEL, &event) {
                        tracing::warn!("could not emit an event to the window: {e}");
                    }
                }
                // The window missed some events; a fresh snapshot makes it whole again.
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!("the window missed {n} events; sending a snapshot");
                    let core = app.state::<AppState>().launcher.core();
                    if let Some(core) = core
                        && let Ok(snapshot) = core.snapshot().await
                    {
                        let _ = app.emit(EVENT_CHANNEL, AppEvent::Snapshot(Box::new(snapshot)));
                    }
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}
