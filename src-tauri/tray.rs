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
use tauri::menu::{Menu, MenuItem, Submenu};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Wry};

const COPY: &str = "copy";
const OPEN: &str = "open";
const PAUSE: &str = "pause";
const QUIT: &str = "quit";
const WASNT_ME: &str = "wasnt-me";
/// Followed by a card's public token.
const UNFREEZE: &str = "unfreeze:";
/// The tray offers the window's middle choice.
const UNFREEZE_MINUTES: u32 = 15;
const PAUSE_FOR: Duration = Duration::from_secs(3600);

/// The tray's parts, kept to update them, and what they show now.
struct Tray {
    icon: TrayIcon,
    items: Mutex<Items>,
    shown: Mutex<Option<TrayView>>,
}

/// The menu's entries whose text changes; rebuilt when the cards listed change.
struct Items {
    copy: MenuItem<Wry>,
    open: MenuItem<Wry>,
    pause: MenuItem<Wry>,
    quit: MenuItem<Wry>,
    wasnt_me: MenuItem<Wry>,
    /// One per card frozen again soon: "…1149 frozen again in 14:32".
    refreeze: Vec<MenuItem<Wry>>,
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
    pub wasnt_me: String,
    /// The submenu "Unfreeze for 15 minutes" and its frozen cards: (public token, number).
    pub unfreeze: String,
    /// The submenu's only entry when no card is frozen.
    pub no_frozen: String,
    pub frozen: Vec<(String, String)>,
    /// Cards unfrozen for one checkout, each with its countdown.
    pub refreeze: Vec<String>,
}

/// What the tray knows of the cards: the frozen ones, and those frozen again soon.
#[derive(Debug, Clone, Default)]
pub struct CardsForTray {
    /// (public token, masked number)
    pub frozen: Vec<(String, String)>,
    /// (masked number, deadline)
    pub refreeze: Vec<(String, i64)>,
}

pub fn view(
    lang: Lang,
    newest: Option<&PasscodeView>,
    now: i64,
    show_code: bool,
    paused: bool,
    cards: &CardsForTray,
) -> TrayView {
    let mut view = code_view(lang, newest, now, show_code, paused);
    view.unfreeze = t(lang, Text::UnfreezeFor).to_owned();
    view.no_frozen = t(lang, Text::NoFrozenCard).to_owned();
    view.frozen = cards.frozen.clone();
    view.refreeze = cards
        .refreeze
        .iter()
        .map(|(number, at)| tf(lang, Text::RefreezeIn, &[number, &countdown(at - now)]))
        .collect();
    view
}

fn code_view(
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
    let wasnt_me = t(lang, Text::WasntMe).to_owned();
    let (unfreeze, no_frozen) = (String::new(), String::new());
    let (frozen, refreeze) = (Vec::new(), Vec::new());
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
                wasnt_me,
                unfreeze,
                no_frozen,
                frozen,
                refreeze,
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
            wasnt_me,
            unfreeze,
            no_frozen,
            frozen,
            refreeze,
        },
    }
}

/// Installs the tray icon and keeps it current. Where the desktop has no tray it fails, and the
/// caller keeps the ordinary close-quits behaviour.
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let initial = view(Lang::En, None, 0, false, false, &CardsForTray::default());
    let (menu, items) = menu(app, &initial)?;
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip(&initial.tooltip)
        .menu(&menu)
        .on_menu_event(|app, event| on_menu(app, event.id().as_ref()))
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
        items: Mutex::new(items),
        shown: Mutex::new(Some(initial)),
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

fn on_menu(app: &AppHandle, id: &str) {
    let app = app.clone();
    match id {
        COPY => {
            tauri::async_runtime::spawn(async move { shortcut::copy_newest(&app).await });
        }
        OPEN => window::show(&app),
        PAUSE => toggle_pause(&app),
        QUIT => app.exit(0),
        WASNT_ME => window::ask_to_freeze_all(&app),
        _ => {
            if let Some(token) = id.strip_prefix(UNFREEZE) {
                let token = token.to_owned();
                tauri::async_runtime::spawn(async move { unfreeze(&app, &token).await });
            }
        }
    }
}

/// "Unfreeze for 15 minutes" from the tray; a refusal is said in a notification.
async fn unfreeze(app: &AppHandle, token: &str) {
    let state = app.state::<AppState>();
    if state.is_locked() {
        window::show(app);
        return;
    }
    let minutes = Duration::from_secs(state.minute_secs * u64::from(UNFREEZE_MINUTES));
    let result = match state.core() {
        Ok(core) => core.unfreeze_for(token, minutes).await,
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        let _ = crate::notify::notice(app, &e.to_string());
    }
}

/// The menu for a view, and its entries to update later.
fn menu(app: &AppHandle, v: &TrayView) -> tauri::Result<(Menu<Wry>, Items)> {
    let item = |id: &str, text: &str, enabled: bool| {
        MenuItem::with_id(app, id, text, enabled, None::<&str>)
    };
    let items = Items {
        copy: item(COPY, &v.copy, v.copy_enabled)?,
        open: item(OPEN, &v.open, true)?,
        pause: item(PAUSE, &v.pause, true)?,
        quit: item(QUIT, &v.quit, true)?,
        wasnt_me: item(WASNT_ME, &v.wasnt_me, true)?,
        refreeze: v
            .refreeze
            .iter()
            .enumerate()
            .map(|(i, text)| item(&format!("refreeze-{i}"), text, false))
            .collect::<tauri::Result<_>>()?,
    };
    let unfreeze = Submenu::with_id(app, "unfreeze", &v.unfreeze, true)?;
    if v.frozen.is_empty() {
        unfreeze.append(&MenuItem::new(app, &v.no_frozen, false, None::<&str>)?)?;
    }
    for (token, number) in &v.frozen {
        unfreeze.append(&item(&format!("{UNFREEZE}{token}"), number, true)?)?;
    }
    let menu = Menu::with_items(app, &[&items.copy, &items.open])?;
    for r in &items.refreeze {
        menu.append(r)?;
    }
    menu.append(&unfreeze)?;
    menu.append(&items.wasnt_me)?;
    menu.append(&items.pause)?;
    menu.append(&items.quit)?;
    Ok((menu, items))
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
    let (newest, cards) = match state.launcher.core() {
        Some(core) if core.is_signed_in() => (
            core.newest_live_passcode(now).await,
            cards_for_tray(&core).await,
        ),
        _ => (None, CardsForTray::default()),
    };
    let next = view(
        settings.language,
        newest.as_ref(),
        now,
        settings.show_code_in_notification,
        state.notifications_paused(),
        &cards,
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

async fn cards_for_tray(core: &ccp_core::Core) -> CardsForTray {
    let cards = core.cards().await.map(|c| c.data).unwrap_or_default();
    let number = |token: &str| {
        cards
            .iter()
            .find(|c| c.public_token == token)
            .map_or_else(|| token.to_owned(), |c| c.masked_number.clone())
    };
    CardsForTray {
        frozen: cards
            .iter()
            .filter(|c| c.status.can_unfreeze())
            .map(|c| (c.public_token.clone(), c.masked_number.clone()))
            .collect(),
        refreeze: core
            .refreeze_deadlines()
            .await
            .into_iter()
            .map(|d| (number(&d.public_token), d.at))
            .collect(),
    }
}

fn apply(tray: &Tray, old: Option<&TrayView>, new: &TrayView) -> tauri::Result<()> {
    tray.icon.set_title(Some(&new.title))?;
    tray.icon.set_tooltip(Some(&new.tooltip))?;
    let mut items = tray.items.lock().expect("tray items lock");
    let rebuild = old.is_none_or(|o| {
        o.frozen != new.frozen
            || o.refreeze.len() != new.refreeze.len()
            || o.unfreeze != new.unfreeze
            || o.no_frozen != new.no_frozen
    });
    if rebuild {
        let (menu, fresh) = menu(tray.icon.app_handle(), new)?;
        tray.icon.set_menu(Some(menu))?;
        *items = fresh;
    }
    items.copy.set_text(&new.copy)?;
    items.copy.set_enabled(new.copy_enabled)?;
    items.open.set_text(&new.open)?;
    items.pause.set_text(&new.pause)?;
    items.quit.set_text(&new.quit)?;
    items.wasnt_me.set_text(&new.wasnt_me)?;
    for (item, text) in items.refreeze.iter().zip(&new.refreeze) {
        item.set_text(text)?;
    }
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

    #[test]
    fn cards_unfrozen_for_a_while_count_down_and_frozen_ones_are_offered() {
        let cards = CardsForTray {
            frozen: vec![("tok".into(), "5203••1353".into())],
            refreeze: vec![("4413••1149".into(), 1_000 + 14 * 60 + 32)],
        };
        let v = view(Lang::En, None, 1_000, false, false, &cards);
        assert_eq!(v.unfreeze, "Unfreeze for 15 minutes");
        assert_eq!(v.frozen, cards.frozen);
        assert_eq!(v.refreeze, ["4413••1149 frozen again in 14:32"]);
        assert_eq!(v.wasnt_me, "Wasn't me — freeze all cards");
    }

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
        let none = CardsForTray::default();
        let v = view(
            Lang::En,
            Some(&code(1_000 + 245)),
            1_000,
            false,
            false,
            &none,
        );
        assert_eq!(v.title, "4:05");
        assert_eq!(v.tooltip, "Code for Amazon: 4:05 left");
        assert_eq!(v.copy, "Copy newest code (4:05 left)");
        assert!(v.copy_enabled && v.live);
        assert!(!format!("{v:?}").contains("123456"));
        let shown = view(Lang::En, Some(&code(1_245)), 1_000, true, false, &none);
        assert_eq!(shown.title, "123456 · 4:05");
    }

    #[test]
    fn without_a_live_code_the_tray_rests_and_speaks_the_users_language() {
        let none = CardsForTray::default();
        let v = view(Lang::Zh, Some(&code(1_000)), 1_000, true, true, &none);
        assert_eq!(v.title, "");
        assert!(!v.copy_enabled && !v.live);
        assert_eq!(v.pause, "恢复通知");
        assert_eq!(v.quit, "退出");
        assert_eq!(
            view(Lang::Ar, None, 0, false, false, &none).open,
            "فتح ComeComePay"
        );
    }
}
