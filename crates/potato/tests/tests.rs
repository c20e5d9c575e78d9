//! The Potato Cloud client against the sandbox over real TCP, with the real OS keyring (the
//! test session's gnome-keyring: run under `dbus-run-session` with `CCP_TEST_SESSION=1`).

use ccp_model::potato::{KeyQuery, KeyState, KeyTime, KeyType};
use ccp_potato::secrets::{USER_NUMBER, USER_TOKEN};
use ccp_potato::{AppKeys, Config, Error, PotatoClient};
use ccp_sandbox::require_test_session;
use ccp_sandbox::{
    FaultKind, FaultSpec, POTATO_ASK_KEY, POTATO_PASSWORD, POTATO_SIGN_SECRET, POTATO_USER_NUMBER,
    Sandbox,
};
use secrecy::SecretString;
use std::time::Duration;

/// A sandbox with what a test changes (`tune`) on top of the defaults.
async fn sandbox(tune: impl FnOnce(&mut ccp_sandbox::Config)) -> Sandbox {
    let mut config = ccp_sandbox::Config::default();
    tune(&mut config);
    Sandbox::start(config).await.expect("sandbox starts")
}

fn config(sb: &Sandbox, name: &str) -> Config {
    require_test_session();
    Config::new(&sb.base_url())
        .unwrap()
        .with_keyring_prefix(&format!("ccp-potato-test-{name}-{}", std::process::id()))
}

fn client(sb: &Sandbox, name: &str, sign: Option<&str>) -> PotatoClient {
    let app = AppKeys::new(POTATO_ASK_KEY.into(), sign.map(SecretString::from));
    PotatoClient::new(config(sb, name), app).unwrap()
}

async fn signed_in(sb: &Sandbox, name: &str, sign: Option<&str>) -> PotatoClient {
    let c = client(sb, name, sign);
    c.login(POTATO_USER_NUMBER, &POTATO_PASSWORD.into())
        .await
        .expect("signs in");
    c
}

async fn count(sb: &Sandbox, method: &str) -> u64 {
    let key = format!("POST /api/{method}");
    sb.control().request_count(&key).await.unwrap()
}

#[tokio::test]
async fn sign_in_keeps_the_token_in_the_keyring_and_sign_out_forgets_it() {
    let sb = sandbox(|_| {}).await;
    let c = client(&sb, "login", None);
    let e = c
        .login(POTATO_USER_NUMBER, &"wrong".into())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Service { code, message } if code == "500" && message.contains("wrong user number or password")),
        "{e}"
    );
    assert!(!e.to_string().contains("wrong\""), "{e}");
    let session = c
        .login(POTATO_USER_NUMBER, &POTATO_PASSWORD.into())
        .await
        .unwrap();
    assert_eq!(session.user_number, POTATO_USER_NUMBER);
    assert!(session.kept_in_keyring);
    assert!(c.store().get(USER_TOKEN).await.unwrap().is_some());

    // Another client (another process, later) finds the session in the keyring.
    let again = client(&sb, "login", None);
    let s = again.session().await.unwrap().expect("a session");
    assert_eq!(s.user_number, POTATO_USER_NUMBER);
    // A new account has no keys: "203" is an empty page, not an error.
    let page = again.list(&KeyQuery::default()).await.unwrap();
    assert!(page.keys.is_empty());
    assert_eq!(page.total, Some(0));

    again.logout().await.unwrap();
    assert!(c.store().get(USER_TOKEN).await.unwrap().is_none());
    assert!(c.store().get(USER_NUMBER).await.unwrap().is_none());
    let fresh = client(&sb, "login", None);
    assert!(fresh.session().await.unwrap().is_none());
    let before = count(&sb, "getCardMyList").await;
    assert!(matches!(
        fresh.list(&KeyQuery::default()).await,
        Err(Error::NotSignedIn)
    ));
    assert_eq!(count(&sb, "getCardMyList").await, before, "nothing sent");
    sb.shutdown().await;
}

#[tokio::test]
async fn generate_refuses_0_and_11_before_any_request() {
    let sb = sandbox(|_| {}).await;
    let c = signed_in(&sb, "generate", None).await;
    for n in [0, 11, 1000] {
        let e = c.generate(KeyType::Month, n).await.unwrap_err();
        assert!(matches!(e, Error::Invalid(_)), "{e}");
        assert!(e.to_string().contains("between 1 and 10"), "{e}");
    }
    assert_eq!(count(&sb, "createCardMy").await, 0);
    let keys = c.generate(KeyType::Month, 3).await.unwrap();
    assert_eq!(keys.len(), 3);
    for k in &keys {
        assert_eq!(k.card.len(), 32);
        assert!(
            k.card
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
        assert_eq!(k.key_type, Some(KeyType::Month));
        assert_eq!(k.state, Some(KeyState::Unused));
        assert!(matches!(k.created, Some(KeyTime::Millis(_))), "{k:?}");
        assert!(!format!("{k:?}").contains(&k.card), "Debug hides the key");
    }
    assert_eq!(c.generate(KeyType::Permanent, 10).await.unwrap().len(), 10);
    assert_eq!(count(&sb, "createCardMy").await, 2);
    c.logout().await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn the_generate_by_api_switch_off_is_the_services_refusal() {
    let sb = sandbox(|c| c.potato_api_generate = false).await;
    let c = signed_in(&sb, "switch", None).await;
    let e = c.generate(KeyType::Day, 1).await.unwrap_err();
    assert!(
        matches!(&e, Error::Service { code, message } if code == "500" && message.contains("not enabled")),
        "{e}"
    );
    c.logout().await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn list_pages_and_filters() {
    let sb = sandbox(|_| {}).await;
    let c = signed_in(&sb, "list", None).await;
    c.generate(KeyType::Day, 10).await.unwrap();
    let years = c.generate(KeyType::Year, 5).await.unwrap();
    let q = |page, page_size| KeyQuery {
        page,
        page_size,
        ..KeyQuery::default()
    };
    let first = c.list(&q(1, 4)).await.unwrap();
    assert_eq!(first.keys.len(), 4);
    assert_eq!((first.total, first.pages), (Some(15), Some(4)));
    // The list sends `createdDate` as text.
    assert!(
        matches!(first.keys[0].created, Some(KeyTime::Text(_))),
        "{:?}",
        first.keys[0]
    );
    let last = c.list(&q(4, 4)).await.unwrap();
    assert_eq!(last.keys.len(), 3);
    let mut all: Vec<String> = Vec::new();
    for p in 1..=4 {
        all.extend(
            c.list(&q(p, 4))
                .await
                .unwrap()
                .keys
                .into_iter()
                .map(|k| k.card),
        );
    }
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 15, "pages neither overlap nor miss");
    assert_eq!(c.list(&q(1, 1000)).await.unwrap().keys.len(), 15);

    let by_type = c
        .list(&KeyQuery {
            key_type: Some(KeyType::Year),
            ..q(1, 100)
        })
        .await
        .unwrap();
    assert_eq!(by_type.keys.len(), 5);
    assert!(
        by_type
            .keys
            .iter()
            .all(|k| k.key_type == Some(KeyType::Year))
    );

    c.verify(&years[0].card, "device-a").await.unwrap();
    let used = c
        .list(&KeyQuery {
            state: Some(KeyState::Used),
            ..q(1, 100)
        })
        .await
        .unwrap();
    assert_eq!(used.keys.len(), 1);
    assert_eq!(used.keys[0].card, years[0].card);
    assert!(used.keys[0].expires.is_some(), "a used key has its expiry");
    let unused = c
        .list(&KeyQuery {
            state: Some(KeyState::Unused),
            ..q(1, 100)
        })
        .await
        .unwrap();
    assert_eq!(unused.keys.len(), 14);
    let one = c
        .list(&KeyQuery {
            card: Some(years[1].card.clone()),
            ..q(1, 10)
        })
        .await
        .unwrap();
    assert_eq!(one.keys.len(), 1);
    // Nothing matches: "203", an empty page.
    let none = c
        .list(&KeyQuery {
            state: Some(KeyState::Used),
            key_type: Some(KeyType::Day),
            ..q(1, 10)
        })
        .await
        .unwrap();
    assert!(none.keys.is_empty());

    // Out of range: refused before sending.
    let before = count(&sb, "getCardMyList").await;
    for bad in [q(1, 0), q(1, 1001), q(0, 10)] {
        assert!(matches!(c.list(&bad).await, Err(Error::Invalid(_))));
    }
    assert_eq!(count(&sb, "getCardMyList").await, before);
    c.logout().await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn a_key_binds_to_the_first_device() {
    let sb = sandbox(|_| {}).await;
    let c = signed_in(&sb, "verify", None).await;
    let week = c.generate(KeyType::Week, 1).await.unwrap().remove(0);
    let forever = c.generate(KeyType::Permanent, 1).await.unwrap().remove(0);
    // Verifying needs no sign-in.
    let anyone = client(&sb, "verify-anon", None);
    let v = anyone.verify(&week.card, "device-a").await.unwrap();
    assert!(v.valid);
    assert_eq!(v.key_type, Some(KeyType::Week));
    let expires = v.expires.clone().expect("an expiry");
    assert_eq!(expires.len(), "yyyy-MM-dd HH:mm:ss".len(), "{expires}");
    // The same device again: still good, same expiry.
    let again = anyone.verify(&week.card, "device-a").await.unwrap();
    assert!(again.valid);
    assert_eq!(again.expires, Some(expires));
    // Another device: refused.
    let e = anyone.verify(&week.card, "device-b").await.unwrap_err();
    assert!(
        matches!(&e, Error::Service { message, .. } if message.contains("another device")),
        "{e}"
    );
    let p = anyone.verify(&forever.card, "device-b").await.unwrap();
    assert!(p.valid);
    assert_eq!((p.key_type, p.expires), (Some(KeyType::Permanent), None));
    let e = anyone
        .verify("00000000000000000000000000000000", "device-a")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(matches!(
        anyone.verify("  ", "device-a").await,
        Err(Error::Invalid(_))
    ));
    c.logout().await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn signing_v1_right_wrong_missing_and_stale() {
    let sb = sandbox(|c| c.potato_signing = true).await;
    let c = signed_in(&sb, "sign", Some(POTATO_SIGN_SECRET)).await;
    assert_eq!(c.generate(KeyType::Day, 2).await.unwrap().len(), 2);
    let wrong = client(&sb, "sign", Some("not-the-secret"));
    let e = wrong.list(&KeyQuery::default()).await.unwrap_err();
    assert!(
        matches!(&e, Error::Service { message, .. } if message == "sign verification failed"),
        "{e}"
    );
    assert!(!e.to_string().contains("not-the-secret"));
    let unsigned = client(&sb, "sign", None);
    let e = unsigned.list(&KeyQuery::default()).await.unwrap_err();
    assert!(e.to_string().contains("sign and time are required"), "{e}");
    // The service's error leaves the session alone (only "403" ends it).
    assert!(c.store().get(USER_TOKEN).await.unwrap().is_some());
    c.logout().await.unwrap();
    sb.shutdown().await;

    // The service's clock is 10 minutes ahead: this machine's `time` is stale.
    let sb = sandbox(|c| {
        c.potato_signing = true;
        c.potato_clock_offset_ms = 10 * 60 * 1000;
    })
    .await;
    let c = client(&sb, "stale", Some(POTATO_SIGN_SECRET));
    let e = c
        .login(POTATO_USER_NUMBER, &POTATO_PASSWORD.into())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Service { code, message } if code == "500" && message == "request time expired"),
        "{e}"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn a_403_says_sign_in_again_and_forgets_the_token() {
    let sb = sandbox(|_| {}).await;
    let c = signed_in(&sb, "expired", None).await;
    assert_eq!(sb.control().potato_expire_tokens().await.unwrap(), 1);
    let e = c.generate(KeyType::Day, 1).await.unwrap_err();
    assert!(matches!(e, Error::SignInAgain { .. }), "{e}");
    assert!(e.to_string().contains("sign in again"), "{e}");
    assert_eq!(e.kind(), ccp_model::ipc::ErrorKind::Unauthorized);
    assert!(c.store().get(USER_TOKEN).await.unwrap().is_none());
    // Nothing more is sent with the dead token.
    let before = count(&sb, "getCardMyList").await;
    assert!(matches!(
        c.list(&KeyQuery::default()).await,
        Err(Error::NotSignedIn)
    ));
    assert_eq!(count(&sb, "getCardMyList").await, before);
    // Signing in again works.
    c.login(POTATO_USER_NUMBER, &POTATO_PASSWORD.into())
        .await
        .unwrap();
    assert_eq!(c.generate(KeyType::Day, 1).await.unwrap().len(), 1);
    c.logout().await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn html_malformed_truncated_and_redirected_answers_are_clear_errors() {
    let sb = sandbox(|_| {}).await;
    let c = signed_in(&sb, "faults", None).await;
    let path = "/api/getCardMyList";
    let arm = |spec: FaultSpec| {
        let control = sb.control();
        async move { control.fault(spec.on(path).times(1)).await.unwrap() }
    };
    arm(FaultSpec::new(FaultKind::Html)).await;
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "Potato Cloud answered HTML, not JSON (status 502, POST /api/getCardMyList)"
    );
    arm(FaultSpec::new(FaultKind::Malformed)).await;
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert!(e.to_string().contains("malformed JSON"), "{e}");
    c.generate(KeyType::Day, 3).await.unwrap();
    arm(FaultSpec::new(FaultKind::Truncated)).await;
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
    arm(FaultSpec::status(503)).await;
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert!(matches!(e, Error::Http { status: 503, .. }), "{e}");
    arm(FaultSpec::redirect("http://127.0.0.1:9/steal?t=1")).await;
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "Potato Cloud redirected POST /api/getCardMyList to http://127.0.0.1:9 (another origin); \
         not followed"
    );
    arm(FaultSpec {
        body_bytes: Some(8 * 1024 * 1024),
        ..FaultSpec::new(FaultKind::Huge)
    })
    .await;
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert!(
        matches!(e, Error::Io(ccp_io::Error::TooLarge { .. })),
        "{e}"
    );
    // None of that cost the session.
    assert_eq!(c.list(&KeyQuery::default()).await.unwrap().keys.len(), 3);
    c.logout().await.unwrap();
    sb.shutdown().await;
}

#[tokio::test]
async fn a_server_that_is_gone_is_offline_and_a_slow_one_times_out() {
    let sb = sandbox(|_| {}).await;
    let mut cfg = config(&sb, "slow");
    cfg.use_keyring = false;
    cfg.request_timeout = Duration::from_millis(300);
    let c = PotatoClient::new(cfg, AppKeys::new(POTATO_ASK_KEY.into(), None)).unwrap();
    let session = c
        .login(POTATO_USER_NUMBER, &POTATO_PASSWORD.into())
        .await
        .unwrap();
    assert!(!session.kept_in_keyring, "memory only");
    sb.control()
        .set_latency(Duration::from_secs(2))
        .await
        .unwrap();
    let e = c.list(&KeyQuery::default()).await.unwrap_err();
    assert!(matches!(e, Error::Io(ccp_io::Error::Timeout { .. })), "{e}");
    let debug = format!("{c:?}");
    assert!(!debug.contains(POTATO_ASK_KEY), "{debug}");
    let url = sb.base_url();
    sb.shutdown().await;
    let gone = PotatoClient::new(
        Config::new(&url).unwrap(),
        AppKeys::new(POTATO_ASK_KEY.into(), None),
    )
    .unwrap();
    let e = gone.verify("AA", "device").await.unwrap_err();
    assert!(matches!(e, Error::Io(ccp_io::Error::Offline { .. })), "{e}");
}
