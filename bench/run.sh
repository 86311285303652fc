#!/usr/bin/env bash
# bench/run.sh [RUNS] [CLIENTS...]
# Times bitquark's `download --exit-on-finish` against libtorrent, qBittorrent and aria2 (and any
# other client the shared harness knows) on the same torrents, from the same local libtorrent
# seeder, with the shared loopback harness in ../shared/bench (its `custom` client contract).
# Builds bitquark first if needed. Results: the harness's markdown tables, also appended to
# bench/results.md; copy the medians into bench/RESULTS.md with the date and machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
harness="${BENCH_HARNESS:-$root/../shared/bench}"
runs="${1:-3}"; [ $# -gt 0 ] && shift
clients=("$@"); [ ${#clients[@]} -eq 0 ] && clients=(libtorrent qbittorrent aria2 custom)
[ -x "$harness/compare.sh" ] || { echo "shared bench harness not found at $harness" >&2; exit 1; }

for cand in /usr/lib/jvm/temurin-25-jdk-*; do [ -x "$cand/bin/java" ] && JAVA_HOME="$cand"; done
export JAVA_HOME
if [ ! -x "$root/target/quarkus-app/bitquark" ]; then
  (cd "$root" && ./bitquark.sh build)
fi

"$harness/install-peers.sh" >/dev/null
"$harness/make-data.sh" 1024 1024 single >/dev/null
"$harness/make-data.sh" 256 auto multi >/dev/null

# bitquark runs through its launcher, with the JVM settings every user gets (src/main/dist/bitquark);
# BITQUARK_JAVA_OPTS adds to them.
export CUSTOM_NAME=bitquark
export CUSTOM_VERSION="bitquark $(cd "$root" && git describe --always --dirty 2>/dev/null || echo dev)"
export CUSTOM_DONE=exit
export CUSTOM_CMD="$root/target/quarkus-app/bitquark download {torrent} --output {outdir} --listen-port {port} --bind 127.0.0.1 --no-dht --exit-on-finish"

for t in single-1024M-1024k.torrent multi-256M-256k.torrent; do
  echo "== $t"
  "$harness/compare.sh" -n "$runs" -t "$t" "${clients[@]}" | tee -a "$here/results.md"
done
