//! The tray icon: closing the window keeps the app running, so passcode notifications still
//! arrive. While a code is live the tray counts it down (title next to the icon, tooltip, a
//! badged icon) and its menu copies it — the code itself is shown only when the user allows it
//! in notifications too. Every word follows the user's language.

use crate::i18n::{Lang, Text, countdown, t, tf};
use crate::state::AppState;
use crate::{shortcut, window};
use ccp_core::now_unix;
use ccp_model::view::PasscodeView;
use std::sync::Mutex;
use std::time::Duration;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Wry};

const COPY: &str = "copy";
const OPEN: &str = "open";
const PAUSE: &str = "pause";
const QUIT: &str = "quit";
const PAUSE_FOR: Duration = Duration::from_secs(3600);

/// The tray's parts, kept to update them, and what they show now.
struct Tray {
    icon: TrayIcon,
    copy: MenuItem<Wry>,
    open: MenuItem<Wry>,
    pause: MenuItem<Wry>,
    quit: MenuItem<Wry>,
    shown: Mutex<Option<TrayView>>,
}

/// Everything the tray shows, computed from the state (a pure function, so it is tested).
#[derive(Debug, Clone, PartialEq)]
pub struct TrayView {
    /// Next to the icon (the label on Linux, the title on macOS): the countdown, or nothing.
    pub title: String,
    pub tooltip: String,
    pub copy: String,
    pub copy_enabled: bool,
    pub open: String,
    pub pause: String,
    pub quit: String,
    /// A code is live: the badged icon.
    pub live: bool,
}

pub fn view(
    lang: Lang,
    newest: Option<&PasscodeView>,
    now: i64,
    show_code: bool,
    paused: bool,
) -> TrayView {
    let pause = t(lang, if paused { Text::Resume } else { Text::Pause }).to_owned();
    let (open, quit) = (
        t(lang, Text::Open).to_owned(),
        t(lang, Text::Quit).to_owned(),
    );
    match newest.filter(|p| p.is_live(now)) {
        Some(p) => {
            let left = countdown(p.seconds_left(now));
            let title = if show_code {
                format!("{} · {left}", p.passcode.expose())
            } else {
                left.clone()
            };
            TrayView {
                title,
                tooltip: tf(lang, Text::TrayLive, &[&p.merchant_name, &left]),
                copy: tf(lang, Text::CopyNewest, &[&left]),
                copy_enabled: true,
                open,
                pause,
                quit,
                live: true,
            }
        }
        None => TrayView {
            title: String::new(),
            tooltip: t(lang, Text::TrayIdle).to_owned(),
            copy: t(lang, Text::NoLiveCodeMenu).to_owned(),
            copy_enabled: false,
            open,
            pause,
            quit,
            live: false,
        },
    }
}

/// Installs the tray icon and keeps it current. Where the desktop has no tray it fails, and the
/// caller keeps the ordinary close-quits behaviour.
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let initial = view(Lang::En, None, 0, false, false);
    let copy = MenuItem::with_id(app, COPY, &initial.copy, false, None::<&str>)?;
    let open = MenuItem::with_id(app, OPEN, &initial.open, true, None::<&str>)?;
    let pause = MenuItem::with_id(app, PAUSE, &initial.pause, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, &initial.quit, true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&copy, &open, &pause, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip(&initial.tooltip)
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            COPY => {
                let app = app.clone();
                tauri::async_runtime::spawn(async move { shortcut::copy_newest(&app).await });
            }
            OPEN => window::show(app),
            PAUSE => toggle_pause(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                window::show(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    app.manage(Tray {
        icon,
        copy,
        open,
        pause,
        quit,
        shown: Mutex::new(None),
    });
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            refresh(&app).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    Ok(())
}

fn toggle_pause(app: &AppHandle) {
    let state = app.state::<AppState>();
    let pause = (!state.notifications_paused()).then_some(PAUSE_FOR);
    state.pause_notifications(pause);
    let app = app.clone();
    tauri::async_runtime::spawn(async move { refresh(&app).await });
}

/// Brings the tray in line with the newest live code; touches it only when something changed.
async fn refresh(app: &AppHandle) {
    let Some(tray) = app.try_state::<Tray>() else {
        return;
    };
    let state = app.state::<AppState>();
    let settings = state.launcher.settings();
    let now = now_unix();
    let newest = match state.launcher.core() {
        Some(core) if core.is_signed_in() => core.newest_live_passcode(now).await,
        _ => None,
    };
    let next = view(
        settings.language,
        newest.as_ref(),
        now,
        settings.show_code_in_notification,
        state.notifications_paused(),
    );
    let mut shown = tray.shown.lock().expect("tray lock");
    if shown.as_ref() == Some(&next) {
        return;
    }
    if let Err(e) = apply(&tray, shown.as_ref(), &next) {
        tracing::debug!("could not update the tray: {e}");
    }
    *shown = Some(next);
}

fn apply(tray: &Tray, old: Option<&TrayView>, new: &TrayView) -> tauri::Result<()> {
    tray.icon.set_title(Some(&new.title))?;
    tray.icon.set_tooltip(Some(&new.tooltip))?;
    tray.copy.set_text(&new.copy)?;
    tray.copy.set_enabled(new.copy_enabled)?;
    tray.open.set_text(&new.open)?;
    tray.pause.set_text(&new.pause)?;
    tray.quit.set_text(&new.quit)?;
    if old.is_none_or(|o| o.live != new.live) {
        let icon = if new.live {
            Some(Image::from_bytes(include_bytes!("../icons/tray-live.png"))?)
        } else {
            tray.icon.app_handle().default_window_icon().cloned()
        };
        tray.icon.set_icon(icon)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;

    fn code(expires: i64) -> PasscodeView {
        PasscodeView {
            id: 1,
            merchant_name: "Amazon".into(),
            amount: "9.99".into(),
            currency: "USD".into(),
            passcode: Sensitive::new("123456"),
            received_at: String::new(),
            received_at_unix: expires - 300,
            expires_at_unix: expires,
        }
    }

    #[test]
    fn a_live_code_counts_down_and_shows_itself_only_when_allowed() {
        let v = view(Lang::En, Some(&code(1_000 + 245)), 1_000, false, false);
        assert_eq!(v.title, "4:05");
        assert_eq!(v.tooltip, "Code for Amazon: 4:05 left");
        assert_eq!(v.copy, "Copy newest code (4:05 left)");
        assert!(v.copy_enabled && v.live);
        assert!(!format!("{v:?}").contains("123456"));
        let shown = view(Lang::En, Some(&code(1_245)), 1_000, true, false);
        assert_eq!(shown.title, "123456 · 4:05");
    }

    #[test]
    fn without_a_live_code_the_tray_rests_and_speaks_the_users_language() {
        let v = view(Lang::Zh, Some(&code(1_000)), 1_000, true, true);
        assert_eq!(v.title, "");
        assert!(!v.copy_enabled && !v.live);
        assert_eq!(v.pause, "恢复通知");
        assert_eq!(v.quit, "退出");
        assert_eq!(
            view(Lang::Ar, None, 0, false, false).open,
            "فتح ComeComePay"
        );
    }
}
