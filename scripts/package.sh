#!/usr/bin/env bash
# The release .deb and .rpm: the app built as `tauri build` builds it (the UI, then the release
# binary with the embedded assets), then bundled with packaging/linux/bundle.conf.json, which
# names the packages `comecomepay-desktop` like the binary (Tauri otherwise derives
# "come-come-pay-desktop" from the product name). Prints the bundle directory.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
npx --no-install tauri build --ci --no-bundle >&2
npx --no-install tauri bundle --ci --bundles deb,rpm --config packaging/linux/bundle.conf.json >&2
echo "$CARGO_TARGET_DIR/release/bundle"
