//! Without a reachable Secret Service: a clear notice, a memory-only session, nothing on disk.
//! (Its own test binary: the keyring store is chosen once per process.)

mod support;

use ccp_core::{Core, SessionPersistence};
use support::*;

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
    let cfg = config(&sb, dir.path(), "nokeyring", true);
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
}
