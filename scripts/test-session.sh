#!/usr/bin/env bash
# Runs inside `xvfb-run -a dbus-run-session --` (that order: D-Bus-activated services such as
# the desktop portal must see DISPLAY): a fresh, unlocked Secret Service and a real notification
# daemon (scripts/session.sh), then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
. scripts/session.sh

# The tests that start apps or write to the keyring refuse to run without this marker.
export CCP_TEST_SESSION=1
export CCP_E2E_ARTIFACTS="${CCP_E2E_ARTIFACTS:-$PWD/tests/artifacts}"
mkdir -p "$CCP_E2E_ARTIFACTS"
cargo test --locked --workspace --no-fail-fast "$@"
