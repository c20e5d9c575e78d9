//! The app's end-to-end tests in one binary (like ripgrep's `tests/tests.rs`). They need a
//! display, a D-Bus session, a Secret Service, a notification daemon and tauri-driver: run
//! them through scripts/test.sh.

mod support;

mod a11y;
mod desktop;
mod e2e;
mod guard;
mod imports;
mod keyring;
mod macos;
mod package;
