//! The cache's raw 256-bit SQLCipher key: random, hex-encoded, kept only in the keyring.
//!
//! Every copy made here is wiped when dropped. Each string is built in one allocation of its
//! final size: a string that grows (or is shrunk into a `Box<str>`) is moved to a new block,
//! and the old one is freed with the key still in it. What sqlx keeps is described at
//! [`pragma_value`].

use rand::RngCore;
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// 32 random bytes as 64 lowercase hex digits.
pub fn generate() -> SecretString {
    let mut bytes = Zeroizing::new([0u8; 32]);
    rand::rng().fill_bytes(bytes.as_mut());
    let mut hex = String::with_capacity(64);
    for b in bytes.iter() {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    // Exactly full, so the conversion to the secret's `Box<str>` keeps this block.
    SecretString::from(hex)
}

pub fn is_valid(key: &SecretString) -> bool {
    let k = key.expose_secret();
    k.len() == 64 && k.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The `PRAGMA key` value for a raw key: `"x'<hex>'"` (no key derivation).
///
/// Not wiped, and it cannot be while the cache is open: sqlx keeps this string in the pool's
/// connect options for the pool's lifetime (the pool may open a new connection at any time,
/// and each one needs the key), and formats a `PRAGMA key = …` statement from it for every
/// connection it opens, which it does not wipe either. It is handed over without further
/// copies of ours; the key itself stays in the keyring and in a [`SecretString`].
pub fn pragma_value(key: &SecretString) -> String {
    let key = key.expose_secret();
    let mut value = String::with_capacity(key.len() + 5);
    value.push_str("\"x'");
    value.push_str(key);
    value.push_str("'\"");
    value
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
