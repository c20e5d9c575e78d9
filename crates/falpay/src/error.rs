//! The one error type of the FalPay client. Messages are built from the endpoint (method and
//! path, never the query: it carries the client secret), the status, the envelope's `code` and
//! the server's own `message` — never from a request, a token or a secret.

/// Why a FalPay call failed. `Clone`: one failed renewal is handed to every caller that
/// waited for it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("invalid FalPay configuration: {0}")]
    Config(String),
    /// Neither the environment nor the keyring holds both the client id and the secret.
    #[error("no FalPay client credentials: {0}")]
    NoCredentials(String),
    /// The token endpoint refused the client id or secret (HTTP 401/403, or the envelope's
    /// `code` "401"/"403"). Renewing again would not help.
    #[error(
        "FalPay refused the client credentials ({}): check the client id and secret",
        describe(.status, .code, .message)
    )]
    CredentialsRefused {
        status: u16,
        code: Option<String>,
        message: String,
    },
    /// A bearer token was refused (a 401 from a call made with it). [`crate::FalPayClient::with_token`]
    /// renews the token once and retries once on it; callers construct it for their own calls.
    #[error("FalPay refused the access token: {message}")]
    Unauthorized { message: String },
    /// A 4xx other than 401/403, or an envelope with `success: false` / another `code`.
    #[error("FalPay refused the request ({}), {endpoint}", describe(.status, .code, .message))]
    Refused {
        endpoint: String,
        status: u16,
        code: Option<String>,
        message: String,
    },
    /// A 5xx, or an envelope whose `code` is a 5xx.
    #[error("FalPay server error ({}), {endpoint}", describe(.status, .code, .message))]
    Server {
        endpoint: String,
        status: u16,
        code: Option<String>,
        message: String,
    },
    /// The FalPay server or the keyring could not be used: offline, too slow, cut off, too
    /// large an answer, no keyring.
    #[error(transparent)]
    Io(#[from] ccp_io::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Worth trying again later without changing anything.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Io(e) => e.is_transient(),
            Error::Server { .. } => true,
            _ => false,
        }
    }
}

/// `HTTP 401, code 401: invalid client` — the parts there are.
fn describe(status: &u16, code: &Option<String>, message: &str) -> String {
    let mut s = format!("HTTP {status}");
    if let Some(code) = code {
        s.push_str(&format!(", code {code}"));
    }
    if !message.is_empty() {
        s.push_str(&format!(": {message}"));
    }
    s
}

impl Error {
    /// The same error with `secret` cut out of the server's message (a server that echoes
    /// the request must not put the secret on a screen or in a log).
    pub(crate) fn redacting(self, secret: &str) -> Error {
        if secret.is_empty() {
            return self;
        }
        let clean = |m: String| m.replace(secret, "[redacted]");
        match self {
            Error::CredentialsRefused {
                status,
                code,
                message,
            } => Error::CredentialsRefused {
                status,
                code,
                message: clean(message),
            },
            Error::Refused {
                endpoint,
                status,
                code,
                message,
            } => Error::Refused {
                endpoint,
                status,
                code,
                message: clean(message),
            },
            Error::Server {
                endpoint,
                status,
                code,
                message,
            } => Error::Server {
                endpoint,
                status,
                code,
                message: clean(message),
            },
            other => other,
        }
    }
}
