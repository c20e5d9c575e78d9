//! The sandbox's integration tests, as one test binary (the way ripgrep has `tests/tests.rs`):
//! one module per area of the API, and `support` with the helpers they share. Every test starts
//! its own sandbox on a free loopback port, so they run in parallel with no shared state.

mod support;

mod auth;
mod bin;
mod cards;
mod contract;
mod control;
mod falpay;
mod faults;
mod kyc;
mod threeds;
