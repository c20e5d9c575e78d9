#!/usr/bin/env bash
# Prints the sizes that matter to users: release binary, .deb, and the wasm UI (raw, gzip).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/env.sh
scripts/build-ui.sh
npx tauri build --bundles deb >/dev/null
bin="$CARGO_TARGET_DIR/release/comecomepay-desktop"
deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
wasm=$(ls ui/dist/*.wasm | head -1)
kib() { echo "$(( $(stat -c %s "$1") / 1024 )) KiB"; }
echo "release binary: $(kib "$bin")  ($bin)"
echo ".deb:           $(kib "$deb")  ($(basename "$deb"))"
echo "wasm raw:       $(kib "$wasm")"
echo "wasm gzip -9:   $(( $(gzip -9c "$wasm" | wc -c) / 1024 )) KiB"
