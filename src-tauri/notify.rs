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
    let title = format!("3-D Secure code for {} {}", p.amount, p.currency);
    let body = if show_code {
        format!("{}: {}", p.merchant_name, p.passcode.expose())
    } else {
        format!("{} — open ComeComePay to see the code", p.merchant_name)
    };
    (title, body)
}

/// Always notified, focused window or not: a passcode is time-critical and the window may be
/// on another page.
pub fn new_passcode(app: &AppHandle, p: &PasscodeView) {
    let show_code = app
        .state::<AppState>()
        .core
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

    #[test]
    fn code_only_when_asked() {
        let p = PasscodeView {
            id: 7,
            merchant_name: "Amazon".into(),
            amount: "100.00".into(),
            currency: "USD".into(),
            passcode: Sensitive::new("042424"),
            received_at: "2026-01-20T10:30:00Z".into(),
            received_at_unix: 0,
            expires_at_unix: 300,
        };
        let (title, body) = passcode_text(&p, false);
        assert_eq!(title, "3-D Secure code for 100.00 USD");
        assert!(body.starts_with("Amazon") && !body.contains("042424"));
        assert!(passcode_text(&p, true).1.contains("042424"));
    }
}
