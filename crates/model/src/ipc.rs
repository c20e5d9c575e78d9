//! The window ↔ shell boundary: command names, their arguments and answers, events and the
//! one error type the UI sees. Both sides use these, so a shape exists exactly once.

use crate::Sensitive;
use crate::api::{CardStatusCode, KycStatus};
use crate::view::{CardView, PasscodeView, SessionInfo, Snapshot, SyncStatus};
use serde::{Deserialize, Serialize};

/// The KYC form: what `start_kyc` takes, and its validation (one definition for the window,
/// the core and the CLI).
pub use crate::applicant::{
    FieldProblem, FieldProblemKind, KycApplicant, KycField, agent_uid, check_field, normalize_field,
};

/// `#[tauri::command]` names: the one list that the UI invokes, the shell's `build.rs` turns into
/// permissions, the shell's handler registers and `capabilities/default.json` grants (a test in
/// the shell checks the last two against [`cmd::ALL`]).
pub mod cmd {
    pub const APP_INFO: &str = "app_info";
    pub const SNAPSHOT: &str = "snapshot";
    pub const LOGIN: &str = "login";
    pub const VERIFY_OTP: &str = "verify_otp";
    pub const LOGOUT: &str = "logout";
    pub const SYNC_NOW: &str = "sync_now";
    pub const CARD_ACTION: &str = "card_action";
    pub const START_KYC: &str = "start_kyc";
    pub const COPY_PASSCODE: &str = "copy_passcode";
    pub const SET_SETTINGS: &str = "set_settings";
    pub const TEST_NOTIFICATION: &str = "test_notification";
    pub const TRANSACTIONS: &str = "transactions";
    pub const TRANSACTION_DETAIL: &str = "transaction_detail";
    pub const TRANSACTION_FEED: &str = "transaction_feed";
    pub const MESSAGES: &str = "messages";
    pub const OPEN_MESSAGE: &str = "open_message";
    pub const EXPORT_TRANSACTIONS: &str = "export_transactions";
    pub const CHOOSE_SERVER: &str = "choose_server";
    pub const RESEND_OTP: &str = "resend_otp";
    pub const OPEN_UPDATE: &str = "open_update";
    pub const PASSCODE_HISTORY: &str = "passcode_history";
    pub const KEYS_STATUS: &str = "keys_status";
    pub const KEYS_SETUP: &str = "keys_setup";
    pub const KEYS_LOGIN: &str = "keys_login";
    pub const KEYS_LOGOUT: &str = "keys_logout";
    pub const KEYS_GENERATE: &str = "keys_generate";
    pub const KEYS_LIST: &str = "keys_list";
    pub const KEYS_VERIFY: &str = "keys_verify";
    pub const KEYS_COPY: &str = "keys_copy";
    pub const UNFREEZE_FOR: &str = "unfreeze_for";
    pub const FREEZE_ALL: &str = "freeze_all";
    pub const UNLOCK: &str = "unlock";
    pub const LOCK_NOW: &str = "lock_now";
    pub const SET_PIN: &str = "set_pin";
    pub const REMOVE_PIN: &str = "remove_pin";
    pub const NOTE_ACTIVITY: &str = "note_activity";
    pub const OPEN_KYC: &str = "open_kyc";
    pub const BROWSER_STATUS: &str = "browser_status";
    pub const BROWSER_INSTALL: &str = "browser_install";

    pub const ALL: &[&str] = &[
        APP_INFO,
        SNAPSHOT,
        LOGIN,
        VERIFY_OTP,
        LOGOUT,
        SYNC_NOW,
        CARD_ACTION,
        START_KYC,
        COPY_PASSCODE,
        SET_SETTINGS,
        TEST_NOTIFICATION,
        TRANSACTIONS,
        TRANSACTION_DETAIL,
        TRANSACTION_FEED,
        MESSAGES,
        OPEN_MESSAGE,
        EXPORT_TRANSACTIONS,
        CHOOSE_SERVER,
        RESEND_OTP,
        OPEN_UPDATE,
        PASSCODE_HISTORY,
        KEYS_STATUS,
        KEYS_SETUP,
        KEYS_LOGIN,
        KEYS_LOGOUT,
        KEYS_GENERATE,
        KEYS_LIST,
        KEYS_VERIFY,
        KEYS_COPY,
        UNFREEZE_FOR,
        FREEZE_ALL,
        UNLOCK,
        LOCK_NOW,
        SET_PIN,
        REMOVE_PIN,
        NOTE_ACTIVITY,
        OPEN_KYC,
        BROWSER_STATUS,
        BROWSER_INSTALL,
    ];
}

/// The one event channel the shell emits on; the payload is an [`AppEvent`].
pub const EVENT_CHANNEL: &str = "ccp://event";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppMode {
    /// Embedded sandbox, demo account.
    Demo,
    /// A real ComeComePay server.
    Live,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    /// What the app talks to; `None` until the user chose (first run: the welcome page).
    pub connection: Option<ConnectionInfo>,
    /// The server this build points at by default (`CCP_DEFAULT_SERVER` at build time), to
    /// prefill the welcome page; `None`: the user must name one.
    pub default_server: Option<String>,
    pub settings: Settings,
    /// A newer release the service announced (the daily check), if any.
    #[serde(default)]
    pub update: Option<UpdateInfo>,
    /// Why the copy shortcut is not active (taken by another app, not a valid shortcut).
    #[serde(default)]
    pub shortcut_problem: Option<ShortcutProblem>,
    /// The app lock: set up or not, locked now or not.
    #[serde(default)]
    pub lock: LockStatus,
    /// Optional parts that could not be set up on this system (the app goes on without them).
    #[serde(default)]
    pub unavailable: Vec<Unavailable>,
    /// What the window opens once loaded: a notification's click or "Wasn't me" that came
    /// while the hidden window was released, and built it again.
    #[serde(default)]
    pub open_first: Option<AppEvent>,
}

/// A part of the app that is good to have but not needed to see cards and codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionalPart {
    /// Starting at login.
    Autostart,
    /// The tray icon (without it, closing the window quits).
    Tray,
    /// Clicks and buttons on notifications.
    NotificationClicks,
    /// One app at a time: a second start brings the window back.
    SingleInstance,
}

/// An optional part that failed to start, with the platform's own words (for the curious).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unavailable {
    pub part: OptionalPart,
    pub detail: String,
}

/// Settings → Browser: the browser companion as this computer has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowserStatus {
    /// When the extension last connected to the host (Unix seconds).
    pub last_seen: Option<i64>,
    /// Which browser family it came from (`chromium`, `firefox`).
    pub last_browser: Option<String>,
    /// `ccp-browser-host` is beside the app.
    pub host_found: bool,
    /// The browsers that have our manifest (the user's own).
    pub installed: Vec<String>,
}

/// The app lock as the core keeps it (never as the window says it is).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockStatus {
    /// A PIN is set: the window locks when idle, on the screen lock, and on demand.
    pub enabled: bool,
    pub locked: bool,
    /// Wrong PINs in a row.
    pub failures: u32,
    /// No try before this Unix second (after three wrong ones).
    pub retry_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnlockArgs {
    pub pin: Sensitive,
}

/// Sets the PIN (turning the lock on), or changes it (`current` needed then).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetPinArgs {
    pub current: Option<Sensitive>,
    pub new: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovePinArgs {
    pub current: Sensitive,
}

/// A newer release than the running one, from `GET /app-version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateInfo {
    pub version: String,
    /// Where to get it: https only, to a host of the build's list or the server's origin (`None`
    /// when the service gave none, or none the user may follow).
    pub download_url: Option<String>,
    /// In the language sent as `Accept-Language`; the service's own text.
    pub release_notes: Option<String>,
    /// When this was learned (Unix seconds).
    pub checked_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionInfo {
    pub mode: AppMode,
    /// Base URL of the server the app talks to.
    pub server: String,
    /// Plain http to another machine, allowed by the user: the window shows a permanent
    /// warning, because passwords, codes and tokens travel unencrypted.
    pub insecure: bool,
}

/// Which server the app talks to: the user's choice on the welcome page or in Settings
/// (remembered), or `--demo` / `--server` on the command line (not remembered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ServerChoice {
    /// The sandbox with the demo account (`ccp-sandbox`, started by the app).
    Demo,
    Server {
        url: String,
        /// Plain http to another machine is refused unless this is set (by an explicit
        /// choice that names the risk).
        #[serde(default)]
        allow_insecure_http: bool,
    },
}

/// The user's settings. A field missing from an older settings file takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Put the passcode itself in the desktop notification (off: merchant and amount only).
    pub show_code_in_notification: bool,
    /// With the app lock on: lock after this many idle minutes (0: only on the screen lock
    /// and on demand).
    pub lock_after_idle_minutes: u32,
    /// The first run's offer of an app lock was answered (set up, or "not now").
    pub lock_offered: bool,
    /// Stored as `en`, `zh`, `ar` or `id`; also sent as `Accept-Language`.
    pub language: crate::i18n::Lang,
    /// The system-wide shortcut that copies the newest live code, in the form the shortcut
    /// plugin reads (`Ctrl+Alt+C`); `None`: no shortcut.
    pub copy_shortcut: Option<String>,
    /// Start hidden in the tray when the user logs in to the desktop.
    pub start_at_login: bool,
    /// The Potato Cloud server of the Card keys page (its secrets are in the keyring).
    pub potato_server: Option<String>,
    /// Light or dark, or as the desktop is (and follows it when it changes).
    pub theme: Theme,
}

/// Why the copy shortcut is not active; Settings says it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShortcutProblem {
    /// The keys do not name a shortcut (`Ctrl+Banana`).
    NotKeys { keys: String },
    /// The desktop would not give the keys to the app: another app holds them, or the session
    /// gives no global shortcuts (Wayland). `detail` is the platform's own word, for the curious.
    NotGiven { keys: String, detail: String },
    /// System-wide shortcuts could not be set up at all on this system (the plugin failed to
    /// start: no X11 keyboard grab, no window handle under wine). The desktop's own shortcut
    /// settings can run `comecomepay-desktop --copy-newest` instead.
    Unavailable { detail: String },
}

impl std::fmt::Display for ShortcutProblem {
    /// For logs; the window translates.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShortcutProblem::NotKeys { keys } => write!(f, "{keys:?} is not a shortcut"),
            ShortcutProblem::NotGiven { keys, detail } => {
                write!(
                    f,
                    "{keys} could not be registered (another app may use it): {detail}"
                )
            }
            ShortcutProblem::Unavailable { detail } => {
                write!(f, "system-wide shortcuts are not available here: {detail}")
            }
        }
    }
}

/// The window's colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// As stored and as the stylesheet's `data-theme` names it (`system` is resolved first).
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.code() == code)
            .unwrap_or_default()
    }
}

impl Settings {
    pub const DEFAULT_SHORTCUT: &'static str = "Ctrl+Alt+C";
    pub const DEFAULT_LOCK_MINUTES: u32 = 5;
    /// The idle times Settings offers (0: never by idleness).
    pub const LOCK_MINUTES_CHOICES: [u32; 5] = [1, 5, 15, 30, 0];
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            show_code_in_notification: false,
            lock_after_idle_minutes: Self::DEFAULT_LOCK_MINUTES,
            lock_offered: false,
            language: crate::i18n::Lang::En,
            copy_shortcut: Some(Self::DEFAULT_SHORTCUT.into()),
            start_at_login: false,
            potato_server: None,
            theme: Theme::System,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoginArgs {
    pub email: String,
    pub password: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
// Built once per sign-in: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum LoginOutcome {
    /// A code was e-mailed; call `verify_otp` next.
    OtpSent {
        email: String,
    },
    SignedIn {
        session: SessionInfo,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResendOtpArgs {
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerifyOtpArgs {
    pub email: String,
    pub otp: Sensitive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardAction {
    Freeze,
    Unfreeze,
    Cancel,
}

impl CardAction {
    /// The Thredd code `PUT /card/status` takes for this action.
    pub fn status_code(self) -> CardStatusCode {
        match self {
            CardAction::Freeze => CardStatusCode::ShortTermDebitBlock,
            CardAction::Unfreeze => CardStatusCode::Active,
            CardAction::Cancel => CardStatusCode::Voided,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardActionArgs {
    pub public_token: String,
    pub action: CardAction,
}

/// "Unfreeze for one checkout": the card is frozen again after `minutes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnfreezeForArgs {
    pub public_token: String,
    pub minutes: u32,
}

impl UnfreezeForArgs {
    /// The choices the window and the tray offer.
    pub const CHOICES: [u32; 3] = [5, 15, 30];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransactionsArgs {
    pub public_token: String,
    /// 1-based; 1 (or none) is the newest page.
    #[serde(default)]
    pub page: Option<u32>,
}

/// The feed across cards: the newest page of each card, or (`whole`) every page of every
/// card, fetched on demand for a search that must see the whole history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedArgs {
    #[serde(default)]
    pub whole: bool,
}

/// One notification or announcement to open (and so mark read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenMessageArgs {
    pub kind: crate::api::MessageKind,
    pub id: String,
}

/// One transaction's details: the card it belongs to (for the cache) and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionDetailArgs {
    pub public_token: String,
    pub transaction_id: String,
}

/// Export a card's transactions to a CSV file the user picks in a save dialog (opened by the
/// shell; the window never touches files). `file_name` is the name suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportArgs {
    pub public_token: String,
    pub file_name: String,
}

/// What an export wrote: how many transactions, to which file, and whether they were the kept
/// (offline) copy fetched at `fetched_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    pub count: usize,
    pub path: String,
    pub fetched_at: Option<i64>,
}

/// The Card keys page's picture (Potato Cloud): which server, whether this app's keys are set
/// up there, and who is signed in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeysStatus {
    pub server: Option<String>,
    pub configured: bool,
    pub signed_in_as: Option<String>,
}

/// The app's keys on a Potato Cloud server, kept in the OS keyring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeysSetupArgs {
    pub server: String,
    pub ask_key: Sensitive,
    /// Empty or absent: the app has request signing off.
    pub sign_secret: Option<Sensitive>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeysLoginArgs {
    pub user_number: String,
    pub password: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeysGenerateArgs {
    pub key_type: crate::potato::KeyType,
    pub count: u32,
}

/// One card key (to verify or copy).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardKeyArgs {
    pub card: String,
}

/// A page of the 3-D Secure history, newest first: `limit` records older than `before_id`
/// (`None`: from the newest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryArgs {
    pub before_id: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyPasscodeArgs {
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KycStarted {
    /// The hosted Didit page, opened in the user's browser by the shell.
    pub url: String,
    /// Not opened yet: the link came over a plain-http connection (anyone on the way could
    /// have written it), so the window names this host and asks first (`open_kyc`).
    #[serde(default)]
    pub ask_first: Option<String>,
}

/// Everything the core tells the window, on [`EVENT_CHANNEL`].
///
/// Externally tagged (`{"signed_out": {...}}`, a unit variant as its bare name): the window
/// reads the variant first and its fields straight after. An adjacently tagged form (`type` +
/// `data`) must also accept the fields before the tag, which makes serde build a second,
/// buffered decoder of every variant: that was the biggest function of the window's wasm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppEvent {
    /// A passcode not seen before arrived.
    NewPasscode(PasscodeView),
    PasscodesChanged(Vec<PasscodeView>),
    CardsChanged {
        cards: Vec<CardView>,
        fetched_at: i64,
    },
    /// The messages were read again; `new` are those unread ones not seen before (none on the
    /// first read after signing in: old messages are not news).
    MessagesChanged {
        messages: crate::view::MessagesView,
        fetched_at: i64,
        #[serde(default)]
        new: Vec<crate::api::Message>,
    },
    KycChanged {
        status: KycStatus,
        fetched_at: i64,
        /// The user's verification before this fetch (`None`: nothing was known, e.g. the
        /// first fetch after signing in): a change from a known one is worth a notification.
        #[serde(default)]
        previous: Option<crate::api::UserKycStatus>,
        /// Read in the same round (`None`: the service would not say): the window shows both,
        /// and may have had neither before this event (a first sync after its snapshot).
        #[serde(default)]
        eligibility: Option<crate::api::KycEligibility>,
    },
    Sync(SyncStatus),
    SignedIn(SessionInfo),
    SignedOut {
        reason: String,
    },
    /// The whole picture again, e.g. after sign-in.
    Snapshot(Box<Snapshot>),
    /// The service announces a newer release of this app.
    UpdateAvailable(UpdateInfo),
    /// From the shell: the user clicked a passcode notification; show the Codes page.
    ShowCodes,
    /// From the shell: "Wasn't me" on a notification or in the tray; ask to freeze every card.
    ShowFreezeAll,
    /// The cards unfrozen for one checkout changed (one added, one frozen again or cancelled).
    RefreezeChanged(Vec<crate::view::RefreezeDeadline>),
    /// A card's unfreeze time ran out: frozen again, or why not (it is retried).
    Refrozen(crate::view::Refrozen),
    /// The app lock changed: locked (the window drops everything of the account and shows
    /// only the lock screen), unlocked, set up or turned off.
    LockChanged(LockStatus),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Offline,
    Timeout,
    Unauthorized,
    Forbidden,
    /// The e-mailed sign-in code was refused: the user types it again or asks for a new one.
    WrongCode,
    NotFound,
    RateLimited,
    Server,
    Decode,
    Keyring,
    Cache,
    Invalid,
    Internal,
    /// The app is locked: nothing of the account is given out until it is unlocked.
    Locked,
    /// The app lock's PIN was refused (`retry_after_secs`: when the next try is allowed).
    WrongPin,
}

/// The error the window shows: a kind to branch on and a message to print. Never a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UiError {
    pub kind: ErrorKind,
    pub message: String,
    /// Rate limited: when the server said to try again (the window counts down).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
    /// A form refused field by field (`kind` is `invalid`): each field's problem, for the
    /// window to show next to its input, in the user's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

impl UiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> UiError {
        UiError {
            kind,
            message: message.into(),
            retry_after_secs: None,
            fields: Vec::new(),
        }
    }
}

impl std::fmt::Display for UiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tagged_for_the_window() {
        let e = AppEvent::SignedOut {
            reason: "expired".into(),
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"signed_out":{"reason":"expired"}}"#
        );
        assert_eq!(CardAction::Freeze.status_code().as_str(), "G1");
    }

    #[test]
    fn an_error_carries_field_problems_only_when_there_are_some() {
        let r = UiError {
            fields: vec![FieldProblem {
                field: KycField::Phone,
                problem: FieldProblemKind::InvalidPhone,
            }],
            ..UiError::new(ErrorKind::Invalid, "invalid input")
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"invalid","message":"invalid input","fields":[{"field":"phone","problem":"invalid_phone"}]}"#
        );
        assert_eq!(serde_json::from_str::<UiError>(&json).unwrap(), r);
        let plain: UiError = serde_json::from_str(r#"{"kind":"offline","message":"m"}"#).unwrap();
        assert!(plain.fields.is_empty() && plain.retry_after_secs.is_none());
        assert_eq!(
            serde_json::to_string(&plain).unwrap(),
            r#"{"kind":"offline","message":"m"}"#
        );
    }
}
