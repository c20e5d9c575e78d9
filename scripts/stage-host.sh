#!/usr/bin/env bash
# Puts the browser companion's native-messaging host where the packages take it from
# (tauri.conf.json: /usr/lib/comecomepay-desktop/ccp-browser-host), stripped as the release
# profile strips (lintian rejects unstripped binaries). The Tauri bundler runs this before
# bundling (tauri.linux.conf.json); CCP_HOST_PROFILE=debug (scripts/bundle-debug.sh) takes the
# binary the tests were built with, the default the release one, built here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
# bundle-debug.sh points CARGO_TARGET_DIR at its staging dir; the built host is in the real one.
CARGO_TARGET_DIR="${CCP_REAL_TARGET_DIR:-$CARGO_TARGET_DIR}"
profile="${CCP_HOST_PROFILE:-release}"
built="$CARGO_TARGET_DIR/$profile/ccp-browser-host"
if [ ! -x "$built" ]; then
  [ "$profile" = release ] || { echo "no $built: run cargo test --no-run first" >&2; exit 1; }
  cargo build --locked --release -p ccp-browser-host >&2
fi
mkdir -p packaging/linux/stage
strip --strip-all -o packaging/linux/stage/ccp-browser-host "$built"
