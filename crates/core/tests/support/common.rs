//! Setup shared by the `integration` and `secrets` test binaries (everything here is used by
//! both; `no_keyring` and `hung_keyring` take a few parts): a sandbox per test (real TCP on a random loopback port), a core with its own keyring
//! service name and temp data dir, and raw API access independent of the core.

use ccp_core::{Config, Core};
use ccp_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, Sandbox};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

pub use ccp_sandbox::TEST_OTP as OTP;
pub use ccp_sandbox::require_test_session;

pub async fn sandbox() -> Sandbox {
    sandbox_with(|_| {}).await
}

/// A sandbox whose e-mailed code is always [`OTP`], with what a test changes (`tune`) on top.
pub async fn sandbox_with(tune: impl FnOnce(&mut ccp_sandbox::Config)) -> Sandbox {
    let mut config = ccp_sandbox::Config {
        otp_fixed: Some(OTP.into()),
        ..Default::default()
    };
    tune(&mut config);
    Sandbox::start(config).await.expect("sandbox starts")
}

/// A keyring service name no other test (or run) uses.
pub fn unique_service(tag: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "ccp-core-test-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

pub fn config(sb: &Sandbox, dir: &std::path::Path, tag: &str, keyring: bool) -> Config {
    if keyring {
        require_test_session();
    }
    let mut c = config_on_own_bus(sb, dir, tag);
    c.use_keyring = keyring;
    c
}

/// The tests' config with the keyring asked for, without the private-session check: for the
/// binaries that point the whole process at a bus of their own (`no_keyring`, `hung_keyring`),
/// where no user's keyring can be reached.
pub fn config_on_own_bus(sb: &Sandbox, dir: &std::path::Path, tag: &str) -> Config {
    let mut c = Config::new(&sb.base_url(), dir).expect("config");
    c.keyring_service = unique_service(tag);
    c.use_keyring = true;
    c.request_timeout = Duration::from_secs(5);
    c.connect_timeout = Duration::from_secs(2);
    c.backoff_min = Duration::from_millis(50);
    c.backoff_max = Duration::from_millis(500);
    c.offline_probe = Duration::from_millis(200);
    c
}

pub async fn sign_in(core: &Core) {
    core.login(DEMO_EMAIL, DEMO_PASSWORD.into())
        .await
        .expect("login");
    core.verify_otp(DEMO_EMAIL, OTP.into()).await.expect("otp");
}

pub fn keyring_available() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// A freshly started Secret Service may refuse the very first write while it sets up its
/// default collection; write and delete a probe entry until it works (bounded).
pub async fn warm_keyring() {
    require_test_session();
    assert!(
        keyring_available(),
        "run inside a D-Bus session with an unlocked Secret Service"
    );
    let store = ccp_core::SecretStore::new(&unique_service("warmup"), true);
    let mut last = None;
    for _ in 0..20 {
        match store.set("account", &"probe".to_owned().into()).await {
            Ok(()) => {
                store.delete("account").await.expect("probe deleted");
                return;
            }
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("the Secret Service does not accept writes: {last:?}");
}

/// Raw API access, independent of the core, to read what the server holds.
pub struct RawApi {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl RawApi {
    pub async fn sign_in(sb: &Sandbox) -> RawApi {
        let http = reqwest::Client::new();
        let base = format!("{}/api/v1", sb.base_url());
        http.post(format!("{base}/auth/login"))
            .json(&serde_json::json!({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}))
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap();
        let tokens: serde_json::Value = http
            .post(format!("{base}/auth/verify-login-otp"))
            .json(&serde_json::json!({"email": DEMO_EMAIL, "otp_code": OTP}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = tokens["access_token"].as_str().unwrap().to_owned();
        RawApi { http, base, token }
    }

    pub async fn get(&self, path: &str) -> serde_json::Value {
        serde_json::from_str(&self.get_text(path).await).unwrap()
    }

    /// The body as sent (exact number text included).
    pub async fn get_text(&self, path: &str) -> String {
        self.http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }
}
