#!/usr/bin/env bash
# Builds the Yew UI into ui/dist, which the app embeds at compile time.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
profile="${1:-wasm-release}"
(cd ui && trunk build --offline --cargo-profile "$profile" --dist dist)
