//! Session safety: sign-out racing a refresh, a session bound to its server, sign-out that
//! says what it could not delete, and a restore that removes what cannot make a session. All
//! against the sandbox over TCP and the real Secret Service of the test session.

use crate::support::*;
use ccp_core::{Config, Core, Error, Resource, SecretStore, StoredSession};
use ccp_model::ipc::AppEvent;
use ccp_sandbox::{DEMO_EMAIL, FaultKind, FaultSpec, InjectPasscode};
use secrecy::SecretString;
use std::time::Duration;

const REFRESH: &str = "/api/v1/auth/refresh";

/// A refresh still under way when the user signs out must not bring the session back: no
/// tokens in the keyring afterwards, the pollers stop, and no passcode is announced. The
/// refresh answers after sign-out's own server call has given up (5 s), so sign-out really
/// races it.
#[tokio::test(flavor = "multi_thread")]
async fn sign_out_during_a_slow_refresh_stays_signed_out() {
    warm_keyring().await;
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = config(&sb, dir.path(), "slowrefresh", true);
    cfg.request_timeout = Duration::from_secs(20);
    let core = Core::open(cfg.clone()).await.unwrap();
    sign_in(&core).await;
    let mut events = core.subscribe();
    let _pollers = core.start_sync();
    sb.control()
        .fault(FaultSpec {
            latency_ms: Some(7000),
            ..FaultSpec::new(FaultKind::Latency).on(REFRESH).times(1)
        })
        .await
        .unwrap();
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    let busy = core.clone();
    let refreshing = tokio::spawn(async move { busy.sync_resource(Resource::Cards).await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!refreshing.is_finished(), "the refresh is under way");
    let _ = core.logout().await;
    let _ = refreshing.await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    assert!(!core.is_signed_in(), "the refresh brought the session back");
    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    assert!(
        StoredSession::load(&store).await.unwrap().is_none(),
        "tokens kept"
    );
    assert!(store.get("access_token").await.unwrap().is_none());

    // Nothing polls or announces after sign-out.
    sb.control().reset_counts().await.unwrap();
    sb.control()
        .inject_3ds(InjectPasscode {
            passcode: Some("777111".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    let counts = sb.control().request_counts().await.unwrap();
    let api_calls: u64 = counts
        .iter()
        .filter(|(k, _)| k.contains("/api/v1/"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(api_calls, 0, "requests after sign-out: {counts:?}");
    while let Ok(e) = events.try_recv() {
        assert!(!matches!(e, AppEvent::NewPasscode(_)), "announced: {e:?}");
        assert!(!matches!(e, AppEvent::SignedIn(_)), "signed in again");
    }
}

/// Pointing the same data directory and keyring at another server finds no session there,
/// sends that server nothing, and leaves the first server's session working.
#[tokio::test]
async fn a_session_is_never_sent_to_another_server() {
    let (a, dir, cfg_a, core_a) = synced_keyring_core("twoservers").await;
    drop(core_a);
    let b = sandbox().await;
    let mut cfg_b = Config::new(&b.base_url(), dir.path()).unwrap();
    cfg_b.keyring_service = cfg_a.keyring_service.clone();
    let core_b = Core::open(cfg_b).await.unwrap();
    assert!(!core_b.is_signed_in(), "signed in to a server it never saw");
    assert!(matches!(
        core_b.sync_resource(Resource::Cards).await,
        Err(Error::NotSignedIn)
    ));
    let counts = b.control().request_counts().await.unwrap();
    assert!(
        counts.keys().all(|k| !k.contains("/api/v1/")),
        "the other server was sent: {counts:?}"
    );
    let again = Core::open(cfg_a).await.unwrap();
    assert!(again.is_signed_in());
    again.sync_resource(Resource::Cards).await.unwrap();
    assert!(a.control().request_counts().await.unwrap()["GET /api/v1/card/list"] >= 2);
    again.logout().await.unwrap();
}

/// What sign-out cannot delete is named, with how to remove it; the keyring goes first.
#[tokio::test]
async fn sign_out_says_what_it_could_not_delete() {
    let (_sb, _dir, cfg, core) = synced_keyring_core("leftover").await;
    let mut events = core.subscribe();
    // A directory where the cache's journal file would be: deleting it fails for real.
    let mut journal = core.cache_path().into_os_string();
    journal.push("-journal");
    std::fs::create_dir_all(std::path::Path::new(&journal).join("x")).unwrap();
    let e = core.logout().await.unwrap_err();
    assert!(matches!(e, Error::SignOutIncomplete { .. }), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("cache.db") && text.contains("delete it by hand"),
        "{text}"
    );
    let reason = next_event(&mut events, |e| match e {
        AppEvent::SignedOut { reason } => Some(reason.clone()),
        _ => None,
    })
    .await;
    assert!(
        reason.contains("not everything could be deleted"),
        "{reason}"
    );
    assert!(!core.is_signed_in());
    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    for entry in [
        "access_token",
        "refresh_token",
        "cache_key",
        "account",
        "server",
    ] {
        assert!(store.get(entry).await.unwrap().is_none(), "{entry} kept");
    }
}

/// Entries that cannot make a session (a token without an account, a key without tokens) are
/// all removed when the app starts, with any cache file.
#[tokio::test]
async fn a_restore_without_a_usable_session_removes_every_leftover() {
    warm_keyring().await;
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&sb, dir.path(), "leftovers", true);
    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    let secret = |s: &str| SecretString::from(s.to_owned());
    store.set("access_token", &secret("stale")).await.unwrap();
    store
        .set("cache_key", &secret(&"ab".repeat(32)))
        .await
        .unwrap();
    store
        .set("server", &secret(&cfg.session_scope))
        .await
        .unwrap();
    std::fs::create_dir_all(cfg.session_dir()).unwrap();
    std::fs::write(cfg.cache_path(), b"old").unwrap();
    let core = Core::open(cfg.clone()).await.unwrap();
    assert!(!core.is_signed_in());
    for entry in ["access_token", "cache_key", "server"] {
        assert!(store.get(entry).await.unwrap().is_none(), "{entry} left");
    }
    assert!(!cfg.cache_path().exists());
}
