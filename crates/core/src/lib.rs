//! ccp-core: everything ComeComePay Desktop does that is not a window — the API client, the
//! session (OS keyring, single-flight refresh), the encrypted offline cache, the sync engine and
//! the card actions. No Tauri here; the shell and the CLI drive it through [`Core`].

mod actions;
pub mod api;
mod auth;
pub mod cache;
mod config;
mod core;
mod error;
pub mod sync;
mod views;

pub use crate::core::{Core, SessionPersistence};
pub use auth::keyring::{SecretStore, StoredSession};
pub use config::Config;
pub use error::{Error, Result};
pub use sync::{Resource, SyncHandle};
