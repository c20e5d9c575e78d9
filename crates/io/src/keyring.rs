//! The OS keyring (Secret Service, Keychain, Credential Manager): the only place the app keeps
//! tokens, client secrets and the cache key. Calls block on D-Bus, so each runs on a thread of
//! its own, and the caller waits for it only so long ([`DEFAULT_TIMEOUT`]): a hung Secret
//! Service or an unlock prompt nobody answers must not keep the window from appearing.

use crate::{Error, Result};
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// The base of every keyring service name the app writes: the session's is `<base> <scope>`,
/// Potato Cloud's `<base> Potato Cloud <origin>`, FalPay's `<base> FalPay <origin>`. Tests and
/// `--keyring-service` choose another base, so they never touch the user's entries.
pub const BASE_SERVICE: &str = "ComeComePay Desktop";

/// How long one keyring call may take before it counts as unanswered.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// One keyring service's entries. Clones share the count of stuck calls, so every user of a
/// store backs off together while the keyring hangs.
#[derive(Clone)]
pub struct SecretStore {
    service: String,
    enabled: bool,
    timeout: Duration,
    /// Calls that timed out and whose thread still waits on the keyring. While there is one,
    /// new calls fail at once: the keyring serializes calls (one D-Bus connection behind a
    /// mutex), so they would only queue behind it, each costing the caller a full timeout (a
    /// sign-out deletes five entries) and a thread.
    stuck: Arc<AtomicUsize>,
}

impl SecretStore {
    pub fn new(service: &str, enabled: bool) -> Self {
        SecretStore {
            service: service.to_owned(),
            enabled,
            timeout: DEFAULT_TIMEOUT,
            stuck: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The same store with another per-call timeout (tests use short ones).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// `Ok` when secrets can be stored; the error says why not. `probe` is an entry that may or
    /// may not exist.
    pub async fn check(&self, probe: &'static str) -> Result<()> {
        if !self.enabled {
            return Err(Error::KeyringUnavailable(
                "disabled by configuration".into(),
            ));
        }
        // Reading an entry that may not exist proves the store answers (and is unlocked).
        self.get(probe).await.map(|_| ())
    }

    pub async fn get(&self, user: &'static str) -> Result<Option<SecretString>> {
        #[cfg(feature = "faults")]
        faults::check(&self.service, faults::Op::Get)?;
        self.run(user, |entry| match entry.get_password() {
            // Copied into an exact-size secret, and the keyring's own String wiped: converting
            // that String directly may reallocate (shrink to fit) and free the old, unwiped
            // buffer.
            Ok(v) => Ok(Some(SecretString::from(Zeroizing::new(v).as_str()))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
        .await
    }

    pub async fn set(&self, user: &'static str, value: &SecretString) -> Result<()> {
        #[cfg(feature = "faults")]
        faults::check(&self.service, faults::Op::Set)?;
        let value = value.clone();
        self.run(user, move |entry| entry.set_password(value.expose_secret()))
            .await
    }

    pub async fn delete(&self, user: &'static str) -> Result<()> {
        #[cfg(feature = "faults")]
        faults::check(&self.service, faults::Op::Delete)?;
        self.run(user, |entry| match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
        .await
    }

    /// Deletes each of `users`; returns the ones that could not be, with why.
    pub async fn delete_each(&self, users: &[&'static str]) -> Vec<(&'static str, Error)> {
        let mut failed = Vec::new();
        for &user in users {
            if let Err(e) = self.delete(user).await {
                failed.push((user, e));
            }
        }
        failed
    }

    /// Deletes each of `users`; the first failure, if any.
    pub async fn delete_all(&self, users: &[&'static str]) -> Result<()> {
        self.delete_each(users)
            .await
            .into_iter()
            .next()
            .map_or(Ok(()), |(_, e)| Err(e))
    }

    async fn run<T, F>(&self, user: &'static str, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    {
        if !self.enabled {
            return Err(Error::KeyringUnavailable(
                "disabled by configuration".into(),
            ));
        }
        let service = self.service.clone();
        self.call(move || {
            let entry = keyring::Entry::new(&service, user).map_err(|e| map_error(user, e))?;
            f(&entry).map_err(|e| map_error(user, e))
        })
        .await
    }

    /// Runs `op` on a thread of its own and waits at most `self.timeout` for it.
    ///
    /// A plain thread, not `spawn_blocking`: a call that never returns cannot be cancelled, and
    /// dropping a tokio runtime waits for its blocking tasks, so a hung call would also hang the
    /// exit of `ccp` (and of the tests). A detached thread ends with the process. The thread of
    /// a call that timed out may stay blocked for as long as the keyring does not answer (the
    /// D-Bus call has no deadline of its own): one idle thread, which is acceptable; it is
    /// counted in `stuck` until it returns, and its late result is dropped.
    async fn call<T, F>(&self, op: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T> + Send + 'static,
    {
        if self.stuck.load(Ordering::Acquire) > 0 {
            return Err(Error::KeyringUnavailable(
                "the keyring has not answered an earlier call yet".into(),
            ));
        }
        let (tx, rx) = tokio::sync::oneshot::channel();
        let finished = Finished {
            abandoned: Arc::new(AtomicBool::new(false)),
            stuck: self.stuck.clone(),
        };
        let abandoned = finished.abandoned.clone();
        std::thread::Builder::new()
            .name("keyring".into())
            .spawn(move || {
                // Dropped when the call returns or panics: no longer stuck.
                let _finished = finished;
                let _ = tx.send(op());
            })
            .map_err(|e| Error::Internal(format!("starting a keyring thread: {e}")))?;
        match tokio::time::timeout(self.timeout, rx).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(Error::Internal("a keyring call panicked".into())),
            Err(_) => {
                // Counted first, then handed over: if the thread finished in between, it saw no
                // hand-over and did not uncount, so this undoes the count (never below zero).
                self.stuck.fetch_add(1, Ordering::AcqRel);
                if abandoned.swap(true, Ordering::AcqRel) {
                    self.stuck.fetch_sub(1, Ordering::AcqRel);
                }
                Err(Error::KeyringUnavailable(format!(
                    "the keyring did not answer within {}",
                    describe(self.timeout)
                )))
            }
        }
    }
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretStore")
            .field("service", &self.service)
            .field("enabled", &self.enabled)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Marks a keyring call's thread done; uncounts it from `stuck` if its caller gave up on it.
struct Finished {
    abandoned: Arc<AtomicBool>,
    stuck: Arc<AtomicUsize>,
}

impl Drop for Finished {
    fn drop(&mut self) {
        if self.abandoned.swap(true, Ordering::AcqRel) {
            self.stuck.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// `5 s`, or `200 ms` for a timeout that is not whole seconds.
fn describe(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Keyring errors carry platform detail but may also carry the secret's bytes
/// (`BadEncoding`), so each variant is described by hand.
fn map_error(user: &str, e: keyring::Error) -> Error {
    use keyring::Error as K;
    match e {
        K::NoStorageAccess(p) => {
            Error::KeyringUnavailable(format!("the keyring is locked or not accessible: {p}"))
        }
        K::NoDefaultStore => Error::KeyringUnavailable(
            "no OS keyring (Secret Service, Keychain or Credential Manager) is running".into(),
        ),
        K::PlatformFailure(p) => Error::KeyringUnavailable(format!("the keyring failed: {p}")),
        K::BadEncoding(_) | K::BadDataFormat(..) => {
            Error::Keyring(format!("the {user} entry is not readable"))
        }
        K::Ambiguous(_) => Error::Keyring(format!("several {user} entries exist")),
        other => Error::Keyring(format!("{user}: {}", kind_name(&other))),
    }
}

fn kind_name(e: &keyring::Error) -> String {
    match e {
        keyring::Error::TooLong(attr, max) => format!("{attr} longer than {max}"),
        keyring::Error::Invalid(attr, why) => format!("{attr} invalid: {why}"),
        keyring::Error::NotSupportedByStore(why) => format!("not supported: {why}"),
        keyring::Error::BadStoreFormat(why) => format!("bad store format: {why}"),
        _ => "unexpected keyring error".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// The thread-and-timeout wrapper on its own: the closure stands for a keyring call that
    /// blocks until released (tests/hung_keyring.rs runs the real thing against a Secret
    /// Service that never answers).
    #[tokio::test]
    async fn an_unanswered_call_times_out_and_the_next_fail_fast_until_it_returns() {
        let store = SecretStore::new("unused", true).with_timeout(Duration::from_millis(200));
        let (release, hung) = std::sync::mpsc::channel::<()>();
        let started = Instant::now();
        // The outer bound only turns a hang (the bug) into a failure.
        let call = store.call(move || {
            let _ = hung.recv();
            Ok(())
        });
        let e = tokio::time::timeout(Duration::from_secs(5), call)
            .await
            .expect("the call gives up by itself")
            .unwrap_err();
        let waited = started.elapsed();
        assert!(
            matches!(&e, Error::KeyringUnavailable(m) if m == "the keyring did not answer within 200 ms"),
            "{e}"
        );
        assert!(
            waited >= Duration::from_millis(200) && waited < Duration::from_secs(2),
            "{waited:?}"
        );

        // While that call is stuck, the next fails at once, without reaching the keyring.
        let ran = Arc::new(AtomicBool::new(false));
        let ran_in_call = ran.clone();
        let started = Instant::now();
        let e = store
            .call(move || {
                ran_in_call.store(true, Ordering::SeqCst);
                Ok(())
            })
            .await
            .unwrap_err();
        // Far below the 200 ms a queued call would have cost.
        assert!(started.elapsed() < Duration::from_millis(150));
        assert!(e.to_string().contains("earlier call"), "{e}");
        assert!(!ran.load(Ordering::SeqCst));

        // Once it answers (late), the keyring is used again.
        release.send(()).unwrap();
        for _ in 0..200 {
            if store.stuck.load(Ordering::SeqCst) == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(store.call(|| Ok(7)).await.unwrap(), 7);
    }

    #[test]
    fn the_default_timeout_reads_as_in_the_notice() {
        assert_eq!(describe(SecretStore::new("x", true).timeout), "5 s");
        assert_eq!(describe(Duration::from_millis(1500)), "1500 ms");
    }
}

/// Keyring failures a test arms for the next calls of one kind on one service (the feature
/// `faults`, enabled only by dev-dependencies): the real keyring cannot be made to refuse one
/// write and take the next delete.
#[cfg(feature = "faults")]
pub mod faults {
    use crate::{Error, Result};
    use std::sync::Mutex;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Op {
        Get,
        Set,
        Delete,
    }

    static ARMED: Mutex<Vec<(String, Op, u32)>> = Mutex::new(Vec::new());

    /// The next `times` calls of `op` on `service` fail.
    pub fn fail_next(service: &str, op: Op, times: u32) {
        let mut armed = ARMED.lock().unwrap_or_else(|e| e.into_inner());
        armed.retain(|(s, o, _)| !(s == service && *o == op));
        armed.push((service.to_owned(), op, times));
    }

    pub(super) fn check(service: &str, op: Op) -> Result<()> {
        let mut armed = ARMED.lock().unwrap_or_else(|e| e.into_inner());
        match armed
            .iter_mut()
            .find(|(s, o, n)| s == service && *o == op && *n > 0)
        {
            Some((_, _, n)) => {
                *n -= 1;
                Err(Error::Keyring(format!("{op:?} refused (armed by a test)")))
            }
            None => Ok(()),
        }
    }
}
