#!/usr/bin/env bash
# bench/seed.sh [RUNS]
# bitquark as seeder: a libtorrent leecher pulls the shared 1 GiB torrent (single file, 1 MiB pieces)
# from a libtorrent seeder and from bitquark's server, one at a time, in the same run; prints a
# markdown table of medians (time, MiB/s, seeder and leecher CPU). Target: bitquark at least as fast
# as the libtorrent seeder, with no more CPU. Uses the shared harness in ../shared/bench (tracker,
# payload, lt_peer.py); all on 127.0.0.1. Run it under the build lock:
#   flock /tmp/bitquark-build.lock bench/seed.sh 3
# Env: SEED_KINDS=libtorrent,bitquark  SEED_JFR=/tmp/seed.jfr (profile bitquark)  BITQUARK_JAVA_OPTS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
harness="${BENCH_HARNESS:-$root/../shared/bench}"
[ -x "$harness/tracker.sh" ] || harness=/work/shared/bench
[ -x "$harness/tracker.sh" ] || { echo "shared bench harness not found" >&2; exit 1; }
. "$harness/env.sh"

for cand in /usr/lib/jvm/temurin-25-jdk-*; do [ -x "$cand/bin/java" ] && JAVA_HOME="$cand"; done
export JAVA_HOME
export BITQUARK_JAR="${BITQUARK_JAR:-$root/target/quarkus-app/quarkus-run.jar}"
if [ ! -x "$(dirname "$BITQUARK_JAR")/bitquark" ]; then
  (cd "$root" && ./bitquark.sh build)
fi
# The server runs through its launcher (target/quarkus-app/bitquark), with the settings users get.
export BITQUARK_JAVA="$here/lib/launcher-as-java"
export BITQUARK_JAVA_OPTS="${BITQUARK_JAVA_OPTS:-}"
echo "bitquark: $JAVA_HOME/bin/java through the launcher ${BITQUARK_JAVA_OPTS:+(plus $BITQUARK_JAVA_OPTS)}"
echo "bitquark version: $(cd "$root" && git describe --always --dirty 2>/dev/null || echo dev)"

"$harness/make-data.sh" 1024 1024 single >/dev/null
export SEED_TORRENT="$BENCH_DIR/torrents/single-1024M-1024k.torrent"
export SEED_RUNS="${1:-3}"
exec "$BENCH_PY" "$here/seed.py"
