//! The app lock: a PIN, kept only as an Argon2id hash (its salt random per PIN set, in the PHC
//! string) in the OS keyring, and the lock state in a small file of the data directory that
//! every process of the session reads (the browser host answers `locked` while it is on).
//!
//! What it is and is not: it keeps the window from someone at an unlocked desk. It is no
//! boundary against programs running as the same user: they can read the same keyring and
//! files (`ccp` does).
//!
//! Wrong tries cost time, never data: from the third one on, each next try waits twice as long
//! as the one before (from `delay_base`, at most 15 minutes); the count and the next allowed
//! moment live in the state file, so quitting the app does not reset them.

use crate::{Error, Result, now_unix};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use ccp_io::{SecretStore, private_fs};
use ccp_model::ipc::LockStatus;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// The keyring entry (under `<service> app-lock`) that holds the PIN's hash.
const PIN_ENTRY: &str = "pin-argon2id";
/// Tries without a wait.
const FREE_TRIES: u32 = 3;
const MAX_DELAY: Duration = Duration::from_secs(15 * 60);

pub struct AppLock {
    secrets: SecretStore,
    state_path: PathBuf,
    delay_base: Duration,
    /// Whether a PIN is set, once the keyring has said so (`None` until then).
    enabled: Mutex<Option<bool>>,
}

/// What every process of the session sees (`app-lock.json`).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct LockFile {
    locked: bool,
    failures: u32,
    /// No try before this Unix second.
    retry_at: i64,
}

impl AppLock {
    pub fn new(data_dir: &Path, keyring_service: &str, delay_base: Duration) -> Self {
        AppLock {
            secrets: SecretStore::new(&format!("{keyring_service} app-lock"), true),
            state_path: data_dir.join("app-lock.json"),
            delay_base,
            enabled: Mutex::new(None),
        }
    }

    /// Whether a PIN is set (read from the keyring once). A keyring that cannot say (not
    /// unlocked yet at login, hung, failing) counts as "set": the lock fails closed, so a lock
    /// that is on stays on and one asked for goes on; the keyring is asked again next time.
    pub async fn is_enabled(&self) -> bool {
        if let Some(known) = *self.enabled.lock().expect("lock state") {
            return known;
        }
        match self.secrets.get(PIN_ENTRY).await {
            Ok(found) => {
                *self.enabled.lock().expect("lock state") = Some(found.is_some());
                found.is_some()
            }
            Err(e) => {
                tracing::warn!("the app lock's PIN could not be read, so the lock stays: {e}");
                true
            }
        }
    }

    /// Locked now (as any process of the session sees it).
    pub fn is_locked(&self) -> bool {
        self.read().locked
    }

    /// [`AppLock::status`] as last known, without asking the keyring; until the keyring has
    /// answered, the state file decides (failing closed, as [`AppLock::is_enabled`] does).
    pub fn cached_status(&self) -> LockStatus {
        let enabled = self.enabled.lock().expect("lock state").unwrap_or(true);
        self.status_with(enabled)
    }

    fn status_with(&self, enabled: bool) -> LockStatus {
        let file = self.read();
        LockStatus {
            enabled,
            locked: enabled && file.locked,
            failures: file.failures,
            retry_at: (file.retry_at > now_unix()).then_some(file.retry_at),
        }
    }

    pub async fn status(&self) -> LockStatus {
        let enabled = self.is_enabled().await;
        self.status_with(enabled)
    }

    /// Locks the window (nothing happens without a PIN set).
    pub async fn lock(&self) -> Result<LockStatus> {
        if self.is_enabled().await {
            let mut file = self.read();
            file.locked = true;
            self.write(&file)?;
        }
        Ok(self.status().await)
    }

    /// Unlocks with the PIN. A wrong one counts; after [`FREE_TRIES`] each next try waits.
    pub async fn unlock(&self, pin: &SecretString) -> Result<LockStatus> {
        self.check_pin(pin).await?;
        let mut file = self.read();
        file.locked = false;
        self.write(&file)?;
        Ok(self.status().await)
    }

    /// Sets the PIN (turning the lock on) or changes it; changing asks for the current one.
    pub async fn set_pin(
        &self,
        current: Option<&SecretString>,
        new: &SecretString,
    ) -> Result<LockStatus> {
        check_new_pin(new)?;
        if self.is_enabled().await {
            let current =
                current.ok_or_else(|| Error::Invalid("the current PIN is needed".into()))?;
            self.check_pin(current).await?;
        }
        let hash = hash_pin(new)?;
        self.secrets
            .set(PIN_ENTRY, &SecretString::from(hash))
            .await?;
        *self.enabled.lock().expect("lock state") = Some(true);
        Ok(self.status().await)
    }

    /// Turns the lock off; asks for the PIN.
    pub async fn remove_pin(&self, current: &SecretString) -> Result<LockStatus> {
        self.check_pin(current).await?;
        self.secrets.delete(PIN_ENTRY).await?;
        *self.enabled.lock().expect("lock state") = Some(false);
        self.write(&LockFile::default())?;
        Ok(self.status().await)
    }

    /// Checks a PIN against the kept hash, counting wrong tries and refusing one too soon.
    /// With no PIN set any PIN passes: a lock put on while the keyring could not say whether
    /// there is a PIN must not shut out a user who never set one.
    async fn check_pin(&self, pin: &SecretString) -> Result<()> {
        let mut file = self.read();
        let now = now_unix();
        if file.retry_at > now {
            return Err(Error::PinWait {
                retry_at: file.retry_at,
            });
        }
        let Some(stored) = self.secrets.get(PIN_ENTRY).await? else {
            *self.enabled.lock().expect("lock state") = Some(false);
            return Ok(());
        };
        let pin = SecretString::from(pin.expose_secret().to_owned());
        let right = tokio::task::spawn_blocking(move || verify_pin(&pin, stored.expose_secret()))
            .await
            .map_err(|e| Error::Config(format!("PIN check: {e}")))?;
        if right {
            file.failures = 0;
            file.retry_at = 0;
            self.write(&file)?;
            return Ok(());
        }
        file.failures += 1;
        file.retry_at = match file.failures.checked_sub(FREE_TRIES) {
            Some(n) => now + delay(self.delay_base, n).as_secs() as i64,
            None => 0,
        };
        self.write(&file)?;
        Err(Error::WrongPin {
            failures: file.failures,
            retry_at: (file.retry_at > now).then_some(file.retry_at),
        })
    }

    fn read(&self) -> LockFile {
        std::fs::read(&self.state_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn write(&self, file: &LockFile) -> Result<()> {
        let bytes = serde_json::to_vec(file).expect("plain struct");
        private_fs::write_private_atomically(&self.state_path, &bytes)
            .map_err(|e| Error::Config(format!("{}: {e}", self.state_path.display())))
    }
}

/// The wait before try `FREE_TRIES + n + 1`: `base`, doubled per wrong try, at most 15 min.
fn delay(base: Duration, n: u32) -> Duration {
    base.saturating_mul(1u32 << n.min(20)).min(MAX_DELAY)
}

fn check_new_pin(pin: &SecretString) -> Result<()> {
    let p = pin.expose_secret();
    if p.chars().count() < 4 || p.chars().count() > 64 {
        return Err(Error::Invalid("a PIN has 4 to 64 characters".into()));
    }
    Ok(())
}

/// Argon2id (the OWASP-recommended 19 MiB, 2 passes, 1 lane) with a random 16-byte salt.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_pin(pin: &SecretString) -> Result<String> {
    let salt: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Config(format!("salt: {e}")))?;
    argon2()
        .hash_password(pin.expose_secret().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Config(format!("PIN hash: {e}")))
}

fn verify_pin(pin: &SecretString, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        argon2()
            .verify_password(pin.expose_secret().as_bytes(), &hash)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_from_the_fourth_try_and_stops_at_fifteen_minutes() {
        let base = Duration::from_secs(30);
        assert_eq!(delay(base, 0), Duration::from_secs(30));
        assert_eq!(delay(base, 1), Duration::from_secs(60));
        assert_eq!(delay(base, 4), Duration::from_secs(480));
        assert_eq!(delay(base, 5), MAX_DELAY);
        assert_eq!(delay(base, 99), MAX_DELAY);
    }

    #[test]
    fn a_pin_is_kept_as_a_salted_argon2id_hash_only() {
        let pin = SecretString::from("4711");
        let (a, b) = (hash_pin(&pin).unwrap(), hash_pin(&pin).unwrap());
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "a new salt each time");
        assert!(!a.contains("4711"));
        assert!(verify_pin(&pin, &a));
        assert!(!verify_pin(&SecretString::from("4712"), &a));
        assert!(!verify_pin(&pin, "not a hash"));
    }

    #[test]
    fn a_new_pin_has_four_to_sixty_four_characters() {
        assert!(check_new_pin(&SecretString::from("123")).is_err());
        assert!(check_new_pin(&SecretString::from("1234")).is_ok());
        assert!(check_new_pin(&SecretString::from("x".repeat(65))).is_err());
    }
}
