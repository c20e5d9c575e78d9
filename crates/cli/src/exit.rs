//! Exit codes: 0 ok, 1 anything else, 2 usage (clap) or invalid input (nothing was sent),
//! 3 not signed in or auth failed, 4 offline or unreachable, 5 the server refused (its
//! message is shown).

use crate::i18n::{Lang, Text, tf};
use ccp_model::ipc::ErrorKind;
use std::fmt;

pub const FAILURE: u8 = 1;
pub const USAGE: u8 = 2;
pub const AUTH: u8 = 3;
pub const OFFLINE: u8 = 4;
pub const REFUSED: u8 = 5;

/// What a command failed with, and the exit code. Kept apart until it is printed in the
/// user's language ([`Failure::render`]): the kind of failure as a translated sentence, then the
/// core's, the server's or the system's own words in parentheses (as they are), and `ccp`'s own
/// text (a hint such as "run `ccp login`"), from the table.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    kind: Option<ErrorKind>,
    detail: Option<String>,
    note: Option<(Text, Vec<String>)>,
}

impl Failure {
    /// `ccp`'s own message: `text` with its `{}` filled by `values`.
    pub fn new(code: u8, text: Text, values: &[&dyn fmt::Display]) -> Self {
        Failure {
            code,
            kind: None,
            detail: None,
            note: Some((text, values.iter().map(ToString::to_string).collect())),
        }
    }

    /// A failure of this kind; `detail` says what happened (the core's or the server's words).
    pub fn of_kind(code: u8, kind: ErrorKind, detail: impl Into<String>) -> Self {
        Failure {
            code,
            kind: Some(kind),
            detail: Some(detail.into()),
            note: None,
        }
    }

    /// The core's, the server's or the system's own words, in parentheses after the rest.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// `ccp`'s own sentence after the rest: what to do about it.
    pub fn with_hint(mut self, text: Text) -> Self {
        self.note = Some((text, Vec::new()));
        self
    }

    pub fn code(&self) -> u8 {
        self.code
    }

    /// The message in `lang`: "Cannot reach the server. (offline: …)", "not signed in: run
    /// `ccp login`", "Please sign in again. (…) Run `ccp keys login`.".
    pub fn render(&self, lang: Lang) -> String {
        let note = self.note.as_ref().map(|(text, values)| {
            let values: Vec<&dyn fmt::Display> =
                values.iter().map(|v| v as &dyn fmt::Display).collect();
            tf(lang, *text, &values)
        });
        let mut out = match (self.kind, &note) {
            (Some(kind), _) => kind.text(lang).to_owned(),
            (None, Some(note)) => note.clone(),
            (None, None) => String::new(),
        };
        if let Some(detail) = self.detail.as_deref().filter(|d| !d.is_empty()) {
            if out.is_empty() {
                out = detail.to_owned();
            } else {
                out = format!("{out} ({detail})");
            }
        }
        if let (Some(_), Some(note)) = (self.kind, note) {
            out = format!("{out} {note}");
        }
        out
    }
}

pub fn code_for(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Unauthorized
        | ErrorKind::WrongCode
        | ErrorKind::Locked
        | ErrorKind::WrongPin => AUTH,
        ErrorKind::Offline | ErrorKind::Timeout => OFFLINE,
        ErrorKind::Forbidden
        | ErrorKind::NotFound
        | ErrorKind::RateLimited
        | ErrorKind::Server
        | ErrorKind::Invalid => REFUSED,
        ErrorKind::Decode | ErrorKind::Keyring | ErrorKind::Cache | ErrorKind::Internal => FAILURE,
    }
}

impl From<ccp_core::Error> for Failure {
    fn from(e: ccp_core::Error) -> Self {
        let code = match e {
            // Refused before sending, like a usage error: the user fixes the input.
            ccp_core::Error::InvalidInput(_) => USAGE,
            _ => code_for(e.kind()),
        };
        match e {
            ccp_core::Error::NotSignedIn => Failure::new(code, Text::NotSignedIn, &[]),
            // The message says when to try again ("retry in 30 s").
            e => Failure::of_kind(code, e.kind(), e.to_string()),
        }
    }
}

impl From<ccp_falpay::Error> for Failure {
    fn from(e: ccp_falpay::Error) -> Self {
        use ccp_falpay::Error as E;
        let (code, kind) = match &e {
            E::Config(_) => (USAGE, ErrorKind::Invalid),
            E::NoCredentials(detail) => {
                return Failure::new(
                    AUTH,
                    Text::FalpayNoCredentials,
                    &[&ccp_falpay::ENV_CLIENT_ID, &ccp_falpay::ENV_CLIENT_SECRET],
                )
                .with_detail(detail.clone());
            }
            E::CredentialsRefused { .. } | E::Unauthorized { .. } => {
                (AUTH, ErrorKind::Unauthorized)
            }
            E::Io(e) => (code_for(e.kind()), e.kind()),
            E::Refused { .. } => (REFUSED, ErrorKind::Invalid),
            E::Server { .. } => (REFUSED, ErrorKind::Server),
            E::Internal(_) => (FAILURE, ErrorKind::Internal),
        };
        Failure::of_kind(code, kind, e.to_string())
    }
}

impl From<ccp_potato::Error> for Failure {
    fn from(e: ccp_potato::Error) -> Self {
        use ccp_potato::Error as P;
        let code = match e {
            // Refused before sending, like a usage error.
            P::Invalid(_) | P::Config(_) => USAGE,
            _ => code_for(e.kind()),
        };
        match e {
            P::NotSignedIn => Failure::new(code, Text::PotatoNotSignedIn, &[]),
            P::SignInAgain { .. } => {
                Failure::of_kind(code, e.kind(), e.to_string()).with_hint(Text::RunKeysLogin)
            }
            e => Failure::of_kind(code, e.kind(), e.to_string()),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::of_kind(FAILURE, ErrorKind::Internal, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_codes() {
        assert_eq!(code_for(ErrorKind::Unauthorized), 3);
        assert_eq!(code_for(ErrorKind::Offline), 4);
        assert_eq!(code_for(ErrorKind::Timeout), 4);
        assert_eq!(code_for(ErrorKind::Server), 5);
        assert_eq!(code_for(ErrorKind::Invalid), 5);
        assert_eq!(Failure::from(ccp_core::Error::NotSignedIn).code(), 3);
        assert_eq!(
            Failure::from(ccp_core::Error::InvalidInput(Vec::new())).code(),
            2
        );
    }

    #[test]
    fn a_failure_leads_with_its_kind_in_the_chosen_language_then_the_details() {
        let offline = Failure::from(ccp_core::Error::Io(ccp_io::Error::Offline {
            peer: "the server",
            detail: "refused".into(),
        }));
        assert_eq!(offline.code(), OFFLINE);
        let signed_out = Failure::from(ccp_core::Error::NotSignedIn);
        let own = Failure::new(USAGE, Text::NoCard, &[&"abc"]);
        let cases = [
            (
                &offline,
                Lang::En,
                "Cannot reach the server. (offline: cannot reach the server (refused))",
            ),
            (
                &offline,
                Lang::Zh,
                "无法连接服务器。 (offline: cannot reach the server (refused))",
            ),
            (&signed_out, Lang::En, "not signed in: run `ccp login`"),
            (&signed_out, Lang::Ar, "لم تسجّل الدخول: شغّل `ccp login`"),
            (&own, Lang::Id, "tidak ada kartu abc: lihat `ccp cards`"),
        ];
        for (failure, lang, want) in cases {
            assert_eq!(failure.render(lang), want);
        }
        let again = Failure::from(ccp_potato::Error::SignInAgain {
            message: "expired".into(),
        });
        assert!(
            again.render(Lang::Id).starts_with("Silakan masuk lagi. (")
                && again
                    .render(Lang::Id)
                    .ends_with(") Jalankan `ccp keys login`."),
            "{}",
            again.render(Lang::Id)
        );
        let missing = Failure::from(ccp_falpay::Error::NoCredentials("none".into()));
        let text = missing.render(Lang::Zh);
        assert!(
            text.starts_with("没有 FalPay 客户端凭据") && text.contains("CCP_FALPAY_CLIENT_SECRET"),
            "{text}"
        );
        assert!(text.ends_with("CCP_FALPAY_CLIENT_SECRET (none)"), "{text}");
    }
}
