//! The window's one state and its reducer. Everything that changes what is shown goes
//! through [`Action`]: command answers, shell events, navigation. Components keep only
//! short-lived form state (busy flags, per-tile errors) of their own.

use crate::i18n::Lang;
use ccp_model::ipc::{AppEvent, AppInfo, AppMode, ErrorKind, LockStatus, Settings, UiError};
use ccp_model::view::{
    CardView, Connectivity, Fetched, KycView, MessagesView, PasscodeView, RefreezeDeadline,
    Refrozen, SessionInfo, Snapshot, SyncStatus,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    SignIn,
    Cards,
    /// One card, by public token.
    Card(String),
    /// Every card's transactions in one feed.
    Activity,
    /// Notifications and announcements from the service.
    Inbox,
    Codes,
    /// Every cached 3-D Secure record, paged.
    History,
    Kyc,
    /// Potato Cloud card keys.
    Keys,
    Profile,
    Settings,
    /// "Wasn't me": confirm, then which cards were frozen.
    FreezeAll,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub info: Option<AppInfo>,
    /// The first snapshot has arrived (until then: "Loading…").
    pub loaded: bool,
    pub load_error: Option<UiError>,
    pub session: Option<SessionInfo>,
    pub cards: Fetched<Vec<CardView>>,
    pub passcodes: Fetched<Vec<PasscodeView>>,
    pub kyc: Fetched<KycView>,
    /// Notifications and announcements, and the unread counts.
    pub messages: Fetched<MessagesView>,
    pub sync: SyncStatus,
    pub page: Page,
    /// Why the user was signed out, shown on the sign-in page.
    pub signed_out_reason: Option<String>,
    /// A command failed as offline; cleared when the sync loop reports online again.
    pub command_offline: bool,
    /// Cards unfrozen for one checkout, and when each is frozen again.
    pub refreeze: Vec<RefreezeDeadline>,
    /// The last card whose unfreeze time ran out: frozen again, or why not (until dismissed).
    pub refrozen: Option<Refrozen>,
    /// "Change server" on the sign-in page: the welcome page's chooser shows again.
    pub choosing_server: bool,
}

impl Default for State {
    fn default() -> Self {
        State {
            info: None,
            loaded: false,
            load_error: None,
            session: None,
            cards: Fetched::default(),
            passcodes: Fetched::default(),
            kyc: Fetched::default(),
            messages: Fetched::default(),
            sync: SyncStatus::default(),
            page: Page::SignIn,
            signed_out_reason: None,
            command_offline: false,
            refreeze: Vec::new(),
            refrozen: None,
            choosing_server: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    AppInfo(AppInfo),
    /// The snapshot asked for at start (or after sign-in): merged, newer data wins.
    Loaded(Box<Snapshot>),
    LoadFailed(UiError),
    Event(AppEvent),
    Navigate(Page),
    SignedIn(SessionInfo),
    /// Signed out on purpose (the sign-out button), no reason to show.
    SignedOut,
    /// A card action's answer: the server's view of that card.
    CardUpdated(CardView),
    SettingsSaved(Settings),
    /// The user chose another server (or the demo): nothing of the old one stays on screen.
    ServerChosen(AppInfo),
    /// "Change server" (true) on the sign-in page, or back to it (false).
    ChooseServer(bool),
    /// A command failed: some kinds change the whole window (sign-in page, offline banner).
    CommandFailed(UiError),
    /// The notice of a card frozen again was read.
    DismissRefrozen,
}

impl State {
    pub fn lang(&self) -> Lang {
        self.info.as_ref().map_or(Lang::En, |i| i.settings.language)
    }

    /// The app is locked (as the core says): the window shows only the lock screen.
    pub fn locked(&self) -> bool {
        self.info.as_ref().is_some_and(|i| i.lock.locked)
    }

    /// A lock change: when locked, everything of the account is dropped from memory (the
    /// unlock brings a fresh snapshot); the page stays for after the unlock.
    fn set_lock(&mut self, status: LockStatus) {
        let locked = status.locked;
        if let Some(info) = &mut self.info {
            info.lock = status;
        }
        if locked {
            *self = State {
                info: self.info.take(),
                page: self.page.clone(),
                ..State::default()
            };
        }
    }

    pub fn signed_in(&self) -> bool {
        self.session.is_some()
    }

    /// No server chosen yet: the welcome page, whatever else is known.
    pub fn needs_server(&self) -> bool {
        self.info.as_ref().is_some_and(|i| i.connection.is_none())
            || (self.choosing_server && !self.signed_in())
    }

    pub fn is_demo(&self) -> bool {
        let connection = self.info.as_ref().and_then(|i| i.connection.as_ref());
        connection.is_some_and(|c| c.mode == AppMode::Demo)
    }

    /// The page to render: signed out always means the sign-in page.
    pub fn current_page(&self) -> Page {
        if self.signed_in() {
            self.page.clone()
        } else {
            Page::SignIn
        }
    }

    pub fn is_offline(&self) -> bool {
        self.command_offline || self.sync.connectivity == Connectivity::Offline
    }

    pub fn card(&self, token: &str) -> Option<&CardView> {
        self.cards.data.iter().find(|c| c.public_token == token)
    }

    /// When a card unfrozen for one checkout is frozen again, if it is.
    pub fn refreeze_at(&self, token: &str) -> Option<i64> {
        self.refreeze
            .iter()
            .find(|d| d.public_token == token)
            .map(|d| d.at)
    }

    pub fn live_passcodes(&self, now: i64) -> impl Iterator<Item = &PasscodeView> {
        self.passcodes.data.iter().filter(move |p| p.is_live(now))
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::AppInfo(info) => self.info = Some(info),
            Action::Loaded(snapshot) => {
                self.loaded = true;
                self.load_error = None;
                self.merge(*snapshot);
            }
            Action::LoadFailed(error) => self.load_error = Some(error),
            Action::Event(event) => self.on_event(event),
            Action::Navigate(page) => self.page = page,
            Action::SignedIn(session) => self.sign_in(session),
            Action::SignedOut => self.sign_out(None),
            Action::CardUpdated(card) => upsert_card(&mut self.cards.data, card),
            Action::SettingsSaved(settings) => {
                if let Some(info) = &mut self.info {
                    // Whether the shortcut took comes with the app's info, read again after a
                    // save (Settings does).
                    info.settings = settings;
                }
            }
            Action::ChooseServer(choosing) => self.choosing_server = choosing && !self.signed_in(),
            Action::ServerChosen(info) => {
                *self = State {
                    info: Some(info),
                    page: Page::Cards,
                    ..State::default()
                };
            }
            Action::CommandFailed(error) => match error.kind {
                ErrorKind::Unauthorized => self.sign_out(Some(error.message)),
                ErrorKind::Offline => self.command_offline = true,
                ErrorKind::Locked => {
                    let mut status = self
                        .info
                        .as_ref()
                        .map(|i| i.lock.clone())
                        .unwrap_or_default();
                    status.locked = true;
                    status.enabled = true;
                    self.set_lock(status);
                }
                _ => {}
            },
            Action::DismissRefrozen => self.refrozen = None,
        }
    }

    fn on_event(&mut self, event: AppEvent) {
        match event {
            AppEvent::NewPasscode(p) => upsert_passcode(&mut self.passcodes.data, p),
            AppEvent::PasscodesChanged(list) => self.passcodes.data = list,
            AppEvent::CardsChanged { cards, fetched_at } => {
                self.cards = Fetched {
                    data: cards,
                    fetched_at: Some(fetched_at),
                }
            }
            AppEvent::KycChanged {
                status,
                fetched_at,
                eligibility,
                ..
            } => {
                self.kyc.data.status = Some(status);
                if eligibility.is_some() {
                    self.kyc.data.eligibility = eligibility;
                }
                self.kyc.fetched_at = Some(fetched_at);
            }
            AppEvent::MessagesChanged {
                messages,
                fetched_at,
                ..
            } => {
                self.messages = Fetched {
                    data: messages,
                    fetched_at: Some(fetched_at),
                }
            }
            AppEvent::Sync(sync) => {
                if sync.connectivity == Connectivity::Online {
                    self.command_offline = false;
                }
                self.sync = sync;
            }
            AppEvent::UpdateAvailable(update) => {
                if let Some(info) = &mut self.info {
                    info.update = Some(update);
                }
            }
            AppEvent::ShowCodes => self.page = Page::Codes,
            AppEvent::ShowFreezeAll => self.page = Page::FreezeAll,
            AppEvent::LockChanged(status) => self.set_lock(status),
            AppEvent::RefreezeChanged(list) => self.refreeze = list,
            AppEvent::Refrozen(r) => {
                if let Some(card) = &r.card {
                    upsert_card(&mut self.cards.data, card.clone());
                }
                self.refrozen = Some(r);
            }
            AppEvent::SignedIn(session) => self.sign_in(session),
            AppEvent::SignedOut { reason } => self.sign_out(Some(reason)),
            AppEvent::Snapshot(snapshot) => {
                // The shell's own full picture (after sign-in, or after the window lagged):
                // it replaces everything.
                let page = self.page.clone();
                let (info, reason) = (self.info.take(), self.signed_out_reason.take());
                *self = State {
                    info,
                    loaded: true,
                    session: snapshot.session,
                    cards: snapshot.cards,
                    passcodes: snapshot.passcodes,
                    kyc: snapshot.kyc,
                    messages: snapshot.messages,
                    sync: snapshot.sync,
                    refreeze: snapshot.refreeze,
                    refrozen: snapshot.refrozen,
                    page,
                    signed_out_reason: reason,
                    ..State::default()
                };
                if self.session.is_some() {
                    self.signed_out_reason = None;
                    if self.page == Page::SignIn {
                        self.page = Page::Cards;
                    }
                }
            }
        }
    }

    /// Events may arrive before the snapshot asked for at start: keep whichever part is
    /// newer, and never drop a passcode that an event already brought.
    fn merge(&mut self, snapshot: Snapshot) {
        if let Some(session) = snapshot.session {
            self.sign_in(session);
        }
        if snapshot.cards.fetched_at >= self.cards.fetched_at {
            self.cards = snapshot.cards;
        }
        if snapshot.kyc.fetched_at >= self.kyc.fetched_at {
            self.kyc = snapshot.kyc;
        }
        if snapshot.messages.fetched_at >= self.messages.fetched_at {
            self.messages = snapshot.messages;
        }
        let seen = std::mem::take(&mut self.passcodes.data);
        self.passcodes = snapshot.passcodes;
        for p in seen {
            if !self.passcodes.data.iter().any(|q| q.id == p.id) {
                upsert_passcode(&mut self.passcodes.data, p);
            }
        }
        self.refreeze = snapshot.refreeze;
        if snapshot.refrozen.is_some() {
            self.refrozen = snapshot.refrozen;
        }
        if self.sync.last_success <= snapshot.sync.last_success {
            self.sync = snapshot.sync;
        }
    }

    fn sign_in(&mut self, session: SessionInfo) {
        self.session = Some(session);
        self.signed_out_reason = None;
        if self.page == Page::SignIn {
            self.page = Page::Cards;
        }
    }

    /// Drops everything of the account (passcodes included) from memory.
    fn sign_out(&mut self, reason: Option<String>) {
        *self = State {
            info: self.info.take(),
            loaded: true,
            signed_out_reason: reason.filter(|r| !r.trim().is_empty()),
            ..State::default()
        };
    }
}

/// Makes a state with `fn apply(&mut self, action)` Yew's `Reducible`: each action is applied
/// to a copy, so the old value stays what the last render saw. The window's three reducers (this
/// store, the feed, a card's transactions) are made this one way.
macro_rules! reducible {
    ($state:ty, $action:ty) => {
        impl yew::Reducible for $state {
            type Action = $action;

            fn reduce(self: std::rc::Rc<Self>, action: $action) -> std::rc::Rc<Self> {
                let mut next = (*self).clone();
                next.apply(action);
                std::rc::Rc::new(next)
            }
        }
    };
}
pub(crate) use reducible;

reducible!(State, Action);

fn upsert_card(cards: &mut Vec<CardView>, card: CardView) {
    match cards
        .iter_mut()
        .find(|c| c.public_token == card.public_token)
    {
        Some(slot) => *slot = card,
        None => cards.push(card),
    }
}

/// Newest first, one entry per id.
fn upsert_passcode(list: &mut Vec<PasscodeView>, p: PasscodeView) {
    list.retain(|q| q.id != p.id);
    list.push(p);
    list.sort_by(|a, b| {
        b.received_at_unix
            .cmp(&a.received_at_unix)
            .then(b.id.cmp(&a.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::Sensitive;
    use ccp_model::api::CardLocalStatus;
    use ccp_model::ipc::ConnectionInfo;
    use std::rc::Rc;
    use yew::Reducible;

    fn card(token: &str, status: &str) -> CardView {
        CardView {
            public_token: token.into(),
            masked_number: "441353••••••1149".into(),
            scheme: Some("VISA".into()),
            currency: Some("USD".into()),
            balance: ccp_model::Amount::parse("10.00").ok(),
            status: CardLocalStatus::from(status),
            is_physical: false,
            expiry_date: None,
            holder: None,
            limits: Default::default(),
            fees: Default::default(),
        }
    }

    fn code(id: i64, received: i64) -> PasscodeView {
        PasscodeView {
            id,
            merchant_name: format!("Shop {id}"),
            amount: "1.00".into(),
            currency: "USD".into(),
            passcode: Sensitive::new("123456"),
            received_at: String::new(),
            received_at_unix: received,
            expires_at_unix: received + 300,
        }
    }

    fn session() -> SessionInfo {
        SessionInfo {
            email: "demo@example.com".into(),
            user: None,
            not_kept: None,
        }
    }

    fn info(language: &str) -> AppInfo {
        AppInfo {
            name: "ComeComePay".into(),
            version: "0.1.0".into(),
            connection: Some(ConnectionInfo {
                mode: AppMode::Demo,
                server: "http://127.0.0.1:1".into(),
                insecure: false,
            }),
            default_server: None,
            update: None,
            shortcut_problem: None,
            unavailable: Vec::new(),
            lock: LockStatus::default(),
            open_first: None,
            settings: Settings {
                language: Lang::from_code(language),
                ..Settings::default()
            },
        }
    }

    fn reduce(state: State, actions: impl IntoIterator<Item = Action>) -> State {
        let mut s = Rc::new(state);
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    fn signed_in_with_cards() -> State {
        reduce(
            State::default(),
            [Action::Loaded(Box::new(Snapshot {
                session: Some(session()),
                cards: Fetched {
                    data: vec![card("a", "normal"), card("b", "frozen")],
                    fetched_at: Some(100),
                },
                ..Snapshot::default()
            }))],
        )
    }

    #[test]
    fn cards_unfrozen_for_a_while_count_down_and_their_refreeze_is_shown_until_dismissed() {
        let deadline = RefreezeDeadline {
            public_token: "b".into(),
            at: 500,
            last_error: None,
        };
        let s = reduce(
            signed_in_with_cards(),
            [
                Action::Event(AppEvent::RefreezeChanged(vec![deadline])),
                Action::Event(AppEvent::ShowFreezeAll),
            ],
        );
        assert_eq!(s.refreeze_at("b"), Some(500));
        assert_eq!(s.refreeze_at("a"), None);
        assert_eq!(s.current_page(), Page::FreezeAll);
        let s = reduce(
            s,
            [
                Action::Event(AppEvent::RefreezeChanged(Vec::new())),
                Action::Event(AppEvent::Refrozen(Refrozen {
                    public_token: "a".into(),
                    deadline: 500,
                    card: Some(card("a", "frozen")),
                    error: None,
                })),
            ],
        );
        assert_eq!(s.refreeze_at("b"), None);
        assert_eq!(s.card("a").unwrap().status, CardLocalStatus::Frozen);
        assert!(s.refrozen.is_some());
        assert!(reduce(s, [Action::DismissRefrozen]).refrozen.is_none());
    }

    #[test]
    fn locking_drops_everything_of_the_account_and_keeps_the_page_for_later() {
        let mut s = signed_in_with_cards();
        s.info = Some(info("en"));
        let s = reduce(
            s,
            [
                Action::Navigate(Page::Codes),
                Action::Event(AppEvent::NewPasscode(code(1, 100))),
                Action::Event(AppEvent::LockChanged(LockStatus {
                    enabled: true,
                    locked: true,
                    ..LockStatus::default()
                })),
            ],
        );
        assert!(s.locked());
        assert!(s.cards.data.is_empty() && s.passcodes.data.is_empty() && s.session.is_none());
        assert_eq!(s.page, Page::Codes);
        let s = reduce(
            s,
            [Action::Event(AppEvent::LockChanged(LockStatus {
                enabled: true,
                ..LockStatus::default()
            }))],
        );
        assert!(!s.locked());
        // A command the shell refused as locked locks the window too.
        let s = reduce(
            s,
            [Action::CommandFailed(UiError::new(
                ErrorKind::Locked,
                "locked",
            ))],
        );
        assert!(s.locked());
    }

    #[test]
    fn no_session_means_sign_in_page_whatever_was_asked() {
        let s = reduce(
            State::default(),
            [
                Action::Loaded(Box::default()),
                Action::Navigate(Page::Cards),
            ],
        );
        assert!(s.loaded);
        assert_eq!(s.page, Page::Cards);
        assert_eq!(s.current_page(), Page::SignIn);
    }

    #[test]
    fn snapshot_with_a_session_opens_the_cards() {
        let s = signed_in_with_cards();
        assert_eq!(s.current_page(), Page::Cards);
        assert_eq!(s.cards.data.len(), 2);
        assert_eq!(s.card("b").unwrap().status, CardLocalStatus::Frozen);
    }

    #[test]
    fn card_action_answer_replaces_only_that_card() {
        let s = reduce(
            signed_in_with_cards(),
            [Action::CardUpdated(card("a", "frozen"))],
        );
        assert_eq!(s.card("a").unwrap().status, CardLocalStatus::Frozen);
        assert_eq!(s.card("b").unwrap().status, CardLocalStatus::Frozen);
        assert_eq!(s.cards.data.len(), 2);
        assert_eq!(s.cards.fetched_at, Some(100));
    }

    #[test]
    fn events_newer_than_the_start_snapshot_are_kept() {
        let event = AppEvent::CardsChanged {
            cards: vec![card("c", "normal")],
            fetched_at: 200,
        };
        let s = reduce(
            State::default(),
            [
                Action::Event(event),
                Action::Event(AppEvent::NewPasscode(code(7, 150))),
                Action::Loaded(Box::new(Snapshot {
                    session: Some(session()),
                    cards: Fetched {
                        data: vec![card("a", "normal")],
                        fetched_at: Some(100),
                    },
                    passcodes: Fetched {
                        data: vec![code(5, 100)],
                        fetched_at: Some(100),
                    },
                    ..Snapshot::default()
                })),
            ],
        );
        assert_eq!(s.cards.fetched_at, Some(200));
        assert_eq!(s.cards.data[0].public_token, "c");
        let ids: Vec<i64> = s.passcodes.data.iter().map(|p| p.id).collect();
        assert_eq!(ids, vec![7, 5], "newest first, the event's code kept");
    }

    /// At start the snapshot is read twice (before and after the listener starts, app.rs), and
    /// the answers may come in either order: the later read wins, whichever lands last.
    #[test]
    fn the_second_start_snapshot_wins_in_either_order() {
        let snapshot = |cards: &str, at: i64, codes: Vec<PasscodeView>| {
            Action::Loaded(Box::new(Snapshot {
                session: Some(session()),
                cards: Fetched {
                    data: vec![card(cards, "normal")],
                    fetched_at: Some(at),
                },
                passcodes: Fetched {
                    data: codes,
                    fetched_at: Some(at),
                },
                ..Snapshot::default()
            }))
        };
        let first = || snapshot("a", 100, vec![code(5, 100)]);
        let second = || snapshot("b", 120, vec![code(7, 110), code(5, 100)]);
        for (order, actions) in [
            ("in order", [first(), second()]),
            ("reversed", [second(), first()]),
        ] {
            let s = reduce(State::default(), actions);
            assert_eq!(s.cards.fetched_at, Some(120), "{order}");
            assert_eq!(s.cards.data[0].public_token, "b", "{order}");
            let ids: Vec<i64> = s.passcodes.data.iter().map(|p| p.id).collect();
            assert_eq!(ids, vec![7, 5], "{order}");
        }
    }

    #[test]
    fn new_passcodes_are_deduplicated_and_sorted_newest_first() {
        let s = reduce(
            signed_in_with_cards(),
            [
                Action::Event(AppEvent::NewPasscode(code(1, 100))),
                Action::Event(AppEvent::NewPasscode(code(2, 300))),
                Action::Event(AppEvent::NewPasscode(code(1, 100))),
            ],
        );
        let ids: Vec<i64> = s.passcodes.data.iter().map(|p| p.id).collect();
        assert_eq!(ids, vec![2, 1]);
        assert_eq!(s.live_passcodes(350).count(), 2);
        assert_eq!(s.live_passcodes(450).count(), 1, "code 1 expired at 400");
    }

    #[test]
    fn kyc_event_keeps_eligibility() {
        use ccp_model::api::{KycEligibility, KycStatus, UserKycStatus};
        let mut start = signed_in_with_cards();
        start.kyc.data.eligibility = Some(KycEligibility {
            eligible: true,
            ..KycEligibility::default()
        });
        let status = KycStatus {
            can_submit_kyc: true,
            latest_kyc: None,
            message: None,
            user_kyc_status: UserKycStatus::Pending,
        };
        let s = reduce(
            start,
            [Action::Event(AppEvent::KycChanged {
                status,
                previous: None,
                eligibility: None,
                fetched_at: 500,
            })],
        );
        assert_eq!(s.kyc.fetched_at, Some(500));
        assert!(s.kyc.data.eligibility.as_ref().unwrap().eligible);
        assert_eq!(
            s.kyc.data.status.as_ref().unwrap().user_kyc_status,
            UserKycStatus::Pending
        );
    }

    /// A first sync that lands after the window's snapshot brings the eligibility with the
    /// status (it showed a status and no payment line until the next snapshot).
    #[test]
    fn kyc_event_brings_the_eligibility_read_with_it() {
        use ccp_model::api::{KycEligibility, KycStatus};
        let status: KycStatus = serde_json::from_str(r#"{"user_kyc_status":"none"}"#).unwrap();
        let eligibility = KycEligibility {
            eligible: true,
            ..KycEligibility::default()
        };
        let s = reduce(
            signed_in_with_cards(),
            [Action::Event(AppEvent::KycChanged {
                status,
                previous: None,
                eligibility: Some(eligibility.clone()),
                fetched_at: 600,
            })],
        );
        assert_eq!(s.kyc.data.eligibility, Some(eligibility));
    }

    #[test]
    fn signed_out_event_drops_account_data_and_shows_the_reason() {
        let s = reduce(
            signed_in_with_cards(),
            [
                Action::AppInfo(info("zh")),
                Action::Event(AppEvent::NewPasscode(code(1, 100))),
                Action::Event(AppEvent::SignedOut {
                    reason: "session expired".into(),
                }),
            ],
        );
        assert_eq!(s.current_page(), Page::SignIn);
        assert!(s.cards.data.is_empty());
        assert!(s.passcodes.data.is_empty());
        assert_eq!(s.signed_out_reason.as_deref(), Some("session expired"));
        assert_eq!(s.lang(), Lang::Zh, "app info survives sign-out");
        assert!(s.loaded);
    }

    #[test]
    fn unauthorized_goes_to_sign_in_and_offline_raises_the_banner() {
        let offline = UiError::new(ErrorKind::Offline, "no network");
        let s = reduce(signed_in_with_cards(), [Action::CommandFailed(offline)]);
        assert!(s.is_offline());
        assert!(s.signed_in());
        let online = SyncStatus {
            connectivity: Connectivity::Online,
            ..SyncStatus::default()
        };
        let s = reduce(s, [Action::Event(AppEvent::Sync(online))]);
        assert!(!s.is_offline());

        let unauthorized = UiError::new(ErrorKind::Unauthorized, "please sign in again");
        let s = reduce(s, [Action::CommandFailed(unauthorized)]);
        assert_eq!(s.current_page(), Page::SignIn);
        assert_eq!(s.signed_out_reason.as_deref(), Some("please sign in again"));

        let invalid = UiError::new(ErrorKind::Invalid, "bad");
        let s = reduce(signed_in_with_cards(), [Action::CommandFailed(invalid)]);
        assert!(s.signed_in() && !s.is_offline());
    }

    #[test]
    fn snapshot_event_replaces_everything_and_keeps_the_page() {
        let s = reduce(
            signed_in_with_cards(),
            [
                Action::Navigate(Page::Codes),
                Action::Event(AppEvent::Snapshot(Box::new(Snapshot {
                    session: Some(session()),
                    cards: Fetched {
                        data: vec![card("z", "cancelled")],
                        fetched_at: Some(50),
                    },
                    ..Snapshot::default()
                }))),
            ],
        );
        assert_eq!(s.current_page(), Page::Codes);
        assert_eq!(s.cards.data.len(), 1);
        assert_eq!(s.cards.fetched_at, Some(50));
    }

    #[test]
    fn settings_change_the_language() {
        let s = reduce(
            State::default(),
            [
                Action::AppInfo(info("en")),
                Action::SettingsSaved(Settings {
                    show_code_in_notification: true,
                    language: Lang::Ar,
                    ..Settings::default()
                }),
            ],
        );
        assert_eq!(s.lang(), Lang::Ar);
        assert!(s.info.unwrap().settings.show_code_in_notification);
    }

    #[test]
    fn no_server_means_welcome_and_a_new_server_keeps_nothing_of_the_old() {
        let first_run = AppInfo {
            connection: None,
            ..info("en")
        };
        let s = reduce(State::default(), [Action::AppInfo(first_run)]);
        assert!(s.needs_server());

        let mut s = signed_in_with_cards();
        s = reduce(s, [Action::AppInfo(info("en"))]);
        assert!(!s.needs_server() && s.is_demo());
        let live = AppInfo {
            connection: Some(ConnectionInfo {
                mode: AppMode::Live,
                server: "https://api.example.com".into(),
                insecure: false,
            }),
            ..info("zh")
        };
        let s = reduce(s, [Action::ServerChosen(live.clone())]);
        assert_eq!(s.info, Some(live));
        assert!(!s.signed_in() && !s.is_demo());
        assert!(s.cards.data.is_empty() && s.cards.fetched_at.is_none());
        assert_eq!(s.current_page(), Page::SignIn);
        assert_eq!(s.lang(), Lang::Zh);
    }
}
