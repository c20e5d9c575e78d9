#!/usr/bin/env bash
# Screenshots the built UI (ui/dist) in headless Chromium with a mock Tauri API (mock-tauri.js),
# so layout can be checked without the app. Usage: ui/dev/preview.sh OUT.png [QUERY] [WIDTHxHEIGHT]
#   e.g. ui/dev/preview.sh /tmp/codes.png 'signed=1&page=codes'
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(realpath -m "$1")"; query="${2:-}"; size="${3:-1040,720}"
[ -f "$here/../dist/index.html" ] || { echo "build first: scripts/build-ui.sh" >&2; exit 1; }
site="$(mktemp -d)"; trap 'kill "$server" 2>/dev/null; rm -rf "$site"' EXIT
cp -r "$here/../dist/." "$site/"; cp "$here/mock-tauri.js" "$site/"
sed -i 's#<head>#<head><script src="./mock-tauri.js"></script>#' "$site/index.html"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 & server=$!
for _ in $(seq 50); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port))" 2>/dev/null && break; sleep 0.1; done
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="${size/x/,}" \
  --virtual-time-budget=3000 --screenshot="$out" "http://127.0.0.1:$port/index.html?$query" 2>/dev/null
echo "$out"
