#!/usr/bin/env bash
# Builds the Yew UI into ui/dist, which the app embeds at compile time: cargo builds the wasm,
# wasm-bindgen (pinned, from crates.io) writes the JS glue, and the static files are copied.
# No bundler: trunk cost ≈ 10 min of a cold CI run to compile and did nothing we need here.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
profile="${1:-wasm-release}"
cargo build --locked -q -p ccp-ui --target wasm32-unknown-unknown --profile "$profile"
dist=ui/dist
rm -rf "$dist.tmp"
mkdir -p "$dist.tmp"
wasm-bindgen --target web --no-typescript --out-dir "$dist.tmp" --out-name ccp-ui \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/ccp-ui.wasm"
cp ui/index.html ui/boot.js ui/styles.css "$dist.tmp/"
rm -rf "$dist"
mv "$dist.tmp" "$dist"
