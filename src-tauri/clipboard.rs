//! The clipboard, through `arboard` directly: a copied passcode or card key is marked as a
//! secret so clipboard history tools skip it (`x-kde-passwordManagerHint: secret` on X11 and
//! Wayland, `ExcludeClipboardContentFromMonitorProcessing` on Windows,
//! `org.nspasteboard.ConcealedType` on macOS), and taken off again after a while if still ours.

use crate::error::Result;
use ccp_model::Sensitive;
use secrecy::zeroize::Zeroizing;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The last code this app put on the clipboard, so that signing out and quitting can take it
/// off again — and only it: whatever the user copied since is theirs.
static LAST_COPIED: Copied = Copied::new();

/// One clipboard handle for the whole process. On X11 the copied text is served from this
/// process for as long as a handle lives, so it is kept, not made per copy.
static CLIPBOARD: Mutex<Option<arboard::Clipboard>> = Mutex::new(None);

fn clipboard() -> Result<MutexGuard<'static, Option<arboard::Clipboard>>> {
    let mut guard = CLIPBOARD.lock().unwrap_or_else(|e| e.into_inner());
    if guard.is_none() {
        *guard = Some(arboard::Clipboard::new()?);
    }
    Ok(guard)
}

/// Puts `text` on the clipboard marked as secret: history tools and clipboard sync skip it.
fn write_secret(text: &str) -> Result<()> {
    let mut guard = clipboard()?;
    let set = guard.as_mut().expect("clipboard made above").set();
    #[cfg(all(unix, not(target_os = "macos")))]
    let set = {
        use arboard::SetExtLinux;
        set.exclude_from_history()
    };
    #[cfg(windows)]
    let set = {
        use arboard::SetExtWindows;
        set.exclude_from_history().exclude_from_cloud()
    };
    #[cfg(target_os = "macos")]
    let set = {
        use arboard::SetExtApple;
        set.exclude_from_history()
    };
    Ok(set.text(text)?)
}

/// What the clipboard holds now, if it is text (wiped from memory when dropped: it may be the
/// user's own secret).
fn read() -> Option<Zeroizing<String>> {
    let mut guard = clipboard().ok()?;
    guard.as_mut()?.get_text().ok().map(Zeroizing::new)
}

fn clear() {
    let cleared = clipboard().and_then(|mut g| Ok(g.as_mut().map(|c| c.clear()).transpose()?));
    if let Err(e) = cleared {
        tracing::warn!("could not clear the clipboard: {e}");
    }
}

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
pub fn clear_if_ours() {
    let now = read();
    if LAST_COPIED.take_if_still_ours(now.as_deref().map(String::as_str)) {
        clear();
    }
}

/// Copies a passcode (or a card key) and clears the clipboard after `clear_after` (30 s by
/// default), unless the user has copied something else meanwhile (that is theirs; leave it).
pub fn copy_for_a_while(code: Sensitive, clear_after: Duration) -> Result<()> {
    write_secret(code.expose())?;
    LAST_COPIED.remember(code.clone());
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(clear_after).await;
        let still_ours = read().is_some_and(|now| now.as_str() == code.expose());
        if still_ours {
            clear();
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
