#!/usr/bin/env bash
# bench/all.sh [RUNS]
# Every speed and memory measurement of the project in one sitting, on one quiet machine, each beside its
# reference from the same run, then one dated section at the top of bench/RESULTS.md:
#   1. download, 1 GiB single file and 256 MiB in 20 files, from one local libtorrent seeder (shared harness
#      ../shared/bench): libtorrent; the `download` command through the launcher (JVM start included); the
#      server through the launcher, fresh and with a warm JIT (torrent added over REST); plain `java -jar`
#      without the launcher's settings for reference (1 GiB only);
#   2. recheck of the complete 1 GiB torrent (bench/recheck.sh): sha1sum, libtorrent, bitquark;
#   3. seeding 1 GiB to a libtorrent leecher (bench/seed.sh): libtorrent seeder vs bitquark seeder;
#   4. 5,000 torrents loaded, 50 active (bench/many.sh).
# Nothing else should run on the machine meanwhile. Takes about 20 minutes with RUNS=3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
harness="${BENCH_HARNESS:-$root/../shared/bench}"
runs="${1:-3}"
[ -x "$harness/compare.sh" ] || { echo "shared bench harness not found at $harness" >&2; exit 1; }
for cand in /usr/lib/jvm/temurin-25-jdk-*; do [ -x "$cand/bin/java" ] && JAVA_HOME="$cand"; done
export JAVA_HOME
app="$root/target/quarkus-app"
[ -x "$app/bitquark" ] || (cd "$root" && ./bitquark.sh build)
. "$harness/env.sh"
"$harness/install-peers.sh" >/dev/null
"$harness/make-data.sh" 1024 1024 single >/dev/null
"$harness/make-data.sh" 256 auto multi >/dev/null
out="$(mktemp -d /tmp/bitquark-bench.XXXX)"
# The launcher's AOT cache is made by the first two runs of each command after a build (one records, the next
# makes it): two untimed runs of each first, so that the table shows what every later run gets. The
# `cold AOT` rows of RESULTS.md show those first runs.
CUSTOM_NAME=bitquark-cli CUSTOM_VERSION="priming" CUSTOM_DONE=exit \
  CUSTOM_CMD="$app/bitquark download {torrent} --output {outdir} --listen-port {port} --bind 127.0.0.1 --no-dht --no-lsd --exit-on-finish" \
  BITQUARK_JAR="$app/quarkus-run.jar" BITQUARK_JAVA="$here/lib/launcher-as-java" BITQUARK_SERVER_ARGS="--no-dht --no-lsd" \
  BITQUARK_VERSION="priming" "$harness/compare.sh" -n 2 -t multi-256M-256k.torrent custom bitquark >/dev/null 2>&1 || true
since=$(date +%s)
version="$(cd "$root" && git describe --always --dirty 2>/dev/null || echo dev)"

export BITQUARK_JAR="$app/quarkus-run.jar" BITQUARK_JAVA="$here/lib/launcher-as-java"
export BITQUARK_SERVER_ARGS="--no-dht --no-lsd" CUSTOM_DONE=exit
cli_args="download {torrent} --output {outdir} --listen-port {port} --bind 127.0.0.1 --no-dht --no-lsd --exit-on-finish"
for t in single-1024M-1024k.torrent multi-256M-256k.torrent; do
  echo "== download $t" >&2
  CUSTOM_NAME=bitquark-cli CUSTOM_VERSION="bitquark download" CUSTOM_CMD="$app/bitquark $cli_args" \
    BITQUARK_VERSION="bitquark server, fresh" "$harness/compare.sh" -n "$runs" -t "$t" libtorrent custom bitquark >&2
  BITQUARK_VERSION="bitquark server, warm JIT" BITQUARK_WARMUP_TORRENT="$BENCH_DIR/torrents/multi-256M-256k.torrent" \
    "$harness/compare.sh" -n "$runs" -t "$t" bitquark >&2
done
echo "== download, plain java -jar" >&2
CUSTOM_NAME=bitquark-plain CUSTOM_VERSION="bitquark download, plain java -jar" \
  CUSTOM_CMD="$JAVA_HOME/bin/java -jar $app/quarkus-run.jar $cli_args" \
  "$harness/compare.sh" -n "$runs" -t single-1024M-1024k.torrent custom >&2
python3 "$here/lib/summary.py" "$BENCH_DIR/results/results.jsonl" "$since" > "$out/download.md"

section() {  # section TITLE SCRIPT ARGS...: runs a project bench script, keeps its markdown table
  local title="$1" script="$2"; shift 2
  echo "== $title" >&2
  if [ -x "$here/$script" ]; then
    { echo "### $title (\`bench/$script $*\`)"; echo; "$here/$script" "$@" 2>&2 | sed -n '/^|/p'; echo; } >> "$out/rest.md" \
      || echo "($script failed)" >> "$out/rest.md"
  fi
}
: > "$out/rest.md"
section "Recheck of the complete 1 GiB torrent" recheck.sh "$runs"
section "Seeding 1 GiB to a libtorrent leecher" seed.sh "$runs"
section "5,000 torrents loaded, 50 active" many.sh

cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
{
  echo "## $(date -u +%Y-%m-%d) — \`bench/all.sh $runs\` on $version"
  echo
  echo "$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo) GiB, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)."
  echo "Medians of $runs runs; ratios are to libtorrent 2.0.8 in the same run (same seeder, same machine)."
  echo "bitquark runs through its launcher (target/quarkus-app/bitquark), as the README's commands do, except"
  echo "the \"plain java -jar\" row."
  echo
  echo "### Download"
  echo
  cat "$out/download.md"
  echo
  cat "$out/rest.md"
} > "$out/section.md"
python3 - "$here/RESULTS.md" "$out/section.md" <<'PY'
import sys
path, sec = sys.argv[1], open(sys.argv[2]).read()
text = open(path).read()
i = text.find('\n## ')
text = text + '\n' + sec if i < 0 else text[:i + 1] + sec + '\n' + text[i + 1:]
open(path, 'w').write(text)
PY
cat "$out/section.md"
echo "written to $here/RESULTS.md (work files in $out)" >&2
