#!/usr/bin/env bash
# The kill-loop benchmark (crash safety, measured): `ccp sync` against a sandbox with a large
# 3-D Secure history, killed with SIGKILL at random moments KILLS times (default 1000; CI runs
# 200 as a test), the encrypted cache reopened and checked after every kill. Prints the tally
# (the `kill loop` line): kills, where they landed (mid-write: uncommitted WAL frames on disk),
# integrity failures and lost rows (both must be 0), and fails if any check did. KILL_SEED
# replays a run. Runs in the same private session as the tests (Xvfb, D-Bus, a throw-away
# keyring), never the user's own.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/env.sh
TAG=killloop; . scripts/lib.sh
export KILLS="${KILLS:-1000}"
start=$(date +%s)
in_private_session scripts/test-session.sh --test cli killloop:: -- --nocapture
echo "kill loop: $KILLS kills took $(( $(date +%s) - start )) s in all (build and session included)"
