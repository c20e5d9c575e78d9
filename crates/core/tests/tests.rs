//! The core's integration tests in one binary (like ripgrep's `tests/tests.rs`): one link, one
//! process, the tests run in parallel. `no_keyring`, `hung_keyring`, `key_copies` and `secrets`
//! are four separate binaries because each needs a process of its own (the comment at the top
//! of each, and Cargo.toml, say why).

mod support;

mod actions;
mod app_lock;
mod auth;
mod cache;
mod decoders;
mod faults;
mod files;
mod launcher;
mod lenient;
mod network;
mod session;
mod sync;
