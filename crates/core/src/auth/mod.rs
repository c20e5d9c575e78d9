//! The session: sign-in (login → one-time code → tokens), the single-flight refresh, sign-out,
//! and where the session is kept (the OS keyring, or memory only). [`Auth`] owns all of it; the
//! rest of the core gets at the server only through [`Auth::with_auth`].

pub mod keyring;
mod lock;
pub mod session;

use crate::api::ApiClient;
use crate::cache::{self, slot::CacheSlot};
use crate::events::Events;
use crate::{Config, Error, Result};
use ccp_io::SecretStore;
use ccp_model::api::{LoginResponse, TokenResponse, User};
use ccp_model::ipc::{AppEvent, LoginOutcome};
use ccp_model::view::SessionInfo;
use keyring::{ACCOUNT, ALL, CACHE_KEY, SERVER, StoredSession};
use lock::ProcessLock;
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
    /// The server this session belongs to (`Config::session_scope`), kept with it.
    scope: String,
    /// Shared with other processes using this server's session (the app and `ccp`).
    process_lock: Option<ProcessLock>,
    /// Beside the session lock: the keyring entries hold a spent refresh token that could not
    /// be deleted yet; whoever starts next deletes them before reading them.
    spent_marker: Option<std::path::PathBuf>,
}

/// Both locks held: this process's refresh lock, then (for a session kept in the keyring) the
/// file lock shared with other processes.
struct Exclusive<'a> {
    _in_process: tokio::sync::MutexGuard<'a, ()>,
    _across_processes: Option<lock::Held>,
}

impl Auth {
    pub fn new(config: &Config, cache: Arc<CacheSlot>, events: Events) -> Result<Auth> {
        Ok(Auth {
            api: ApiClient::new(config)?,
            secrets: SecretStore::new(&config.session_keyring_service(), config.use_keyring),
            session: Session::default(),
            refresh_lock: tokio::sync::Mutex::new(()),
            persistence: RwLock::new(SessionPersistence::Keyring),
            cache,
            events,
            changes: watch::channel(0).0,
            scope: config.session_scope.clone(),
            spent_marker: config
                .use_keyring
                .then(|| config.session_lock_path().with_extension("spent")),
            // Without a keyring nothing is kept on disk, not even a lock file.
            process_lock: config
                .use_keyring
                .then(|| ProcessLock::new(config.session_lock_path())),
        })
    }

    /// Serializes sign-in, refresh, sign-out and opening the cache, within this process and
    /// with the other processes that share the session.
    async fn exclusive(&self) -> Result<Exclusive<'_>> {
        let in_process = self.refresh_lock.lock().await;
        let across = match &self.process_lock {
            Some(lock) if self.persistence().is_keyring() => Some(lock.acquire().await?),
            _ => None,
        };
        Ok(Exclusive {
            _in_process: in_process,
            _across_processes: across,
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

    /// Picks up a session left in the keyring by an earlier run (or by `ccp`), with its cache.
    /// What cannot make a usable session is removed.
    pub async fn restore(&self) {
        if !self.delete_marked_spent().await {
            tracing::warn!("the kept session is spent and could not be deleted; not restored");
            self.announce_change();
            return;
        }
        let persistence = match StoredSession::load(&self.secrets).await {
            Ok(found) => {
                match self.exclusive().await {
                    Ok(_both) => self.restore_locked(found).await,
                    Err(e) => tracing::warn!("the session is busy elsewhere; not restored: {e}"),
                }
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

    async fn restore_locked(&self, found: Option<StoredSession>) {
        let server = match &found {
            Some(_) => match self.secrets.get(SERVER).await {
                Ok(server) => server,
                // A keyring that fails now may answer later: keep everything, restore nothing.
                Err(e) => {
                    tracing::warn!("could not read the stored session's server: {e}");
                    return;
                }
            },
            None => None,
        };
        let stored = match (found, server) {
            (Some(stored), Some(s)) if s.expose_secret() == self.scope => stored,
            // Kept for another server (entries written by hand or by another build): never
            // used here, and not ours to delete either.
            (Some(_), Some(_)) => {
                tracing::warn!("the stored session belongs to another server; not used");
                return;
            }
            // Leftovers of a session that ended badly (every session we keep names its
            // server) are no use: remove every one.
            _ => {
                if let Err(e) = self.secrets.delete_all(&ALL).await {
                    tracing::warn!("could not remove leftover keyring entries: {e}");
                }
                if let Err(e) = self.cache.delete_files() {
                    tracing::warn!("could not remove a leftover cache: {e}");
                }
                return;
            }
        };
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
            .await
            .map_err(|e| match e {
                // Nothing else is refused here: it is the code (wrong, expired, used up), and
                // the user must hear that, not "session expired". The server's words follow.
                Error::Unauthorized { message } | Error::Refused { message, .. } => {
                    Error::WrongCode { detail: message }
                }
                other => other,
            })?;
        self.establish(email, tokens).await
    }

    /// E-mails a new sign-in code. Too soon after the last one, the server answers 429 and
    /// [`Error::RateLimited`] carries its `Retry-After` (the countdown the user sees).
    pub async fn resend_otp(&self, email: &str) -> Result<()> {
        let email = valid_email(email)?;
        self.api.resend_otp(email).await.map(drop)
    }

    /// Tokens in hand: keep them (keyring if possible), open the account's cache, tell everyone.
    async fn establish(&self, email: &str, tokens: TokenResponse) -> Result<SessionInfo> {
        let access = tokens.access_token.into_secret();
        let refresh = tokens.refresh_token.into_secret();
        {
            let _both = self.exclusive().await?;
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
        }
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

    /// Writes tokens, account, server and the cache key; returns the key. The same account
    /// signing in again keeps its cache (another process may have it open); another account
    /// starts a new one, so two accounts' data never mix.
    async fn persist_new_session(
        &self,
        email: &str,
        access: &SecretString,
        refresh: &SecretString,
    ) -> Result<SecretString> {
        self.secrets.check(ACCOUNT).await?;
        let same_account = self
            .secrets
            .get(ACCOUNT)
            .await?
            .is_some_and(|a| a.expose_secret() == email);
        let kept_key = match same_account {
            true => self
                .secrets
                .get(CACHE_KEY)
                .await?
                .filter(cache::key::is_valid),
            false => None,
        };
        let key = match kept_key {
            Some(key) => key,
            None => {
                self.cache.drop_file().await?;
                cache::key::generate()
            }
        };
        let result = async {
            keyring::save_tokens(&self.secrets, access, refresh).await?;
            self.secrets
                .set(ACCOUNT, &SecretString::from(email.to_owned()))
                .await?;
            self.secrets
                .set(SERVER, &SecretString::from(self.scope.clone()))
                .await?;
            Ok(self.secrets.set(CACHE_KEY, &key).await?)
        }
        .await;
        if let Err(e) = result {
            // Half a session in the keyring is worse than none.
            let _ = self.secrets.delete_all(&ALL).await;
            return Err(e);
        }
        // A new session replaced whatever spent one was marked.
        if let Some(marker) = &self.spent_marker {
            let _ = std::fs::remove_file(marker);
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
    /// generation and simply retry with it. Another process sharing the session may have
    /// refreshed (or signed out, or in) already: the keyring is read again first, and only a
    /// refresh token nobody has spent yet is sent.
    async fn refresh_after(&self, seen_generation: u64) -> Result<()> {
        let _both = self.exclusive().await?;
        let active = self.session.active().ok_or(Error::NotSignedIn)?;
        if active.generation != seen_generation {
            return Ok(());
        }
        if self.persistence().is_keyring() {
            match StoredSession::load(&self.secrets).await {
                Ok(Some(stored)) if stored.email != active.email => {
                    self.forget("another account signed in on this computer")
                        .await;
                    return Err(ended());
                }
                Ok(Some(stored))
                    if stored.refresh.expose_secret() != active.refresh.expose_secret() =>
                {
                    let access = stored
                        .access
                        .unwrap_or_else(|| SecretString::from(String::new()));
                    self.session
                        .replace(seen_generation, access, stored.refresh);
                    return Ok(());
                }
                Ok(None) => {
                    self.forget("signed out in another ComeComePay window or `ccp`")
                        .await;
                    return Err(ended());
                }
                Ok(Some(_)) => {}
                Err(e) => tracing::warn!("could not read the session again: {e}"),
            }
        }
        match self.api.refresh(&active.refresh).await {
            Ok(tokens) => {
                if self.session.active().map(|a| a.generation) != Some(seen_generation) {
                    // Signed out (or in) while the refresh was under way: that wins.
                    return Err(Error::NotSignedIn);
                }
                let access = tokens.access_token.into_secret();
                let refresh = tokens.refresh_token.into_secret();
                if self.persistence().is_keyring()
                    && let Err(e) = keyring::save_tokens(&self.secrets, &access, &refresh).await
                {
                    self.keep_in_memory_only(e).await;
                }
                self.session.replace(seen_generation, access, refresh);
                Ok(())
            }
            Err(Error::Unauthorized { message } | Error::Forbidden { message }) => {
                let was_active = self.session.is_active();
                self.session.clear();
                self.sign_out_locked(&format!("session expired: {message}"), was_active)
                    .await;
                Err(ended())
            }
            Err(e) => Err(e),
        }
    }

    /// The keyring did not take the rotated tokens, so the ones it holds are spent: the session
    /// goes on in memory only, and the window says so. The cache follows: its key goes with the
    /// spent entries, so the file is closed and deleted and the cache lives in memory; and the
    /// spent entries are deleted (see [`Auth::delete_spent`]), so no later start replays them.
    async fn keep_in_memory_only(&self, e: Error) {
        tracing::warn!("the renewed session could not be kept in the keyring: {e}");
        if let Err(e) = self.cache.drop_file().await {
            tracing::warn!("could not delete the cache file of the spent session: {e}");
        }
        self.delete_spent().await;
        self.set_persistence(SessionPersistence::MemoryOnly {
            reason: format!(
                "the keyring did not take the renewed session ({e}); it ends when the app closes"
            ),
        });
        if let Some(info) = self.info() {
            self.events.emit(AppEvent::SignedIn(info));
        }
    }

    /// Deletes the spent entries, trying three times with short pauses; if the keyring still
    /// refuses, marks them spent (a file beside the session lock) for the next start of the app
    /// or `ccp` to delete before reading.
    async fn delete_spent(&self) {
        for pause_ms in [0, 500, 1500] {
            tokio::time::sleep(std::time::Duration::from_millis(pause_ms)).await;
            let failed = self.secrets.delete_each(&ALL).await;
            if failed.is_empty() {
                return;
            }
            tracing::warn!("spent keyring entries not deleted yet: {}", failed[0].1);
        }
        if let Some(marker) = &self.spent_marker {
            let written = marker
                .parent()
                .map_or(Ok(()), ccp_io::private_fs::create_private_dir)
                .and_then(|()| ccp_io::private_fs::write_private_atomically(marker, b"spent\n"));
            if let Err(e) = written {
                tracing::error!("could not mark the spent session {}: {e}", marker.display());
            }
        }
    }

    /// Deletes entries an earlier run marked spent; `false` if they are marked and still there.
    async fn delete_marked_spent(&self) -> bool {
        let Some(marker) = self.spent_marker.as_ref().filter(|m| m.exists()) else {
            return true;
        };
        match self.secrets.delete_all(&ALL).await {
            Ok(()) => {
                let _ = std::fs::remove_file(marker);
                true
            }
            Err(e) => {
                tracing::warn!("the spent session's keyring entries are still there: {e}");
                false
            }
        }
    }

    /// Server logout through the normal auth path (an expired access token is refreshed
    /// first), then everything local is deleted. An error says what could not be deleted.
    pub async fn logout(&self) -> Result<()> {
        if self.session.is_active() {
            let api = &self.api;
            let revoke = tokio::time::timeout(
                std::time::Duration::from_secs(5),
                self.with_auth(|t| async move { api.logout(&t).await }),
            )
            .await;
            match revoke {
                Ok(Ok(_)) => {}
                // The local wipe happens whatever the server says.
                Ok(Err(e)) => tracing::info!("server logout failed (signing out anyway): {e}"),
                Err(_) => tracing::info!("server logout timed out (signing out anyway)"),
            }
        }
        self.sign_out("signed out").await
    }

    /// Signs out now: the session in memory at once (so nothing more is sent with it), then,
    /// once no refresh or sign-in is under way here or in another process, the keyring
    /// entries and the cache.
    async fn sign_out(&self, reason: &str) -> Result<()> {
        let was_active = self.session.is_active();
        self.session.clear();
        let _both = self.exclusive().await;
        let left = self.sign_out_locked(reason, was_active).await;
        if left.is_empty() {
            Ok(())
        } else {
            Err(Error::SignOutIncomplete {
                left: left.join("; "),
            })
        }
    }

    /// Deletes the keyring entries first (without the key a leftover cache file is unreadable),
    /// then the cache; returns what could not be deleted, each with how to remove it.
    async fn sign_out_locked(&self, reason: &str, was_active: bool) -> Vec<String> {
        let mut left = Vec::new();
        for (user, e) in self.secrets.delete_each(&ALL).await {
            // Nothing was ever stored without a keyring.
            if matches!(e, ccp_io::Error::KeyringUnavailable(_)) && !self.persistence().is_keyring()
            {
                continue;
            }
            tracing::warn!("could not delete keyring entry {user}: {e}");
            let service = self.secrets.service();
            left.push(format!(
                "keyring entry \"{user}\" of \"{service}\" (remove it in your keyring \
                 manager, or: secret-tool clear service '{service}' username '{user}')"
            ));
        }
        if let Err(e) = self.cache.drop_file().await {
            left.push(format!(
                "the encrypted cache {} ({e}; delete it by hand)",
                self.cache.path().display()
            ));
        }
        self.announce_change();
        if was_active || !left.is_empty() {
            let reason = match left.is_empty() {
                true => reason.to_owned(),
                false => format!(
                    "{reason}, but not everything could be deleted: {}",
                    left.join("; ")
                ),
            };
            self.events.emit(AppEvent::SignedOut { reason });
        }
        left
    }

    /// Another process ended or replaced this session: forget it here without touching what is
    /// stored (it belongs to that process's session now).
    async fn forget(&self, reason: &str) {
        let was_active = self.session.is_active();
        self.session.clear();
        if let Err(e) = self.cache.use_memory().await {
            tracing::warn!("could not switch to an in-memory cache: {e}");
        }
        self.announce_change();
        if was_active {
            self.events.emit(AppEvent::SignedOut {
                reason: reason.to_owned(),
            });
        }
    }
}

/// What a caller hears when the session ended during its request.
fn ended() -> Error {
    Error::Unauthorized {
        message: "the session has ended; sign in again".into(),
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
