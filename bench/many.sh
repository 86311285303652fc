#!/usr/bin/env bash
# bench/many.sh — the server with many torrents: 5,000 in the session, 50 of them active.
#
# Generates (once, cached in $MANY_DIR/cache) 4,950 small torrents (one file of 16-64 KiB each,
# distinct random content, payload present: they check and then seed, with no peer) and 50 active
# ones (2 MiB each, payload absent: they download from one local libtorrent seeder, bench/many_peer.py,
# whose upload is limited to MANY_SEED_RATE bytes/s in all so that they keep downloading for minutes).
# Starts the server on fresh data/download folders, adds all 5,000 over REST, waits until every one is
# checked, stops it (SIGTERM), starts it once more unmeasured (that start makes the launcher's AOT cache, as
# a user's second start does) and then again on the same data folder. Then measures:
#   start-up   process start -> /q/health/ready 200 and all 5,000 listed, none checking
#   RSS        VmRSS / VmHWM after a settle time
#   idle CPU   utime+stime of the server over MANY_CPU_SECS, % of one core
#   list       MANY_LIST_N sequential GET /api/v1/torrents on one keep-alive connection
#   ws CPU     the same CPU figure with one /api/v1/events client connected (following one torrent)
# and prints one markdown table. Everything on 127.0.0.1; every wait is bounded.
#
# Env: MANY_DIR (/tmp/bq-many), MANY_IDLE (4950), MANY_ACTIVE (50), MANY_HTTP_PORT (23130, the peer
# port is +1, the seeder's +2), MANY_SEED_RATE (262144), MANY_SETTLE (15 s), MANY_CPU_SECS (30),
# MANY_LIST_N (200), MANY_JAVA_OPTS (extra JVM options for the measured start, e.g. JFR), MANY_HEAP_INFO (set:
# the measured server's heap and largest classes after the settle time, in $MANY_DIR/run/heap.txt),
# BITQUARK_JAVA_OPTS (JVM options added to the launcher's, for both starts; default none).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
dir="${MANY_DIR:-/tmp/bq-many}"
idle="${MANY_IDLE:-4950}"
active="${MANY_ACTIVE:-50}"
total=$((idle + active))
http="${MANY_HTTP_PORT:-23130}"
peer=$((http + 1))
seedport=$((http + 2))
settle="${MANY_SETTLE:-15}"
cpusecs="${MANY_CPU_SECS:-30}"
listn="${MANY_LIST_N:-200}"
pass="many-bench-password"
py=python3
lt_py="${BENCH_PY:-/usr/bin/python3}"   # the seeder needs python3-libtorrent (Debian's python)

if [ -z "${JAVA_HOME:-}" ]; then
  for cand in /usr/lib/jvm/temurin-25-jdk-*; do [ -x "$cand/bin/java" ] && JAVA_HOME="$cand"; done
fi
java="$JAVA_HOME/bin/java"
launcher="$root/target/quarkus-app/bitquark"
[ -x "$launcher" ] || { echo "no $launcher: build first (./bitquark.sh build)" >&2; exit 1; }

log() { echo "[many $(date +%T)] $*" >&2; }

# ---- 1. torrents and payloads (cached) ---------------------------------------------------------
"$py" "$here/many.py" gen "$dir/cache" "$idle" "$active" >&2

run="$dir/run"
rm -rf "$run"
mkdir -p "$run/data" "$run/downloads"
# Hard links: the idle torrents' payload sits in the download folder without a copy.
cp -al "$dir/cache/payload" "$run/downloads/payload"

server_pid=""; seed_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$seed_pid" ] && kill "$seed_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_server() {   # $1 = log file, $2.. = extra JVM options (through JDK_JAVA_OPTIONS: the launcher's AOT cache stays the same)
  local out="$1"; shift
  T0=$(date +%s.%N)
  export T0
  # shellcheck disable=SC2086
  # Through the launcher (it execs the JVM, so $! is the server), with the settings users get.
  env BITQUARK_AUTH_PASSWORD="$pass" BITQUARK_DATA_DIR="$run/data" BITQUARK_DOWNLOAD_DIR="$run/downloads" \
    BITQUARK_JAVA="$java" JDK_JAVA_OPTIONS="$*" "$launcher" server --http-port "$http" --http-host 127.0.0.1 \
    --peer-port "$peer" --bind 127.0.0.1 --no-dht --no-lsd >"$out" 2>&1 &
  server_pid=$!
}

stop_server() {
  kill -TERM "$server_pid"
  for _ in $(seq 1 600); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$server_pid" 2>/dev/null; then log "server did not stop in 60 s: killing"; kill -9 "$server_pid"; fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

log "JVM: $java through $launcher ${BITQUARK_JAVA_OPTS:+(plus $BITQUARK_JAVA_OPTS)}"

# ---- 2. the seeder of the active torrents -------------------------------------------------------
"$lt_py" "$here/many_peer.py" --port "$seedport" --save "$dir/cache/seed" --dial "$peer" \
  --rate "${MANY_SEED_RATE:-262144}" "$dir"/cache/torrents/active/*.torrent >"$run/seeder.log" 2>&1 &
seed_pid=$!
for _ in $(seq 1 600); do grep -q READY "$run/seeder.log" && break; kill -0 "$seed_pid" 2>/dev/null || break; sleep 0.2; done
grep -q READY "$run/seeder.log" || { log "seeder not ready"; cat "$run/seeder.log" >&2; exit 1; }

# ---- 3. first start: add everything, let it check -----------------------------------------------
start_server "$run/server-1.log"
"$py" "$here/many.py" wait "$http" "$pass" 0 60 >/dev/null || { tail -50 "$run/server-1.log" >&2; exit 1; }
"$py" "$here/many.py" add "$http" "$pass" "$dir/cache" payload >&2
t_add=$(date +%s.%N)
"$py" "$here/many.py" peers "$http" "$pass" "$dir/cache/active.txt" "$seedport"
T0=$t_add "$py" "$here/many.py" wait "$http" "$pass" "$total" 600 >"$run/checked.txt" \
  || { tail -50 "$run/server-1.log" >&2; exit 1; }
log "all $total checked $(cut -d' ' -f2 "$run/checked.txt") s after the last add"
sleep 5   # resume data is saved every second
"$py" "$here/many.py" stats "$http" "$pass" "$dir/cache/active.txt" >&2
stop_server

# ---- 4. a restart as users see it: the launcher's AOT cache exists ----------------------------------
# The first start of a build records what the JVM loads, the second builds the cache (about a second, once);
# every later start maps it. An unmeasured start makes it, so the measured one is a user's usual restart.
start_server "$run/server-prime.log"
"$py" "$here/many.py" wait "$http" "$pass" "$total" 120 >/dev/null || { tail -50 "$run/server-prime.log" >&2; exit 1; }
stop_server

# ---- 5. the measured start on the same data folder -----------------------------------------------
# shellcheck disable=SC2086
start_server "$run/server-2.log" ${MANY_JAVA_OPTS:-}
read -r t_ready t_all < <("$py" "$here/many.py" wait "$http" "$pass" "$total" 120) \
  || { tail -50 "$run/server-2.log" >&2; exit 1; }
log "ready after $t_ready s, all $total listed and checked after $t_all s; settling ${settle} s"
sleep "$settle"
"$py" "$here/many.py" stats "$http" "$pass" "$dir/cache/active.txt" >&2
read -r rss hwm < <("$py" "$here/many.py" mem "$server_pid")
if [ -n "${MANY_HEAP_INFO:-}" ]; then   # where the RSS goes: the heap's size and use, its largest classes
  { "$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info; "$JAVA_HOME/bin/jcmd" "$server_pid" VM.native_memory summary \
      2>/dev/null || true; "$JAVA_HOME/bin/jcmd" "$server_pid" GC.class_histogram | head -45; } >"$run/heap.txt" 2>&1
  log "heap after ${settle} s: $run/heap.txt"
fi
cpu_idle=$("$py" "$here/many.py" cpu "$server_pid" "$cpusecs")
log "CPU ${cpu_idle}% over ${cpusecs} s; listing ${listn} times"
read -r p50 p95 pmax nlisted nbytes < <("$py" "$here/many.py" lat "$http" "$pass" "$listn")
compatn=$(( listn / 4 > 10 ? listn / 4 : 10 ))
"$py" "$here/many.py" compat "$http" "$pass" "$compatn" >"$run/compat.txt" || log "compat APIs failed"
crow() { awk -v k="$1" '$1 == k { printf "%s / %s / %s ms (%s items, %s bytes)", $2, $3, $4, $5, $6 }' "$run/compat.txt"; }
sub=$(head -1 "$dir/cache/active.txt")
"$py" "$here/many.py" ws "$http" "$pass" $((cpusecs + 3)) "$sub" >"$run/ws.txt" &
ws_pid=$!
sleep 2   # the snapshot is sent; measure the steady stream
cpu_ws=$("$py" "$here/many.py" cpu "$server_pid" "$cpusecs")
wait "$ws_pid" || log "ws client failed"
"$py" "$here/many.py" stats "$http" "$pass" "$dir/cache/active.txt" >&2
read -r rss2 hwm2 < <("$py" "$here/many.py" mem "$server_pid")
stop_server
kill "$seed_pid" 2>/dev/null || true; wait "$seed_pid" 2>/dev/null || true; seed_pid=""

ok() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "ok" : "**over**" }'; }
cat <<EOF

bitquark $(cd "$root" && git describe --always --dirty 2>/dev/null), $total torrents ($active active), $(date -u +%F)

| figure | value | target |
|---|---|---|
| start-up: process start → ready | ${t_ready} s | |
| start-up: → all $total listed, none checking | ${t_all} s | ≤ 5 s ($(ok "$t_all" 5)) |
| RSS after ${settle} s (VmRSS / VmHWM) | ${rss} / ${hwm} MiB | ≤ 256 MiB ($(ok "$rss" 256)) |
| CPU, no client, over ${cpusecs} s | ${cpu_idle} % of one core | < 2 % ($(ok "$cpu_idle" 2)) |
| GET /api/v1/torrents ×${listn} ($nlisted items, $nbytes bytes): p50 / p95 / max | ${p50} / ${p95} / ${pmax} ms | p95 ≤ 50 ms ($(ok "$p95" 50)) |
| qBittorrent torrents/info ×${compatn}: p50 / p95 / max | $(crow qb-info) | |
| qBittorrent sync/maindata diffs ×$((compatn - 1)) after a full one of $(awk '$1 == "qb-maindata-full-bytes" { print $2 }' "$run/compat.txt") bytes | $(crow qb-maindata-diff) | |
| Transmission torrent-get, Sonarr's fields, ×${compatn} | $(crow tr-get) | |
| CPU with one /api/v1/events client, over ${cpusecs} s | ${cpu_ws} % of one core | |
| the client got | $(cat "$run/ws.txt") | |
| RSS at the end (VmRSS / VmHWM) | ${rss2} / ${hwm2} MiB | |
EOF
