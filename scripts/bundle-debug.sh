#!/usr/bin/env bash
# Bundles the app binary the tests were built with (target/debug, from `cargo test --no-run`)
# as .deb and .rpm with the Tauri bundler, for the package test (tests/package.rs). Prints the
# bundle directory. Release packages come from `npx tauri build` instead.
#
# Not `npx tauri build --debug`: it runs `cargo build --bins`, whose features differ from the
# test build's (dev-dependencies unify features), so it compiles the whole dependency tree a
# second time (≈ 10 min on a cold CI machine). `tauri bundle` packages what is already built.
#
# The binary is stripped into a staging target dir first, as the release profile does
# (`strip = true`): lintian rejects unstripped binaries, the .deb shrinks from 46 to 12 MiB and
# lintian runs ~40 s faster. The bundler also writes into the binary it packages, which stays
# out of cargo's own target dir this way.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
built="$CARGO_TARGET_DIR/debug/comecomepay-desktop"
[ -x "$built" ] || { echo "no $built: run cargo test --no-run (or cargo build) first" >&2; exit 1; }
staging="$CARGO_TARGET_DIR/package"
rm -rf "$staging/debug/bundle"
mkdir -p "$staging/debug"
strip --strip-all -o "$staging/debug/comecomepay-desktop" "$built"
# `tauri bundle` finds the binary through cargo's target dir.
# `ccp` and the browser host the tests were built with go in too (scripts/stage-package.sh, run
# by the bundler before bundling, reads the real target dir). packaging/linux/bundle.conf.json
# names the packages as the binary is named.
CCP_HOST_PROFILE=debug CCP_REAL_TARGET_DIR="$CARGO_TARGET_DIR" CARGO_TARGET_DIR="$staging" \
  npx --no-install tauri bundle --ci --debug --bundles deb,rpm \
  --config packaging/linux/bundle.conf.json >&2
echo "$staging/debug/bundle"
