#!/usr/bin/env bash
# The macOS .app, on a Mac (Xcode command line tools, Rust 1.95, Node 18+): the app with `ccp`,
# the browser companion's host and the demo's server inside Contents/MacOS, the Info.plist of
# packaging/macos merged by the Tauri bundler. Never run on the Debian machine the tests run on:
# linking for macOS needs Apple's SDK. What can be checked there is checked by
# `scripts/windows.sh check` (every crate and the app type-checked for x86_64-apple-darwin) and
# tests/macos.rs (the config, the Info.plist, the layout).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -s)" != Darwin ]; then
  echo "scripts/macos.sh: this builds on macOS only (Apple's SDK links the app)" >&2
  exit 2
fi
. scripts/env.sh
cargo build --locked --release -p ccp-cli -p ccp-browser-host -p ccp-sandbox
mkdir -p packaging/macos/stage
for bin in ccp ccp-browser-host ccp-sandbox; do
  cp "$CARGO_TARGET_DIR/release/$bin" packaging/macos/stage/
done
npm ci
npx tauri build --bundles app
