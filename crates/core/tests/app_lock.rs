//! The app lock against the real keyring: the PIN kept only as an Argon2id hash, wrong tries
//! counted and then made to wait (never losing anything), and the lock state seen by another
//! process's handle on the same data directory.

use crate::support::{unique_service, warm_keyring};
use ccp_core::Error;
use ccp_core::app_lock::AppLock;
use secrecy::{ExposeSecret, SecretString};
use std::time::Duration;

fn pin(s: &str) -> SecretString {
    SecretString::from(s)
}

#[tokio::test]
async fn a_pin_locks_wrong_tries_wait_and_the_right_one_unlocks() {
    warm_keyring().await;
    let dir = tempfile::tempdir().unwrap();
    let service = unique_service("app-lock");
    let lock = AppLock::new(dir.path(), &service, Duration::from_secs(1));
    // No PIN: locking does nothing.
    assert!(!lock.status().await.enabled);
    assert!(!lock.lock().await.unwrap().locked);

    assert!(matches!(
        lock.set_pin(None, &pin("123")).await,
        Err(Error::Invalid(_))
    ));
    let status = lock.set_pin(None, &pin("4711")).await.unwrap();
    assert!(status.enabled && !status.locked);
    // The keyring holds a salted Argon2id hash, never the PIN.
    let raw = ccp_core::SecretStore::new(&format!("{service} app-lock"), true);
    let stored = raw.get("pin-argon2id").await.unwrap().expect("a hash kept");
    let stored = stored.expose_secret();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("4711"));

    assert!(lock.lock().await.unwrap().locked);
    // Another process (the browser host, `ccp`) sees it locked.
    let other = AppLock::new(dir.path(), &service, Duration::from_secs(1));
    assert!(other.is_locked());
    assert!(other.status().await.locked);

    // Two wrong tries: refused, no wait yet; the third: a wait.
    for n in 1..=2 {
        match lock.unlock(&pin("0000")).await {
            Err(Error::WrongPin {
                failures,
                retry_at: None,
            }) => assert_eq!(failures, n),
            other => panic!("{other:?}"),
        }
    }
    let Err(Error::WrongPin {
        failures: 3,
        retry_at: Some(at),
    }) = lock.unlock(&pin("0000")).await
    else {
        panic!("the third wrong PIN sets a wait")
    };
    assert!(at > ccp_core::now_unix());
    // During the wait even the right PIN is not tried.
    assert!(matches!(
        lock.unlock(&pin("4711")).await,
        Err(Error::PinWait { .. })
    ));
    assert!(lock.is_locked());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let status = lock.unlock(&pin("4711")).await.unwrap();
    assert!(!status.locked && status.failures == 0 && status.retry_at.is_none());
    assert!(!other.is_locked());

    // Changing or removing the PIN asks for the current one.
    assert!(lock.set_pin(None, &pin("9999")).await.is_err());
    assert!(lock.set_pin(Some(&pin("4711")), &pin("9999")).await.is_ok());
    assert!(matches!(
        lock.remove_pin(&pin("4711")).await,
        Err(Error::WrongPin { .. })
    ));
    let status = lock.remove_pin(&pin("9999")).await.unwrap();
    assert!(!status.enabled && !status.locked);
    assert!(raw.get("pin-argon2id").await.unwrap().is_none());
}

/// A keyring that cannot say whether a PIN is set (not unlocked yet at login, failing) never
/// turns the lock off: a lock that is on stays on, one asked for goes on, and once the keyring
/// answers, a user who never set a PIN gets in with any.
#[tokio::test]
async fn a_keyring_that_cannot_answer_keeps_the_lock_closed() {
    use ccp_io::keyring::faults::{Op, fail_next};
    warm_keyring().await;
    let dir = tempfile::tempdir().unwrap();
    let service = unique_service("app-lock-closed");
    let pins = format!("{service} app-lock");
    let lock = AppLock::new(dir.path(), &service, Duration::from_secs(1));
    lock.set_pin(None, &pin("4711")).await.unwrap();
    lock.lock().await.unwrap();

    // Another process (the browser host, the app started again) while the keyring fails.
    let other = AppLock::new(dir.path(), &service, Duration::from_secs(1));
    fail_next(&pins, Op::Get, 1);
    let status = other.status().await;
    assert!(status.enabled && status.locked, "{status:?}");
    assert!(
        other.cached_status().locked,
        "nothing known yet: still closed"
    );
    // Asked again, the keyring answers.
    assert!(other.status().await.locked);
    lock.unlock(&pin("4711")).await.unwrap();
    lock.remove_pin(&pin("4711")).await.unwrap();

    // No PIN, and the keyring fails when the app starts (and locks if a PIN is set).
    let starting = AppLock::new(dir.path(), &service, Duration::from_secs(1));
    fail_next(&pins, Op::Get, 3);
    assert!(starting.is_enabled().await);
    assert!(starting.lock().await.unwrap().locked);
    // The keyring is back: there is no PIN, so any unlocks, and the lock is off from then on.
    let status = starting.unlock(&pin("0000")).await.unwrap();
    assert!(!status.enabled && !status.locked, "{status:?}");
    assert!(!starting.lock().await.unwrap().locked);
}
