//! Sign-in (login → one-time code → tokens), the single-flight refresh and sign-out.

pub mod keyring;
pub mod session;

use crate::cache::{self, Cache};
use crate::core::{Inner, SessionPersistence};
use crate::{Error, Result};
use ccp_model::api::{LoginResponse, TokenResponse};
use ccp_model::ipc::{AppEvent, LoginOutcome};
use ccp_model::view::SessionInfo;
use keyring::{ACCOUNT, CACHE_KEY};
use secrecy::{ExposeSecret, SecretString};
use std::future::Future;
use std::sync::Arc;

impl Inner {
    pub(crate) async fn login(&self, email: &str, password: SecretString) -> Result<LoginOutcome> {
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

    pub(crate) async fn verify_otp(&self, email: &str, otp: SecretString) -> Result<SessionInfo> {
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
            self.drop_cache().await;
        }
        let persisted = self.persist_new_session(email, &access, &refresh).await;
        let new_cache = match &persisted {
            Ok(key) => self.open_file_cache(key).await,
            Err(_) => Cache::memory().await,
        }?;
        self.replace_cache(new_cache);
        *self.persistence.write().expect("persistence lock") = match persisted {
            Ok(_) => SessionPersistence::Keyring,
            Err(e) => {
                tracing::warn!("session kept in memory only: {e}");
                SessionPersistence::MemoryOnly {
                    reason: e.to_string(),
                }
            }
        };
        self.session.set(email, access, refresh);
        self.session.set_user(tokens.user.clone());
        if tokens.user.is_none()
            && let Ok(profile) = self
                .with_auth(|t| async move { self.api.profile(&t).await })
                .await
        {
            self.session.set_user(profile.into_user());
        }
        let info = self.session.info().ok_or(Error::NotSignedIn)?;
        self.cache()
            .save_account(&info.email, info.user.as_ref())
            .await?;
        self.emit(AppEvent::SignedIn(info.clone()));
        self.sync.wake_all();
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

    pub(crate) async fn open_file_cache(&self, key: &SecretString) -> Result<Cache> {
        let path = self.cache_path();
        match Cache::open(&path, key).await {
            Ok(c) => Ok(c),
            Err(e) => {
                // Only a cache: a file we cannot read (other key, damaged) is replaced.
                tracing::warn!("cache unreadable, starting a new one: {e}");
                cache::delete_files(&path)?;
                Cache::open(&path, key).await
            }
        }
    }

    /// Runs `call` with the access token; on 401 refreshes once (shared by all concurrent
    /// callers) and retries once.
    pub(crate) async fn with_auth<T, F, Fut>(&self, call: F) -> Result<T>
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

    pub(crate) async fn logout(&self) -> Result<()> {
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
        Ok(())
    }

    /// Forgets the session: memory, cache file and keyring entries; then tells everyone.
    pub(crate) async fn sign_out_local(&self, reason: &str) {
        let was_active = self.session.is_active();
        self.session.clear();
        self.sync.status.lock().expect("status lock").clear();
        self.drop_cache().await;
        if let Err(e) = self.secrets.delete_all().await
            && !matches!(e, Error::KeyringUnavailable(_))
        {
            tracing::warn!("could not delete keyring entries: {e}");
        }
        if was_active {
            self.emit(AppEvent::SignedOut {
                reason: reason.to_owned(),
            });
        }
    }

    /// Swaps in an empty in-memory cache and deletes the file one.
    async fn drop_cache(&self) {
        match Cache::memory().await {
            Ok(empty) => {
                let old = self.replace_cache(empty);
                if let Err(e) = old.close_and_delete().await {
                    tracing::warn!("could not delete the cache: {e}");
                }
            }
            Err(e) => tracing::warn!("could not create an in-memory cache: {e}"),
        }
        if let Err(e) = cache::delete_files(&self.cache_path()) {
            tracing::warn!("could not delete the cache: {e}");
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
