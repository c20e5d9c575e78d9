//! The session's entries in the OS keyring, under `Config::session_keyring_service`. The store
//! itself (a thread per call, a deadline, no secret in its errors) is [`ccp_io::SecretStore`].

use crate::Result;
use ccp_io::SecretStore;
use secrecy::{ExposeSecret, SecretString};

pub const ACCESS_TOKEN: &str = "access_token";
pub const REFRESH_TOKEN: &str = "refresh_token";
pub const CACHE_KEY: &str = "cache_key";
pub const ACCOUNT: &str = "account";
/// The server the session belongs to (`Config::session_scope`), checked when it is restored.
pub const SERVER: &str = "server";
pub const ALL: [&str; 5] = [ACCESS_TOKEN, REFRESH_TOKEN, CACHE_KEY, ACCOUNT, SERVER];

/// A session as the keyring holds it.
pub struct StoredSession {
    pub email: String,
    pub access: Option<SecretString>,
    pub refresh: SecretString,
}

impl StoredSession {
    /// The session in `store`; `None` without a refresh token or an account.
    pub async fn load(store: &SecretStore) -> Result<Option<StoredSession>> {
        let Some(refresh) = store.get(REFRESH_TOKEN).await? else {
            return Ok(None);
        };
        let Some(email) = store.get(ACCOUNT).await? else {
            return Ok(None);
        };
        let access = store.get(ACCESS_TOKEN).await?;
        Ok(Some(StoredSession {
            email: email.expose_secret().to_owned(),
            access,
            refresh,
        }))
    }
}

pub async fn save_tokens(
    store: &SecretStore,
    access: &SecretString,
    refresh: &SecretString,
) -> Result<()> {
    store.set(REFRESH_TOKEN, refresh).await?;
    Ok(store.set(ACCESS_TOKEN, access).await?)
}
