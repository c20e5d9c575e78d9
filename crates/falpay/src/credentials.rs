//! The client credentials (`client_id`, `client_secret`): from the environment or the OS
//! keyring, never from the command line (another user could read it in the process list).

use crate::{Error, FalPayConfig, Result};
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The environment variable holding the client id.
pub const ENV_CLIENT_ID: &str = "CCP_FALPAY_CLIENT_ID";
/// The environment variable holding the client secret.
pub const ENV_CLIENT_SECRET: &str = "CCP_FALPAY_CLIENT_SECRET";
/// Keyring entry (user name) of the client id.
pub const KEYRING_CLIENT_ID: &str = "falpay_client_id";
/// Keyring entry (user name) of the client secret.
pub const KEYRING_CLIENT_SECRET: &str = "falpay_client_secret";
/// The keyring service's default base; the service is `<base> FalPay <server origin>`.
pub const DEFAULT_KEYRING_BASE: &str = "ComeComePay Desktop";

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
/// entries [`KEYRING_CLIENT_ID`] and [`KEYRING_CLIENT_SECRET`]. Each call runs on a thread of
/// its own and is given up after a timeout (a hung Secret Service must not hang the caller).
#[derive(Debug, Clone)]
pub struct CredentialStore {
    service: String,
    timeout: Duration,
}

impl CredentialStore {
    /// `base`: [`DEFAULT_KEYRING_BASE`] unless a test or the user chose another.
    pub fn new(base: &str, config: &FalPayConfig) -> CredentialStore {
        CredentialStore {
            service: format!("{base} FalPay {}", config.origin()),
            timeout: Duration::from_secs(5),
        }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// Both entries, or `None` when either is missing.
    pub async fn load(&self) -> Result<Option<Credentials>> {
        let Some(id) = self.get(KEYRING_CLIENT_ID).await? else {
            return Ok(None);
        };
        let Some(secret) = self.get(KEYRING_CLIENT_SECRET).await? else {
            return Ok(None);
        };
        Credentials::new(id.expose_secret(), secret).map(Some)
    }

    pub async fn save(&self, credentials: &Credentials) -> Result<()> {
        self.set(
            KEYRING_CLIENT_SECRET,
            credentials.client_secret.expose_secret().to_owned(),
        )
        .await?;
        self.set(KEYRING_CLIENT_ID, credentials.client_id.clone())
            .await
    }

    /// Deletes both entries (missing ones are fine).
    pub async fn delete(&self) -> Result<()> {
        for user in [KEYRING_CLIENT_ID, KEYRING_CLIENT_SECRET] {
            self.run(user, |entry| match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(e) => Err(e),
            })
            .await?;
        }
        Ok(())
    }

    async fn get(&self, user: &'static str) -> Result<Option<SecretString>> {
        self.run(user, |entry| match entry.get_password() {
            Ok(v) => Ok(Some(SecretString::from(Zeroizing::new(v).as_str()))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
        .await
    }

    async fn set(&self, user: &'static str, value: String) -> Result<()> {
        let value = Zeroizing::new(value);
        self.run(user, move |entry| entry.set_password(&value))
            .await
    }

    /// Runs `op` on the entry on a plain thread (not `spawn_blocking`: a call that never
    /// returns would keep the runtime from shutting down) and waits at most `self.timeout`.
    async fn run<T, F>(&self, user: &'static str, op: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    {
        let service = self.service.clone();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let gave_up = Arc::new(AtomicBool::new(false));
        let gave_up_in_thread = gave_up.clone();
        std::thread::Builder::new()
            .name("falpay-keyring".into())
            .spawn(move || {
                let result = keyring::Entry::new(&service, user)
                    .and_then(|entry| op(&entry))
                    .map_err(|e| map_error(user, e));
                if !gave_up_in_thread.load(Ordering::Acquire) {
                    let _ = tx.send(result);
                }
            })
            .map_err(|e| Error::Internal(format!("starting a keyring thread: {e}")))?;
        match tokio::time::timeout(self.timeout, rx).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(Error::Internal("a keyring call panicked".into())),
            Err(_) => {
                gave_up.store(true, Ordering::Release);
                Err(Error::KeyringUnavailable(format!(
                    "the keyring did not answer within {} s",
                    self.timeout.as_secs_f32()
                )))
            }
        }
    }
}

/// Keyring errors may carry the secret's bytes (`BadEncoding`), so each is described by hand.
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
        K::TooLong(attr, max) => Error::Keyring(format!("{user}: {attr} longer than {max}")),
        K::Invalid(attr, why) => Error::Keyring(format!("{user}: {attr} invalid: {why}")),
        _ => Error::Keyring(format!("{user}: unexpected keyring error")),
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
        Err(Error::KeyringUnavailable(why)) => Err(Error::NoCredentials(format!(
            "the keyring cannot be read ({why}) and {ENV_CLIENT_ID} / {ENV_CLIENT_SECRET} are not set"
        ))),
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
            DEFAULT_KEYRING_BASE,
            &FalPayConfig::new("https://open.falpay.example/").unwrap(),
        );
        assert_eq!(
            a.service(),
            "ComeComePay Desktop FalPay https://open.falpay.example"
        );
        let b = CredentialStore::new("t", &FalPayConfig::new("http://127.0.0.1:9").unwrap());
        assert_eq!(b.service(), "t FalPay http://127.0.0.1:9");
    }
}
