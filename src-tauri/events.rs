use crate::state::AppState;
use crate::{clipboard, notify};
use ccp_model::ipc::{AppEvent, EVENT_CHANNEL};
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::broadcast::{Receiver, error::RecvError};

/// Notifies a card frozen again (or not), named by its masked number as the cache has it.
async fn refrozen(app: &AppHandle, r: &ccp_model::view::Refrozen) {
    let mut number = r.card.as_ref().map(|c| c.masked_number.clone());
    if number.is_none()
        && let Some(core) = app.state::<AppState>().launcher.core()
        && let Ok(cards) = core.cards().await
    {
        number = cards
            .data
            .into_iter()
            .find(|c| c.public_token == r.public_token)
            .map(|c| c.masked_number);
    }
    notify::refrozen(app, r, number.as_deref().unwrap_or(&r.public_token));
}

/// Forwards every core event to the window, and raises a notification for new passcodes.
pub fn forward(app: AppHandle, mut events: Receiver<AppEvent>) {
    tauri::async_runtime::spawn(async move {
        loop {
            match events.recv().await {
                Ok(event) => {
                    match &event {
                        AppEvent::NewPasscode(p) => notify::new_passcode(&app, p),
                        AppEvent::Refrozen(r) => refrozen(&app, r).await,
                        // A review decided (or reopened) while the app runs: said once.
                        AppEvent::KycChanged {
                            status,
                            previous: Some(previous),
                            ..
                        } if *previous != status.user_kyc_status => {
                            notify::kyc_changed(&app, &status.user_kyc_status)
                        }
                        AppEvent::MessagesChanged { new, .. } => notify::new_messages(&app, new),
                        _ => {}
                    }
                    // A code copied in the session must not outlive it on the clipboard.
                    if let AppEvent::SignedOut { .. } = &event {
                        clipboard::clear_if_ours();
                    }
                    // Locked: the window shows only the lock screen, and nothing of the account
                    // reaches it (unlocking sends the whole picture again).
                    if app.state::<AppState>().is_locked() {
                        continue;
                    }
                    if let Err(e) = app.emit(EVENT_CHANNEL, &event) {
                        tracing::warn!("could not emit an event to the window: {e}");
                    }
                }
                // The window missed some events; a fresh snapshot makes it whole again.
                Err(RecvError::Lagged(_)) if app.state::<AppState>().is_locked() => {}
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
