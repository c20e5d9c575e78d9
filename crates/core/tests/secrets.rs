//! No token, password, one-time code, passcode or card number in the cache file or in the logs
//! (everything at TRACE level, HTTP stack included).
//!
//! Its own test binary, not a module of `integration`: it installs the process-wide log
//! subscriber at TRACE and scans everything the process logged. In a shared process it would
//! also capture every concurrent test's logs (some 20 times as many lines with all tests
//! running at once) and fail on their text (the code's digits turned up in their timestamps).

#[path = "support/common.rs"]
mod support;

use ccp_core::{Core, Resource, SecretStore, StoredSession};
use ccp_model::ipc::CardAction;
use ccp_sandbox::{DEMO_PASSWORD, InjectPasscode};
use secrecy::ExposeSecret;
use std::io::Write;
use std::sync::{Arc, Mutex};
use support::*;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// `needle` standing alone, not inside a longer run of digits or letters: the 5-digit code
/// "24680" also turns up inside timestamps (".624680Z") and durations, which are no leak.
fn contains_word(hay: &[u8], needle: &str) -> bool {
    let n = needle.len();
    !needle.is_empty()
        && hay.windows(n).enumerate().any(|(i, w)| {
            let alone = |b: Option<&u8>| !b.is_some_and(u8::is_ascii_alphanumeric);
            w == needle.as_bytes()
                && alone(i.checked_sub(1).map(|j| &hay[j]))
                && alone(hay.get(i + n))
        })
}

#[tokio::test]
async fn cache_file_and_logs_hold_no_secret() {
    let logs = Captured::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();
    warm_keyring().await;

    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(&sb, dir.path(), "secrets", true);
    let core = Core::open(cfg.clone()).await.unwrap();
    sign_in(&core).await;
    assert_eq!(core.persistence(), ccp_core::SessionPersistence::Keyring);
    let injected = sb
        .control()
        .inject_3ds(InjectPasscode {
            passcode: Some("650193".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    core.sync_now().await.unwrap();
    sb.control()
        .expire_tokens(ccp_sandbox::DEMO_EMAIL)
        .await
        .unwrap();
    core.sync_resource(Resource::Passcodes).await.unwrap(); // a refresh, logged at TRACE
    let cards = core.cards().await.unwrap().data;
    let normal = cards.iter().find(|c| c.status.can_freeze()).unwrap();
    core.card_action(&normal.public_token, CardAction::Freeze)
        .await
        .unwrap();
    assert_eq!(core.passcodes().await.unwrap().data[0].id, injected.id);

    let store = SecretStore::new(&cfg.session_keyring_service(), true);
    let session = StoredSession::load(&store).await.unwrap().unwrap();
    let cache_key = store.get("cache_key").await.unwrap().unwrap();
    // Full card numbers never reach the client; the masked ones the server sends must not
    // be readable on disk either.
    let raw_cards = RawApi::sign_in(&sb).await.get("/card/list").await;
    let card_numbers: Vec<String> = raw_cards["data"]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["card_no"].as_str().unwrap().to_owned())
        .collect();
    let mut secrets: Vec<String> = vec![
        session.refresh.expose_secret().to_owned(),
        session.access.as_ref().unwrap().expose_secret().to_owned(),
        cache_key.expose_secret().to_owned(),
        injected.passcode.expose().to_owned(),
        DEMO_PASSWORD.to_owned(),
    ];
    secrets.extend(card_numbers.iter().cloned());

    let disk = ccp_sandbox::bytes_under(dir.path());
    assert!(disk.len() > 4096, "the cache is on disk");
    for s in &secrets {
        assert!(
            !contains(&disk, s),
            "a secret is readable in the cache files"
        );
    }
    let logged = logs.0.lock().unwrap().clone();
    assert!(
        logged.len() > 1000,
        "TRACE logging captured the HTTP exchanges"
    );
    for (i, s) in secrets.iter().enumerate() {
        let lines: Vec<String> = String::from_utf8_lossy(&logged)
            .lines()
            .filter(|l| l.contains(s.as_str()))
            .map(|l| l.replace(s.as_str(), "<SECRET>"))
            .collect();
        assert!(lines.is_empty(), "secret #{i} is in the logs: {lines:#?}");
    }
    assert!(
        !contains_word(&logged, OTP),
        "the one-time code is in the logs"
    );
    core.logout().await.unwrap();
    // Closed before the process exits: SQLite's threads must not race its exit-time clean-up.
    core.close().await;
    sb.shutdown().await;
}
