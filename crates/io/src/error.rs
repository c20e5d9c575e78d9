//! What can fail between a client and the outside: the network or the keyring. Messages name
//! the peer, the endpoint and the cause, never a URL (its query may carry a secret), a body or
//! a keyring value.

use ccp_model::ipc::ErrorKind;

/// `Clone`: one failed call may be handed to every caller that waited for it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// `peer` is who was called ("the server", "Potato Cloud"); `detail` names the endpoint and
    /// the innermost cause ("Connection refused").
    #[error("offline: cannot reach {peer} ({detail})")]
    Offline { peer: &'static str, detail: String },
    #[error("{peer} did not answer in time ({endpoint})")]
    Timeout {
        peer: &'static str,
        endpoint: String,
    },
    /// An HTML page where JSON was expected: a proxy's, a captive portal's, or the server's own
    /// error page.
    #[error("{peer} answered HTML, not JSON (status {status}, {endpoint})")]
    Html {
        peer: &'static str,
        endpoint: String,
        status: u16,
    },
    /// An answer that is not what the contract describes; `problem` says where (a JSON path, a
    /// line and column), never what the body holds.
    #[error("undecodable answer from {peer} ({endpoint}): {problem}")]
    Decode {
        peer: &'static str,
        endpoint: String,
        problem: String,
    },
    /// A 3xx the client did not follow; `target` names where it pointed by origin only, and why
    /// ("https://other.example (another origin)").
    #[error("{peer} redirected {endpoint} to {target}; not followed")]
    Redirected {
        peer: &'static str,
        endpoint: String,
        status: u16,
        target: String,
    },
    #[error("the connection closed before the whole answer arrived ({endpoint})")]
    Interrupted { endpoint: String },
    #[error("the answer from {endpoint} is larger than the {limit} byte limit")]
    TooLarge { endpoint: String, limit: usize },
    /// The HTTP client could not be built (no TLS backend).
    #[error("invalid configuration: HTTP client: {0}")]
    Client(String),
    /// No keyring, a locked one, or one that did not answer in time: storing is impossible
    /// for now, and nothing was stored.
    #[error("OS keyring unavailable: {0}")]
    KeyringUnavailable(String),
    /// The keyring answered, with an error about one entry.
    #[error("keyring error: {0}")]
    Keyring(String),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Offline { .. } => ErrorKind::Offline,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Interrupted { .. } => ErrorKind::Server,
            // A gateway's error page: the server side is failing, not the answer's shape.
            Error::Html { status, .. } if *status >= 500 => ErrorKind::Server,
            Error::Html { .. } | Error::Decode { .. } => ErrorKind::Decode,
            // The server's address is set up to send us elsewhere: asking again will not help.
            Error::Redirected { .. } => ErrorKind::Invalid,
            Error::TooLarge { .. } => ErrorKind::Decode,
            Error::Client(_) => ErrorKind::Invalid,
            Error::KeyringUnavailable(_) | Error::Keyring(_) => ErrorKind::Keyring,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// An HTML page where `raw` should have been JSON.
    pub fn html(peer: &'static str, raw: &ccp_model::wire::Raw<'_>) -> Error {
        Error::Html {
            peer,
            endpoint: raw.endpoint.to_owned(),
            status: raw.status,
        }
    }

    /// An answer from `endpoint` that is not what the contract describes.
    pub fn undecodable(
        peer: &'static str,
        endpoint: impl Into<String>,
        problem: impl Into<String>,
    ) -> Error {
        Error::Decode {
            peer,
            endpoint: endpoint.into(),
            problem: problem.into(),
        }
    }

    /// The server could not be reached or the exchange broke off: trying again later may work.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Offline { .. } | Error::Timeout { .. } | Error::Interrupted { .. }
        )
    }
}
