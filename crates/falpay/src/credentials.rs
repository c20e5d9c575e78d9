//! The client credentials (`client_id`, `client_secret`): from the environment or the OS
//! keyring, never from the command line (another user could read it in the process list).

use crate::{Error, FalPayConfig, Result};
use ccp_io::SecretStore;
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};
use std::fmt;
use std::time::Duration;

/// The environment variable holding the client id.
pub const ENV_CLIENT_ID: &str = "CCP_FALPAY_CLIENT_ID";
/// The environment variable holding the client secret.
pub const ENV_CLIENT_SECRET: &str = "CCP_FALPAY_CLIENT_SECRET";
/// Keyring entry (user name) of the client id.
pub const KEYRING_CLIENT_ID: &str = "falpay_client_id";
/// Keyring entry (user name) of the client secret.
pub const KEYRING_CLIENT_SECRET: &str = "falpay_client_secret";

/// A client id and its secret. `Debug` shows the id only.
#[derive(Clone)]
pub struct Credentials {
    client_id: String,
    client_secret: SecretString,
}

impl Credentials {
    /// Refuses an empty id or secret (nothing would be sent).
    pub fn new(client_id: &str, client_secret: SecretString) -> Result<Credentials> {
        let client_id = client_id.trim();
        if client_id.is_empty() {
            return Err(Error::NoCredentials("the client id is empty".into()));
        }
        if client_secret.expose_secret().is_empty() {
            return Err(Error::NoCredentials("the client secret is empty".into()));
        }
        Ok(Credentials {
            client_id: client_id.to_owned(),
            client_secret,
        })
    }

    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    pub fn client_secret(&self) -> &SecretString {
        &self.client_secret
    }

    /// Both of [`ENV_CLIENT_ID`] and [`ENV_CLIENT_SECRET`]; `None` when neither is set, an
    /// error when only one is.
    pub fn from_env() -> Result<Option<Credentials>> {
        Self::from_vars(
            std::env::var(ENV_CLIENT_ID).ok(),
            std::env::var(ENV_CLIENT_SECRET).ok().map(Zeroizing::new),
        )
    }

    fn from_vars(
        id: Option<String>,
        secret: Option<Zeroizing<String>>,
    ) -> Result<Option<Credentials>> {
        let id = id.filter(|v| !v.is_empty());
        let secret = secret.filter(|v| !v.is_empty());
        match (id, secret) {
            (None, None) => Ok(None),
            (Some(id), Some(secret)) => {
                Credentials::new(&id, SecretString::from(secret.as_str())).map(Some)
            }
            (Some(_), None) => Err(Error::NoCredentials(format!(
                "{ENV_CLIENT_ID} is set but {ENV_CLIENT_SECRET} is not: set both or neither"
            ))),
            (None, Some(_)) => Err(Error::NoCredentials(format!(
                "{ENV_CLIENT_SECRET} is set but {ENV_CLIENT_ID} is not: set both or neither"
            ))),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

/// Where the credentials in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// [`ENV_CLIENT_ID`] and [`ENV_CLIENT_SECRET`].
    Environment,
    /// The keyring, under this service.
    Keyring { service: String },
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Environment => write!(f, "environment ({ENV_CLIENT_ID}, {ENV_CLIENT_SECRET})"),
            Source::Keyring { service } => write!(f, "keyring ({service})"),
        }
    }
}

/// One FalPay server's credentials in the OS keyring: service `<base> FalPay <origin>`,
/// entries [`KEYRING_CLIENT_ID`] and [`KEYRING_CLIENT_SECRET`]. The calls go through
/// [`ccp_io::SecretStore`] (a thread per call and a deadline: a hung Secret Service must not
/// hang the caller).
#[derive(Debug, Clone)]
pub struct CredentialStore {
    store: SecretStore,
}

impl CredentialStore {
    /// `base`: the app's own ([`ccp_io::keyring::BASE_SERVICE`]) unless a test or the user
    /// chose another.
    pub fn new(base: Option<&str>, config: &FalPayConfig) -> CredentialStore {
        let base = base.unwrap_or(ccp_io::keyring::BASE_SERVICE);
        CredentialStore {
            store: SecretStore::new(&format!("{base} FalPay {}", config.origin()), true),
        }
    }

    pub fn with_timeout(self, timeout: Duration) -> Self {
        CredentialStore {
            store: self.store.with_timeout(timeout),
        }
    }

    pub fn service(&self) -> &str {
        self.store.service()
    }

    /// Both entries, or `None` when either is missing.
    pub async fn load(&self) -> Result<Option<Credentials>> {
        let Some(id) = self.store.get(KEYRING_CLIENT_ID).await? else {
            return Ok(None);
        };
        let Some(secret) = self.store.get(KEYRING_CLIENT_SECRET).await? else {
            return Ok(None);
        };
        Credentials::new(id.expose_secret(), secret).map(Some)
    }

    pub async fn save(&self, credentials: &Credentials) -> Result<()> {
        self.store
            .set(KEYRING_CLIENT_SECRET, &credentials.client_secret)
            .await?;
        let id = SecretString::from(credentials.client_id.as_str());
        Ok(self.store.set(KEYRING_CLIENT_ID, &id).await?)
    }

    /// Deletes both entries (missing ones are fine).
    pub async fn delete(&self) -> Result<()> {
        Ok(self
            .store
            .delete_all(&[KEYRING_CLIENT_ID, KEYRING_CLIENT_SECRET])
            .await?)
    }
}

/// The credentials to use: the environment's when [`ENV_CLIENT_ID`] / [`ENV_CLIENT_SECRET`]
/// are set, else the keyring's.
pub async fn find(store: &CredentialStore) -> Result<(Credentials, Source)> {
    if let Some(c) = Credentials::from_env()? {
        return Ok((c, Source::Environment));
    }
    let not_there = || {
        format!(
            "none in the keyring (service {:?}) and {ENV_CLIENT_ID} / {ENV_CLIENT_SECRET} are not set",
            store.service()
        )
    };
    match store.load().await {
        Ok(Some(c)) => Ok((
            c,
            Source::Keyring {
                service: store.service().to_owned(),
            },
        )),
        Ok(None) => Err(Error::NoCredentials(not_there())),
        Err(Error::Io(ccp_io::Error::KeyringUnavailable(why))) => {
            Err(Error::NoCredentials(format!(
                "the keyring cannot be read ({why}) and {ENV_CLIENT_ID} / {ENV_CLIENT_SECRET} are not set"
            )))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(id: Option<&str>, secret: Option<&str>) -> Result<Option<Credentials>> {
        Credentials::from_vars(
            id.map(str::to_owned),
            secret.map(|s| Zeroizing::new(s.to_owned())),
        )
    }

    #[test]
    fn both_variables_or_neither() {
        assert!(vars(None, None).unwrap().is_none());
        assert!(vars(Some(""), Some("")).unwrap().is_none());
        let c = vars(Some(" 42 "), Some(" s p ")).unwrap().unwrap();
        assert_eq!(c.client_id(), "42");
        // A secret is kept byte for byte.
        assert_eq!(c.client_secret().expose_secret(), " s p ");
        let e = vars(Some("42"), None).unwrap_err();
        assert!(e.to_string().contains(ENV_CLIENT_SECRET), "{e}");
        let e = vars(None, Some("topsecret")).unwrap_err();
        assert!(e.to_string().contains(ENV_CLIENT_ID), "{e}");
        assert!(!e.to_string().contains("topsecret"));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let c = Credentials::new("42", SecretString::from("topsecret")).unwrap();
        let shown = format!("{c:?}");
        assert!(
            shown.contains("42") && !shown.contains("topsecret"),
            "{shown}"
        );
    }

    #[test]
    fn each_server_has_its_own_keyring_service() {
        let a = CredentialStore::new(
            None,
            &FalPayConfig::new("https://open.falpay.example/").unwrap(),
        );
        assert_eq!(
            a.service(),
            "ComeComePay Desktop FalPay https://open.falpay.example"
        );
        let b = CredentialStore::new(Some("t"), &FalPayConfig::new("http://127.0.0.1:9").unwrap());
        assert_eq!(b.service(), "t FalPay http://127.0.0.1:9");
    }
}
