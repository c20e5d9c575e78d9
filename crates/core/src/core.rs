//! [`Core`]: the one handle the shell and the CLI hold.

use crate::api::ApiClient;
use crate::auth::keyring::{CACHE_KEY, SecretStore};
use crate::auth::session::Session;
use crate::cache::{self, Cache};
use crate::sync::{self, PASSCODES_SHOWN, Resource, SyncHandle, SyncState};
use crate::views::now_unix;
use crate::{Config, Error, Result};
use ccp_model::ipc::{AppEvent, CardAction, LoginOutcome};
use ccp_model::view::{
    CardView, Fetched, KycView, PasscodeView, SessionInfo, Snapshot, SyncStatus, TransactionsView,
};
use secrecy::SecretString;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

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

/// Cheap to clone: everything is behind one `Arc`.
#[derive(Clone)]
pub struct Core {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub config: Config,
    pub api: ApiClient,
    pub secrets: SecretStore,
    pub session: Session,
    cache: RwLock<Cache>,
    pub persistence: RwLock<SessionPersistence>,
    events: broadcast::Sender<AppEvent>,
    pub refresh_lock: tokio::sync::Mutex<()>,
    pub sync: SyncState,
}

impl Inner {
    pub fn cache(&self) -> Cache {
        self.cache.read().expect("cache lock").clone()
    }

    pub fn replace_cache(&self, new: Cache) -> Cache {
        std::mem::replace(&mut *self.cache.write().expect("cache lock"), new)
    }

    pub fn cache_path(&self) -> PathBuf {
        self.config.data_dir.join("cache.db")
    }

    pub fn persistence(&self) -> SessionPersistence {
        self.persistence.read().expect("persistence lock").clone()
    }

    pub fn emit(&self, event: AppEvent) {
        // No subscriber is fine: the cache holds the same truth.
        let _ = self.events.send(event);
    }

    /// Picks up a session left in the keyring by an earlier run, with its cache.
    async fn restore(&self) {
        let persistence = match self.secrets.load_session().await {
            Ok(Some(stored)) => {
                match self.restore_cache().await {
                    Ok(cache) => {
                        self.replace_cache(cache);
                    }
                    // The session still works; only the offline view starts empty.
                    Err(e) => tracing::warn!("could not open the cache of the stored session: {e}"),
                }
                let access = stored
                    .access
                    .unwrap_or_else(|| SecretString::from(String::new()));
                self.session.set(&stored.email, access, stored.refresh);
                if let Ok(Some(account)) = self.cache().account().await {
                    self.session.set_user(account.user);
                }
                SessionPersistence::Keyring
            }
            Ok(None) => {
                // Leftovers of a session that ended badly are unreadable anyway: remove them.
                let _ = self.secrets.delete(CACHE_KEY).await;
                let _ = cache::delete_files(&self.cache_path());
                SessionPersistence::Keyring
            }
            Err(e) => {
                tracing::warn!("no keyring; sessions will be memory-only: {e}");
                SessionPersistence::MemoryOnly {
                    reason: e.to_string(),
                }
            }
        };
        *self.persistence.write().expect("persistence lock") = persistence;
    }

    async fn restore_cache(&self) -> Result<Cache> {
        let key = match self.secrets.get(CACHE_KEY).await? {
            Some(k) if cache::key::is_valid(&k) => k,
            _ => {
                cache::delete_files(&self.cache_path())?;
                let k = cache::key::generate();
                self.secrets.set(CACHE_KEY, &k).await?;
                k
            }
        };
        self.open_file_cache(&key).await
    }
}

impl Core {
    /// Restores a session from the keyring if there is one, and opens its cache.
    pub async fn open(config: Config) -> Result<Core> {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            Error::Config(format!("data directory {}: {e}", config.data_dir.display()))
        })?;
        let inner = Inner {
            api: ApiClient::new(&config)?,
            secrets: SecretStore::new(&config.keyring_service, config.use_keyring),
            session: Session::default(),
            cache: RwLock::new(Cache::memory().await?),
            persistence: RwLock::new(SessionPersistence::Keyring),
            events: broadcast::channel(1024).0,
            refresh_lock: tokio::sync::Mutex::new(()),
            sync: SyncState::new(),
            config,
        };
        inner.restore().await;
        Ok(Core {
            inner: Arc::new(inner),
        })
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    pub fn is_signed_in(&self) -> bool {
        self.inner.session.is_active()
    }

    pub fn session(&self) -> Option<SessionInfo> {
        self.inner.session.info().map(|s| self.with_persistence(s))
    }

    fn with_persistence(&self, mut session: SessionInfo) -> SessionInfo {
        if let SessionPersistence::MemoryOnly { reason } = self.persistence() {
            session.not_kept = Some(reason);
        }
        session
    }

    /// Whether the session survives a restart (keyring) or not (memory only, and why).
    pub fn persistence(&self) -> SessionPersistence {
        self.inner.persistence()
    }

    /// The encrypted cache file (it exists only while signed in with a keyring).
    pub fn cache_path(&self) -> PathBuf {
        self.inner.cache_path()
    }

    /// Step 1: e-mail and password. Usually a code is e-mailed (`OtpSent`).
    pub async fn login(&self, email: &str, password: SecretString) -> Result<LoginOutcome> {
        self.inner.login(email, password).await
    }

    /// Step 2: the e-mailed code → signed in.
    pub async fn verify_otp(&self, email: &str, otp: SecretString) -> Result<SessionInfo> {
        let session = self.inner.verify_otp(email, otp).await?;
        Ok(self.with_persistence(session))
    }

    /// Server logout (best effort), then the cache file and keyring entries are deleted.
    pub async fn logout(&self) -> Result<()> {
        self.inner.logout().await
    }

    /// One round of every resource, all at once; the first failure is returned.
    pub async fn sync_now(&self) -> Result<()> {
        if !self.is_signed_in() {
            return Err(Error::NotSignedIn);
        }
        let inner = &self.inner;
        let rounds = Resource::ALL.map(|r| async move { inner.sync_one(r, None).await.0 });
        let results = futures_util::future::join_all(rounds).await;
        results.into_iter().find(|r| r.is_err()).unwrap_or(Ok(()))
    }

    /// One round of one resource (e.g. the passcodes only).
    pub async fn sync_resource(&self, resource: Resource) -> Result<()> {
        self.inner.sync_one(resource, None).await.0
    }

    pub async fn card_action(&self, public_token: &str, action: CardAction) -> Result<CardView> {
        self.inner.card_action(public_token, action).await
    }

    /// Starts hosted KYC; returns the page to open in the browser.
    pub async fn start_kyc(&self) -> Result<String> {
        self.inner.start_kyc().await
    }

    /// Everything the window paints at start, from the cache, with fetched_at times.
    pub async fn snapshot(&self) -> Result<Snapshot> {
        let cache = self.inner.cache();
        Ok(Snapshot {
            session: self.session(),
            cards: cache.cards().await?,
            passcodes: cache.passcodes(PASSCODES_SHOWN).await?,
            kyc: cache.kyc().await?,
            sync: self.sync_status(),
        })
    }

    pub async fn cards(&self) -> Result<Fetched<Vec<CardView>>> {
        self.inner.cache().cards().await
    }

    /// Cached passcodes, newest first.
    pub async fn passcodes(&self) -> Result<Fetched<Vec<PasscodeView>>> {
        self.inner.cache().passcodes(PASSCODES_SHOWN).await
    }

    /// Cached passcodes, newest first, up to `limit` (history views, checks).
    pub async fn passcodes_up_to(&self, limit: u32) -> Result<Fetched<Vec<PasscodeView>>> {
        self.inner.cache().passcodes(limit).await
    }

    /// KYC from the server (cached on the way); see [`Core::cached_kyc`] for offline.
    pub async fn kyc(&self) -> Result<KycView> {
        self.inner.sync_one(Resource::Kyc, None).await.0?;
        Ok(self.inner.cache().kyc().await?.data)
    }

    pub async fn cached_kyc(&self) -> Result<Fetched<KycView>> {
        self.inner.cache().kyc().await
    }

    /// The newest transactions of a card from the server (page 1, up to `limit`), cached.
    pub async fn transactions(&self, public_token: &str, limit: u32) -> Result<TransactionsView> {
        let inner = &self.inner;
        let limit = limit.clamp(1, 100);
        let page = inner
            .with_auth(|t| async move { inner.api.transactions(&t, public_token, 1, limit).await })
            .await?
            .data;
        inner
            .cache()
            .replace_transactions(public_token, &page.transactions, page.total, now_unix())
            .await?;
        Ok(TransactionsView {
            public_token: public_token.to_owned(),
            transactions: page.transactions,
            total: page.total,
        })
    }

    /// Fresh transactions, or the cached copy (with its age) when the server cannot be reached.
    pub async fn transactions_or_cached(
        &self,
        public_token: &str,
        limit: u32,
    ) -> Result<Fetched<TransactionsView>> {
        match self.transactions(public_token, limit).await {
            Ok(data) => Ok(Fetched {
                data,
                fetched_at: Some(now_unix()),
            }),
            Err(e) if e.is_unreachable() => {
                let cached = self.cached_transactions(public_token).await?;
                if cached.fetched_at.is_some() {
                    Ok(cached)
                } else {
                    Err(e)
                }
            }
            Err(e) => Err(e),
        }
    }

    pub async fn cached_transactions(
        &self,
        public_token: &str,
    ) -> Result<Fetched<TransactionsView>> {
        self.inner.cache().transactions(public_token).await
    }

    pub fn sync_status(&self) -> SyncStatus {
        self.inner
            .sync
            .status
            .lock()
            .expect("status lock")
            .overall()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<AppEvent> {
        self.inner.events.subscribe()
    }

    /// Spawns the pollers on the current tokio runtime; dropping the handle ends them.
    pub fn start_sync(&self) -> SyncHandle {
        sync::start(self.inner.clone())
    }

    /// Window focus: a passcode is likely while the window is in front.
    pub fn set_foreground(&self, focused: bool) {
        self.inner
            .sync
            .set_foreground(focused, self.inner.config.activity_window);
    }

    /// Closes the cache's connections and waits for their threads, so nothing touches SQLCipher
    /// (and its OpenSSL) while the process exits. Call before a short-lived process returns.
    pub async fn close(&self) {
        self.inner.cache().close().await;
    }

    /// The language of the server's messages (`Accept-Language`), from the next request on.
    pub fn set_language(&self, language: &str) -> Result<()> {
        self.inner.api.set_language(language)
    }

    /// User activity: fast passcode polling for a few minutes.
    pub fn note_activity(&self) {
        self.inner
            .sync
            .note_activity(self.inner.config.activity_window);
    }
}
