# Sourced by the scripts: one cargo target dir outside the clone keeps warm runs fast.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/comecomepay-desktop/target}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
