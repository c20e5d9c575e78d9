//! Sign-in, keyring persistence, refresh rotation, single-flight refresh and sign-out, against
//! the sandbox and the real Secret Service (run inside the D-Bus session with gnome-keyring).

use crate::support::*;
use ccp_core::{Config, Core, Error, Resource, SecretStore, SessionPersistence, StoredSession};
use ccp_model::ipc::{AppEvent, LoginOutcome};
use ccp_sandbox::{DEMO_EMAIL, FaultSpec};
use secrecy::ExposeSecret;

const REFRESH: &str = "POST /api/v1/auth/refresh";

async fn keyring_core(tag: &str) -> (ccp_sandbox::Sandbox, tempfile::TempDir, Config, Core) {
    warm_keyring().await;
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&sb, dir.path(), tag, true);
    let core = Core::open(cfg.clone()).await.unwrap();
    (sb, dir, cfg, core)
}

#[tokio::test]
async fn login_otp_persists_the_session_and_logout_wipes_it() {
    let (sb, _dir, cfg, core) = keyring_core("login").await;
    assert!(!core.is_signed_in());
    let step = core
        .login(DEMO_EMAIL, ccp_sandbox::DEMO_PASSWORD.into())
        .await
        .unwrap();
    assert_eq!(
        step,
        LoginOutcome::OtpSent {
            email: DEMO_EMAIL.into()
        }
    );
    let session = core.verify_otp(DEMO_EMAIL, OTP.into()).await.unwrap();
    assert_eq!(session.email, DEMO_EMAIL);
    assert!(session.user.is_some());
    assert_eq!(core.persistence(), SessionPersistence::Keyring);
    core.sync_now().await.unwrap();
    assert!(core.cache_path().exists());

    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    let stored = StoredSession::load(&store)
        .await
        .unwrap()
        .expect("session in the keyring");
    assert_eq!(stored.email, DEMO_EMAIL);
    assert!(!stored.refresh.expose_secret().is_empty());

    // A second process run: the session and its cache come back, offline too.
    let again = Core::open(cfg.clone()).await.unwrap();
    assert!(again.is_signed_in());
    assert_eq!(again.session().unwrap().email, DEMO_EMAIL);
    let cards = again.cards().await.unwrap();
    assert!(!cards.data.is_empty() && cards.fetched_at.is_some());
    drop(again);

    let mut events = core.subscribe();
    core.logout().await.unwrap();
    assert!(!core.is_signed_in());
    let reason = next_event(&mut events, |e| match e {
        AppEvent::SignedOut { reason } => Some(reason.clone()),
        _ => None,
    })
    .await;
    assert_eq!(reason, "signed out");
    assert!(!core.cache_path().exists(), "the cache file is deleted");
    for user in ["access_token", "refresh_token", "cache_key", "account"] {
        assert!(
            store.get(user).await.unwrap().is_none(),
            "{user} left in the keyring"
        );
    }
    assert!(core.cards().await.unwrap().data.is_empty());
    assert!(!Core::open(cfg).await.unwrap().is_signed_in());
    drop(sb);
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once_and_rotated() {
    let (sb, _dir, cfg, core) = keyring_core("rotate").await;
    sign_in(&core).await;
    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    let before = StoredSession::load(&store).await.unwrap().unwrap();
    sb.control().reset_counts().await.unwrap();
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    core.sync_resource(Resource::Cards).await.unwrap();
    assert_eq!(sb.control().request_counts().await.unwrap()[REFRESH], 1);
    let after = StoredSession::load(&store).await.unwrap().unwrap();
    assert_ne!(
        before.refresh.expose_secret(),
        after.refresh.expose_secret(),
        "the refresh token rotated"
    );
    // The rotated tokens are what a restart uses.
    let again = Core::open(cfg).await.unwrap();
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    again.sync_resource(Resource::Profile).await.unwrap();
    core.logout().await.unwrap();
}

#[tokio::test]
async fn concurrent_401s_cause_exactly_one_refresh() {
    let sb = sandbox().await;
    let (_dir, core) = open_core(&sb, "flight").await;
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    let token = core.cards().await.unwrap().data[0].public_token.clone();
    sb.control().reset_counts().await.unwrap();
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    let calls = (0..24).map(|i| {
        let core = core.clone();
        let token = token.clone();
        tokio::spawn(async move {
            match i % 3 {
                0 => core.sync_resource(Resource::Profile).await,
                1 => core.transactions(&token, 10).await.map(|_| ()),
                _ => core.sync_resource(Resource::Kyc).await,
            }
        })
    });
    for r in futures_util::future::join_all(calls).await {
        r.unwrap()
            .expect("every call succeeds after the shared refresh");
    }
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(counts[REFRESH], 1, "{counts:?}");
}

#[tokio::test]
async fn a_failed_refresh_signs_out_and_leaves_nothing_readable() {
    let (sb, _dir, cfg, core) = keyring_core("failrefresh").await;
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    let mut events = core.subscribe();
    sb.control()
        .fault(FaultSpec::status(401).on("/api/v1/auth/refresh").times(1))
        .await
        .unwrap();
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    let e = core.sync_resource(Resource::Cards).await.unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    let reason = next_event(&mut events, |e| match e {
        AppEvent::SignedOut { reason } => Some(reason.clone()),
        _ => None,
    })
    .await;
    assert!(reason.starts_with("session expired"), "{reason}");
    assert!(!core.is_signed_in());
    assert!(!core.cache_path().exists());
    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    assert!(StoredSession::load(&store).await.unwrap().is_none());
    assert!(store.get("cache_key").await.unwrap().is_none());
}

#[tokio::test]
async fn wrong_password_and_wrong_code_are_clear_errors() {
    let sb = sandbox().await;
    let (_dir, core) = open_core(&sb, "wrong").await;
    let e = core.login(DEMO_EMAIL, "nope".into()).await.unwrap_err();
    assert!(
        matches!(e, Error::Unauthorized { .. } | Error::Refused { .. }),
        "{e:?}"
    );
    assert!(!e.to_string().contains("nope"));
    let e = a_wrong_code(&core, "13579").await;
    assert!(!e.to_string().contains("13579"), "{e}");
    assert!(!core.is_signed_in());
    let e = core.login("not-an-email", "x".into()).await.unwrap_err();
    assert!(matches!(e, Error::Invalid(_)));
    let e = core.verify_otp(DEMO_EMAIL, "".into()).await.unwrap_err();
    assert!(matches!(e, Error::Invalid(_)));
}

#[tokio::test]
async fn memory_only_sessions_write_nothing_to_disk() {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&sb, dir.path(), "memonly", false);
    let core = Core::open(cfg.clone()).await.unwrap();
    assert!(matches!(
        core.persistence(),
        SessionPersistence::MemoryOnly { .. }
    ));
    sign_in(&core).await;
    core.sync_now().await.unwrap();
    assert!(!core.cards().await.unwrap().data.is_empty());
    match core.persistence() {
        SessionPersistence::MemoryOnly { reason } => {
            assert!(reason.contains("keyring"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing on disk"
    );
    assert!(!Core::open(cfg).await.unwrap().is_signed_in());
}

/// A refused code is named as such (not "session expired") with the server's words, may be
/// typed again, and a new one can be asked for — after the server's cooldown, which a too-early
/// request learns as a `Retry-After`.
#[tokio::test]
async fn a_wrong_code_is_named_and_a_new_one_comes_after_the_servers_cooldown() {
    let sb = sandbox_with(|c| c.resend_cooldown = std::time::Duration::from_secs(2)).await;
    let (_dir, core) = open_core(&sb, "wrong-code").await;
    let wrong = a_wrong_code(&core, "99999").await;
    assert!(matches!(wrong, Error::WrongCode { .. }), "{wrong:?}");
    assert_eq!(wrong.kind(), ccp_model::ipc::ErrorKind::WrongCode);
    assert!(
        wrong.to_string().starts_with("That code is not right"),
        "{wrong}"
    );
    assert!(!core.is_signed_in());

    let too_soon = core.resend_otp(DEMO_EMAIL).await.unwrap_err();
    let wait = too_soon.retry_after().expect("the server says when");
    assert!(wait.as_secs() <= 2, "{wait:?}");
    assert_eq!(too_soon.to_ui().retry_after_secs, Some(wait.as_secs()));

    tokio::time::sleep(wait + std::time::Duration::from_millis(1100)).await;
    core.resend_otp(DEMO_EMAIL)
        .await
        .expect("a new code after the cooldown");
    let counts = sb.control().request_counts().await.unwrap();
    assert_eq!(
        counts.get("POST /api/v1/auth/resend-otp"),
        Some(&2),
        "{counts:?}"
    );

    core.verify_otp(DEMO_EMAIL, OTP.into()).await.unwrap();
    assert!(core.is_signed_in());
    core.close().await;
}

/// The keyring refuses the rotated tokens: the session goes on in memory, the file cache goes
/// with its key (no more writes to it), and the spent refresh token is deleted even though the
/// first deletions fail, so the next start does not replay it.
#[tokio::test]
async fn a_rotation_the_keyring_refuses_goes_on_in_memory_and_leaves_no_spent_token() {
    use ccp_io::keyring::faults::{Op, fail_next};
    let (sb, _dir, cfg, core) = synced_keyring_core("spent").await;
    let service = cfg.session_keyring_service();
    let cache = core.cache_path();
    assert!(cache.exists());
    fail_next(&service, Op::Set, 1);
    fail_next(&service, Op::Delete, 2);
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    core.sync_resource(Resource::Cards).await.unwrap();
    assert!(!core.persistence().is_keyring());
    assert!(core.is_signed_in());
    assert!(!cache.exists(), "the file cache went with its key");
    let store = SecretStore::new(&service, true);
    for user in ["refresh_token", "access_token", "cache_key"] {
        assert!(store.get(user).await.unwrap().is_none(), "{user} left");
    }
    // Reads go on, from the server and the in-memory cache; no file comes back.
    core.sync_resource(Resource::Cards).await.unwrap();
    assert!(!core.cards().await.unwrap().data.is_empty());
    assert!(!cache.exists());
    // The next start finds nothing to replay.
    assert!(!Core::open(cfg).await.unwrap().is_signed_in());
}

/// Entries the keyring would not delete are marked spent; the next start deletes them before
/// reading them, and restores nothing.
#[tokio::test]
async fn spent_entries_the_keyring_keeps_are_deleted_by_the_next_start() {
    use ccp_io::keyring::faults::{Op, fail_next};
    let (sb, _dir, cfg, core) = synced_keyring_core("spent-marked").await;
    let service = cfg.session_keyring_service();
    fail_next(&service, Op::Set, 1);
    fail_next(&service, Op::Delete, 1000);
    sb.control().expire_tokens(DEMO_EMAIL).await.unwrap();
    core.sync_resource(Resource::Cards).await.unwrap();
    let marker = cfg.session_lock_path().with_extension("spent");
    assert!(marker.exists());
    let store = SecretStore::new(&service, true);
    assert!(
        store.get("refresh_token").await.unwrap().is_some(),
        "still refused"
    );
    fail_next(&service, Op::Delete, 0);
    let next = Core::open(cfg).await.unwrap();
    assert!(!next.is_signed_in());
    assert!(store.get("refresh_token").await.unwrap().is_none());
    assert!(!marker.exists());
}

/// The demo user's right password, then `code`, which the server refuses: its error.
async fn a_wrong_code(core: &Core, code: &str) -> Error {
    core.login(DEMO_EMAIL, ccp_sandbox::DEMO_PASSWORD.into())
        .await
        .unwrap();
    core.verify_otp(DEMO_EMAIL, code.into()).await.unwrap_err()
}
