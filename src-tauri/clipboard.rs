use crate::error::Result;
use ccp_model::Sensitive;
use secrecy::zeroize::Zeroizing;
use std::sync::Mutex;
use std::time::Duration;
use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;

/// The last code this app put on the clipboard, so that signing out and quitting can take it
/// off again — and only it: whatever the user copied since is theirs.
static LAST_COPIED: Copied = Copied::new();

/// A copied code, remembered until it is cleared, replaced or known to be gone.
struct Copied(Mutex<Option<Sensitive>>);

impl Copied {
    const fn new() -> Self {
        Copied(Mutex::new(None))
    }

    fn remember(&self, code: Sensitive) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(code);
    }

    /// Forgets `code` if it is the one remembered (a newer copy stays).
    fn forget(&self, code: &Sensitive) {
        let mut last = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if last.as_ref() == Some(code) {
            *last = None;
        }
    }

    /// Whether the clipboard, holding `now`, still holds our code: then it is to be cleared.
    /// Either way the code is forgotten — cleared, or overwritten by someone else.
    fn take_if_still_ours(&self, now: Option<&str>) -> bool {
        let last = self.0.lock().unwrap_or_else(|e| e.into_inner()).take();
        last.is_some_and(|code| now == Some(code.expose()))
    }
}

/// Clears the clipboard if it still holds the last code we copied (on sign-out and on quit).
pub fn clear_if_ours(app: &AppHandle) {
    // What the clipboard holds may be the user's own secret (a password): wiped after use.
    let now = app.clipboard().read_text().ok().map(Zeroizing::new);
    if LAST_COPIED.take_if_still_ours(now.as_deref().map(String::as_str))
        && let Err(e) = app.clipboard().clear()
    {
        tracing::warn!("could not clear the clipboard: {e}");
    }
}

/// Copies a passcode and clears the clipboard after `clear_after` (30 s by default), unless the
/// user has copied something else meanwhile (that is theirs; leave it).
pub fn copy_for_a_while(app: &AppHandle, code: Sensitive, clear_after: Duration) -> Result<()> {
    app.clipboard().write_text(code.expose().to_owned())?;
    LAST_COPIED.remember(code.clone());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(clear_after).await;
        let still_ours = app
            .clipboard()
            .read_text()
            .is_ok_and(|now| Zeroizing::new(now).as_str() == code.expose());
        if still_ours && let Err(e) = app.clipboard().clear() {
            tracing::warn!("could not clear the clipboard: {e}");
        }
        // Cleared or replaced by now: nothing left to clear on sign-out or quit.
        LAST_COPIED.forget(&code);
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_code_still_on_the_clipboard_is_cleared() {
        let copied = Copied::new();
        assert!(!copied.take_if_still_ours(Some("")), "nothing copied yet");

        copied.remember(Sensitive::new("123456"));
        assert!(copied.take_if_still_ours(Some("123456")));
        assert!(
            !copied.take_if_still_ours(Some("123456")),
            "cleared once, then forgotten"
        );

        // The user copied something else since: theirs, left alone (and ours forgotten).
        copied.remember(Sensitive::new("123456"));
        assert!(!copied.take_if_still_ours(Some("my own text")));
        assert!(!copied.take_if_still_ours(Some("123456")));

        // An unreadable clipboard is not ours to clear.
        copied.remember(Sensitive::new("123456"));
        assert!(!copied.take_if_still_ours(None));
    }

    #[test]
    fn a_newer_copy_outlives_the_older_ones_timer() {
        let copied = Copied::new();
        let first = Sensitive::new("111111");
        copied.remember(first.clone());
        copied.remember(Sensitive::new("222222"));
        copied.forget(&first);
        assert!(copied.take_if_still_ours(Some("222222")));

        copied.remember(first.clone());
        copied.forget(&first);
        assert!(!copied.take_if_still_ours(Some("111111")));
    }
}
