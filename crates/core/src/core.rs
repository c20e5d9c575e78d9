//! [`Core`]: the one handle the shell and the CLI hold. It only composes the subsystems —
//! [`Auth`] (the session), [`CacheSlot`] (the encrypted cache), [`Engine`] (the pollers), the
//! settings file — and hands each action the parts it uses.

use crate::auth::{Auth, SessionPersistence};
use crate::cache::slot::CacheSlot;
use crate::events::Events;
use crate::refreeze::Deadlines;
use crate::settings::SettingsFile;
use crate::sync::{Engine, PASSCODES_SHOWN, SyncHandle};
use crate::{Config, Error, Resource, Result, actions, now_unix};
use ccp_model::api::{Message, MessageKind, TransactionDetail};
use ccp_model::ipc::{AppEvent, CardAction, KycApplicant, LoginOutcome, Settings};
use ccp_model::view::{
    CardView, Fetched, FreezeAllReport, KycView, MessagesView, PasscodeView, PastPasscode,
    RefreezeDeadline, Refrozen, SessionInfo, Snapshot, SyncStatus, TransactionsView,
};
use secrecy::SecretString;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// Cheap to clone: every part is shared.
#[derive(Clone)]
pub struct Core {
    config: Arc<Config>,
    auth: Arc<Auth>,
    cache: Arc<CacheSlot>,
    sync: Arc<Engine>,
    settings: Arc<SettingsFile>,
    events: Events,
    refreeze: Deadlines,
    /// The last card frozen again (or not), for a window that opens after it happened (the
    /// first start after a crash freezes before the window listens).
    last_refrozen: Arc<std::sync::Mutex<Option<Refrozen>>>,
}

impl Core {
    /// Transactions per page in the window ("Load more").
    pub const TRANSACTIONS_PAGE: u32 = 50;

    /// Restores a session from the keyring if there is one, and opens its cache.
    pub async fn open(config: Config) -> Result<Core> {
        let settings = Arc::new(SettingsFile::load(config.settings_file.clone()));
        Self::open_shared(config, Events::new(), settings).await
    }

    /// Like [`Core::open`], with an event channel and settings the caller shares across cores
    /// (the launcher's: the window's subscription and the user's settings outlive a change of
    /// server).
    pub(crate) async fn open_shared(
        mut config: Config,
        events: Events,
        settings: Arc<SettingsFile>,
    ) -> Result<Core> {
        ccp_io::private_fs::create_private_dir(&config.data_dir).map_err(|e| {
            Error::Config(format!("data directory {}: {e}", config.data_dir.display()))
        })?;
        if settings.is_file_backed() {
            config.language = settings.get().language;
        }
        config.adopt_legacy_session_dir();
        let cache = Arc::new(CacheSlot::new(config.cache_path()).await?);
        let auth = Arc::new(Auth::new(&config, cache.clone(), events.clone())?);
        auth.restore().await;
        let sync = Arc::new(Engine::new(
            &config,
            auth.clone(),
            cache.clone(),
            events.clone(),
        ));
        Ok(Core {
            refreeze: Deadlines::new(&config.session_dir()),
            last_refrozen: Arc::default(),
            config: Arc::new(config),
            auth,
            cache,
            sync,
            settings,
            events,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn is_signed_in(&self) -> bool {
        self.auth.is_signed_in()
    }

    pub fn session(&self) -> Option<SessionInfo> {
        self.auth.info()
    }

    /// Whether the session survives a restart (keyring) or not (memory only, and why).
    pub fn persistence(&self) -> SessionPersistence {
        self.auth.persistence()
    }

    /// The encrypted cache file (it exists only while signed in with a keyring).
    pub fn cache_path(&self) -> PathBuf {
        self.cache.path().to_path_buf()
    }

    /// Step 1: e-mail and password. Usually a code is e-mailed (`OtpSent`).
    pub async fn login(&self, email: &str, password: SecretString) -> Result<LoginOutcome> {
        self.auth.login(email, password).await
    }

    /// Step 2: the e-mailed code → signed in.
    pub async fn verify_otp(&self, email: &str, otp: SecretString) -> Result<SessionInfo> {
        self.auth.verify_otp(email, otp).await
    }

    /// E-mails a new sign-in code (between steps 1 and 2).
    pub async fn resend_otp(&self, email: &str) -> Result<()> {
        self.auth.resend_otp(email).await
    }

    /// The newest release the server announces for `platform` (a public call).
    pub async fn app_version(&self, platform: &str) -> Result<ccp_model::api::AppVersionResponse> {
        self.auth.api().app_version(platform).await
    }

    /// Server logout (through the normal auth path), then the keyring entries and the cache
    /// file are deleted; [`Error::SignOutIncomplete`] names what could not be.
    pub async fn logout(&self) -> Result<()> {
        self.auth.logout().await
    }

    /// One round of every resource, all at once; the first failure is returned.
    pub async fn sync_now(&self) -> Result<()> {
        if !self.is_signed_in() {
            return Err(Error::NotSignedIn);
        }
        let sync = &self.sync;
        let rounds = Resource::ALL.map(|r| async move { sync.sync_one(r, None).await.0 });
        let results = futures_util::future::join_all(rounds).await;
        results.into_iter().find(|r| r.is_err()).unwrap_or(Ok(()))
    }

    /// One round of one resource (e.g. the passcodes only).
    pub async fn sync_resource(&self, resource: Resource) -> Result<()> {
        self.sync.sync_one(resource, None).await.0
    }

    /// Freezes, unfreezes or cancels a card. A change by hand ends an unfreeze-for-a-while:
    /// the user has decided.
    pub async fn card_action(&self, public_token: &str, action: CardAction) -> Result<CardView> {
        let view = self.change_card(public_token, action).await?;
        self.forget_refreeze(&view.public_token).await;
        Ok(view)
    }

    async fn change_card(&self, public_token: &str, action: CardAction) -> Result<CardView> {
        actions::change_card(
            &self.auth,
            &self.cache,
            &self.sync,
            &self.events,
            public_token,
            action,
        )
        .await
    }

    /// The longest "unfreeze for a while" (the window offers 5, 15 and 30 minutes).
    pub const MAX_UNFREEZE: Duration = Duration::from_secs(60 * 60);

    /// "Unfreeze for one checkout": unfreezes the card, and freezes it again after
    /// `for_how_long` — also when the app was quit or crashed meanwhile (the deadline is kept
    /// in the session directory first, so no crash can leave the card open without one).
    /// Until then 3-D Secure records are read at the fastest pace: a payment is under way.
    pub async fn unfreeze_for(
        &self,
        public_token: &str,
        for_how_long: Duration,
    ) -> Result<CardView> {
        if for_how_long.is_zero() || for_how_long > Self::MAX_UNFREEZE {
            return Err(Error::Invalid(format!(
                "a card can be unfrozen for 1 second to {} minutes, not {} seconds",
                Self::MAX_UNFREEZE.as_secs() / 60,
                for_how_long.as_secs()
            )));
        }
        let token = public_token.trim();
        let at = now_unix() + for_how_long.as_secs().max(1) as i64;
        self.refreeze.set(token, at).await?;
        match self.change_card(token, CardAction::Unfreeze).await {
            Ok(view) => {
                self.sync
                    .expect_passcode_until(Instant::now() + for_how_long);
                self.emit_refreeze().await;
                Ok(view)
            }
            Err(e) => {
                self.forget_refreeze(token).await;
                Err(e)
            }
        }
    }

    /// The cards unfrozen for a while, soonest deadline first.
    pub async fn refreeze_deadlines(&self) -> Vec<RefreezeDeadline> {
        self.refreeze.list().await
    }

    /// Freezes every card whose unfreeze time has run out (at start, and by the app's timer).
    /// A card that cannot be frozen keeps its deadline and the reason, and is tried again.
    pub async fn refreeze_due(&self) -> Vec<Refrozen> {
        self.refreeze_due_except(&HashMap::new()).await
    }

    /// [`Core::refreeze_due`], leaving out cards not to be tried before a Unix second.
    async fn refreeze_due_except(&self, not_before: &HashMap<String, i64>) -> Vec<Refrozen> {
        let now = now_unix();
        let due: Vec<RefreezeDeadline> = self
            .refreeze
            .list()
            .await
            .into_iter()
            .filter(|d| d.at <= now && not_before.get(&d.public_token).is_none_or(|t| *t <= now))
            .collect();
        if due.is_empty() || !self.is_signed_in() {
            return Vec::new();
        }
        let mut outcomes = Vec::new();
        for d in due {
            let outcome = self.refreeze_one(&d).await;
            *self.last_refrozen.lock().expect("refrozen lock") = Some(outcome.clone());
            self.events.emit(AppEvent::Refrozen(outcome.clone()));
            outcomes.push(outcome);
        }
        self.emit_refreeze().await;
        // A card list the pollers read before the freeze may land after it (at start, both
        // happen at once): read it again, so the cache and the window end on the server's word.
        if outcomes.iter().any(|o| o.error.is_none())
            && let Err(e) = self.sync_resource(Resource::Cards).await
        {
            tracing::debug!("card list not read again after freezing: {e}");
        }
        outcomes
    }

    async fn refreeze_one(&self, d: &RefreezeDeadline) -> Refrozen {
        let cached = self.cache.get().cards().await.ok();
        let card = cached.and_then(|c| {
            c.data
                .into_iter()
                .find(|c| c.public_token == d.public_token)
        });
        // Already frozen or cancelled (by hand, elsewhere): nothing to do.
        let result = match card {
            Some(card) if !card.status.can_freeze() => Ok(card),
            _ => self.change_card(&d.public_token, CardAction::Freeze).await,
        };
        let (card, error) = match result {
            Ok(card) => {
                self.forget_refreeze(&d.public_token).await;
                (Some(card), None)
            }
            Err(e) => {
                let why = e.to_string();
                tracing::warn!("could not freeze card {} again: {why}", d.public_token);
                if let Err(e) = self.refreeze.note_failure(&d.public_token, &why).await {
                    tracing::error!("{e}");
                }
                (None, Some(why))
            }
        };
        Refrozen {
            public_token: d.public_token.clone(),
            deadline: d.at,
            card,
            error,
        }
    }

    /// Forgets a card's deadline, telling the window if it had one.
    async fn forget_refreeze(&self, public_token: &str) {
        match self.refreeze.remove(public_token).await {
            Ok(Some(all)) => self.events.emit(AppEvent::RefreezeChanged(all)),
            Ok(None) => {}
            Err(e) => tracing::error!("{e}"),
        }
    }

    async fn emit_refreeze(&self) {
        let all = self.refreeze.list().await;
        self.events.emit(AppEvent::RefreezeChanged(all));
    }

    /// The app's timer for [`Core::refreeze_due`]: every second, with a failed card tried again
    /// after 2, 4, … up to 60 seconds.
    async fn refreeze_loop(self, mut stop: crate::tasks::Stopped) {
        let mut not_before: HashMap<String, i64> = HashMap::new();
        let mut delay: HashMap<String, i64> = HashMap::new();
        loop {
            for outcome in self.refreeze_due_except(&not_before).await {
                if outcome.error.is_some() {
                    let d = delay.entry(outcome.public_token.clone()).or_insert(1);
                    *d = (*d * 2).min(60);
                    not_before.insert(outcome.public_token, now_unix() + *d);
                } else {
                    delay.remove(&outcome.public_token);
                    not_before.remove(&outcome.public_token);
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = stop.wait() => return,
            }
        }
    }

    /// "Wasn't me": a 3-D Secure code nobody asked for names no card, so every card that can
    /// be frozen is frozen, all at once. The card list is read from the server first, so a card
    /// the cache has not seen yet is not missed; without a connection nothing is tried and the
    /// error says why.
    pub async fn freeze_all(&self) -> Result<FreezeAllReport> {
        if !self.is_signed_in() {
            return Err(Error::NotSignedIn);
        }
        if let Err(e) = self.sync_resource(Resource::Cards).await {
            if e.is_unreachable() {
                return Err(e);
            }
            tracing::warn!("card list not refreshed before freezing all: {e}");
        }
        let cards = self.cache.get().cards().await?.data;
        let to_freeze = cards.into_iter().filter(|c| c.status.can_freeze());
        let attempts = to_freeze.map(|card| async move {
            let result = self
                .card_action(&card.public_token, CardAction::Freeze)
                .await;
            (card, result)
        });
        let mut report = FreezeAllReport::default();
        for (card, result) in futures_util::future::join_all(attempts).await {
            match result {
                Ok(view) => report.frozen.push(view),
                Err(e) => report.failed.push((card, e.to_string())),
            }
        }
        Ok(report)
    }

    /// Starts hosted KYC for this applicant; returns the page to open in the browser. The
    /// applicant is validated first ([`KycApplicant::validate`]): a form with problems is
    /// [`Error::InvalidInput`], and nothing is sent.
    pub async fn start_kyc(&self, applicant: &KycApplicant) -> Result<String> {
        actions::start_kyc(&self.auth, &self.sync, applicant).await
    }

    /// A KYC form prefilled from the signed-in user's profile (the names, and the phone when
    /// it can be split from its calling code); empty when signed out or the profile is not
    /// known yet. The profile is the one kept with the session, refreshed by the pollers.
    pub fn kyc_applicant_draft(&self) -> KycApplicant {
        self.session()
            .and_then(|s| s.user)
            .map(|user| KycApplicant::from_user(&user))
            .unwrap_or_default()
    }

    /// Everything the window paints at start, from the cache, with fetched_at times.
    pub async fn snapshot(&self) -> Result<Snapshot> {
        let cache = self.cache.get();
        Ok(Snapshot {
            session: self.session(),
            cards: cache.cards().await?,
            passcodes: cache.passcodes(PASSCODES_SHOWN).await?,
            kyc: cache.kyc().await?,
            sync: self.sync_status(),
            refreeze: self.refreeze.list().await,
            messages: cache.messages().await?,
            refrozen: self.last_refrozen.lock().expect("refrozen lock").clone(),
        })
    }

    pub async fn cards(&self) -> Result<Fetched<Vec<CardView>>> {
        self.cache.get().cards().await
    }

    /// Cached passcodes, newest first.
    pub async fn passcodes(&self) -> Result<Fetched<Vec<PasscodeView>>> {
        self.cache.get().passcodes(PASSCODES_SHOWN).await
    }

    /// Cached passcodes, newest first, up to `limit` (history views, checks).
    pub async fn passcodes_up_to(&self, limit: u32) -> Result<Fetched<Vec<PasscodeView>>> {
        self.cache.get().passcodes(limit).await
    }

    /// A page of the 3-D Secure history from the cache (newest first, codes left out).
    pub async fn passcode_history(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Fetched<Vec<PastPasscode>>> {
        self.cache
            .get()
            .passcode_history(before, limit.min(200))
            .await
    }

    /// The newest cached passcode still live at `now` (for the tray and the copy shortcut).
    pub async fn newest_live_passcode(&self, now: i64) -> Option<PasscodeView> {
        let cached = self.cache.get().passcodes(PASSCODES_SHOWN).await.ok()?;
        cached.data.into_iter().find(|p| p.is_live(now))
    }

    /// One cached passcode by its id (to copy it); `None` if it is not cached.
    pub async fn passcode(&self, id: i64) -> Result<Option<PasscodeView>> {
        self.cache.get().passcode(id).await
    }

    /// KYC from the server (cached on the way); see [`Core::cached_kyc`] for offline.
    pub async fn kyc(&self) -> Result<KycView> {
        self.sync_resource(Resource::Kyc).await?;
        Ok(self.cache.get().kyc().await?.data)
    }

    pub async fn cached_kyc(&self) -> Result<Fetched<KycView>> {
        self.cache.get().kyc().await
    }

    /// Notifications and announcements from the server (kept on the way); offline, the kept
    /// ones with their age.
    pub async fn messages(&self) -> Result<Fetched<MessagesView>> {
        match self.sync_resource(Resource::Messages).await {
            Ok(()) => {}
            Err(e) if e.is_unreachable() => {
                let kept = self.cache.get().messages().await?;
                return if kept.fetched_at.is_some() {
                    Ok(kept)
                } else {
                    Err(e)
                };
            }
            Err(e) => return Err(e),
        }
        self.cache.get().messages().await
    }

    /// The kept notifications and announcements, with their age.
    pub async fn cached_messages(&self) -> Result<Fetched<MessagesView>> {
        self.cache.get().messages().await
    }

    /// One message in full; the service marks it read, and so does the kept copy. Offline: the
    /// kept copy (still unread: the service was not told).
    pub async fn open_message(&self, kind: MessageKind, id: &str) -> Result<Message> {
        let api = self.auth.api();
        let cache = self.cache.get();
        let fetched = self
            .auth
            .with_auth(|t| async move { api.message(&t, kind, id).await })
            .await;
        match fetched {
            Ok(message) => {
                cache.save_opened_message(&message).await?;
                let kept = cache.messages().await?;
                self.events.emit(AppEvent::MessagesChanged {
                    messages: kept.data,
                    fetched_at: kept.fetched_at.unwrap_or_else(now_unix),
                    new: Vec::new(),
                });
                Ok(Message {
                    read: true,
                    ..message
                })
            }
            Err(e) if e.is_unreachable() => cache.message(kind, id).await?.ok_or(e),
            Err(e) => Err(e),
        }
    }

    /// The newest transactions of a card from the server (page 1, up to `limit`), cached.
    pub async fn transactions(&self, public_token: &str, limit: u32) -> Result<TransactionsView> {
        self.sync.fetch_transactions(public_token, limit).await
    }

    /// Fresh transactions, or the cached copy (with its age) when the server cannot be reached.
    pub async fn transactions_or_cached(
        &self,
        public_token: &str,
        limit: u32,
    ) -> Result<Fetched<TransactionsView>> {
        Ok(self.fresh_or_kept(public_token, limit).await?.0)
    }

    /// The first page fresh from the server (`true`), or, when the server cannot be reached,
    /// the kept list with its age (`false`); unreachable with nothing kept is the error.
    pub(crate) async fn fresh_or_kept(
        &self,
        public_token: &str,
        limit: u32,
    ) -> Result<(Fetched<TransactionsView>, bool)> {
        match self.transactions(public_token, limit).await {
            Ok(data) => Ok((
                Fetched {
                    data,
                    fetched_at: Some(now_unix()),
                },
                true,
            )),
            Err(e) if e.is_unreachable() => {
                let cached = self.cached_transactions(public_token).await?;
                if cached.fetched_at.is_some() {
                    Ok((cached, false))
                } else {
                    Err(e)
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Page `page` (1-based, [`Core::TRANSACTIONS_PAGE`] each) of a card's transactions from
    /// the server, kept in the cache page by page. Page 1, when the server cannot be reached,
    /// is the cached list (every page kept so far) with its age.
    pub async fn transactions_page(
        &self,
        public_token: &str,
        page: u32,
    ) -> Result<Fetched<TransactionsView>> {
        if page <= 1 {
            return self
                .transactions_or_cached(public_token, Self::TRANSACTIONS_PAGE)
                .await;
        }
        let data = self
            .sync
            .fetch_transactions_page(public_token, page, Self::TRANSACTIONS_PAGE)
            .await?;
        Ok(Fetched {
            data,
            fetched_at: Some(now_unix()),
        })
    }

    /// One transaction's details from the server, kept in the cache; when the server cannot
    /// be reached, the kept copy with its age.
    pub async fn transaction_detail(
        &self,
        public_token: &str,
        transaction_id: &str,
    ) -> Result<Fetched<TransactionDetail>> {
        let api = self.auth.api();
        let fetched = self
            .auth
            .with_auth(|t| async move { api.transaction_detail(&t, transaction_id).await })
            .await;
        let cache = self.cache.get();
        match fetched {
            Ok(answer) => {
                let at = now_unix();
                cache
                    .save_transaction_detail(public_token, &answer.data, transaction_id, at)
                    .await?;
                Ok(Fetched {
                    data: answer.data,
                    fetched_at: Some(at),
                })
            }
            Err(e) if e.is_unreachable() => cache
                .transaction_detail(public_token, transaction_id)
                .await?
                .ok_or(e),
            Err(e) => Err(e),
        }
    }

    /// Every transaction of a card, for export: page after page of 100 from the server (each
    /// kept in the cache); when the server cannot be reached, every kept one.
    pub async fn all_transactions(&self, public_token: &str) -> Result<Fetched<TransactionsView>> {
        self.all_transactions_by(public_token, 100).await
    }

    /// [`Core::all_transactions`] with `limit` per page: pages are read until the server's
    /// total is reached, a page brings nothing new (an empty page, or a server that ignores
    /// `page`), or [`Self::EXPORT_PAGES`] pages. A short page does not end it: a server may
    /// send fewer than asked.
    pub async fn all_transactions_by(
        &self,
        public_token: &str,
        limit: u32,
    ) -> Result<Fetched<TransactionsView>> {
        let (mut all, fresh) = self.fresh_or_kept(public_token, limit).await?;
        if !fresh {
            // Offline: the kept list is all there is.
            return Ok(all);
        }
        let mut page = 1;
        while (all.data.transactions.len() as i64) < all.data.total && page < Self::EXPORT_PAGES {
            page += 1;
            let next = self
                .sync
                .fetch_transactions_page(public_token, page, limit)
                .await?;
            let before = all.data.transactions.len();
            all.data.append_new(next);
            if all.data.transactions.len() == before {
                break;
            }
        }
        Ok(all)
    }

    /// The most pages [`Core::all_transactions`] reads (100 000 transactions).
    pub const EXPORT_PAGES: u32 = 1000;

    pub async fn cached_transactions(
        &self,
        public_token: &str,
    ) -> Result<Fetched<TransactionsView>> {
        self.cache.get().transactions(public_token).await
    }

    pub fn sync_status(&self) -> SyncStatus {
        self.sync.status()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<AppEvent> {
        self.events.subscribe()
    }

    /// Spawns the pollers on the current tokio runtime; dropping the handle ends them.
    pub fn start_sync(&self) -> SyncHandle {
        let mut handle = self.sync.start();
        let refreeze = tokio::spawn(self.clone().refreeze_loop(handle.stopped()));
        handle.add(refreeze);
        handle
    }

    /// Window focus: 3-D Secure records are read every `fast_poll` (1 s) while the window is
    /// in front; after it loses focus, every `likely_poll` (2 s) for `activity_window` (5 min),
    /// then every `slow_poll` (6 s).
    pub fn set_foreground(&self, focused: bool) {
        self.sync.set_foreground(focused);
    }

    /// User activity: 3-D Secure records read every `likely_poll` (2 s) for `activity_window`
    /// (5 min), at once if that is sooner than planned.
    pub fn note_activity(&self) {
        self.sync.note_activity();
    }

    /// The user says a 3-D Secure code is on its way (the shell's global shortcut, whether or
    /// not it shows the window): records are read now, then every `fast_poll` (1 s) for
    /// `expect_window` (2 min), then every `likely_poll` until `activity_window` ends.
    pub fn expect_passcode(&self) {
        self.sync.expect_passcode();
    }

    /// Closes the cache's connections and waits for their threads, so nothing touches SQLCipher
    /// (and its OpenSSL) while the process exits. Call before a short-lived process returns.
    pub async fn close(&self) {
        self.cache.close().await;
    }

    pub fn settings(&self) -> Settings {
        self.settings.get()
    }

    /// Keeps the settings (in the settings file, if the config names one); the language is
    /// sent as `Accept-Language` from the next request on.
    pub fn save_settings(&self, settings: &Settings) -> Result<Settings> {
        self.auth.api().set_language(settings.language.code())?;
        self.settings.save(settings)?;
        Ok(settings.clone())
    }
}
