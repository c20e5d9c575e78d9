//! ccp-io: how every client of the app (the ComeComePay core, Potato Cloud, FalPay) reaches
//! outside the process — the OS keyring ([`SecretStore`]) and HTTP servers ([`http`]) — and
//! the one [`Error`] for what can go wrong there; and where every binary's diagnostics go
//! ([`log`]).
//!
//! One crate, not two: every client needs both (its tokens in the keyring, its calls over
//! HTTP), and both end in the same few failures (unreachable, too slow, too large, keyring
//! locked) that the window and `ccp` sort by one [`Error::kind`]. Two crates would mean two
//! error types for each client to convert.

mod error;
pub mod http;
pub mod keyring;
pub mod log;
pub mod private_fs;

pub use error::{Error, Result};
pub use keyring::SecretStore;
