//! The desktop app's choice of server: first run (none), remembered, switched (signing out of
//! the old one first), refused before anything changes, and the demo's one session.

use crate::support::*;
use ccp_core::launcher::{LaunchOptions, Launcher};
use ccp_model::ipc::{AppMode, ServerChoice};

fn options(dir: &std::path::Path, tag: &str) -> LaunchOptions {
    require_test_session();
    LaunchOptions {
        data_dir: dir.to_path_buf(),
        keyring_service: Some(unique_service(tag)),
        demo_passcode_every: None,
    }
}

fn server(url: &str) -> ServerChoice {
    ServerChoice::Server {
        url: url.into(),
        allow_insecure_http: false,
    }
}

#[tokio::test]
async fn first_run_has_no_server_then_the_choice_is_remembered_and_a_switch_signs_out() {
    let (first, second) = (sandbox().await, sandbox().await);
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), "launch");

    let launcher = Launcher::open(opts.clone(), None).await.unwrap();
    assert!(launcher.core().is_none() && launcher.connection().is_none());
    assert!(launcher.require_core().is_err());

    let info = launcher.choose(server(&first.base_url())).await.unwrap();
    assert_eq!(
        (info.mode, info.server.as_str(), info.insecure),
        (AppMode::Live, first.base_url().as_str(), false)
    );
    let core = launcher.require_core().unwrap();
    sign_in(&core).await;
    launcher.close_current().await;
    drop(launcher);

    // Remembered: the next start opens the same server and restores its session.
    let launcher = Launcher::open(opts.clone(), None).await.unwrap();
    let core = launcher.require_core().unwrap();
    assert!(core.is_signed_in(), "the session of the remembered server");

    // A refused address changes nothing: still the first server, still signed in.
    let refused = launcher.choose(server("http://203.0.113.7:8080")).await;
    assert!(refused.unwrap_err().to_string().contains("plain http"));
    assert_eq!(launcher.connection().unwrap().server, first.base_url());
    assert!(launcher.require_core().unwrap().is_signed_in());

    // Switching signs out of the old server (the server hears it) and opens the new one.
    launcher.choose(server(&second.base_url())).await.unwrap();
    let counts = first.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("POST /api/v1/auth/logout"),
        Some(&1),
        "{counts:?}"
    );
    assert!(!core.is_signed_in());
    assert!(!launcher.require_core().unwrap().is_signed_in());
    launcher.close_current().await;
    drop(launcher);
    let launcher = Launcher::open(opts.clone(), None).await.unwrap();
    assert_eq!(launcher.connection().unwrap().server, second.base_url());

    // The command line's choice is for one run only.
    let once = Launcher::open(opts.clone(), Some(server(&first.base_url())));
    let once = once.await.unwrap();
    assert_eq!(once.connection().unwrap().server, first.base_url());
    once.close_current().await;
    launcher.close_current().await;
    let again = Launcher::open(opts, None).await.unwrap();
    assert_eq!(again.connection().unwrap().server, second.base_url());
    again.close_current().await;
}

#[tokio::test]
async fn plain_http_elsewhere_is_taken_only_when_allowed_and_then_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let launcher = Launcher::open(options(dir.path(), "insecure"), None)
        .await
        .unwrap();
    assert!(
        launcher
            .choose(server("http://203.0.113.7:8080"))
            .await
            .is_err()
    );
    assert!(launcher.core().is_none());
    let info = launcher
        .choose(ServerChoice::Server {
            url: "http://203.0.113.7:8080".into(),
            allow_insecure_http: true,
        })
        .await
        .unwrap();
    assert!(info.insecure);
    launcher.close_current().await;
}

/// The demo's server listens on a new port at every start; its session must still be one
/// place, restored at the next start, not one more keyring entry set and cache per start.
#[tokio::test]
async fn the_demo_keeps_one_session_across_starts() {
    let dir = tempfile::tempdir().unwrap();
    let opts = options(dir.path(), "demo");
    for start in 0..2 {
        let launcher = Launcher::open(opts.clone(), Some(ServerChoice::Demo))
            .await
            .unwrap();
        let core = launcher.require_core().unwrap();
        assert_eq!(launcher.connection().unwrap().mode, AppMode::Demo);
        assert!(core.is_signed_in(), "start {start}: signed in to the demo");
        assert_eq!(core.config().session_scope, ccp_core::demo::SESSION_SCOPE);
        launcher.close_current().await;
    }
    let sessions = std::fs::read_dir(dir.path().join("demo/sessions"))
        .unwrap()
        .count();
    assert_eq!(sessions, 1, "one demo session directory");
}
