//! Exit codes: 0 ok, 1 anything else, 2 usage (clap) or invalid input (nothing was sent),
//! 3 not signed in or auth failed, 4 offline or unreachable, 5 the server refused (its
//! message is shown).

use ccp_model::ipc::ErrorKind;
use std::fmt;

pub const FAILURE: u8 = 1;
pub const USAGE: u8 = 2;
pub const AUTH: u8 = 3;
pub const OFFLINE: u8 = 4;
pub const REFUSED: u8 = 5;

/// What a command failed with: a message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code,
        }
    }

    pub fn code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub fn code_for(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::Unauthorized | ErrorKind::WrongCode => AUTH,
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
        let message = match e {
            ccp_core::Error::NotSignedIn => "not signed in: run `ccp login`".to_owned(),
            ccp_core::Error::RateLimited {
                retry_after: Some(wait),
                ..
            } => format!(
                "{e}; try again in {}",
                crate::output::countdown(wait.as_secs() as i64)
            ),
            e => e.to_string(),
        };
        Failure { message, code }
    }
}

impl From<ccp_falpay::Error> for Failure {
    fn from(e: ccp_falpay::Error) -> Self {
        use ccp_falpay::Error as E;
        let code = match &e {
            E::Config(_) => USAGE,
            E::NoCredentials(_) | E::CredentialsRefused { .. } | E::Unauthorized { .. } => AUTH,
            E::Offline { .. } | E::Timeout { .. } => OFFLINE,
            E::Refused { .. } | E::Server { .. } | E::Redirected { .. } | E::Interrupted { .. } => {
                REFUSED
            }
            E::Html { status, .. } if *status >= 500 => REFUSED,
            E::Html { .. }
            | E::Decode { .. }
            | E::TooLarge { .. }
            | E::KeyringUnavailable(_)
            | E::Keyring(_)
            | E::Internal(_) => FAILURE,
        };
        let message = match e {
            E::NoCredentials(_) => format!(
                "{e}: run `ccp falpay login`, or set {} and {}",
                ccp_falpay::ENV_CLIENT_ID,
                ccp_falpay::ENV_CLIENT_SECRET
            ),
            e => e.to_string(),
        };
        Failure { message, code }
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
        let message = match e {
            P::NotSignedIn => "not signed in to Potato Cloud: run `ccp keys login`".to_owned(),
            P::SignInAgain { .. } => format!("{e}: run `ccp keys login`"),
            e => e.to_string(),
        };
        Failure { message, code }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::new(FAILURE, e.to_string())
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
}
