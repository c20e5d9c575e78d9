# Sourced by the scripts, from the repository's root, after setting TAG (the name their progress
# lines carry): what more than one of them does.

start=${start:-$(date +%s)}
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

# A progress line on stderr: `[TAG] text`.
say() { printf '\033[1m[%s]\033[0m %s\n' "$TAG" "$*" >&2; }

# A heading with the seconds since the script started, so a log is also the measurement.
step() { printf '\n\033[1m== %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - start ))" >&2; }

# Installs the Debian packages named that are not installed yet (nothing, quickly, when all are).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "apt: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Runs a command on a virtual display inside a private D-Bus session (that order: D-Bus-activated
# services such as the desktop portal must see DISPLAY); scripts/session.sh, sourced inside, adds
# the throw-away keyring and notification daemon.
in_private_session() {
  xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- "$@"
}
