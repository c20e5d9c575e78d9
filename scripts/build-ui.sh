#!/usr/bin/env bash
# Builds the Yew UI into ui/dist, which the app embeds at compile time: cargo builds the wasm,
# wasm-bindgen (pinned, from crates.io) writes the JS glue, wasm-opt shrinks it, and the static
# files are copied. No bundler: trunk cost ≈ 10 min of a cold CI run to compile and did nothing
# we need here.
# Usage: build-ui.sh [profile] [package dir] — scripts/bench.sh builds its hello UI the same way
# (`build-ui.sh wasm-release ccp-bench-hello-ui bench/hello/ui`).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
profile="${1:-wasm-release}" package="${2:-ccp-ui}" dir="${3:-ui}"
cargo build --locked -q -p "$package" --target wasm32-unknown-unknown --profile "$profile"
dist=$dir/dist
rm -rf "$dist.tmp"
mkdir -p "$dist.tmp"
wasm-bindgen --target web --no-typescript --out-dir "$dist.tmp" --out-name "$package" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/$package.wasm"
# wasm-opt from the npm package binaryen (package.json; Debian's binaryen 108 cannot read what
# rustc 1.95 emits): about a third smaller. It takes the wasm features (bulk memory, sign-ext, …)
# from the target_features section rustc writes and wasm-bindgen keeps, so it emits nothing the
# module did not already use.
wasm="$dist.tmp/${package}_bg.wasm"
node_modules/.bin/wasm-opt -Oz "$wasm" -o "$wasm.opt"
mv "$wasm.opt" "$wasm"
for f in "$dir"/*.html "$dir"/*.js "$dir"/*.css; do
  if [ -e "$f" ]; then cp "$f" "$dist.tmp/"; fi
done
rm -rf "$dist"
mv "$dist.tmp" "$dist"
