//! The one error type of the Potato Cloud client. Messages are built from the endpoint, the
//! service's `code` and its own `message` — never from a request or an answer body, which
//! carry passwords, tokens and card keys.

use ccp_model::ipc::{ErrorKind, UiError};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Potato Cloud or the keyring could not be used: offline, too slow, cut off, too large an
    /// answer, no keyring.
    #[error(transparent)]
    Io(#[from] ccp_io::Error),
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
    /// Refused before anything was sent (a count or page size out of range, an empty key).
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("device id: {0}")]
    Device(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io(e) => e.kind(),
            Error::SignInAgain { .. } | Error::NotSignedIn => ErrorKind::Unauthorized,
            Error::Service { .. } => ErrorKind::Server,
            Error::Http { status, .. } if *status >= 500 => ErrorKind::Server,
            Error::Http { .. } => ErrorKind::Decode,
            Error::Invalid(_) | Error::Config(_) => ErrorKind::Invalid,
            Error::Device(_) => ErrorKind::Internal,
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
