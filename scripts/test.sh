#!/usr/bin/env bash
# Runs every test of the project: formatting, lints (native and wasm), unit, integration and
# end-to-end tests (the real app window under Xvfb, driven over WebDriver, with a real D-Bus
# session, Secret Service and notification daemon). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
scripts/setup.sh
. scripts/env.sh
TAG=test; . scripts/lib.sh

step "cargo fmt --check"
cargo fmt --all -- --check
step "build the UI (cargo + wasm-bindgen → ui/dist, embedded by the app)"
scripts/build-ui.sh
step "clippy (native, whole workspace)"
cargo clippy --locked --workspace --all-targets -- -D warnings
step "clippy (wasm UI)"
cargo clippy --locked -p ccp-ui --target wasm32-unknown-unknown -- -D warnings
# Other platforms, checked only: `cargo check` for Windows (mingw-w64) and macOS, so code behind
# cfg(windows) / cfg(target_os = "macos") cannot rot unseen. The cross-build and the runs under
# wine are `scripts/windows.sh full`, measured by hand (README, "Windows and macOS").
step "cargo check for x86_64-pc-windows-gnu and x86_64-apple-darwin (scripts/windows.sh check)"
scripts/windows.sh check
step "the browser companion's store packages, read back (node --test)"
node --test browser/build.test.mjs
step "build tests"
cargo test --locked --workspace --no-run
step "bundle the tested binary as .deb and .rpm (tests/package.rs checks and starts them)"
CCP_BUNDLES=$(scripts/bundle-debug.sh)
export CCP_BUNDLES
step "tests (inside Xvfb + a private D-Bus session)"
in_private_session scripts/test-session.sh "$@"
step "all tests passed in $(( $(date +%s) - start )) s"
