//! Each error kind as a sentence in the user's language. Apart from the table machinery so
//! that `i18n` (which the IPC types use, for `Lang`) does not depend on the IPC types back.

use super::{KindText, Lang};
use crate::ipc::ErrorKind;

impl ErrorKind {
    /// The kind as a sentence in `lang` ("Cannot reach the server.").
    pub fn text(self, lang: Lang) -> &'static str {
        let key = match self {
            ErrorKind::Offline => KindText::Offline,
            ErrorKind::Timeout => KindText::Timeout,
            ErrorKind::Unauthorized => KindText::Unauthorized,
            ErrorKind::Forbidden => KindText::Forbidden,
            ErrorKind::WrongCode => KindText::WrongCode,
            ErrorKind::NotFound => KindText::NotFound,
            ErrorKind::RateLimited => KindText::RateLimited,
            ErrorKind::Server => KindText::Server,
            ErrorKind::Decode => KindText::Decode,
            ErrorKind::Keyring => KindText::Keyring,
            ErrorKind::Cache => KindText::Cache,
            ErrorKind::Invalid => KindText::Invalid,
            ErrorKind::Internal => KindText::Internal,
            ErrorKind::Locked => KindText::Locked,
            ErrorKind::WrongPin => KindText::WrongPin,
        };
        key.get(lang)
    }
}

/// A failure in the user's language: what kind of failure it is, translated, then the core's
/// (or the server's) own words in parentheses, which say exactly what happened.
pub fn error_text(lang: Lang, kind: ErrorKind, message: &str) -> String {
    if message.is_empty() {
        kind.text(lang).to_owned()
    } else {
        format!("{} ({message})", kind.text(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_leads_with_its_kind_in_the_users_language() {
        let message = "offline: cannot reach the server (refused)";
        assert_eq!(
            error_text(Lang::Zh, ErrorKind::Offline, message),
            "无法连接服务器。 (offline: cannot reach the server (refused))"
        );
        assert!(
            error_text(Lang::Id, ErrorKind::Offline, message)
                .starts_with("Tidak dapat terhubung ke server.")
        );
        assert_eq!(error_text(Lang::En, ErrorKind::NotFound, ""), "Not found.");
    }
}
