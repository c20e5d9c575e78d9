//! The one error type of the core. Every message is built from the endpoint, the status and
//! the server's own text — never from a request or response body that could hold a secret.

use ccp_model::ipc::{ErrorKind, FieldProblem, UiError};
use std::time::Duration;

/// Who [`ccp_io::Error`]s name as unreachable, slow or answering oddly: the ComeComePay server
/// (here, not in `api`, which builds these errors: the api module imports this one, never the
/// other way round).
pub(crate) const PEER: &str = "the server";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server or the keyring could not be used: offline, too slow, cut off, too large an
    /// answer, no keyring. An action that failed this way changed nothing (the offline detail
    /// says so).
    #[error(transparent)]
    Io(#[from] ccp_io::Error),
    /// The server answered 401 (or ended the session after a failed refresh): a request was
    /// sent and refused. Compare [`Error::NotSignedIn`], where nothing was sent.
    #[error("not signed in or the session has expired: {message}")]
    Unauthorized { message: String },
    #[error("not allowed: {message}")]
    Forbidden { message: String },
    #[error("not found: {message}")]
    NotFound { message: String },
    #[error("rate limited{}: {message}", retry_after.map(|d| format!(" (retry in {} s)", d.as_secs())).unwrap_or_default())]
    RateLimited {
        retry_after: Option<Duration>,
        message: String,
    },
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// A 4xx other than 401/403/404/429, or a 2xx whose body says it failed.
    #[error("the server refused the request ({status}): {message}")]
    Refused { status: u16, message: String },
    /// The cache could not be used, but the file may be fine: busy (another process holds
    /// it), permissions, a full disk, I/O. The file is kept.
    #[error("cache error: {0}")]
    Cache(String),
    /// The cache file cannot be read as a cache: not a database (damaged, or encrypted with
    /// another key: SQLCipher cannot tell the two apart), corrupt, or a schema this build does
    /// not know. Being only a cache, it may be deleted and started anew.
    #[error("cache unreadable: {0}")]
    CacheUnreadable(String),
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    /// A form (the KYC applicant) refused field by field before anything was sent. The
    /// message names fields and problems, never the values (they are personal data).
    #[error("invalid input: {}", describe(.0))]
    InvalidInput(Vec<FieldProblem>),
    /// There is no session on this machine, so no request was sent. The pollers skip a round
    /// on it silently, where [`Error::Unauthorized`] is recorded in the sync status.
    #[error("not signed in")]
    NotSignedIn,
    /// Signed out, but some of what the session stored could not be deleted; `left` names each
    /// piece and how to remove it.
    #[error("signed out, but not everything could be deleted: {left}")]
    SignOutIncomplete { left: String },
    /// The server refused the e-mailed sign-in code (wrong, expired or used up); `detail` is
    /// the server's own explanation.
    #[error("That code is not right ({detail})")]
    WrongCode { detail: String },
    /// The app has no server yet (first run, before the welcome page's choice).
    #[error("no server chosen yet")]
    NoServer,
    #[error("internal error: {0}")]
    Internal(String),
    /// The app lock is on: nothing of the account is given out until it is unlocked.
    #[error("the app is locked: unlock it first")]
    Locked,
    /// The app lock's PIN was refused; after three wrong ones the next try waits.
    #[error("wrong PIN ({failures} wrong in a row){}", retry_at.map(|t| format!("; the next try is allowed at {t} (Unix time)")).unwrap_or_default())]
    WrongPin {
        failures: u32,
        retry_at: Option<i64>,
    },
    #[error("too many wrong PINs: the next try is allowed at {retry_at} (Unix time)")]
    PinWait { retry_at: i64 },
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The service answered an HTML page where JSON was expected.
    pub(crate) fn html(raw: &ccp_model::wire::Raw<'_>) -> Error {
        Error::Io(ccp_io::Error::html(PEER, raw))
    }

    /// The service's answer from `endpoint` is not what the contract describes.
    pub(crate) fn undecodable(endpoint: impl Into<String>, problem: impl Into<String>) -> Error {
        Error::Io(ccp_io::Error::undecodable(PEER, endpoint, problem))
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io(e) => e.kind(),
            Error::Unauthorized { .. } | Error::NotSignedIn => ErrorKind::Unauthorized,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::WrongCode { .. } => ErrorKind::WrongCode,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Server { .. } => ErrorKind::Server,
            Error::Refused { .. }
            | Error::Invalid(_)
            | Error::InvalidInput(_)
            | Error::Config(_)
            | Error::NoServer => ErrorKind::Invalid,
            Error::SignOutIncomplete { .. } => ErrorKind::Keyring,
            Error::Cache(_) | Error::CacheUnreadable(_) => ErrorKind::Cache,
            Error::Internal(_) => ErrorKind::Internal,
            Error::Locked => ErrorKind::Locked,
            Error::WrongPin { .. } | Error::PinWait { .. } => ErrorKind::WrongPin,
        }
    }

    /// The server could not be reached or did not answer in time: the cached copy is the best
    /// answer a read can give.
    pub fn is_unreachable(&self) -> bool {
        matches!(self.kind(), ErrorKind::Offline | ErrorKind::Timeout)
    }

    /// Worth trying again later without user action.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Offline
                | ErrorKind::Timeout
                | ErrorKind::RateLimited
                | ErrorKind::Server
                | ErrorKind::Decode
        )
    }

    /// The delay the server asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after, .. } => *retry_after,
            Error::WrongPin {
                retry_at: Some(at), ..
            }
            | Error::PinWait { retry_at: at } => {
                Some(Duration::from_secs((*at - crate::now_unix()).max(1) as u64))
            }
            _ => None,
        }
    }

    pub fn to_ui(&self) -> UiError {
        UiError {
            kind: self.kind(),
            message: self.to_string(),
            retry_after_secs: self.retry_after().map(|d| d.as_secs()),
            fields: self.field_problems().to_vec(),
        }
    }

    /// Each field's problem when a form was refused ([`Error::InvalidInput`]); else none.
    pub fn field_problems(&self) -> &[FieldProblem] {
        match self {
            Error::InvalidInput(problems) => problems,
            _ => &[],
        }
    }
}

fn describe(problems: &[FieldProblem]) -> String {
    let each: Vec<String> = problems.iter().map(ToString::to_string).collect();
    each.join("; ")
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        // sqlx errors name the statement's problem, never bound values.
        Error::Cache(e.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Cache(format!("migration: {e}"))
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Internal(format!("background task failed: {e}"))
    }
}
