//! Windows draws the window with Microsoft's WebView2 runtime. Windows 10 and 11 ship it and
//! the installer installs it where it is missing; without it Tauri would stop with a bare error
//! (or nothing), so the app first asks WebView2's loader for a runtime and, finding none, says
//! in a message box what is missing and where it comes from, then exits with
//! [`EXIT_NO_WEBVIEW2`].

use crate::i18n::{Lang, Text, t, tf};

/// The exit code when no WebView2 runtime is installed (documented in the README).
pub const EXIT_NO_WEBVIEW2: i32 = 3;

/// Microsoft's page for the runtime (its Evergreen bootstrapper).
pub const DOWNLOAD: &str = "https://go.microsoft.com/fwlink/p/?LinkId=2124703";

/// What to tell the user, in the desktop's language (only Windows asks; the tests read it).
#[cfg_attr(not(windows), allow(dead_code))]
pub fn missing_text(lang: Lang) -> (&'static str, String) {
    (
        t(lang, Text::WebView2MissingTitle),
        tf(lang, Text::WebView2Missing, &[&DOWNLOAD]),
    )
}

/// `Some(the message)` when no runtime is installed; `None` elsewhere than Windows.
pub fn missing() -> Option<(&'static str, String)> {
    #[cfg(windows)]
    {
        use webview2_com::Microsoft::Web::WebView2::Win32::GetAvailableCoreWebView2BrowserVersionString;
        use windows::Win32::System::Com::CoTaskMemFree;
        use windows::core::{PCWSTR, PWSTR};
        let mut version = PWSTR::null();
        // SAFETY: a null folder asks for the installed runtime; the loader writes a string it
        // allocated (freed here) or nothing.
        let found = unsafe {
            let asked = GetAvailableCoreWebView2BrowserVersionString(PCWSTR::null(), &mut version);
            let found = asked.is_ok() && !version.is_null();
            if !version.is_null() {
                CoTaskMemFree(Some(version.0 as *const _));
            }
            found
        };
        if !found {
            let lang = sys_locale::get_locale()
                .map(|l| Lang::from_code(&l))
                .unwrap_or_default();
            return Some(missing_text(lang));
        }
    }
    None
}

/// Shows the message in a native message box (Windows), after writing it to stderr.
pub fn tell(title: &str, text: &str) {
    eprintln!("comecomepay-desktop: {title}: {text}");
    #[cfg(windows)]
    {
        use windows::Win32::UI::WindowsAndMessaging::{MB_ICONERROR, MB_OK, MessageBoxW};
        use windows::core::HSTRING;
        // SAFETY: two valid wide strings, no owner window.
        unsafe {
            MessageBoxW(
                None,
                &HSTRING::from(text),
                &HSTRING::from(title),
                MB_OK | MB_ICONERROR,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_what_is_missing_and_where_it_comes_from_in_every_language() {
        for lang in Lang::ALL {
            let (title, text) = missing_text(lang);
            assert!(title.contains("ComeComePay Desktop"), "{title}");
            assert!(
                text.contains("WebView2") && text.contains(DOWNLOAD),
                "{text}"
            );
        }
        assert!(missing().is_none(), "not on Windows");
    }
}
