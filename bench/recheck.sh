#!/usr/bin/env bash
# bench/recheck.sh [RUNS]
# Times the check of complete data from the page cache: bitquark's initial check (torrent added
# over REST to a running server), its recheck of a loaded torrent, and the `download` command on
# complete data (JVM start included), against sha1sum (one process, and two at once = two cores)
# and libtorrent 2.0's recheck (python3-libtorrent), all in one run, medians of RUNS (default 3).
# Payloads: the shared harness's 1 GiB single file (1 MiB pieces) and 256 MiB multi-file torrent.
# Everything listens on 127.0.0.1 only; every wait is bounded. Prints a markdown table per torrent.
# Env: BENCH_DIR (default /tmp/bench), BITQUARK_JAVA_OPTS (JVM options, as ./bitquark.sh start uses them),
#      RECHECK_TORRENTS (default "single-1024M-1024k.torrent multi-256M-256k.torrent").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
harness="${BENCH_HARNESS:-/work/shared/bench}"
runs="${1:-3}"
export BENCH_DIR="${BENCH_DIR:-/tmp/bench}"

if [ -z "${JAVA_HOME:-}" ]; then
  for cand in /usr/lib/jvm/temurin-25-jdk-*; do [ -x "$cand/bin/java" ] && JAVA_HOME="$cand"; done
fi
export JAVA_HOME
jar="$root/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "no $jar: build first (./mvnw -q -B package -DskipTests -DskipUi)" >&2; exit 1; }
[ -x "$harness/make-data.sh" ] || { echo "shared bench harness not found at $harness" >&2; exit 1; }

"$harness/make-data.sh" 1024 1024 single >/dev/null
"$harness/make-data.sh" 256 auto multi >/dev/null

# bitquark runs through its launcher (target/quarkus-app/bitquark), with the settings users get.
echo "JVM: $JAVA_HOME/bin/java through the launcher ${BITQUARK_JAVA_OPTS:+(plus $BITQUARK_JAVA_OPTS)}"
echo "commit: $(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)"
exec /usr/bin/python3 "$here/recheck.py" --runs "$runs" --jar "$jar" --java "$here/lib/launcher-as-java" \
  --java-opts "${BITQUARK_JAVA_OPTS:-}" \
  ${RECHECK_TORRENTS:-single-1024M-1024k.torrent multi-256M-256k.torrent}
