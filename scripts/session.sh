# Sourced by scripts/test-session.sh and scripts/bench.sh, inside `xvfb-run -a dbus-run-session --`
# (that order: D-Bus-activated services such as the desktop portal must see DISPLAY). Starts a
# fresh, unlocked Secret Service and a real notification daemon in a throw-away home, and stops
# everything it started on exit, by process id only: the user's own keyring daemon (if any) is
# never looked up, let alone stopped.

# The bus must be a private one (dbus-run-session's): on the user's own session bus the tests
# would write to the user's keyring and close the user's notifications. So nothing may own the
# Secret Service or the notification name yet, the bus is not the login session's, and once our
# daemons are up, our own processes must own both names (checked below, by process id).
bus_call() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    "org.freedesktop.DBus.$1" "string:$2" 2>/dev/null
}
name_owned() { bus_call NameHasOwner "$1" | grep -q true; }
owner_pid() { bus_call GetConnectionUnixProcessID "$1" | awk '/uint32/ {print $2}'; }
not_private() {
  echo "refusing to run: $1; this is not a private test session. Run the tests through" \
    "scripts/test.sh (xvfb-run -a dbus-run-session -- …)." >&2
  exit 1
}
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || not_private "no D-Bus session bus is set"
case "$DBUS_SESSION_BUS_ADDRESS" in
  *"path=/run/user/"*|*"path=${XDG_RUNTIME_DIR:-/nonexistent}/bus"*)
    not_private "the bus $DBUS_SESSION_BUS_ADDRESS is the login session's" ;;
esac
for name in org.freedesktop.secrets org.freedesktop.Notifications; do
  if name_owned "$name"; then not_private "$name is already served on this bus"; fi
done

# Tools stay where they are; only the desktop's state moves to a throw-away home, so the login
# keyring is created new (an old one with another password would stay locked).
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
scratch=$(mktemp -d)
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# Our own keyring daemon: in the foreground (so `$!` is its pid and cleanup stops exactly it),
# with its sockets in a control directory of its own, unlocked with the password on stdin.
mkdir -m 700 "$scratch/keyring"
printf 'ccp-test-keyring' | gnome-keyring-daemon --foreground --unlock --components=secrets \
  --control-directory="$scratch/keyring" >"$scratch/keyring.env" 2>"$scratch/keyring.log" &
pids+=($!)
keyring_pid=$!
for _ in $(seq 50); do
  grep -q '^GNOME_KEYRING_CONTROL=' "$scratch/keyring.env" && break
  kill -0 "$keyring_pid" 2>/dev/null || break
  sleep 0.1
done
grep -q '^GNOME_KEYRING_CONTROL=' "$scratch/keyring.env" \
  || { echo "the keyring daemon did not start" >&2; cat "$scratch/keyring.log" >&2; exit 1; }
export "$(grep -m1 '^GNOME_KEYRING_CONTROL=' "$scratch/keyring.env")"
# A fresh daemon has failed the very first write; one probe write makes the keyring ready.
for _ in $(seq 20); do
  printf probe | secret-tool store --label=ccp-warmup ccp-warmup probe 2>/dev/null && break; sleep 0.2
done
secret-tool clear ccp-warmup probe 2>/dev/null || true
# The daemon's context menu (`dunstctl context`: a notification's buttons) runs "dmenu"; ours
# picks the first entry containing the text a test wrote to $CCP_DMENU_PICK, as a user's click
# on that button would.
export CCP_DMENU_PICK="$scratch/dmenu-pick"
printf '#!/bin/sh\ngrep -m1 -F -- "$(cat "$CCP_DMENU_PICK" 2>/dev/null || echo "#")"\n' >"$scratch/dmenu"
chmod +x "$scratch/dmenu"
# Debian's defaults, with only `dmenu` replaced.
sed "s|^\( *dmenu = \).*|\1$scratch/dmenu|" /etc/xdg/dunst/dunstrc >"$scratch/dunstrc"
dunst -config "$scratch/dunstrc" >"$scratch/dunst.log" 2>&1 &
pids+=($!)
# Ask the bus who owns the name (dunstctl itself would D-Bus-activate a second dunst).
dunst_pid=$!
for _ in $(seq 50); do name_owned org.freedesktop.Notifications && break; sleep 0.1; done
name_owned org.freedesktop.Notifications \
  || { echo "the notification daemon did not start" >&2; cat "$scratch/dunst.log" >&2; exit 1; }
[ "$(owner_pid org.freedesktop.secrets)" = "$keyring_pid" ] \
  || not_private "org.freedesktop.secrets is served by process $(owner_pid org.freedesktop.secrets), not our keyring daemon ($keyring_pid)"
[ "$(owner_pid org.freedesktop.Notifications)" = "$dunst_pid" ] \
  || not_private "org.freedesktop.Notifications is served by process $(owner_pid org.freedesktop.Notifications), not our dunst ($dunst_pid)"

