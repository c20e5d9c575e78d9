//! The app lock, wired to the desktop: the state lives in ccp-core's [`AppLock`] (and its file,
//! which the other processes of the session read); this module locks the window when the user
//! has been idle for the chosen time, when the screen locks or the machine goes to sleep
//! (D-Bus on Linux), and on demand, and tells the window. While locked, [`AppState::core`]
//! gives nothing of the account to any command, and no event with account data reaches the
//! window (see `events.rs`).

use crate::state::AppState;
use ccp_model::ipc::{AppEvent, EVENT_CHANNEL, LockStatus};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// Locks now (if a PIN is set) and tells the window, which drops everything it shows.
pub async fn lock(app: &AppHandle) {
    let state = app.state::<AppState>();
    match state.lock.lock().await {
        Ok(status) => announce(app, status),
        Err(e) => tracing::error!("could not lock the app: {e}"),
    }
}

/// Tells the window (and keeps the shell's own flag in step).
pub fn announce(app: &AppHandle, status: LockStatus) {
    app.state::<AppState>().set_locked(status.locked);
    if let Err(e) = app.emit(EVENT_CHANNEL, AppEvent::LockChanged(status)) {
        tracing::warn!("could not tell the window about the lock: {e}");
    }
}

/// Locks after the idle time the settings name (tests shorten it with `--lock-idle-secs`).
pub fn lock_when_idle(app: &AppHandle, override_secs: Option<u64>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let state = app.state::<AppState>();
            let idle = match override_secs {
                Some(secs) => Duration::from_secs(secs),
                None => Duration::from_secs(
                    60 * u64::from(state.launcher.settings().lock_after_idle_minutes),
                ),
            };
            if !idle.is_zero()
                && state.lock.cached_status().enabled
                && !state.is_locked()
                && state.idle_for() >= idle
            {
                tracing::info!("idle for {} s: locking", idle.as_secs());
                lock(&app).await;
            }
        }
    });
}

/// Locks when the desktop's screen saver starts (the screen locks) or logind locks the
/// session or the machine goes to sleep. Where there is no such bus, nothing is followed (said
/// in the log); the idle time still locks.
pub fn follow_screen_lock(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    {
        let session = app.clone();
        tauri::async_runtime::spawn(async move {
            if let Err(e) = dbus::screen_saver(&session).await {
                tracing::info!("screen lock signals are not followed on the session bus: {e}");
            }
        });
        let system = app.clone();
        tauri::async_runtime::spawn(async move {
            if let Err(e) = dbus::logind(&system).await {
                tracing::info!("logind lock and sleep signals are not followed: {e}");
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

#[cfg(target_os = "linux")]
mod dbus {
    use futures_util::StreamExt;
    use tauri::AppHandle;
    use zbus::message::Type;
    use zbus::{Connection, MatchRule, MessageStream};

    /// The screen savers that announce `ActiveChanged(true)` when the screen locks.
    const SCREEN_SAVERS: [&str; 4] = [
        "org.freedesktop.ScreenSaver",
        "org.gnome.ScreenSaver",
        "org.mate.ScreenSaver",
        "org.cinnamon.ScreenSaver",
    ];

    pub async fn screen_saver(app: &AppHandle) -> zbus::Result<()> {
        let conn = Connection::session().await?;
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .member("ActiveChanged")?
            .build();
        let mut signals = MessageStream::for_match_rule(rule, &conn, None).await?;
        while let Some(message) = signals.next().await {
            let message = message?;
            let header = message.header();
            let ours = header
                .interface()
                .is_some_and(|i| SCREEN_SAVERS.contains(&i.as_str()));
            if ours && message.body().deserialize::<bool>().unwrap_or(false) {
                tracing::info!("the screen locked: locking");
                super::lock(app).await;
            }
        }
        Ok(())
    }

    /// logind's `Lock` for this process's session, and `PrepareForSleep(true)`.
    pub async fn logind(app: &AppHandle) -> zbus::Result<()> {
        let conn = Connection::system().await?;
        let reply = conn
            .call_method(
                Some("org.freedesktop.login1"),
                "/org/freedesktop/login1",
                Some("org.freedesktop.login1.Manager"),
                "GetSessionByPID",
                &(std::process::id()),
            )
            .await?;
        let session: zbus::zvariant::OwnedObjectPath = reply.body().deserialize()?;
        let lock = MatchRule::builder()
            .msg_type(Type::Signal)
            .interface("org.freedesktop.login1.Session")?
            .member("Lock")?
            .path(session)?
            .build();
        let sleep = MatchRule::builder()
            .msg_type(Type::Signal)
            .interface("org.freedesktop.login1.Manager")?
            .member("PrepareForSleep")?
            .build();
        let locks = MessageStream::for_match_rule(lock, &conn, None).await?;
        let sleeps = MessageStream::for_match_rule(sleep, &conn, None).await?;
        let mut both = futures_util::stream::select(locks, sleeps);
        while let Some(message) = both.next().await {
            let message = message?;
            let member = message.header().member().map(|m| m.to_string());
            let going = member.as_deref() == Some("Lock")
                || message.body().deserialize::<bool>().unwrap_or(false);
            if going {
                tracing::info!("logind: {member:?}: locking");
                super::lock(app).await;
            }
        }
        Ok(())
    }
}
