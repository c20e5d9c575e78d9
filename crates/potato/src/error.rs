//! The one error type of the Potato Cloud client. Messages are built from the endpoint, the
//! service's `code` and its own `message` — never from a request or an answer body, which
//! carry passwords, tokens and card keys.

use ccp_model::ipc::{ErrorKind, UiError};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("offline: cannot reach Potato Cloud ({detail})")]
    Offline { detail: String },
    #[error("Potato Cloud did not answer in time ({endpoint})")]
    Timeout { endpoint: String },
    #[error("the connection closed before the whole answer arrived ({endpoint})")]
    Interrupted { endpoint: String },
    /// `code` "403": no permission, or the sign-in expired. The token has been forgotten
    /// (there is no refresh): the user signs in again.
    #[error("Potato Cloud: sign in again ({message})")]
    SignInAgain { message: String },
    /// No token is kept on this machine, so nothing was sent.
    #[error("not signed in to Potato Cloud")]
    NotSignedIn,
    /// The service refused: `code` "500" (or another code this client does not know) with the
    /// service's own message.
    #[error("Potato Cloud refused the request (code {code}): {message}")]
    Service { code: String, message: String },
    /// An HTTP error status with no envelope in the body (a proxy, a gateway).
    #[error("Potato Cloud answered HTTP {status} without a result ({endpoint})")]
    Http { endpoint: String, status: u16 },
    #[error("Potato Cloud answered HTML, not JSON (status {status}, {endpoint})")]
    Html { endpoint: String, status: u16 },
    #[error("undecodable answer from Potato Cloud {endpoint}: {problem}")]
    Decode { endpoint: String, problem: String },
    #[error("the answer from Potato Cloud {endpoint} is larger than the {limit} byte limit")]
    TooLarge { endpoint: String, limit: usize },
    /// A redirect was not followed (every call is a POST that carries a password or a token).
    #[error("Potato Cloud redirected {endpoint} to {target}; not followed")]
    Redirected { endpoint: String, target: String },
    /// Refused before anything was sent (a count or page size out of range, an empty key).
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("OS keyring unavailable: {0}")]
    KeyringUnavailable(String),
    #[error("keyring error: {0}")]
    Keyring(String),
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("device id: {0}")]
    Device(String),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Offline { .. } => ErrorKind::Offline,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::SignInAgain { .. } | Error::NotSignedIn => ErrorKind::Unauthorized,
            Error::Interrupted { .. } | Error::Service { .. } => ErrorKind::Server,
            Error::Http { status, .. } | Error::Html { status, .. } if *status >= 500 => {
                ErrorKind::Server
            }
            Error::Http { .. }
            | Error::Html { .. }
            | Error::Decode { .. }
            | Error::TooLarge { .. }
            | Error::Redirected { .. } => ErrorKind::Decode,
            Error::Invalid(_) | Error::Config(_) => ErrorKind::Invalid,
            Error::KeyringUnavailable(_) | Error::Keyring(_) => ErrorKind::Keyring,
            Error::Device(_) | Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// For the window.
    pub fn to_ui(&self) -> UiError {
        UiError {
            kind: self.kind(),
            message: self.to_string(),
            retry_after_secs: None,
            fields: Vec::new(),
        }
    }
}

impl From<ccp_core::Error> for Error {
    /// Only keyring errors come from the core (its [`ccp_core::SecretStore`]).
    fn from(e: ccp_core::Error) -> Self {
        match e {
            ccp_core::Error::KeyringUnavailable(m) => Error::KeyringUnavailable(m),
            ccp_core::Error::Keyring(m) => Error::Keyring(m),
            other => Error::Internal(other.to_string()),
        }
    }
}
