//! Hashing and random values for credentials: the database keeps only hashes of passwords,
//! sign-in codes and tokens.

use rand::Rng;
use sha2::{Digest, Sha256};

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Salted with the e-mail, so equal passwords do not hash alike.
pub fn password_hash(email: &str, password: &str) -> String {
    sha256_hex(&format!(
        "ccp-sandbox:{}:{password}",
        email.to_ascii_lowercase()
    ))
}

/// An opaque bearer token: a kind prefix and 256 random bits.
pub fn new_token(prefix: &str) -> String {
    let bytes: [u8; 32] = rand::rng().random();
    format!("{prefix}_{}", hex::encode(bytes))
}
