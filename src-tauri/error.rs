use ccp_model::ipc::{ErrorKind, UiError};
use serde::{Serialize, Serializer};

/// The shell's one error type. It reaches the window as a [`UiError`] (kind + message, and
/// per-field problems when a form was refused), so the UI can branch on the kind; messages
/// never carry secrets (core errors are built so).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] ccp_core::Error),
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
    #[error("notification failed: {0}")]
    Notification(#[from] tauri_plugin_notification::Error),
    #[error("clipboard failed: {0}")]
    Clipboard(#[from] arboard::Error),
    #[error("no passcode {0} is cached")]
    UnknownPasscode(i64),
    #[error("no newer release with a download address is known")]
    NoUpdate,
    #[error("no verification link waits to be opened")]
    NoKycLink,
    #[error("the browsers could not be set up: {0}")]
    Browser(String),
    #[error("the browser could not be opened: {0}")]
    Opener(#[from] tauri_plugin_opener::Error),
    #[error(transparent)]
    Potato(#[from] ccp_potato::Error),
    #[error("Potato Cloud is not set up yet: save the app's askKey first")]
    KeysNotSetUp,
    #[error("the export could not be written: {0}")]
    Export(String),
    #[error("starting at login could not be changed: {0}")]
    Autostart(#[from] tauri_plugin_autostart::Error),
    #[error("{0} is not available on this system (Settings says why)")]
    Unavailable(&'static str),
}

impl Error {
    pub fn to_ui(&self) -> UiError {
        match self {
            Error::Core(e) => e.to_ui(),
            Error::UnknownPasscode(_) | Error::NoUpdate | Error::NoKycLink => {
                UiError::new(ErrorKind::NotFound, self.to_string())
            }
            Error::KeysNotSetUp => UiError::new(ErrorKind::Invalid, self.to_string()),
            Error::Potato(e) => e.to_ui(),
            _ => UiError::new(ErrorKind::Internal, self.to_string()),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_ui().serialize(s)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
