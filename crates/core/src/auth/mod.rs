//! The session: sign-in (login → one-time code → tokens), the single-flight refresh, sign-out,
//! and where the session is kept (the OS keyring, or memory only). [`Auth`] owns all of it; the
//! rest of the core gets at the server only through [`Auth::with_auth`].

pub mod keyring;
pub mod session;

use crate::api::ApiClient;
use crate::cache::{self, CacheSlot};
use crate::events::Events;
use crate::{Config, Error, Result};
use ccp_model::api::{LoginResponse, TokenResponse, User};
use ccp_model::ipc::{AppEvent, LoginOutcome};
use ccp_model::view::SessionInfo;
use keyring::{ACCOUNT, CACHE_KEY, SecretStore};
use secrecy::{ExposeSecret, SecretString};
use session::Session;
use std::future::Future;
use std::sync::{Arc, RwLock};
use tokio::sync::watch;

/// Where the session lives between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionPersistence {
    /// Tokens and the cache key are in the OS keyring; the cache is on disk, encrypted.
    Keyring,
    /// No usable keyring: the session ends with the process and nothing is written to disk.
    MemoryOnly { reason: String },
}

impl SessionPersistence {
    pub fn is_keyring(&self) -> bool {
        matches!(self, SessionPersistence::Keyring)
    }
}

pub(crate) struct Auth {
    api: ApiClient,
    secrets: SecretStore,
    session: Session,
    /// One refresh at a time; the others wait and use its result.
    refresh_lock: tokio::sync::Mutex<()>,
    persistence: RwLock<SessionPersistence>,
    /// Opened with the key of the session that signs in, dropped when it ends.
    cache: Arc<CacheSlot>,
    events: Events,
    /// Bumped on every sign-in and sign-out, so the pollers start and stop with the session.
    changes: watch::Sender<u64>,
}

impl Auth {
    pub fn new(config: &Config, cache: Arc<CacheSlot>, events: Events) -> Result<Auth> {
        Ok(Auth {
            api: ApiClient::new(config)?,
            secrets: SecretStore::new(&config.keyring_service, config.use_keyring),
            session: Session::default(),
            refresh_lock: tokio::sync::Mutex::new(()),
            persistence: RwLock::new(SessionPersistence::Keyring),
            cache,
            events,
            changes: watch::channel(0).0,
        })
    }

    /// The API client, for calls made inside [`Auth::with_auth`].
    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.is_active()
    }

    /// The signed-in account, and whether the session survives a restart.
    pub fn info(&self) -> Option<SessionInfo> {
        let mut info = self.session.info()?;
        if let SessionPersistence::MemoryOnly { reason } = self.persistence() {
            info.not_kept = Some(reason);
        }
        Some(info)
    }

    pub fn email(&self) -> Result<String> {
        Ok(self.session.active().ok_or(Error::NotSignedIn)?.email)
    }

    /// A newer profile of the signed-in user.
    pub fn set_user(&self, user: Option<User>) {
        self.session.set_user(user);
    }

    pub fn persistence(&self) -> SessionPersistence {
        self.persistence.read().expect("persistence lock").clone()
    }

    fn set_persistence(&self, persistence: SessionPersistence) {
        *self.persistence.write().expect("persistence lock") = persistence;
    }

    /// Wakes whoever waits for the session to start or end.
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.changes.subscribe()
    }

    fn announce_change(&self) {
        self.changes.send_modify(|n| *n += 1);
    }

    /// Picks up a session left in the keyring by an earlier run, with its cache.
    pub async fn restore(&self) {
        let persistence = match self.secrets.load_session().await {
            Ok(Some(stored)) => {
                // Without the cache the session still works; only the offline view starts empty.
                if let Err(e) = self.open_stored_cache().await {
                    tracing::warn!("could not open the cache of the stored session: {e}");
                }
                let access = stored
                    .access
                    .unwrap_or_else(|| SecretString::from(String::new()));
                self.session.set(&stored.email, access, stored.refresh);
                if let Ok(Some(account)) = self.cache.get().account().await {
                    self.session.set_user(account.user);
                }
                SessionPersistence::Keyring
            }
            Ok(None) => {
                // Leftovers of a session that ended badly are unreadable anyway: remove them.
                let _ = self.secrets.delete(CACHE_KEY).await;
                let _ = self.cache.delete_files();
                SessionPersistence::Keyring
            }
            Err(e) => {
                tracing::warn!("no keyring; sessions will be memory-only: {e}");
                SessionPersistence::MemoryOnly {
                    reason: e.to_string(),
                }
            }
        };
        self.set_persistence(persistence);
        self.announce_change();
    }

    async fn open_stored_cache(&self) -> Result<()> {
        let key = match self.secrets.get(CACHE_KEY).await? {
            Some(k) if cache::key::is_valid(&k) => k,
            _ => {
                self.cache.delete_files()?;
                let k = cache::key::generate();
                self.secrets.set(CACHE_KEY, &k).await?;
                k
            }
        };
        self.cache.open_file(&key).await
    }

    /// Step 1: e-mail and password. Usually a code is e-mailed (`OtpSent`).
    pub async fn login(&self, email: &str, password: SecretString) -> Result<LoginOutcome> {
        let email = valid_email(email)?;
        if password.expose_secret().is_empty() {
            return Err(Error::Invalid("the password is empty".into()));
        }
        match self.api.login(email, &password).await? {
            LoginResponse::Challenge(c) => Ok(LoginOutcome::OtpSent {
                email: c.email.unwrap_or_else(|| email.to_owned()),
            }),
            LoginResponse::Tokens(t) => Ok(LoginOutcome::SignedIn {
                session: self.establish(email, t).await?,
            }),
        }
    }

    /// Step 2: the e-mailed code → signed in.
    pub async fn verify_otp(&self, email: &str, otp: SecretString) -> Result<SessionInfo> {
        let email = valid_email(email)?;
        let code = otp.expose_secret().trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::Invalid(
                "the one-time code must be the letters or digits from the e-mail".into(),
            ));
        }
        let tokens = self
            .api
            .verify_otp(email, &SecretString::from(code.to_owned()))
            .await?;
        self.establish(email, tokens).await
    }

    /// Tokens in hand: keep them (keyring if possible), open the account's cache, tell everyone.
    async fn establish(&self, email: &str, tokens: TokenResponse) -> Result<SessionInfo> {
        let access = tokens.access_token.into_secret();
        let refresh = tokens.refresh_token.into_secret();
        // A previous account's cache must not mix with this one.
        if self.session.is_active() {
            self.cache.drop_file().await;
        }
        match self.persist_new_session(email, &access, &refresh).await {
            Ok(key) => {
                self.cache.open_file(&key).await?;
                self.set_persistence(SessionPersistence::Keyring);
            }
            Err(e) => {
                tracing::warn!("session kept in memory only: {e}");
                self.cache.use_memory().await?;
                self.set_persistence(SessionPersistence::MemoryOnly {
                    reason: e.to_string(),
                });
            }
        }
        self.session.set(email, access, refresh);
        self.session.set_user(tokens.user.clone());
        if tokens.user.is_none()
            && let Ok(profile) = self
                .with_auth(|t| async move { self.api.profile(&t).await })
                .await
        {
            self.session.set_user(profile.into_user());
        }
        let info = self.info().ok_or(Error::NotSignedIn)?;
        self.cache
            .get()
            .save_account(&info.email, info.user.as_ref())
            .await?;
        self.events.emit(AppEvent::SignedIn(info.clone()));
        self.announce_change();
        Ok(info)
    }

    /// Writes tokens, account and a fresh cache key; returns the key.
    async fn persist_new_session(
        &self,
        email: &str,
        access: &SecretString,
        refresh: &SecretString,
    ) -> Result<SecretString> {
        self.secrets.check().await?;
        let key = cache::key::generate();
        let result = async {
            self.secrets.save_tokens(access, refresh).await?;
            self.secrets
                .set(ACCOUNT, &SecretString::from(email.to_owned()))
                .await?;
            self.secrets.set(CACHE_KEY, &key).await
        }
        .await;
        if let Err(e) = result {
            // Half a session in the keyring is worse than none.
            let _ = self.secrets.delete_all().await;
            return Err(e);
        }
        Ok(key)
    }

    /// Runs `call` with the access token; on 401 refreshes once (shared by all concurrent
    /// callers) and retries once.
    pub async fn with_auth<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: Fn(Arc<SecretString>) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let active = self.session.active().ok_or(Error::NotSignedIn)?;
        match call(active.access.clone()).await {
            Err(Error::Unauthorized { .. }) => {
                self.refresh_after(active.generation).await?;
                let active = self.session.active().ok_or(Error::NotSignedIn)?;
                call(active.access.clone()).await
            }
            other => other,
        }
    }

    /// Single flight: whoever takes the lock first refreshes; the others find a newer
    /// generation and simply retry with it.
    async fn refresh_after(&self, seen_generation: u64) -> Result<()> {
        let _one_at_a_time = self.refresh_lock.lock().await;
        let active = self.session.active().ok_or(Error::NotSignedIn)?;
        if active.generation != seen_generation {
            return Ok(());
        }
        match self.api.refresh(&active.refresh).await {
            Ok(tokens) => {
                let access = tokens.access_token.into_secret();
                let refresh = tokens.refresh_token.into_secret();
                if self.persistence().is_keyring()
                    && let Err(e) = self.secrets.save_tokens(&access, &refresh).await
                {
                    tracing::warn!("could not store the refreshed tokens: {e}");
                }
                self.session.set(&active.email, access, refresh);
                Ok(())
            }
            Err(Error::Unauthorized { message } | Error::Forbidden { message }) => {
                self.sign_out_local(&format!("session expired: {message}"))
                    .await;
                Err(Error::Unauthorized {
                    message: "the session has ended; sign in again".into(),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Server logout (best effort), then the cache file and keyring entries are deleted.
    pub async fn logout(&self) {
        if let Some(active) = self.session.active() {
            // Best effort: the local wipe happens whatever the server says.
            let server = tokio::time::timeout(
                std::time::Duration::from_secs(5),
                self.api.logout(&active.access),
            )
            .await;
            if let Ok(Err(e)) = server {
                tracing::info!("server logout failed (signed out locally anyway): {e}");
            }
        }
        self.sign_out_local("signed out").await;
    }

    /// Forgets the session: memory, cache file and keyring entries; then tells everyone.
    async fn sign_out_local(&self, reason: &str) {
        let was_active = self.session.is_active();
        self.session.clear();
        self.cache.drop_file().await;
        if let Err(e) = self.secrets.delete_all().await
            && !matches!(e, Error::KeyringUnavailable(_))
        {
            tracing::warn!("could not delete keyring entries: {e}");
        }
        self.announce_change();
        if was_active {
            self.events.emit(AppEvent::SignedOut {
                reason: reason.to_owned(),
            });
        }
    }
}

fn valid_email(email: &str) -> Result<&str> {
    let email = email.trim();
    let ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.ends_with('.')
        })
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(email)
    } else {
        Err(Error::Invalid(format!(
            "{email:?} is not an e-mail address"
        )))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_check() {
        assert!(super::valid_email(" a@b.co ").is_ok());
        assert!(super::valid_email("ab.co").is_err());
        assert!(super::valid_email("a@b").is_err());
        assert!(super::valid_email("a b@c.d").is_err());
    }
}
