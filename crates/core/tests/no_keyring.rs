//! Without a reachable Secret Service: a clear notice, a memory-only session, nothing on disk.
//!
//! Its own test binary, not a module of `integration`: it points DBUS_SESSION_BUS_ADDRESS at
//! a bus that does not exist, for the whole process (the keyring store is chosen once per
//! process), which would take the Secret Service away from every other test in a shared one.
//! It needs only a sandbox, a config and a sign-in, so it has them here rather than sharing
//! the integration tests' support module.

use ccp_core::{Config, Core, SessionPersistence};
use ccp_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, Sandbox, TEST_OTP};
use std::time::Duration;

/// The integration tests' config, with the keyring asked for.
fn config(sb: &Sandbox, dir: &std::path::Path) -> Config {
    let mut c = Config::new(&sb.base_url(), dir).expect("config");
    c.keyring_service = format!("ccp-core-test-nokeyring-{}", std::process::id());
    c.use_keyring = true;
    c.request_timeout = Duration::from_secs(5);
    c.connect_timeout = Duration::from_secs(2);
    c.backoff_min = Duration::from_millis(50);
    c.backoff_max = Duration::from_millis(500);
    c.offline_probe = Duration::from_millis(200);
    c
}

#[tokio::test]
async fn no_keyring_means_memory_only_and_no_plaintext_fallback() {
    // SAFETY: the only test in this binary, run before anything reads the environment.
    unsafe {
        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/ccp-no-bus",
        )
    };
    let sb = Sandbox::start(ccp_sandbox::Config {
        otp_fixed: Some(TEST_OTP.into()),
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&sb, dir.path());
    let core = Core::open(cfg.clone()).await.unwrap();
    let reason = match core.persistence() {
        SessionPersistence::MemoryOnly { reason } => reason,
        other => panic!("expected memory-only, got {other:?}"),
    };
    assert!(reason.contains("keyring"), "{reason}");

    core.login(DEMO_EMAIL, DEMO_PASSWORD.into())
        .await
        .expect("login");
    core.verify_otp(DEMO_EMAIL, TEST_OTP.into())
        .await
        .expect("otp");
    assert!(core.is_signed_in());
    assert!(matches!(
        core.persistence(),
        SessionPersistence::MemoryOnly { .. }
    ));
    core.sync_now().await.unwrap();
    assert!(
        !core.cards().await.unwrap().data.is_empty(),
        "the session works in memory"
    );
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(files.is_empty(), "nothing written to disk: {files:?}");
    // The next run starts signed out: nothing was kept anywhere.
    assert!(!Core::open(cfg).await.unwrap().is_signed_in());
    core.logout().await.unwrap();
    assert!(!core.is_signed_in());
}
