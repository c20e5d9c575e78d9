//! One session, several processes: the app's core and `ccp` share a server's session safely,
//! and a session is only ever used with the server that issued it.

use crate::support::{Ccp, sandbox, text};
use ccp_core::{Core, Resource};
use ccp_sandbox::{DEMO_EMAIL, FaultKind, FaultSpec};
use std::process::{Command, Stdio};

const REFRESH: &str = "POST /api/v1/auth/refresh";

/// The refresh token rotates and the server treats a spent one as theft (it ends the whole
/// session). So when the app and `ccp` both meet an expired access token, exactly one of them
/// may refresh; the other must pick up the new tokens from the keyring.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_and_ccp_refresh_concurrently_and_stay_signed_in() {
    refresh_concurrently("shared", None).await;
}

/// The same with `ccp --data-dir` elsewhere than the app's: one keyring service is one
/// session, whatever the data directories, so the two must still take turns (the lock once
/// followed the data directory, and the two spent one refresh token twice).
#[tokio::test(flavor = "multi_thread")]
async fn two_data_directories_with_one_keyring_session_still_refresh_once() {
    let other = tempfile::tempdir().unwrap();
    refresh_concurrently("twodirs", Some(other.path())).await;
}

/// 50 rounds of an expired access token met by the app's core and a `ccp` process at once; the
/// core's data directory is `core_dir` (else `ccp`'s).
async fn refresh_concurrently(tag: &str, core_dir: Option<&std::path::Path>) {
    let sb = sandbox().await;
    let ccp = Ccp::new(&sb.base_url(), tag);
    ccp.login();
    // The app's core: the same keyring service, another process than `ccp`.
    let dir = core_dir.unwrap_or(ccp.data_dir.path());
    let mut cfg = ccp_core::Config::new(&sb.base_url(), dir).unwrap();
    cfg.keyring_service = ccp.service.clone();
    let core = Core::open(cfg).await.unwrap();
    assert!(core.is_signed_in());
    // A slow refresh, so that each round the other process starts while one is under way and
    // reads the keyring's tokens before they rotate.
    sb.control()
        .fault(FaultSpec {
            latency_ms: Some(300),
            ..FaultSpec::new(FaultKind::Latency).on("/api/v1/auth/refresh")
        })
        .await
        .unwrap();
    sb.control().reset_counts().await.unwrap();
    const ROUNDS: u64 = 50;
    for round in 0..ROUNDS {
        sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
        let child = ccp
            .command(&["cards"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let app = core.sync_resource(Resource::Cards).await;
        let out = child.wait_with_output().unwrap();
        assert!(app.is_ok(), "round {round}: the app: {app:?}");
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: ccp: {}",
            text(&out.stderr)
        );
    }
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts[REFRESH], ROUNDS,
        "one refresh per expiry: {counts:?}"
    );
    assert!(core.is_signed_in());
    ccp.ok(&["status"]);
    core.close().await;
}

/// `ccp --server B` with a session for A: "not signed in" there (exit 3), B hears nothing
/// (no token, no refresh token), and A's session goes on working.
#[tokio::test(flavor = "multi_thread")]
async fn another_server_is_not_signed_in_and_is_sent_nothing() {
    let a = sandbox().await;
    let b = sandbox().await;
    let ccp = Ccp::new(&a.base_url(), "twoservers");
    ccp.login();
    let out = Command::new(env!("CARGO_BIN_EXE_ccp"))
        .args(["--server", &b.base_url(), "cards"])
        .env("CCP_DATA_DIR", ccp.data_dir.path())
        .env("CCP_KEYRING_SERVICE", &ccp.service)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let counts = b.control().request_counts().await.unwrap();
    assert!(
        counts.keys().all(|k| !k.contains("/api/v1/")),
        "the other server was sent: {counts:?}"
    );
    assert!(ccp.ok(&["cards"]).contains("••"));
}
