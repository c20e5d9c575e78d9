//! Demo mode through the launcher, as the desktop app runs it.

use ccp_core::launcher::{LaunchOptions, Launcher};
use ccp_model::ipc::{AppMode, ServerChoice};
use std::sync::Arc;

/// The demo's server listens on a new port at every start; its session must still be one
/// place, restored at the next start, not one more keyring entry set and cache per start.
/// Writes to the OS keyring: only in a private session (CCP_TEST_SESSION=1, as scripts/test.sh
/// runs it).
#[tokio::test]
async fn the_demo_keeps_one_session_across_starts() {
    ccp_sandbox::require_test_session();
    let dir = tempfile::tempdir().unwrap();
    let opts = LaunchOptions {
        data_dir: dir.path().to_path_buf(),
        keyring_service: Some(format!("ccp-demo-test-{}", std::process::id())),
        demo: Some(Arc::new(ccp_demo::Demo::default())),
        app_version: "0.1.0".into(),
        download_hosts: Vec::new(),
        passcode_window: None,
    };
    for start in 0..2 {
        let launcher = Launcher::open(opts.clone(), Some(ServerChoice::Demo))
            .await
            .unwrap();
        let core = launcher.require_core().unwrap();
        assert_eq!(launcher.connection().unwrap().mode, AppMode::Demo);
        assert!(core.is_signed_in(), "start {start}: signed in to the demo");
        assert_eq!(core.config().session_scope, ccp_demo::SESSION_SCOPE);
        launcher.close_current().await;
    }
    let sessions = std::fs::read_dir(dir.path().join("demo/sessions"))
        .unwrap()
        .count();
    assert_eq!(sessions, 1, "one demo session directory");
}

/// Without a demo (as `ccp` is built), choosing it is refused and says why.
#[tokio::test]
async fn a_launcher_without_a_demo_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let opts = LaunchOptions {
        data_dir: dir.path().to_path_buf(),
        keyring_service: Some("ccp-demo-test-none".into()),
        demo: None,
        app_version: "0.1.0".into(),
        download_hosts: Vec::new(),
        passcode_window: None,
    };
    let Err(e) = Launcher::open(opts, Some(ServerChoice::Demo)).await else {
        panic!("the demo opened without a demo");
    };
    assert!(e.to_string().contains("this build has no demo"), "{e}");
}
