#!/usr/bin/env bash
# Puts what the Linux packages carry beside the app's own binary where tauri.conf.json's
# `bundle.linux.{deb,rpm}.files` takes it from (packaging/linux/stage/): `ccp`, the browser
# companion's native-messaging host, the demo's server, `ccp`'s man page and shell completions (made by
# `ccp generate`, from the parser's own definitions), and the gzipped changelog and man page.
# Binaries are stripped as the release profile strips (lintian rejects unstripped ones).
# The Tauri bundler runs this before bundling (tauri.linux.conf.json); CCP_HOST_PROFILE=debug
# (scripts/bundle-debug.sh) takes the binaries the tests were built with, the default the
# release ones, built here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
# bundle-debug.sh points CARGO_TARGET_DIR at its staging dir; the built binaries are in the real one.
CARGO_TARGET_DIR="${CCP_REAL_TARGET_DIR:-$CARGO_TARGET_DIR}"
profile="${CCP_HOST_PROFILE:-release}"
built="$CARGO_TARGET_DIR/$profile"
bins=(ccp ccp-browser-host ccp-sandbox)
for bin in "${bins[@]}"; do
  [ -x "$built/$bin" ] && continue
  [ "$profile" = release ] || { echo "no $built/$bin: run cargo test --no-run first" >&2; exit 1; }
  cargo build --locked --release -p ccp-browser-host -p ccp-cli -p ccp-sandbox >&2
  break
done
stage=packaging/linux/stage
rm -rf "$stage" && mkdir -p "$stage/completions"
for bin in "${bins[@]}"; do
  strip --strip-all -o "$stage/$bin" "$built/$bin"
done
# gzip -9n: maximum compression and no timestamp, as lintian wants.
"$stage/ccp" generate man | gzip -9n >"$stage/ccp.1.gz"
for shell in bash zsh fish; do
  "$stage/ccp" generate "$shell" >"$stage/completions/ccp.$shell"
done
gzip -9nkf packaging/linux/changelog packaging/linux/comecomepay-desktop.1
