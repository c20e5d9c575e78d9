//! The FalPay client against the sandbox's token endpoint over real TCP: renewal ahead of
//! expiry shared by concurrent callers, clock jumps, 401 → one renewal and one retry, refused
//! credentials, broken answers, and the keyring.
//!
//! The echo endpoint used here (`Control::falpay_echo_url`) is the sandbox's TEST-ONLY
//! bearer-protected endpoint, not part of FalPay's API.

use ccp_falpay::{
    AccessToken, Clock, CredentialStore, Credentials, Error, FalPayClient, FalPayConfig,
    ManualClock, REFUSAL_COOL_DOWN, Source,
};
use ccp_sandbox::{Config, FALPAY_CLIENT_ID, FALPAY_CLIENT_SECRET, FaultKind, FaultSpec, Sandbox};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const TOKEN: &str = "POST /api/open/auth/token";
const ECHO: &str = "GET /sandbox/falpay/echo";

/// A sandbox with what a test changes (`tune`) on top of the defaults.
async fn sandbox(tune: impl FnOnce(&mut Config)) -> Sandbox {
    let mut config = Config::default();
    tune(&mut config);
    Sandbox::start(config).await.expect("sandbox starts")
}

fn credentials(secret: &str) -> Credentials {
    Credentials::new(FALPAY_CLIENT_ID, SecretString::from(secret)).unwrap()
}

fn client_with(sb: &Sandbox, secret: &str, clock: Option<ManualClock>) -> FalPayClient {
    let config = FalPayConfig::new(&sb.base_url()).unwrap();
    match clock {
        Some(clock) => FalPayClient::with_clock(&config, credentials(secret), Arc::new(clock)),
        None => FalPayClient::new(&config, credentials(secret)),
    }
    .unwrap()
}

fn client(sb: &Sandbox, clock: ManualClock) -> FalPayClient {
    client_with(sb, FALPAY_CLIENT_SECRET, Some(clock))
}

async fn count(sb: &Sandbox, key: &str) -> u64 {
    sb.control().request_count(key).await.unwrap()
}

/// One call to the sandbox's test-only echo with the token; a 401 is `Error::Unauthorized`.
async fn echo_with(http: &reqwest::Client, url: &str, token: &AccessToken) -> Result<u64, Error> {
    let resp = http
        .get(url)
        .header(reqwest::header::AUTHORIZATION, token.bearer_header()?)
        .send()
        .await
        .map_err(|e| Error::Internal(e.without_url().to_string()))?;
    if resp.status() == 401 {
        return Err(Error::Unauthorized {
            message: "the echo refused the token".into(),
        });
    }
    assert_eq!(resp.status(), 200);
    Ok(token.generation())
}

/// `with_token` around the echo: returns the generation of the token that got through.
async fn echo(client: &FalPayClient, sb: &Sandbox) -> Result<u64, Error> {
    let http = reqwest::Client::new();
    let url = sb.control().falpay_echo_url();
    client
        .with_token(|token| {
            let (http, url) = (http.clone(), url.clone());
            async move { echo_with(&http, &url, &token).await }
        })
        .await
}

async fn hundred_echoes(client: &FalPayClient, sb: &Sandbox) -> Vec<u64> {
    let calls = (0..100).map(|_| {
        let client = client.clone();
        let url = sb.control().falpay_echo_url();
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            client
                .with_token(|token| {
                    let (http, url) = (http.clone(), url.clone());
                    async move { echo_with(&http, &url, &token).await }
                })
                .await
        })
    });
    futures_util::future::join_all(calls)
        .await
        .into_iter()
        .map(|r| r.unwrap().expect("every call gets through"))
        .collect()
}

#[tokio::test]
async fn the_seed_answer_is_read_and_the_token_reused_while_fresh() {
    let sb = sandbox(|_| {}).await;
    let clock = ManualClock::new();
    let client = client(&sb, clock.clone());
    let token = client.token().await.unwrap();
    assert_eq!(token.scope(), Some("default"));
    assert_eq!(token.token_type(), "bearer");
    assert_eq!(token.lifetime(), Duration::from_secs(60));
    assert_eq!(client.remaining(&token), Duration::from_secs(60));
    assert!(token.secret().expose_secret().starts_with("fp_"));
    clock.advance(Duration::from_secs(20));
    let again = client.token().await.unwrap();
    assert_eq!(again.generation(), token.generation());
    assert_eq!(client.remaining(&again), Duration::from_secs(40));
    assert_eq!(count(&sb, TOKEN).await, 1);
    assert_eq!(client.token_requests(), 1);
    // The secret holds `+`, `/` and `=`: it arrived intact, so it was percent-encoded.
    assert!(FALPAY_CLIENT_SECRET.contains('+') && FALPAY_CLIENT_SECRET.contains('/'));
    let shown = format!("{client:?} {token:?}");
    assert!(!shown.contains(FALPAY_CLIENT_SECRET), "{shown}");
    assert!(!shown.contains(token.secret().expose_secret()), "{shown}");
}

/// 100 concurrent calls in each of three token lifetimes: exactly three token requests.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_calls_across_three_lifetimes_make_three_token_requests() {
    let sb = sandbox(|_| {}).await;
    let clock = ManualClock::new();
    let client = client(&sb, clock.clone());
    for round in 1..=3u64 {
        let generations = hundred_echoes(&client, &sb).await;
        assert!(generations.iter().all(|g| *g == round), "{generations:?}");
        assert_eq!(count(&sb, TOKEN).await, round);
        // Past the renewal point (80 % of 60 s), and past the whole life.
        clock.advance(Duration::from_secs(if round == 1 { 49 } else { 61 }));
    }
    assert_eq!(count(&sb, TOKEN).await, 3);
    assert_eq!(count(&sb, ECHO).await, 300, "no call needed a retry");
    assert_eq!(client.token_requests(), 3);
}

/// The same with the real clock and a sandbox whose tokens live 2 s (renewed at 1.6 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn real_time_short_lifetimes_are_renewed_once_each() {
    let sb = sandbox(|c| c.falpay_token_ttl = Duration::from_secs(2)).await;
    let client = client_with(&sb, FALPAY_CLIENT_SECRET, None);
    let start = Instant::now();
    for (round, at_ms) in [(1u64, 0u64), (2, 2200), (3, 4400)] {
        tokio::time::sleep_until((start + Duration::from_millis(at_ms)).into()).await;
        let generations = hundred_echoes(&client, &sb).await;
        assert!(generations.iter().all(|g| *g == round), "{generations:?}");
    }
    assert_eq!(count(&sb, TOKEN).await, 3);
    assert_eq!(count(&sb, ECHO).await, 300);
}

#[tokio::test]
async fn clock_jumps_renew_exactly_when_due() {
    let sb = sandbox(|_| {}).await;
    let clock = ManualClock::new();
    let client = client(&sb, clock.clone());
    let generation = |t: AccessToken| t.generation();
    assert_eq!(generation(client.token().await.unwrap()), 1);
    clock.advance(Duration::from_secs(47));
    assert_eq!(generation(client.token().await.unwrap()), 1, "47 s < 48 s");
    clock.advance(Duration::from_secs(1));
    assert_eq!(
        generation(client.token().await.unwrap()),
        2,
        "at 80 % of 60 s"
    );
    // The machine slept ten minutes: the monotonic clock did not count them, the wall clock did.
    clock.sleep_machine(Duration::from_secs(600));
    assert_eq!(generation(client.token().await.unwrap()), 3);
    // The wall clock set back an hour: the monotonic clock still counts, nothing renews early
    // and nothing lives longer.
    clock.set_wall_back(Duration::from_secs(3600));
    assert_eq!(generation(client.token().await.unwrap()), 3);
    clock.advance(Duration::from_secs(47));
    assert_eq!(generation(client.token().await.unwrap()), 3);
    clock.advance(Duration::from_secs(2));
    let token = client.token().await.unwrap();
    assert_eq!(token.generation(), 4);
    // A jump far past expiry.
    clock.advance(Duration::from_secs(86_400));
    assert_eq!(client.remaining(&token), Duration::ZERO);
    assert_eq!(generation(client.token().await.unwrap()), 5);
    assert_eq!(count(&sb, TOKEN).await, 5);
    let _: &dyn Clock = &clock;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_401_renews_once_and_retries_once() {
    let sb = sandbox(|_| {}).await;
    let clock = ManualClock::new();
    let client = client(&sb, clock.clone());
    assert_eq!(echo(&client, &sb).await.unwrap(), 1);
    assert_eq!((count(&sb, TOKEN).await, count(&sb, ECHO).await), (1, 1));

    // The server forgets the token before the client thinks it is old: one 401, one renewal,
    // one retry.
    assert_eq!(sb.control().falpay_revoke_tokens().await.unwrap(), 1);
    assert_eq!(echo(&client, &sb).await.unwrap(), 2);
    assert_eq!((count(&sb, TOKEN).await, count(&sb, ECHO).await), (2, 3));

    // A hundred callers refused the same token share one renewal.
    sb.control().falpay_revoke_tokens().await.unwrap();
    let generations = hundred_echoes(&client, &sb).await;
    assert!(generations.iter().all(|g| *g == 3), "{generations:?}");
    assert_eq!(count(&sb, TOKEN).await, 3);
    // Each of the hundred got through once; those that started with the revoked token were
    // refused first (at least one did), those that started during the renewal waited for it.
    let refused = count(&sb, ECHO).await - 3 - 100;
    assert!((1..=100).contains(&refused), "{refused}");

    // A call refused again after the renewal: its second answer stands; no third try.
    let tries = AtomicU32::new(0);
    let e = client
        .with_token(|_token| {
            tries.fetch_add(1, Ordering::SeqCst);
            async {
                Err::<(), _>(Error::Unauthorized {
                    message: "still no".into(),
                })
            }
        })
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert_eq!(tries.load(Ordering::SeqCst), 2);
    assert_eq!(count(&sb, TOKEN).await, 4);

    // Other failures are not retried and renew nothing.
    let tries = AtomicU32::new(0);
    let e = client
        .with_token(|_token| {
            tries.fetch_add(1, Ordering::SeqCst);
            async { Err::<(), _>(Error::Internal("boom".into())) }
        })
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Internal(_)), "{e:?}");
    assert_eq!(tries.load(Ordering::SeqCst), 1);
    assert_eq!(count(&sb, TOKEN).await, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refused_secret_is_a_clear_error_shared_by_concurrent_callers() {
    for errors_as_200 in [false, true] {
        let sb = sandbox(|c| c.falpay_errors_as_200 = errors_as_200).await;
        let wrong = "wrong-secret+/=";
        let clock = ManualClock::new();
        let client = client_with(&sb, wrong, Some(clock.clone()));
        let e = client.token().await.unwrap_err();
        let status = if errors_as_200 { 200 } else { 401 };
        assert!(
            matches!(&e, Error::CredentialsRefused { status: s, code: Some(c), .. } if *s == status && c == "401"),
            "{e:?}"
        );
        let text = e.to_string();
        assert!(
            text.starts_with("FalPay refused the client credentials")
                && text.contains("check the client id and secret"),
            "{text}"
        );
        assert!(!text.contains(wrong) && !format!("{e:?}").contains(wrong));
        assert_eq!(count(&sb, TOKEN).await, 1, "no retry of a refusal");

        // A hundred callers at once, inside the cool-down: the same refusal, no request.
        let calls = (0..100).map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.token().await })
        });
        for r in futures_util::future::join_all(calls).await {
            assert!(matches!(r.unwrap(), Err(Error::CredentialsRefused { .. })));
        }
        clock.advance(REFUSAL_COOL_DOWN - Duration::from_secs(1));
        assert!(client.token().await.is_err());
        assert_eq!(
            count(&sb, TOKEN).await,
            1,
            "no request inside the cool-down"
        );

        // After it, a hundred callers at once share one new request and its refusal.
        clock.advance(Duration::from_secs(1));
        let calls = (0..100).map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.token().await })
        });
        for r in futures_util::future::join_all(calls).await {
            assert!(matches!(r.unwrap(), Err(Error::CredentialsRefused { .. })));
        }
        assert_eq!(
            count(&sb, TOKEN).await,
            2,
            "one request for 100 concurrent callers"
        );

        // The wrong id is refused the same way.
        let config = FalPayConfig::new(&sb.base_url()).unwrap();
        let other = Credentials::new("1", SecretString::from(FALPAY_CLIENT_SECRET)).unwrap();
        let e = FalPayClient::new(&config, other)
            .unwrap()
            .token()
            .await
            .unwrap_err();
        assert!(matches!(e, Error::CredentialsRefused { .. }), "{e:?}");
        assert!(!e.to_string().contains(FALPAY_CLIENT_SECRET));
    }
}

#[tokio::test]
async fn broken_answers_are_clear_errors_without_the_secret() {
    let sb = sandbox(|_| {}).await;
    let elsewhere = sandbox(|_| {}).await;
    let control = sb.control();
    let path = ccp_sandbox::FALPAY_TOKEN_PATH;
    let cases: Vec<(FaultSpec, &str)> = vec![
        (FaultSpec::new(FaultKind::Html), "answered HTML"),
        (FaultSpec::new(FaultKind::Truncated), "truncated"),
        (FaultSpec::new(FaultKind::Malformed), "malformed JSON"),
        (
            FaultSpec {
                body_bytes: Some(1024 * 1024),
                ..FaultSpec::new(FaultKind::Huge)
            },
            "larger than the 65536 byte limit",
        ),
        (
            FaultSpec::new(FaultKind::CloseMidBody),
            "closed before the whole answer",
        ),
        (FaultSpec::status(503), "FalPay server error (HTTP 503"),
        (
            FaultSpec::redirect(&format!(
                "{}{path}?client_secret=leak",
                elsewhere.base_url()
            )),
            "(another origin); not followed",
        ),
        (
            FaultSpec::redirect(&format!("{path}?again=1")),
            "(the request is not safe to send again); not followed",
        ),
    ];
    for (fault, want) in cases {
        control.fault(fault.on(path).times(1)).await.unwrap();
        let client = client(&sb, ManualClock::new());
        let e = client.token().await.unwrap_err();
        let text = e.to_string();
        assert!(text.contains(want), "want {want:?}: {text}");
        assert!(text.contains("POST /api/open/auth/token"), "{text}");
        for shown in [text, format!("{e:?}")] {
            assert!(!shown.contains(FALPAY_CLIENT_SECRET), "{shown}");
            assert!(!shown.contains("client_secret"), "{shown}");
        }
        // After the fault, the same client gets a token.
        assert!(client.token().await.is_ok());
    }
    assert_eq!(
        count(&elsewhere, TOKEN).await,
        0,
        "no redirect was followed"
    );

    // Too slow: the request timeout.
    control
        .fault(
            FaultSpec {
                latency_ms: Some(2_000),
                ..FaultSpec::new(FaultKind::Latency)
            }
            .on(path)
            .times(1),
        )
        .await
        .unwrap();
    let mut config = FalPayConfig::new(&sb.base_url()).unwrap();
    config.request_timeout = Duration::from_millis(300);
    let client = FalPayClient::new(&config, credentials(FALPAY_CLIENT_SECRET)).unwrap();
    let e = client.token().await.unwrap_err();
    assert!(
        matches!(e, Error::Io(ccp_io::Error::Timeout { .. })),
        "{e:?}"
    );

    // Nobody listening.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config = FalPayConfig::new(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = FalPayClient::new(&config, credentials(FALPAY_CLIENT_SECRET)).unwrap();
    let e = client.token().await.unwrap_err();
    assert!(
        matches!(e, Error::Io(ccp_io::Error::Offline { .. })),
        "{e:?}"
    );
    assert!(e.is_transient());
    assert!(!e.to_string().contains(FALPAY_CLIENT_SECRET), "{e}");
}

/// Writes to the OS keyring: only in the private session of scripts/test.sh (or
/// `dbus-run-session` + gnome-keyring with CCP_TEST_SESSION=1).
#[tokio::test]
async fn credentials_round_trip_through_the_keyring() {
    ccp_sandbox::require_test_session();
    let sb = sandbox(|_| {}).await;
    let config = FalPayConfig::new(&sb.base_url()).unwrap();
    let base = format!("ccp-falpay-test-{}", std::process::id());
    let store = CredentialStore::new(Some(&base), &config);
    assert_eq!(store.service(), format!("{base} FalPay {}", sb.base_url()));
    assert!(store.load().await.unwrap().is_none());
    store
        .save(&credentials(FALPAY_CLIENT_SECRET))
        .await
        .unwrap();
    let loaded = store.load().await.unwrap().unwrap();
    assert_eq!(loaded.client_id(), FALPAY_CLIENT_ID);
    assert_eq!(loaded.client_secret().expose_secret(), FALPAY_CLIENT_SECRET);
    // Another server's store does not see them.
    let other = CredentialStore::new(
        Some(&base),
        &FalPayConfig::new("https://other.example").unwrap(),
    );
    assert!(other.load().await.unwrap().is_none());
    if std::env::var_os(ccp_falpay::ENV_CLIENT_ID).is_none()
        && std::env::var_os(ccp_falpay::ENV_CLIENT_SECRET).is_none()
    {
        let (found, source) = ccp_falpay::find_credentials(&store).await.unwrap();
        assert_eq!(found.client_id(), FALPAY_CLIENT_ID);
        assert_eq!(
            source,
            Source::Keyring {
                service: store.service().to_owned()
            }
        );
        let client = FalPayClient::new(&config, found).unwrap();
        assert!(client.token().await.is_ok());
        let e = ccp_falpay::find_credentials(&other).await.unwrap_err();
        assert!(matches!(e, Error::NoCredentials(_)), "{e:?}");
        assert!(e.to_string().contains("CCP_FALPAY_CLIENT_ID"), "{e}");
    }
    store.delete().await.unwrap();
    assert!(store.load().await.unwrap().is_none());
    store.delete().await.unwrap();
}
