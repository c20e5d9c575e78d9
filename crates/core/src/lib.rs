//! ccp-core: everything ComeComePay Desktop does that is not a window — the API client, the
//! session (OS keyring, single-flight refresh), the encrypted offline cache, the sync engine,
//! the card actions and the settings. No Tauri here; the shell and the CLI drive it through
//! [`Core`], which composes one subsystem per job:
//!
//! - [`auth`](crate::auth) `Auth`: the API client, the session and where it is kept;
//! - [`cache`] `CacheSlot`: the SQLCipher cache of the session (open / swap / drop);
//! - [`sync`] `Engine`: pollers, cadence, status; it gets handles to auth and the cache only;
//! - `actions`: what the user does, as functions that take the parts they use.
//!
//! The desktop app holds a [`launcher::Launcher`], which opens the `Core` for the server the
//! user chose (or the demo, which ccp-demo assembles) and switches it.

mod actions;
pub mod api;
pub mod app_lock;
mod auth;
pub mod browser;
pub mod cache;
mod config;
mod core;
mod error;
mod events;
pub mod export;
mod feed;
pub mod launcher;
pub mod programs;
mod refreeze;
mod resource;
mod settings;
pub mod sync;
pub mod tasks;
pub mod update;
mod views;

pub use crate::core::Core;
pub use auth::SessionPersistence;
pub use auth::keyring::StoredSession;
pub use ccp_io::SecretStore;
/// The keyring service every entry of the app and `ccp` lives under (tests use their own).
pub use ccp_io::keyring::BASE_SERVICE as KEYRING_SERVICE;
pub use ccp_model::clock::now_unix;
pub use config::Config;
pub use error::{Error, Result};
pub use resource::Resource;
pub use sync::SyncHandle;
