//! ccp-sandbox: a local ComeComePay server that follows `contract/comecomepay.openapi.yaml`.
//!
//! A real HTTP server (axum on tokio) with its state in SQLite. The desktop app starts its binary
//! for demo mode; tests start one per test on a random loopback port and steer it through the
//! control API under `/sandbox/…` (see [`Control`]): inject 3-D Secure passcodes, move KYC,
//! expire tokens, count requests, and inject faults.
//!
//! It also serves the one specified endpoint of the FalPay open API (seed 004), the token
//! endpoint `POST /api/open/auth/token`, for the seeded client [`FALPAY_CLIENT_ID`] /
//! [`FALPAY_CLIENT_SECRET`] (see `src/falpay.rs`).
//!
//! ```no_run
//! # async fn demo() -> Result<(), ccp_sandbox::Error> {
//! let sandbox = ccp_sandbox::Sandbox::start(ccp_sandbox::Config::default()).await?;
//! let api = format!("{}/api/v1", sandbox.base_url());
//! # let _ = api; sandbox.shutdown().await; Ok(()) }
//! ```

mod api;
mod clock;
mod control;
mod db;
mod didit;
mod error;
mod falpay;
mod faults;
mod passcodes;
mod potato;
mod secret;
mod seed;
mod server;
mod state;

pub use api::NOT_A_NUMBER;
pub use control::client::Control;
pub use control::types::{
    AddMessage, AddTransaction, AddedMessage, AddedTransaction, BulkInserted, InjectPasscode,
    SetKyc,
};
pub use error::Error;
pub use faults::{FaultKind, FaultSpec};
pub use server::Sandbox;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The seeded demo account and its fixed sign-in code (shared with the app's demo).
pub use ccp_model::demo::{EMAIL as DEMO_EMAIL, OTP as DEMO_OTP, PASSWORD as DEMO_PASSWORD};
/// A second seeded user, owner of one card, so "another user's card" can be tried.
pub const OTHER_EMAIL: &str = "other@comecomepay.example";
/// Password of [`OTHER_EMAIL`].
pub const OTHER_PASSWORD: &str = "Other#2026";
/// The one e-mailed sign-in code every test's sandbox sends (`Config::otp_fixed`).
pub const TEST_OTP: &str = "24680";

/// For the tests of every crate that write to the OS keyring: they run only in the private
/// session scripts/test-session.sh sets up (it exports `CCP_TEST_SESSION=1`), never against a
/// user's own keyring.
pub fn require_test_session() {
    assert!(
        std::env::var("CCP_TEST_SESSION").as_deref() == Ok("1"),
        "CCP_TEST_SESSION is not set: run through scripts/test.sh: these tests write to a keyring \
         that must belong to a private session (inside your own throw-away \
         `dbus-run-session` + gnome-keyring, export CCP_TEST_SESSION=1)"
    );
}

/// Every byte of every file under `dir`, for the tests of every crate that check that nothing
/// secret reached the disk in the clear.
pub fn bytes_under(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).expect("a readable directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                bytes.extend(std::fs::read(path).expect("a readable file"));
            }
        }
    }
    bytes
}

/// The seeded FalPay open API client (`POST /api/open/auth/token`): its `client_id`.
pub const FALPAY_CLIENT_ID: &str = "2026000000000000001";
/// The `client_secret` of [`FALPAY_CLIENT_ID`]. It holds `+`, `/` and `=`, so a client that
/// does not percent-encode the query is refused.
pub const FALPAY_CLIENT_SECRET: &str = "sbx-FalPay_secret+2026/demo=";
/// The FalPay token endpoint's path (seed 004).
pub const FALPAY_TOKEN_PATH: &str = falpay::TOKEN_PATH;

/// The seeded Potato Cloud user (card keys, seed 003): user number …
pub const POTATO_USER_NUMBER: &str = "10001";
/// … and password.
pub const POTATO_PASSWORD: &str = "Potato#2026";
/// The `askKey` of the seeded Potato Cloud app (the only app the sandbox knows).
pub const POTATO_ASK_KEY: &str = "ask-5a0d1e-sandbox";
/// That app's signing secret (signing V1, checked with `Config::potato_signing`).
pub const POTATO_SIGN_SECRET: &str = "sign-3c9f7b-sandbox";
/// That app's id, as the service puts it in every key.
pub const POTATO_APP_ID: &str = "657801375071686656";

#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; default `127.0.0.1:0` (a free port).
    pub listen: SocketAddr,
    /// SQLite file lives here and persists across restarts (seeded only when empty).
    /// `None`: a temporary directory removed on shutdown/drop.
    pub data_dir: Option<PathBuf>,
    /// Seed of every simulated value (cards, history, codes, fault fractions).
    pub seed: u64,
    /// Every sign-in code is this (tests, demo); else a random 5-digit code.
    pub otp_fixed: Option<String>,
    /// Add a new 3-D Secure passcode for the demo user this often; `None` = off.
    pub passcode_every: Option<Duration>,
    /// Serve the control API under `/sandbox/…` (loopback clients only).
    pub control: bool,
    /// Lifetime of access tokens.
    pub access_ttl: Duration,
    /// Lifetime of refresh tokens.
    pub refresh_ttl: Duration,
    /// Lifetime of an e-mailed sign-in code.
    pub otp_ttl: Duration,
    /// Minimum time between two codes e-mailed to one user (resend answers 429 before).
    pub resend_cooldown: Duration,
    /// Wrong codes allowed per code; the next try answers 429 and the code is void.
    pub max_otp_attempts: u32,
    /// Wrong passwords in a row before login answers 429 for [`Config::lockout`].
    pub max_login_failures: u32,
    pub lockout: Duration,
    /// Time a decision made on the hosted Didit page spends "under review" before it shows.
    pub kyc_review_delay: Duration,
    /// Size of the body the `huge` fault streams.
    pub huge_body_bytes: u64,
    /// Lenient-service simulation: `/3ds/my-records` serves at most this many records per
    /// page whatever `page_size` asks for (and reports the size it used), as a deployment
    /// with a lower limit than ours would. `None`: the contract's limit (100).
    pub page_cap: Option<u32>,
    /// Lenient-service simulation: `/card/list` answers without `data` (the mobile client
    /// shows that as "no cards").
    pub card_list_without_data: bool,
    /// Lenient-service simulation: `/card/account-details` puts the details at the top level
    /// instead of under `data` (the mobile client reads either).
    pub account_details_top_level: bool,
    /// Lenient-service simulation: `/3ds/my-records` sends ids and numbers as text, some
    /// amounts as JSON numbers with their exact text (`12.50`), nulls and missing optional
    /// fields, no page count, and one unreadable record per page.
    pub lenient_records: bool,
    /// A service that also announces a desktop release on `/app-version` (the contract names
    /// only `ios` and `android`, which is all it answers by default): for `linux`, `windows`
    /// and `macos` it answers with this version and download address.
    pub desktop_release: Option<(String, String)>,
    /// Lenient-service simulation of what the service's mobile client reads:
    /// `/card/transaction-history` sends amounts as text and as numbers with their exact text
    /// (`-12.3000`), ids as numbers, `id` / `currency_code` / `created_time` / `created_at` /
    /// `date` in place of `transaction_id` / `currency` / `trade_time`, an amount that is not
    /// a number, nulls and missing optional fields, no usable paging fields, and one
    /// transaction no client can read; `/card/account-details` sends the money (balance, fees,
    /// limits) with four decimals, as JSON numbers (`1000.0000`) for cards with an even id and
    /// as strings for the others; `/didit/status` sends no `user_kyc_status` and its ids
    /// and numbers as text; `/user/profile` its id and KYC level as text and nulls. What the
    /// sandbox accepts does not change.
    pub lenient_bodies: bool,
    /// Lifetime of FalPay open API tokens (`expires_in`, whole seconds, at least 1); the seed
    /// says 60 s.
    pub falpay_token_ttl: Duration,
    /// FalPay failures (refused credentials, a wrong `grant_type`) are answered with HTTP 200
    /// and the envelope's `success: false` / `code`, as a service whose HTTP status does not
    /// reflect errors would; `false`: with the matching HTTP status (401, 400) too.
    pub falpay_errors_as_200: bool,
    /// Potato Cloud: the app has request signing on, so every call must carry `time` (ms)
    /// and `sign = md5(POTATO_SIGN_SECRET + time)`; a wrong sign or a `time` further than
    /// [`Config::potato_sign_window`] from the service's clock is refused ("500").
    pub potato_signing: bool,
    /// Potato Cloud: how far a request's `time` may be from the service's clock.
    pub potato_sign_window: Duration,
    /// Potato Cloud: the service's clock runs this many milliseconds ahead of this machine's
    /// (negative: behind), so that a client's `time` can be made stale.
    pub potato_clock_offset_ms: i64,
    /// Potato Cloud: the app's "generate by API" switch; off, `createCardMy` is refused.
    pub potato_api_generate: bool,
    /// Potato Cloud: lifetime of an `apiUserToken` (afterwards: "403", sign in again).
    pub potato_token_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: None,
            seed: 1,
            otp_fixed: None,
            passcode_every: None,
            control: true,
            access_ttl: Duration::from_secs(15 * 60),
            refresh_ttl: Duration::from_secs(30 * 24 * 3600),
            otp_ttl: Duration::from_secs(5 * 60),
            resend_cooldown: Duration::from_secs(30),
            max_otp_attempts: 5,
            max_login_failures: 5,
            lockout: Duration::from_secs(60),
            kyc_review_delay: Duration::from_secs(2),
            huge_body_bytes: 64 * 1024 * 1024,
            page_cap: None,
            card_list_without_data: false,
            account_details_top_level: false,
            lenient_records: false,
            desktop_release: None,
            lenient_bodies: false,
            falpay_token_ttl: Duration::from_secs(60),
            falpay_errors_as_200: false,
            potato_signing: false,
            potato_sign_window: Duration::from_secs(5 * 60),
            potato_clock_offset_ms: 0,
            potato_api_generate: true,
            potato_token_ttl: Duration::from_secs(7 * 24 * 3600),
        }
    }
}
