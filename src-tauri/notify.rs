use crate::error::Result;
use crate::i18n::{Lang, Text, t, tf};
use crate::state::AppState;
use ccp_model::plain_text::{is_unsafe, strip_unsafe};
use ccp_model::view::{PasscodeView, Refrozen};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::{Action, ActionType, NotificationExt};

/// A click on one of our notifications opens the window on the Codes page (where the platform
/// reports clicks: on Linux the notification's default action); its "Copy code" button runs
/// `copy` (the shortcut's copy, passed in: the shortcut module notifies through this one).
pub fn open_codes_on_click(
    app: &AppHandle,
    copy: fn(AppHandle),
) -> std::result::Result<(), String> {
    let handle = app.clone();
    let registered = app
        .notification()
        .on_action(move |performed| match performed.action_id() {
            "tap" => crate::window::show_codes(&handle),
            WASNT_ME => crate::window::ask_to_freeze_all(&handle),
            COPY => copy(handle.clone()),
            _ => {}
        });
    registered.map_err(|e| e.to_string())
}

/// The buttons on every passcode notification: copy the live code (the window is usually
/// behind the browser that asks for it), and a code nobody asked for.
const COPY: &str = "copy";
const WASNT_ME: &str = "wasnt-me";
const PASSCODE_ACTIONS: &str = "passcode";

/// (Re)registers the passcode notification's button in the user's language.
fn register_passcode_actions(app: &AppHandle, lang: Lang) {
    let copy = Action::builder(COPY, t(lang, Text::CopyCode)).build();
    let wasnt_me = Action::builder(WASNT_ME, t(lang, Text::WasntMe))
        .foreground(true)
        .build();
    let actions = ActionType::builder(PASSCODE_ACTIONS)
        .actions(vec![copy, wasnt_me])
        .build();
    if let Err(e) = app.notification().register_action_types(vec![actions]) {
        tracing::info!("notification buttons are not available here: {e}");
    }
}

pub fn show(app: &AppHandle, title: &str, body: &str) -> Result<()> {
    app.notification()
        .builder()
        .title(title)
        .body(body)
        .show()?;
    Ok(())
}

/// The text of a new-passcode notification. The code itself is left out unless the user
/// turned that on: notifications show on lock screens and end up in the daemon's history.
/// Without it, the body names the copy shortcut when there is one (`shortcut`).
pub fn passcode_text(
    p: &PasscodeView,
    show_code: bool,
    shortcut: Option<&str>,
    lang: Lang,
) -> (String, String) {
    let amount = format!("{} {}", plain(&p.amount), plain(&p.currency));
    let title = tf(lang, Text::NewCodeTitle, &[&amount]);
    let merchant = body_text(&p.merchant_name);
    let body = if show_code {
        format!("{merchant}: {}", body_text(p.passcode.expose()))
    } else if let Some(keys) = shortcut {
        tf(lang, Text::ShortcutCopies, &[&merchant, &body_text(keys)])
    } else {
        tf(lang, Text::SeeTheCode, &[&merchant])
    };
    (title, body)
}

/// Freedesktop notification daemons may read the body as markup (`body-markup`): server text
/// there is escaped, so a merchant named `<b>…</b>` or `<a href=…>` shows as written and
/// cannot style, link or hide the rest. Other platforms show the body as plain text.
const BODY_IS_MARKUP: bool = cfg!(all(unix, not(target_os = "macos")));

/// Control characters and bidi controls go first: a line break or an override in a merchant
/// name would fake or reorder the body's lines.
fn body_text(s: &str) -> String {
    let s = strip_unsafe(s);
    if BODY_IS_MARKUP {
        escape_markup(&s)
    } else {
        s.into_owned()
    }
}

fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The title is plain text by the spec, but some daemons (dunst with `markup = full`) parse it
/// too: an entity would show literally on one and a tag would render on the other. An amount
/// or a currency code never needs `&`, `<` or `>`, so they are dropped, with control characters
/// and bidi controls.
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '&' | '<' | '>') && !is_unsafe(*c))
        .collect()
}

/// Notified whether the window is in front or not (a passcode is time-critical and the window
/// may be on another page), unless the user paused notifications from the tray.
pub fn new_passcode(app: &AppHandle, p: &PasscodeView) {
    let state = app.state::<AppState>();
    if state.notifications_paused() {
        return;
    }
    let settings = state.launcher.settings();
    let shortcut = settings.copy_shortcut.as_deref();
    let (title, body) = passcode_text(
        p,
        settings.show_code_in_notification,
        shortcut,
        settings.language,
    );
    register_passcode_actions(app, settings.language);
    let shown = app
        .notification()
        .builder()
        .title(title)
        .body(body)
        .action_type_id(PASSCODE_ACTIONS)
        .show();
    if let Err(e) = shown {
        tracing::warn!("notification failed: {e}");
    }
}

/// A card unfrozen for one checkout: frozen again, or — an alert — not, and why.
pub fn refrozen(app: &AppHandle, r: &Refrozen, masked_number: &str) {
    let lang = app.state::<AppState>().launcher.settings().language;
    let card = body_text(masked_number);
    let (title, body) = match &r.error {
        None => (
            t(lang, Text::RefrozenTitle),
            tf(lang, Text::RefrozenBody, &[&card]),
        ),
        Some(why) => (
            t(lang, Text::RefreezeFailedTitle),
            tf(lang, Text::RefreezeFailedBody, &[&card, &body_text(why)]),
        ),
    };
    if let Err(e) = show(app, title, &body) {
        tracing::warn!("notification failed: {e}");
    }
}

/// The user's verification changed: its new state, in the user's words.
pub fn kyc_changed(app: &AppHandle, status: &ccp_model::api::UserKycStatus) {
    let lang = app.state::<AppState>().launcher.settings().language;
    let label = body_text(&ccp_model::i18n::kyc_status(lang, status));
    let title = tf(lang, Text::KycChangedTitle, &[&label]);
    if let Err(e) = show(app, &title, t(lang, Text::KycChangedBody)) {
        tracing::warn!("notification failed: {e}");
    }
}

/// New notifications or announcements: one notification for the lot, naming the newest's title
/// (never its text: a message may be personal, and the desktop shows it to whoever looks) — and
/// not even that while the app is locked. Paused notifications stay paused.
pub fn new_messages(app: &AppHandle, new: &[ccp_model::api::Message]) {
    let state = app.state::<AppState>();
    let Some(newest) = new.first() else {
        return;
    };
    if state.notifications_paused() {
        return;
    }
    let lang = state.launcher.settings().language;
    let (title, body) = messages_text(lang, new.len(), newest, state.is_locked());
    if let Err(e) = show(app, &title, &body) {
        tracing::warn!("notification failed: {e}");
    }
}

fn messages_text(
    lang: Lang,
    count: usize,
    newest: &ccp_model::api::Message,
    locked: bool,
) -> (String, String) {
    use ccp_model::api::MessageKind;
    let title = match (count, newest.kind) {
        (1, MessageKind::Notification) => t(lang, Text::MessageNewTitle).to_owned(),
        (1, MessageKind::Announcement) => t(lang, Text::AnnouncementNewTitle).to_owned(),
        (n, _) => tf(lang, Text::MessagesNewTitle, &[&n.to_string()]),
    };
    let shown = newest.title.as_deref().filter(|_| !locked).map(|t| {
        let t: String = t.chars().take(120).collect();
        body_text(&t)
    });
    let body = shown.unwrap_or_else(|| t(lang, Text::MessageOpenBody).to_owned());
    (title, body)
}

/// A short notice in the user's language (test notification, shortcut feedback).
pub fn notice(app: &AppHandle, body: &str) -> Result<()> {
    let lang = app.state::<AppState>().launcher.settings().language;
    show(app, t(lang, Text::TestTitle), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;

    #[test]
    fn a_message_notification_names_its_title_never_its_text_and_nothing_while_locked() {
        let m = ccp_model::api::Message {
            id: "1".into(),
            title: Some("Your card\u{202E} has shipped".into()),
            content: Some("private text".into()),
            ..Default::default()
        };
        let (title, body) = messages_text(Lang::En, 1, &m, false);
        assert_eq!(title, "New message from ComeComePay");
        assert_eq!(body, "Your card has shipped");
        let (title, body) = messages_text(Lang::En, 3, &m, true);
        assert_eq!(title, "3 new messages from ComeComePay");
        assert_eq!(body, "Open ComeComePay to read it.");
        assert!(!body.contains("private"));
    }

    fn passcode(merchant: &str, amount: &str, currency: &str, code: &str) -> PasscodeView {
        PasscodeView {
            id: 7,
            merchant_name: merchant.into(),
            amount: amount.into(),
            currency: currency.into(),
            passcode: Sensitive::new(code),
            received_at: "2026-01-20T10:30:00Z".into(),
            received_at_unix: 0,
            expires_at_unix: 300,
        }
    }

    #[test]
    fn server_text_cannot_become_markup() {
        assert_eq!(
            escape_markup("A&B <b>x</b>"),
            "A&amp;B &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(escape_markup("&amp;"), "&amp;amp;");
        assert_eq!(plain("1<b>00</b>&.00\u{1b}"), "1b00/b.00");
        let p = passcode("A&B <b>x</b>", "<i>9</i>", "US&D", "1<2>3");
        let (title, hidden) = passcode_text(&p, false, None, Lang::En);
        let (_, shown) = passcode_text(&p, true, None, Lang::En);
        assert_eq!(title, "3-D Secure code for i9/i USD");
        if BODY_IS_MARKUP {
            assert_eq!(
                hidden,
                "A&amp;B &lt;b&gt;x&lt;/b&gt; — open ComeComePay to see the code"
            );
            assert_eq!(shown, "A&amp;B &lt;b&gt;x&lt;/b&gt;: 1&lt;2&gt;3");
        } else {
            assert_eq!(hidden, "A&B <b>x</b> — open ComeComePay to see the code");
            assert_eq!(shown, "A&B <b>x</b>: 1<2>3");
        }
    }

    /// A right-to-left override or a line break in a merchant name would reorder the body or
    /// fake a second line; a control character in the amount would reach the title.
    #[test]
    fn server_text_cannot_reorder_or_split_a_notification() {
        let p = passcode(
            "Shop\u{202E}00.1$\u{202C}\nPaid",
            "9\u{2066}9",
            "USD\u{85}",
            "123",
        );
        let (title, body) = passcode_text(&p, false, None, Lang::En);
        assert_eq!(title, "3-D Secure code for 99 USD");
        assert!(body.starts_with("Shop00.1$Paid — "), "{body}");
        assert!(!format!("{title}{body}").chars().any(is_unsafe));
    }

    #[test]
    fn code_only_when_asked() {
        let p = passcode("Amazon", "100.00", "USD", "042424");
        let (title, body) = passcode_text(&p, false, None, Lang::En);
        assert_eq!(title, "3-D Secure code for 100.00 USD");
        assert!(body.starts_with("Amazon") && !body.contains("042424"));
        assert!(passcode_text(&p, true, None, Lang::En).1.contains("042424"));
        let (_, named) = passcode_text(&p, false, Some("Ctrl+Alt+C"), Lang::En);
        assert!(named.ends_with(" — Ctrl+Alt+C copies the code"), "{named}");
        assert!(!named.contains("042424"));
        let (title, body) = passcode_text(&p, false, None, Lang::Zh);
        assert_eq!(title, "100.00 USD 的 3-D Secure 验证码");
        assert!(body.contains("打开 ComeComePay"), "{body}");
    }
}
