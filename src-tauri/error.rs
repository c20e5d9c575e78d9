use ccp_model::ipc::{ErrorKind, Rejection, UiError};
use serde::{Serialize, Serializer};

/// The shell's one error type. It reaches the window as a [`Rejection`]: a [`UiError`] (kind +
/// message), so the UI can branch on the kind, plus per-field problems when a form was
/// refused; messages never carry secrets (core errors are built so).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] ccp_core::Error),
    #[error(transparent)]
    Tauri(#[from] tauri::Error),
    #[error("notification failed: {0}")]
    Notification(#[from] tauri_plugin_notification::Error),
    #[error("clipboard failed: {0}")]
    Clipboard(#[from] tauri_plugin_clipboard_manager::Error),
    #[error("no passcode {0} is cached")]
    UnknownPasscode(i64),
}

impl Error {
    pub fn to_ui(&self) -> UiError {
        match self {
            Error::Core(e) => e.to_ui(),
            Error::UnknownPasscode(_) => UiError {
                kind: ErrorKind::NotFound,
                message: self.to_string(),
            },
            _ => UiError {
                kind: ErrorKind::Internal,
                message: self.to_string(),
            },
        }
    }

    /// What the window receives: [`Error::to_ui`], plus the core's per-field problems.
    pub fn to_rejection(&self) -> Rejection {
        match self {
            Error::Core(e) => e.to_rejection(),
            _ => self.to_ui().into(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_rejection().serialize(s)
    }
}

pub type Result<T> = std::result::Result<T, Error>;
