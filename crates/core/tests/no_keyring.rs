//! Without a reachable Secret Service: a clear notice, a memory-only session, nothing on disk.
//!
//! Its own test binary, not a module of `integration`: it points DBUS_SESSION_BUS_ADDRESS at
//! a bus that does not exist, for the whole process (the keyring store is chosen once per
//! process), which would take the Secret Service away from every other test in a shared one.
//! It takes a sandbox, a config and a sign-in from the integration tests' support.

#[allow(dead_code)]
#[path = "support/common.rs"]
mod support;

use ccp_core::{Core, SessionPersistence};
use support::{config_on_own_bus, sandbox, sign_in};

#[tokio::test]
async fn no_keyring_means_memory_only_and_no_plaintext_fallback() {
    // SAFETY: the only test in this binary, run before anything reads the environment.
    unsafe {
        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/ccp-no-bus",
        )
    };
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config_on_own_bus(&sb, dir.path(), "nokeyring");
    let core = Core::open(cfg.clone()).await.unwrap();
    let reason = match core.persistence() {
        SessionPersistence::MemoryOnly { reason } => reason,
        other => panic!("expected memory-only, got {other:?}"),
    };
    assert!(reason.contains("keyring"), "{reason}");

    sign_in(&core).await;
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
    // Closed before the process exits: SQLite's threads must not race its exit-time clean-up.
    core.close().await;
    sb.shutdown().await;
}
