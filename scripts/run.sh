#!/usr/bin/env bash
# Installs what is missing, builds, and opens ComeComePay Desktop in demo mode (the sandbox
# server, started by the app, with a demo account). Arguments go to the app instead, e.g. --server https://…
# or none of them: `scripts/run.sh --` starts it as the desktop menu does (welcome page first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run.sh: no display (DISPLAY/WAYLAND_DISPLAY unset). Run it in a desktop session, or under a" >&2
  echo "virtual one: xvfb-run -a scripts/run.sh" >&2
  exit 1
fi
scripts/build-ui.sh
if [ $# -eq 0 ]; then set -- --demo; elif [ "$1" = "--" ]; then shift; fi
# The demo's server is its own program, which the app finds beside itself.
cargo build --locked --release -p ccp-sandbox
cargo run --locked --release -p comecomepay-desktop -- "$@"
