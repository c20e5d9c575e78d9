//! The cache's raw 256-bit SQLCipher key: random, hex-encoded, kept only in the keyring.

use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};

/// 32 random bytes as 64 lowercase hex digits.
pub fn generate() -> SecretString {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    bytes.fill(0);
    SecretString::from(hex)
}

pub fn is_valid(key: &SecretString) -> bool {
    let k = key.expose_secret();
    k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The `PRAGMA key` value for a raw key: `"x'<hex>'"` (no key derivation).
pub fn pragma_value(key: &SecretString) -> String {
    format!("\"x'{}'\"", key.expose_secret())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_hex() {
        let a = generate();
        let b = generate();
        assert!(is_valid(&a) && is_valid(&b));
        assert_ne!(a.expose_secret(), b.expose_secret());
        assert!(!is_valid(&SecretString::from("xyz")));
    }
}
