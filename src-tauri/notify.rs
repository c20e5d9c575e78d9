use crate::error::Result;
use crate::state::AppState;
use ccp_model::view::PasscodeView;
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

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
pub fn passcode_text(p: &PasscodeView, show_code: bool) -> (String, String) {
    let title = format!(
        "3-D Secure code for {} {}",
        plain(&p.amount),
        plain(&p.currency)
    );
    let merchant = body_text(&p.merchant_name);
    let body = if show_code {
        format!("{merchant}: {}", body_text(p.passcode.expose()))
    } else {
        format!("{merchant} — open ComeComePay to see the code")
    };
    (title, body)
}

/// Freedesktop notification daemons may read the body as markup (`body-markup`): server text
/// there is escaped, so a merchant named `<b>…</b>` or `<a href=…>` shows as written and
/// cannot style, link or hide the rest. Other platforms show the body as plain text.
const BODY_IS_MARKUP: bool = cfg!(all(unix, not(target_os = "macos")));

fn body_text(s: &str) -> String {
    if BODY_IS_MARKUP {
        escape_markup(s)
    } else {
        s.to_owned()
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
/// or a currency code never needs `&`, `<` or `>`, so they are dropped, with control characters.
fn plain(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '&' | '<' | '>') && !c.is_control())
        .collect()
}

/// Always notified, focused window or not: a passcode is time-critical and the window may be
/// on another page.
pub fn new_passcode(app: &AppHandle, p: &PasscodeView) {
    let show_code = app
        .state::<AppState>()
        .launcher
        .settings()
        .show_code_in_notification;
    let (title, body) = passcode_text(p, show_code);
    if let Err(e) = show(app, &title, &body) {
        tracing::warn!("notification failed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;

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
        let (title, hidden) = passcode_text(&p, false);
        let (_, shown) = passcode_text(&p, true);
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

    #[test]
    fn code_only_when_asked() {
        let p = passcode("Amazon", "100.00", "USD", "042424");
        let (title, body) = passcode_text(&p, false);
        assert_eq!(title, "3-D Secure code for 100.00 USD");
        assert!(body.starts_with("Amazon") && !body.contains("042424"));
        assert!(passcode_text(&p, true).1.contains("042424"));
    }
}
