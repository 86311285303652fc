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
if [ ! -f "$root/target/quarkus-app/quarkus-run.jar" ]; then
  (cd "$root" && ./bitquark.sh build)
fi

"$harness/install-peers.sh" >/dev/null
"$harness/make-data.sh" 1024 1024 single >/dev/null
"$harness/make-data.sh" 256 auto multi >/dev/null

# JVM settings for a one-shot download: small heap (piece data lives in 16 MiB of direct buffers and
# the page cache, not the heap), serial GC, one Netty arena. C2 stays on (SHA-1 needs its intrinsic)
# but only for really hot methods: the default thresholds spent ~2.4 s of CPU compiling lukewarm
# code during a 3 s download. A dynamic CDS archive (written by the first run into target/) cuts
# class loading at start-up.
JOPTS="${BITQUARK_BENCH_JAVA_OPTS:--Xmx32m -Xss512k -XX:+UseSerialGC -XX:MaxDirectMemorySize=32m -XX:ReservedCodeCacheSize=24m -Dio.netty.allocator.numDirectArenas=1 -XX:Tier4InvocationThreshold=100000 -XX:Tier4MinInvocationThreshold=50000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=1000000 -XX:SharedArchiveFile=$root/target/bitquark-download.jsa -XX:+AutoCreateSharedArchive}"
export CUSTOM_NAME=bitquark
export CUSTOM_VERSION="bitquark $(cd "$root" && git describe --always --dirty 2>/dev/null || echo dev)"
export CUSTOM_DONE=exit
export CUSTOM_CMD="env MALLOC_ARENA_MAX=2 $JAVA_HOME/bin/java $JOPTS -jar $root/target/quarkus-app/quarkus-run.jar download {torrent} --output {outdir} --listen-port {port} --bind 127.0.0.1 --no-dht --exit-on-finish"

for t in single-1024M-1024k.torrent multi-256M-256k.torrent; do
  echo "== $t"
  "$harness/compare.sh" -n "$runs" -t "$t" "${clients[@]}" | tee -a "$here/results.md"
done
