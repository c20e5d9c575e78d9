//! What the client keeps in the OS keyring, under [`crate::Config::keyring_service`]: the
//! user's `apiUserToken` and user number, and the app's `askKey` and `signSecret`. The
//! keyring calls go through [`ccp_io::SecretStore`] (a thread per call and a deadline, so a
//! hung Secret Service cannot hang the caller; errors that never carry a secret).

use crate::Result;
use ccp_io::SecretStore;
use secrecy::{ExposeSecret, SecretString};
use std::fmt;

/// Keyring entry of the user's `apiUserToken`.
pub const USER_TOKEN: &str = "api_user_token";
/// Keyring entry of the signed-in user number (not secret, kept beside the token).
pub const USER_NUMBER: &str = "user_number";
/// Keyring entry of the app's `askKey`.
pub const ASK_KEY: &str = "ask_key";
/// Keyring entry of the app's signing secret (absent: the app has signing off).
pub const SIGN_SECRET: &str = "sign_secret";

/// The app's credentials on Potato Cloud: its `askKey`, sent with every call, and, when the
/// app has request signing on, the secret of signing V1.
#[derive(Clone)]
pub struct AppKeys {
    pub ask_key: SecretString,
    /// `Some`: every call carries `time` and `sign = md5(signSecret + time)`.
    pub sign_secret: Option<SecretString>,
}

impl AppKeys {
    pub fn new(ask_key: SecretString, sign_secret: Option<SecretString>) -> AppKeys {
        AppKeys {
            ask_key,
            sign_secret: sign_secret.filter(|s| !s.expose_secret().is_empty()),
        }
    }

    pub fn signing(&self) -> bool {
        self.sign_secret.is_some()
    }

    /// The app's keys from the keyring; `None` when no `askKey` is stored.
    pub async fn load(store: &SecretStore) -> Result<Option<AppKeys>> {
        let Some(ask_key) = store.get(ASK_KEY).await? else {
            return Ok(None);
        };
        let sign_secret = store.get(SIGN_SECRET).await?;
        Ok(Some(AppKeys::new(ask_key, sign_secret)))
    }

    /// Stores the keys (without a signing secret, any stored one is deleted).
    pub async fn save(&self, store: &SecretStore) -> Result<()> {
        store.set(ASK_KEY, &self.ask_key).await?;
        match &self.sign_secret {
            Some(secret) => store.set(SIGN_SECRET, secret).await?,
            None => store.delete(SIGN_SECRET).await?,
        }
        Ok(())
    }

    /// Deletes the app's keys from the keyring.
    pub async fn forget(store: &SecretStore) -> Result<()> {
        store.delete(ASK_KEY).await?;
        store.delete(SIGN_SECRET).await?;
        Ok(())
    }
}

impl fmt::Debug for AppKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppKeys")
            .field("ask_key", &"[redacted]")
            .field("signing", &self.signing())
            .finish()
    }
}

/// Signing V1: `md5(signSecret + time)`, lower-case hex; `time` is the request's
/// milliseconds since the epoch, as sent in the `time` header.
pub fn sign_v1(sign_secret: &SecretString, time_ms: &str) -> String {
    use md5::{Digest, Md5};
    let mut md5 = Md5::new();
    md5.update(sign_secret.expose_secret().as_bytes());
    md5.update(time_ms.as_bytes());
    md5.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_v1_is_lower_case_md5_of_secret_then_time() {
        // md5("secret1700000000000")
        let s = sign_v1(&SecretString::from("secret"), "1700000000000");
        assert_eq!(s.len(), 32);
        assert!(
            s.chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
        );
        assert_eq!(
            sign_v1(&SecretString::from(""), ""),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            sign_v1(&SecretString::from("a"), "bc"),
            "900150983cd24fb0d6963f7d28e17f72"
        );
    }

    #[test]
    fn debug_hides_the_keys() {
        let keys = AppKeys::new("ask-123".into(), Some("sig-456".into()));
        let debug = format!("{keys:?}");
        assert!(
            !debug.contains("ask-123") && !debug.contains("sig-456"),
            "{debug}"
        );
        assert!(debug.contains("signing: true"));
        assert!(!AppKeys::new("a".into(), Some("".into())).signing());
    }
}
