#!/usr/bin/env bash
# Installs everything the app and its tests need on Debian 12 / Ubuntu 22.04+. Idempotent and
# quick when all is present. Tool versions are pinned: the machine's rustc is 1.95, and nothing
# may be downloaded from outside the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."
# $CARGO_HOME/bin on PATH: where the tools below are installed, and found again.
. scripts/env.sh

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen in Cargo.lock (ui/Cargo.toml pins it)
TAURI_DRIVER_VERSION=2.1.0
# Firefox's WebDriver, from crates.io (Mozilla's release binaries come from GitHub).
GECKODRIVER_VERSION=0.37.1

TAG=setup; . scripts/lib.sh

APT_PACKAGES=(
  # Tauri on Linux
  libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  pkg-config build-essential curl file perl
  # tests: a display, WebDriver for WebKitGTK, a D-Bus session, the Secret Service, a notification
  # daemon, a desktop portal (WebKitGTK stalls ~25 s at start without one), screenshots
  xvfb webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools dunst libnotify-bin
  xdg-desktop-portal xdg-desktop-portal-gtk imagemagick xclip xdotool libglib2.0-bin
  # npm for the Tauri CLI (bundling) and wasm-opt (binaryen); the package tests' checkers and
  # readers; brotli for scripts/bench.sh
  nodejs npm lintian desktop-file-utils appstream rpm brotli
  # the browser companion's end-to-end tests: Debian's Chromium and its WebDriver, Firefox ESR
  chromium chromium-driver firefox-esr
  # glyphs for every language the window speaks (Chinese; Arabic in Noto rather than DejaVu's):
  # the screenshots and the end-to-end glyph check draw with these, as a cardholder's desktop does
  fonts-noto-cjk fonts-noto-core
)
# The machine's own Node.js may come from elsewhere than apt; don't fight it.
if command -v npm >/dev/null; then
  filtered=(); for p in "${APT_PACKAGES[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  APT_PACKAGES=("${filtered[@]}")
fi
apt_install "${APT_PACKAGES[@]}"

if ! command -v cargo >/dev/null; then
  say "Rust is missing: install rustup (https://rustup.rs) with Rust 1.95, then run this again"; exit 1
fi
rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' || {
  say "rustup: adding wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown
}
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

# `cargo install --list` names what cargo installed, with versions (tauri-driver has no --version).
installed=$(cargo install --list)
have() { grep -q "^$1 v$2:" <<<"$installed" && command -v "${3:-$1}" >/dev/null; }
# Not --locked: wasm-bindgen-cli's own lockfile pins a webpki-roots the registry lacks.
have wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen || { say "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION";
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"; }
have tauri-driver "$TAURI_DRIVER_VERSION" || { say "cargo: installing tauri-driver $TAURI_DRIVER_VERSION";
  cargo install --locked --force tauri-driver --version "$TAURI_DRIVER_VERSION"; }
have geckodriver "$GECKODRIVER_VERSION" || { say "cargo: installing geckodriver $GECKODRIVER_VERSION";
  cargo install --locked --force geckodriver --version "$GECKODRIVER_VERSION"; }
[ -x node_modules/.bin/tauri ] && [ -f node_modules/axe-core/axe.min.js ] && [ -x node_modules/.bin/wasm-opt ] \
  && [ -f node_modules/yazl/index.js ] && [ -f node_modules/yauzl/index.js ] \
  || { say "npm: installing the Tauri CLI, axe-core, binaryen (wasm-opt), yazl and yauzl (store zips)"; npm ci --no-audit --no-fund --silent; }

# Last: every command the test run calls (scripts/test.sh, scripts/session.sh, the tests' own
# Command::new), so a missing install step fails here with its name, not 20 minutes later inside
# a build script or a test. Keep this list in step with what they call.
REQUIRED_COMMANDS=(
  cargo rustc rustup wasm-bindgen tauri-driver WebKitWebDriver chromedriver /usr/lib/chromium/chromium
  geckodriver firefox-esr
  node npm npx node_modules/.bin/tauri node_modules/.bin/wasm-opt
  cc strip readelf pkg-config perl gzip brotli
  xvfb-run dbus-run-session dbus-daemon dbus-send gdbus gnome-keyring-daemon secret-tool
  dunst dunstctl notify-send xclip xdotool import identify
  dpkg-deb rpm lintian desktop-file-validate appstreamcli
)
absent=()
for c in "${REQUIRED_COMMANDS[@]}"; do
  case $c in */*) [ -x "$c" ] ;; *) command -v "$c" >/dev/null ;; esac || absent+=("$c")
done
if [ ${#absent[@]} -gt 0 ]; then
  say "missing after set-up: ${absent[*]} (an install step above does not provide it)"; exit 1
fi
say "ready"
