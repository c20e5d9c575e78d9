#!/usr/bin/env bash
# Measures the app against bench/hello (hello world in Tauri 2 + Yew on the same versions, tauri
# features and release profile), both release builds, in one run on this machine, and prints one
# markdown table (the README's "Numbers"): start → first paint, memory (PSS), sizes, and the
# 3-D Secure latency and cache numbers of ccp-core's measure example. Ratios are app / hello of
# the same run, so a slower or busier machine moves both. Numbers only: no goal fails the script.
#
#   scripts/bench.sh           10 starts of each, 60 s idle, 10 min idle growth (≈ 25 min warm)
#   scripts/bench.sh --quick   a smoke run: 3 starts, 10 s idle, 60 s growth, fewer latency samples
set -euo pipefail
cd "$(dirname "$0")/.."

# ---- inside `xvfb-run … dbus-run-session --` (see the end): the window measurements ----------
if [ "${1:-}" = "--in-session" ]; then
  out=$2
  . scripts/env.sh
  . scripts/session.sh # throw-away home, unlocked Secret Service, dunst; stopped on exit
  log="$scratch/bench.log"

  # One tauri-driver per start, alone in its process group (setsid: a background job of a
  # script is no group leader, so setsid execs in place and $! is the group), so stopping the
  # group stops WebKitWebDriver and the app with it; nothing is looked up or stopped by name.
  driver=""
  stop_driver() {
    [ -n "$driver" ] && [ "$driver" -gt 1 ] || return 0
    kill -s TERM -- "-$driver" 2>/dev/null || true
    wait "$driver" 2>/dev/null || true
    # The app is single-instance: the next start must not find this one alive.
    for _ in $(seq 200); do kill -0 -- "-$driver" 2>/dev/null || break; sleep 0.05; done
    kill -s KILL -- "-$driver" 2>/dev/null || true
    driver=""
  }
  trap 'stop_driver; cleanup' EXIT
  port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  start_driver() {
    port=$((20000 + RANDOM % 20000))
    while ! port_free "$port" || ! port_free $((port + 1)); do port=$((20000 + RANDOM % 20000)); done
    setsid tauri-driver --port "$port" --native-port $((port + 1)) >/dev/null 2>>"$log" &
    driver=$!
    for _ in $(seq 400); do port_free "$port" || return 0; sleep 0.05; done
    echo "tauri-driver did not listen" >&2; cat "$log" >&2; exit 1
  }
  wd() { curl -sS -X "$1" "http://127.0.0.1:$port$2" -H 'Content-Type: application/json' ${3:+--data "$3"}; }

  # Every process below `$1`, one pid a line (the WebKit web and network processes are children
  # of the app; tauri-driver and WebKitWebDriver are its parents, not counted).
  descendants() {
    ps -e -o pid=,ppid= | awk -v root="$1" '{ kids[$2] = kids[$2] " " $1 }
      END { queue = root; while (queue != "") { n = split(queue, q, " "); queue = "";
        for (i = 1; i <= n; i++) { m = split(kids[q[i]], c, " ");
          for (j = 1; j <= m; j++) { print c[j]; queue = queue " " c[j] } } } }'
  }
  app_pid() { # the process running binary $1 under the current driver
    local p
    for p in $(descendants "$driver"); do
      [ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$1" ] && { echo "$p"; return; }
    done
    echo "no process runs $1" >&2; exit 1
  }
  # The demo's server (ccp-sandbox, a child of the app) stands in for the real service, which a
  # cardholder's machine does not run: its memory is not the app's, and is shown apart.
  is_server() { [ "$(basename "$(readlink "/proc/$1/exe" 2>/dev/null)")" = ccp-sandbox ]; }
  app_procs() { for p in "$1" $(descendants "$1"); do is_server "$p" || echo "$p"; done; }
  # PSS (kB) summed over the app and its descendants: each shared page counted once in all.
  tree_pss() {
    local p sum=0 v
    for p in $(app_procs "$1"); do
      v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || true)
      sum=$((sum + ${v:-0}))
    done
    echo "$sum"
  }
  # The same, split by process: "app web network server" in kB (web and network: WebKit's
  # helpers; server: the demo's, not in the sum above).
  split_pss() {
    local p v exe app=0 web=0 net=0 srv=0
    for p in "$1" $(descendants "$1"); do
      v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || true)
      exe=$(readlink "/proc/$p/exe" 2>/dev/null || true)
      case ${exe##*/} in
        WebKitWebProcess*) web=$((web + ${v:-0})) ;;
        WebKitNetworkProcess*) net=$((net + ${v:-0})) ;;
        ccp-sandbox*) srv=$((srv + ${v:-0})) ;;
        *) app=$((app + ${v:-0})) ;;
      esac
    done
    echo "$app $web $net $srv"
  }

  # Starts binary $1 with JSON args $2 over WebDriver and sets `ms` to the time from the session
  # request (which launches it) until selector $3 is in the DOM. A MutationObserver in the page
  # answers the moment it appears; before the page is up the script fails and is retried.
  # (Not in a `$(…)`: the driver it starts must belong to this shell, to be stopped.)
  first_paint() {
    local caps body t0 seen=0
    caps=$(jq -nc --arg a "$1" --argjson args "$2" \
      '{capabilities: {alwaysMatch: {"tauri:options": {application: $a, args: $args}}}}')
    body=$(jq -nc --arg sel "$3" '{args: [$sel], script: "const [sel, done] = arguments;
      const found = () => document.querySelector(sel) !== null;
      if (found()) { done(true); return; }
      new MutationObserver((_, o) => { if (found()) { o.disconnect(); done(true); } })
        .observe(document, {childList: true, subtree: true});"}')
    # Now and then (1 start in ≈ 100) tauri-driver closes the session request without an
    # answer (curl: empty reply): that start is not measured, a new driver starts it again.
    for attempt in 1 2 3; do
      start_driver
      t0=$(date +%s%N)
      sid=$(wd POST /session "$caps" | jq -r '.value.sessionId // empty' || true)
      [ -n "$sid" ] && break
      echo "bench: no WebDriver session for ${1##*/} (attempt $attempt of 3)" >&2
      stop_driver
    done
    [ -n "$sid" ] || { echo "no WebDriver session for $1" >&2; cat "$log" >&2; exit 1; }
    for _ in $(seq 600); do
      [ "$(wd POST "/session/$sid/execute/async" "$body" | jq -r '.value')" = true ] && { seen=1; break; }
      sleep 0.02
    done
    ms=$((($(date +%s%N) - t0) / 1000000))
    ((seen)) || { echo "$3 never appeared in $1" >&2; exit 1; }
    launched=$((t0 / 1000000))
  }

  # After a first_paint: where its time went. Prints "nav page marks…": launch → the page's
  # navigation start (the process, GTK, the app's set-up, WebKit's web process), then navigation
  # start → seen (the page: HTML, wasm, IPC, render), then the app's `performance.mark`s
  # (ui/src/app.rs) from navigation start: main start listen info snapshot (-1 where absent).
  page_times() {
    local probe answer
    probe=$(jq -nc '{args: [], script: "const m = {};
      for (const e of performance.getEntriesByType(\"mark\")) m[e.name] = Math.round(e.startTime);
      return JSON.stringify({origin: Math.round(performance.timeOrigin), marks: m});"}')
    answer=$(wd POST "/session/$sid/execute/sync" "$probe" | jq -r '.value')
    jq -r --argjson launched "$launched" --argjson ms "$ms" '
      .marks as $m | (.origin - $launched) as $nav
      | [$nav, $ms - $nav] + (["main", "start", "listen", "info", "snapshot"] | map($m["ccp:" + .] // -1))
      | map(tostring) | join(" ")' <<<"$answer"
  }

  # The app in demo mode (its server: the ccp-sandbox it starts), with a data dir and keyring entry that outlive
  # each start: after the warm-up start, every start paints the cards from its encrypted cache.
  hello_args='[]'
  app_args=$(jq -nc --arg d "$scratch/app-data" \
    '["--demo", "--data-dir", $d, "--keyring-service", "ccp-bench"]')
  result() { echo "$1=$2" >>"$out"; }

  echo "bench: warm-up starts (not counted)" >&2
  first_paint "$HELLO_BIN" "$hello_args" '#hello'; stop_driver
  first_paint "$APP_BIN" "$app_args" '.card-tile'; stop_driver
  hello_ms=() app_ms=() hello_parts=() app_parts=()
  for i in $(seq "$RUNS"); do
    # Alternating which goes first, so a drift of the machine's load hits both alike.
    if ((i % 2)); then order=(hello app); else order=(app hello); fi
    for which in "${order[@]}"; do
      if [ "$which" = hello ]; then
        first_paint "$HELLO_BIN" "$hello_args" '#hello'; hello_ms+=("$ms")
        hello_parts+=("$(page_times)")
      else
        first_paint "$APP_BIN" "$app_args" '.card-tile'; app_ms+=("$ms")
        app_parts+=("$(page_times)")
      fi
      stop_driver
    done
    echo "bench: start $i/$RUNS: hello ${hello_ms[-1]} ms, app ${app_ms[-1]} ms" >&2
  done
  result hello_start_ms "${hello_ms[*]}"
  result app_start_ms "${app_ms[*]}"
  # One line per part: column k of every start's page_times (the hello sets no marks: 1 and 2).
  column() { printf '%s\n' "${@:2}" | awk -v k="$1" '{ printf "%s%s", (NR > 1 ? " " : ""), $k }'; }
  for k in 1 2; do result "hello_part$k" "$(column "$k" "${hello_parts[@]}")"; done
  for k in 1 2 3 4 5 6 7; do result "app_part$k" "$(column "$k" "${app_parts[@]}")"; done

  # Memory: one app at a time (a second one would share library pages and halve their PSS).
  echo "bench: hello idle ${IDLE}s" >&2
  first_paint "$HELLO_BIN" "$hello_args" '#hello'
  pid=$(app_pid "$HELLO_BIN"); sleep "$IDLE"
  result hello_pss_kb "$(tree_pss "$pid")"
  result hello_split "$(split_pss "$pid")"
  result hello_procs "$(app_procs "$pid" | wc -l)"
  stop_driver
  echo "bench: app idle ${IDLE}s, then ${GROWTH}s more (3-D Secure polling on)" >&2
  first_paint "$APP_BIN" "$app_args" '.card-tile'
  pid=$(app_pid "$APP_BIN"); sleep "$IDLE"
  result app_pss_kb "$(tree_pss "$pid")"
  result app_split "$(split_pss "$pid")"
  result app_procs "$(app_procs "$pid" | wc -l)"
  sleep "$GROWTH"
  result app_pss_late_kb "$(tree_pss "$pid")"
  stop_driver

  # Where the app spends most of the day: in the tray. Started as the login item starts it
  # (hidden, its page loaded); the window is released after CCP_RELEASE_HIDDEN_SECS hidden (the
  # app's default unless the quick run shortens it).
  echo "bench: app started hidden ${IDLE}s, then until ${GROWTH}s (released after ${CCP_RELEASE_HIDDEN_SECS:-300}s)" >&2
  first_paint "$APP_BIN" "$(jq -c '. + ["--hidden"]' <<<"$app_args")" '.card-tile'
  pid=$(app_pid "$APP_BIN"); sleep "$IDLE"
  result hidden_pss_kb "$(tree_pss "$pid")"
  result hidden_split "$(split_pss "$pid")"
  sleep $((GROWTH - IDLE))
  result hidden_late_pss_kb "$(tree_pss "$pid")"
  result hidden_late_split "$(split_pss "$pid")"
  stop_driver

  # The background path end to end, as the cardholder meets it: a code created on a sandbox
  # over TCP (the app's real HTTP client, cache and poller) until the app's notification
  # reaches the desktop's notification daemon over D-Bus, window hidden. Every sample at the
  # idle pace (--passcode-window-secs 0: no faster pace after a code), as the first code of a
  # payment meets it; a random phase against the poller, as a real challenge has. The phase must
  # not depend on the app's reads: a sleep counted from the last notification (that is, from a
  # read) is not, so each sample is placed at a random point of its own slot of a fixed clock.
  echo "bench: background path, injection → notification on D-Bus, window hidden (n=$BG_N)" >&2
  setsid "$SANDBOX_BIN" --otp-fixed 24680 >"$scratch/sandbox.url" 2>>"$log" &
  sandbox=$!
  trap 'kill -s TERM -- "-$sandbox" 2>/dev/null || true; stop_driver; cleanup' EXIT
  for _ in $(seq 200); do [ -s "$scratch/sandbox.url" ] && break; sleep 0.05; done
  url=$(head -1 "$scratch/sandbox.url")
  bg_args=$(jq -nc --arg u "$url" --arg d "$scratch/bg-data" \
    '["--server", $u, "--data-dir", $d, "--keyring-service", "ccp-bench-bg"]')
  # Signed in through the window, as a cardholder does.
  first_paint "$APP_BIN" "$bg_args" '#signin-email'
  el() { wd POST "/session/$sid/element" "$(jq -nc --arg c "$1" '{using: "css selector", value: $c}')" \
    | jq -r '.value["element-6066-11e4-a52e-4f735466cecf"] // empty'; }
  keys() { wd POST "/session/$sid/element/$(el "$1")/value" "$(jq -nc --arg t "$2" '{text: $t}')" >/dev/null; }
  click() { wd POST "/session/$sid/element/$(el "$1")/click" '{}' >/dev/null; }
  keys '#signin-email' demo@comecomepay.example; keys '#signin-password' 'Demo#2026'; click '#signin-submit'
  for _ in $(seq 100); do [ -n "$(el '#signin-otp')" ] && break; sleep 0.1; done
  keys '#signin-otp' 24680; click '#signin-otp-submit'
  for _ in $(seq 200); do [ -n "$(el '.card-tile')" ] && break; sleep 0.1; done
  [ -n "$(el '.card-tile')" ] || {
    echo "the bench could not sign in; the page:" >&2
    wd GET "/session/$sid/source" | jq -r .value | sed 's/></>\n</g' | grep -iE 'error|alert|otp|signin' | head -20 >&2
    exit 1
  }
  stop_driver
  first_paint "$APP_BIN" "$(jq -c '. + ["--hidden", "--passcode-window-secs", "0"]' <<<"$bg_args")" '.card-tile'
  monitor="$scratch/notify.log"
  dbus-monitor --session "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
    >"$monitor" 2>>"$log" &
  mon=$!
  sleep 1
  curl -sS -X DELETE "$url/sandbox/requests" >/dev/null
  bg_start=$(date +%s.%N) samples=() sent_ms=() seen_ms=()
  # A slot is two idle paces long: the sample lands in its first 6.6 s (one jittered pace at
  # most), its notification before the next slot begins.
  slot=13.2
  for i in $(seq "$BG_N"); do
    sleep "$(awk -v r=$RANDOM -v s="$bg_start" -v i="$i" -v slot="$slot" -v now="$(date +%s.%N)" \
      'BEGIN { d = s + (i - 1) * slot + r / 32767 * 6.6 - now; printf "%.3f", (d > 0 ? d : 0) }')"
    t0=$(date +%s.%N)
    curl -sS -X POST "$url/sandbox/3ds" -H 'Content-Type: application/json' \
      --data "$(jq -nc --arg m "Bench $i" '{merchant_name: $m, amount: "9.99", currency: "USD"}')" >/dev/null
    t1=""
    for _ in $(seq 600); do
      # The call's header line carries its time; the body names the merchant a few lines on.
      t1=$(awk -v m="\"Bench $i([^0-9]|$)" '/^method call time=/ { split($3, a, "="); t = a[2] }
        $0 ~ m { print t; exit }' "$monitor")
      [ -n "$t1" ] && break
      sleep 0.05
    done
    [ -n "$t1" ] || { echo "no notification for sample $i" >&2; exit 1; }
    samples+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 }')")
    # %.0f, not %d: Debian's awk (mawk) clamps %d to 32 bits, and these are Unix milliseconds.
    sent_ms+=("$(awk -v a="$t0" 'BEGIN { printf "%.0f", a * 1000 }')")
    seen_ms+=("$(awk -v b="$t1" 'BEGIN { printf "%.0f", b * 1000 }')")
  done
  kill "$mon" 2>/dev/null || true
  # The sandbox's arrival time of every read (same clock): the read that brought a code is the
  # last one before its notification. So each sample splits into the wait for the next read
  # and the read → notification part (the request, the cache, the event, D-Bus), and the rate
  # is the reads' own spacing, not a count over a window with a partial interval at each end.
  curl -sS "$url/sandbox/requests" | jq -r '.times_ms["GET /api/v1/3ds/my-records"] // [] | .[]' \
    >"$scratch/reads.txt"
  split=$(awk -v sent="${sent_ms[*]}" -v seen="${seen_ms[*]}" '
    { read_at[NR] = $1 + 0 }
    END {
      n = split(sent, s, " "); split(seen, t, " ")
      for (i = 1; i <= n; i++) {
        last = ""
        for (r = 1; r <= NR; r++) if (read_at[r] <= t[i] + 0) last = read_at[r]
        if (last == "") { waits = waits sep "?"; afters = afters sep "?"; sep = " "; continue }
        waits = waits sep sprintf("%.0f", last - s[i])
        afters = afters sep sprintf("%.0f", t[i] - last); sep = " "
      }
      print waits; print afters
    }' "$scratch/reads.txt")
  result bg_ms "${samples[*]}"
  result bg_wait_ms "$(sed -n 1p <<<"$split")"
  # The samples themselves, for a look at their spread (the table keeps only p50 / p95).
  echo "bench: background samples, wait for the read (ms): $(sed -n 1p <<<"$split")" >&2
  echo "bench: background samples, read → notification (ms): $(sed -n 2p <<<"$split")" >&2
  result bg_after_ms "$(sed -n 2p <<<"$split")"
  # Reads per hour from their spacing, from the first sample's read on.
  result bg_rate "$(awk -v from="${sent_ms[0]}" '$1 >= from - 7000 { if (!n++) first = $1; last = $1 }
    END { printf "%d %.3f\n", n - 1, (last - first) / 1000 }' "$scratch/reads.txt")"
  stop_driver
  exit 0
fi

# ---- outside: build, sizes, ccp-core's numbers, then the session ---------------------------
quick=0
[ "${1:-}" = "--quick" ] && quick=1
scripts/setup.sh >/dev/null
. scripts/env.sh
if ((quick)); then
  export RUNS=3 IDLE=10 GROWTH=60 CCP_RELEASE_HIDDEN_SECS=30 BG_N=6; measure_args=(10 6 12)
else
  export RUNS=10 IDLE=60 GROWTH=600 BG_N=60; measure_args=()
fi
TAG=bench; . scripts/lib.sh
tauri="$PWD/node_modules/.bin/tauri"

say "building the app and hello (release, .deb)"
ui_start=$(date +%s%N)
scripts/build-ui.sh
ui_ms=$((($(date +%s%N) - ui_start) / 1000000))
scripts/build-ui.sh wasm-release ccp-bench-hello-ui bench/hello/ui
# One cargo invocation for both: the dependencies they share are compiled once, with the same
# features (what Cargo.lock and feature unification give the app); then the Tauri CLI bundles
# each without compiling again.
cargo build --locked -q --release -p comecomepay-desktop -p ccp-bench-hello -p ccp-sandbox
"$tauri" bundle --bundles deb --config packaging/linux/bundle.conf.json >/dev/null
(cd bench/hello && "$tauri" bundle --bundles deb >/dev/null)
say "building ccp-core's measure example (release)"
cargo build --locked -q --release -p ccp-core --example measure

rel="$CARGO_TARGET_DIR/release"
export APP_BIN="$rel/comecomepay-desktop" HELLO_BIN="$rel/ccp-bench-hello" SANDBOX_BIN="$rel/ccp-sandbox"
app_deb=$(ls -t "$rel"/bundle/deb/comecomepay-desktop_*.deb | head -1)
hello_deb=$(ls -t "$rel"/bundle/deb/ccp-bench-hello_*.deb | head -1)
app_wasm=ui/dist/ccp-ui_bg.wasm hello_wasm=bench/hello/ui/dist/ccp-bench-hello-ui_bg.wasm

out=$(mktemp)
trap 'rm -f "$out" "$out".*' EXIT
say "the windows, under Xvfb with a private D-Bus session, keyring and notification daemon"
# Only the bench's progress lines reach the terminal; the session's chatter (D-Bus activations,
# portal warnings) goes to a log that is shown if the session fails.
# Its stdout too: the accessibility bus prints to it ("SpiRegistry daemon is running …"),
# which would land above the table.
in_private_session scripts/bench.sh --in-session "$out" >>"$out.log" \
  2> >(tee -a "$out.log" | grep --line-buffered '^bench:' >&2) || { cat "$out.log" >&2; exit 1; }
# After the windows, not beside them: its sandbox and pollers loaded the 2 cores while the
# windows started and moved the start ratio by 0.15 (1.35× beside, 1.21× alone).
say "ccp-core's measure example"
"$rel/examples/measure" "${measure_args[@]}" >"$out.measure" 2>&1 || { cat "$out.measure" >&2; exit 1; }

# Where the bytes go: the ten biggest crates in each binary (cargo-bloat, on the release build
# with its symbols: profile `bloat`) and in each wasm (twiggy, on the wasm cargo wrote, whose
# name section wasm-bindgen and wasm-opt later drop), so a new dependency's cost shows by name.
# Bench-only tools: installed here, pinned, not by scripts/setup.sh.
installed=$(cargo install --list)
grep -q '^cargo-bloat v0.12.1:' <<<"$installed" || cargo install --locked -q cargo-bloat --version 0.12.1
grep -q '^twiggy v0.8.0:' <<<"$installed" || cargo install --locked -q twiggy --version 0.8.0
say "cargo bloat (profile bloat: release with symbols)"
# A failure here costs the table its breakdown, not the whole run's numbers.
for p in ccp-bench-hello comecomepay-desktop; do
  cargo bloat --locked --profile bloat -p "$p" --crates -n 10 >"$out.bloat-$p" 2>"$out.bloat-err" \
    || { say "cargo bloat -p $p failed:"; tail -5 "$out.bloat-err" >&2; echo "(cargo bloat failed)" >"$out.bloat-$p"; }
done
# twiggy's items grouped by crate: the first path segment of each demangled name (`<a::B as
# c::D>::f` counts for a), data segments as one. What wasm-bindgen and wasm-opt drop later is
# left out (custom sections: names, DWARF, wasm-bindgen's descriptors and their exports), so the
# shares are of the code and data a cardholder downloads, before wasm-opt shrinks them.
wasm_crates() {
  twiggy top -n 1000000 "$1" | awk -F' ┊ ' 'NR > 2 {
      bytes = $1 + 0; name = $3
      if (name ~ /^(custom section|"function names"|export |import |__wbindgen_describe|\.\.\. and|Σ)/) next
      sub(/^</, "", name); sub(/^&(mut )?[A-Za-z]+ as /, "", name)
      if (name ~ /^data segment/) name = "(data segments)"
      else if (name ~ /::/) { sub(/::.*/, "", name); sub(/\[[0-9a-f]+\]$/, "", name) }
      else name = "(other: tables, elements, unnamed)"
      sum[name] += bytes; total += bytes }
    END { for (n in sum) printf "%d\t%.1f%%\t%s\n", sum[n], 100 * sum[n] / total, n }' \
    | sort -rn | head -10
}
hello_raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/ccp-bench-hello-ui.wasm"
app_raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/ccp-ui.wasm"

# ---- the table ----------------------------------------------------------------------------
get() { sed -n "s/^$1=//p" "$out"; }
# median and p95 (nearest rank) of a list of ms
stats() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { i = int(0.95 * NR); if (i < 0.95 * NR) i++;
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d %d\n", m, v[i] }'; }
read -r hs_med hs_p95 < <(get hello_start_ms | stats)
read -r as_med as_p95 < <(get app_start_ms | stats)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
kib() { echo $((($1 + 1023) / 1024)); }
size() { stat -c %s "$1"; }
gz() { gzip -9c "$1" | wc -c; }
br() { brotli -q 11 -c "$1" | wc -c; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
hp=$(get hello_pss_kb) ap=$(get app_pss_kb) al=$(get app_pss_late_kb)
growth=$(awk -v a="$ap" -v b="$al" 'BEGIN { printf "%+.1f MiB (%+.1f %%)", (b - a) / 1024, 100 * (b - a) / a }')

row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
sizerow() { # label, bytes hello, bytes app, goal
  row "$1" "$(kib "$2") KiB" "$(kib "$3") KiB" "$(ratio "$3" "$2")" "$4"
}
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo "Measured $(date -u +%Y-%m-%d) by \`scripts/bench.sh$([ "$quick" = 1 ] && echo " --quick")\` on $(nproc) cores ($cpu), $ram RAM, $(. /etc/os-release && echo "$PRETTY_NAME"); release builds; hello = bench/hello (Tauri 2 + Yew hello world, same versions, features and profile)."
echo
row what hello app "app / hello" goal
row --- --- --- --- ---
row "start → first paint over WebDriver under Xvfb, median ($RUNS starts; hello: its text in the DOM, app: cached cards, \`--demo\`)" \
  "$hs_med ms" "$as_med ms" "$(ratio "$as_med" "$hs_med")" "≤ 1.2×"
row "start → first paint, p95 (nearest rank)" "$hs_p95 ms" "$as_p95 ms" "$(ratio "$as_p95" "$hs_p95")" "≤ 1.25×"
med() { get "$1" | stats | awk '{ print $1 }'; }
row "… of which launch → navigation start (process, GTK, set-up, WebKit's web process), median" \
  "$(med hello_part1) ms" "$(med app_part1) ms" "$(ratio "$(med app_part1)" "$(med hello_part1)")" ""
row "… and navigation start → seen (the page: HTML, wasm, IPC, render), median" \
  "$(med hello_part2) ms" "$(med app_part2) ms" "$(ratio "$(med app_part2)" "$(med hello_part2)")" ""
row "… the app's page from navigation start, medians: wasm running / first render done / events listened to / app_info / snapshot / seen" \
  "" "$(med app_part3) / $(med app_part4) / $(med app_part5) / $(med app_part6) / $(med app_part7) / $(med app_part2) ms" "" ""
row "PSS after ${IDLE} s idle, all processes (app + WebKit web/network; $(get hello_procs) / $(get app_procs))" \
  "$(mib "$hp")" "$(mib "$ap")" "$(ratio "$ap" "$hp")" "≤ 1.15×"
split() { # "app web network" kB → "a / w / n MiB"
  awk '{ printf "%.0f / %.0f / %.0f MiB", $1 / 1024, $2 / 1024, $3 / 1024 }' <<<"$1"
}
row "… by process: app / WebKit web / WebKit network" "$(split "$(get hello_split)")" "$(split "$(get app_split)")" "" ""
row "… the demo's server beside it (\`ccp-sandbox\`, started for \`--demo\` only; not in the sum)" "" \
  "$(awk '{ printf "%.0f MiB", $4 / 1024 }' <<<"$(get app_split)")" "" ""
hd=$(get hidden_pss_kb) hl=$(get hidden_late_pss_kb)
row "app PSS started hidden (into the tray, as at login), after ${IDLE} s; app / web / network: $(split "$(get hidden_split)")" \
  "" "$(mib "$hd")" "$(ratio "$hd" "$hp")" "below shown"
row "app PSS hidden $((GROWTH / 60)) min (window released after ${CCP_RELEASE_HIDDEN_SECS:-300} s hidden); app / web / network: $(split "$(get hidden_late_split)")" \
  "" "$(mib "$hl")" "$(ratio "$hl" "$hp")" "below shown"
read -r bg_med bg_p95 < <(get bg_ms | stats)
read -r bg_polls bg_secs < <(get bg_rate)
read -r wait_med wait_p95 < <(get bg_wait_ms | stats)
read -r after_med after_p95 < <(get bg_after_ms | stats)
row "3-D Secure passcode: injection → notification on D-Bus (what the cardholder sees), window hidden, idle pace (n=$BG_N; sandbox over TCP, release app)" \
  "" "p50 $bg_med ms, p95 $bg_p95 ms at $(awk -v p="$bg_polls" -v s="$bg_secs" 'BEGIN { printf "%.0f", p * 3600 / s }') requests/h" "" "p95 ≤ 6 s at ≤ 600/h"
row "… of which the wait for the app's next read / that read → the notification" \
  "" "p50 $wait_med / $after_med ms, p95 $wait_p95 / $after_p95 ms" "" ""
row "app PSS growth over $((GROWTH / 60)) min more idle, 3-D Secure polling on" "" "$growth" "" "≤ 2 %"
sizerow "release binary (LTO, opt-level s, stripped)" "$(size "$HELLO_BIN")" "$(size "$APP_BIN")" "≤ 2.5×"
sizerow ".deb" "$(size "$hello_deb")" "$(size "$app_deb")" ""
sizerow "wasm UI raw (wasm-opt -Oz)" "$(size "$hello_wasm")" "$(size "$app_wasm")" ""
sizerow "wasm UI gzip -9" "$(gz "$hello_wasm")" "$(gz "$app_wasm")" ""
sizerow "wasm UI brotli -q 11" "$(br "$hello_wasm")" "$(br "$app_wasm")" "≤ 3×"
row "UI build (\`scripts/build-ui.sh\`, warm)" "" "$((ui_ms / 1000)) s" "" ""
# ccp-core's measure example: its latency lines as p50/p95, the rest as printed.
while IFS= read -r line; do
  case $line in
    "=="* | "") ;;
    *"p50="*"p95="*)
      label=${line%% (every*}
      cadence=$(sed -n 's/.*(every \([^)]*\)).*/\1/p' <<<"$line")
      row "3-D Secure passcode: injection → event, $label (poll every $cadence; $(sed -n 's/.*\(n=[0-9]*\).*/\1/p' <<<"$line"))" \
        "" "$(sed -n 's/.*p50=\([0-9]* ms\) p95=\([0-9]* ms\).*/p50 \1, p95 \2/p' <<<"$line")" "" "" ;;
    *"open(existing)"*)
      value=${line#* open(existing)+first read }
      row "cache, $(awk '{ print $1 }' <<<"$line"), 5 000 records (ccp-core measure)" "" "open + first read ${value//' | '/; }" "" "" ;;
    *) row "ccp-core measure: ${line%%:*}" "" "${line#*: }" "" "" ;;
  esac
done <"$out.measure"

echo
echo "Where the bytes go (release binaries: \`cargo bloat --crates\`, share of the whole file; wasm: \`twiggy top\` grouped by crate, before wasm-bindgen and wasm-opt)."
for p in ccp-bench-hello comecomepay-desktop; do
  echo; echo "\`$p\` binary:"; echo; echo '```'; sed '/^Note:/,$d' "$out.bloat-$p"; echo '```'
done
for w in "hello:$hello_raw" "app:$app_raw"; do
  echo; echo "${w%%:*} wasm ($(kib "$(size "${w#*:}")") KiB before wasm-bindgen and wasm-opt), by crate:"; echo
  echo '```'; wasm_crates "${w#*:}" | awk -F'\t' '{ printf "%8d KiB %6s  %s\n", ($1 + 1023) / 1024, $2, $3 }'; echo '```'
done
echo; echo "app wasm, the ten biggest items (\`twiggy top -n 10\`):"; echo
echo '```'; twiggy top -n 10 "$app_raw"; echo '```'
echo; echo "app wasm, what keeps the bytes alive (\`twiggy dominators -d 4 -r 8\`):"; echo
echo '```'; twiggy dominators -d 4 -r 8 "$app_raw"; echo '```'
