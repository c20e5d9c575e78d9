//! The OS keyring (Secret Service, Keychain, Credential Manager): the only place tokens and the
//! cache key are stored. Calls block on D-Bus, so each runs on the blocking pool.

use crate::{Error, Result};
use secrecy::{ExposeSecret, SecretString};

pub const ACCESS_TOKEN: &str = "access_token";
pub const REFRESH_TOKEN: &str = "refresh_token";
pub const CACHE_KEY: &str = "cache_key";
pub const ACCOUNT: &str = "account";
pub const ALL: [&str; 4] = [ACCESS_TOKEN, REFRESH_TOKEN, CACHE_KEY, ACCOUNT];

#[derive(Clone)]
pub struct SecretStore {
    service: String,
    enabled: bool,
}

/// A session as the keyring holds it.
pub struct StoredSession {
    pub email: String,
    pub access: Option<SecretString>,
    pub refresh: SecretString,
}

impl SecretStore {
    pub fn new(service: &str, enabled: bool) -> Self {
        SecretStore {
            service: service.to_owned(),
            enabled,
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// `Ok` when secrets can be stored; the error says why not.
    pub async fn check(&self) -> Result<()> {
        if !self.enabled {
            return Err(Error::KeyringUnavailable(
                "disabled by configuration".into(),
            ));
        }
        // Reading an entry that may not exist proves the store answers (and is unlocked).
        self.get(ACCOUNT).await.map(|_| ())
    }

    pub async fn get(&self, user: &'static str) -> Result<Option<SecretString>> {
        self.run(user, |entry| match entry.get_password() {
            Ok(v) => Ok(Some(SecretString::from(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
        .await
    }

    pub async fn set(&self, user: &'static str, value: &SecretString) -> Result<()> {
        let value = value.clone();
        self.run(user, move |entry| entry.set_password(value.expose_secret()))
            .await
    }

    pub async fn delete(&self, user: &'static str) -> Result<()> {
        self.run(user, |entry| match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
        .await
    }

    pub async fn delete_all(&self) -> Result<()> {
        let mut first_error = None;
        for user in ALL {
            if let Err(e) = self.delete(user).await {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    pub async fn load_session(&self) -> Result<Option<StoredSession>> {
        let Some(refresh) = self.get(REFRESH_TOKEN).await? else {
            return Ok(None);
        };
        let Some(email) = self.get(ACCOUNT).await? else {
            return Ok(None);
        };
        let access = self.get(ACCESS_TOKEN).await?;
        Ok(Some(StoredSession {
            email: email.expose_secret().to_owned(),
            access,
            refresh,
        }))
    }

    pub async fn save_tokens(&self, access: &SecretString, refresh: &SecretString) -> Result<()> {
        self.set(REFRESH_TOKEN, refresh).await?;
        self.set(ACCESS_TOKEN, access).await
    }

    async fn run<T, F>(&self, user: &'static str, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    {
        if !self.enabled {
            return Err(Error::KeyringUnavailable(
                "disabled by configuration".into(),
            ));
        }
        let service = self.service.clone();
        tokio::task::spawn_blocking(move || {
            let entry = keyring::Entry::new(&service, user).map_err(|e| map_error(user, e))?;
            f(&entry).map_err(|e| map_error(user, e))
        })
        .await?
    }
}

/// Keyring errors carry platform detail but may also carry the secret's bytes
/// (`BadEncoding`), so each variant is described by hand.
fn map_error(user: &str, e: keyring::Error) -> Error {
    use keyring::Error as K;
    match e {
        K::NoStorageAccess(p) => {
            Error::KeyringUnavailable(format!("the keyring is locked or not accessible: {p}"))
        }
        K::NoDefaultStore => Error::KeyringUnavailable(
            "no OS keyring (Secret Service, Keychain or Credential Manager) is running".into(),
        ),
        K::PlatformFailure(p) => Error::KeyringUnavailable(format!("the keyring failed: {p}")),
        K::BadEncoding(_) | K::BadDataFormat(..) => {
            Error::Keyring(format!("the {user} entry is not readable"))
        }
        K::Ambiguous(_) => Error::Keyring(format!("several {user} entries exist")),
        other => Error::Keyring(format!("{user}: {}", kind_name(&other))),
    }
}

fn kind_name(e: &keyring::Error) -> String {
    match e {
        keyring::Error::TooLong(attr, max) => format!("{attr} longer than {max}"),
        keyring::Error::Invalid(attr, why) => format!("{attr} invalid: {why}"),
        keyring::Error::NotSupportedByStore(why) => format!("not supported: {why}"),
        keyring::Error::BadStoreFormat(why) => format!("bad store format: {why}"),
        _ => "unexpected keyring error".into(),
    }
}
