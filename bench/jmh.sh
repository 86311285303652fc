#!/usr/bin/env bash
# bench/jmh.sh [JMH args]   e.g. bench/jmh.sh Sha1   or   bench/jmh.sh Bencode -f 1 -i 3
# Runs the JMH micro-benchmarks in src/test/java/dev/bitquark/bench (and PiecePickerBenchmark, which
# lives in src/test/java/dev/bitquark/engine/internal beside the package-private classes it needs) on
# JDK 25, then prints `openssl speed -evp sha1` for comparison (one core). The argument is JMH's regex
# over the full benchmark names. Results as a markdown table: add `-rf json -rff FILE`, then
# bench/jmh-table.py FILE. Figures: bench/JMH.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for cand in /usr/lib/jvm/temurin-25-jdk-*; do [ -x "$cand/bin/java" ] && export JAVA_HOME="$cand"; done
./mvnw -B -q -DskipUi test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main "$@"
if command -v openssl >/dev/null; then
  echo "--- openssl speed -evp sha1 (one core)"
  openssl speed -seconds 2 -bytes 16384 -evp sha1 2>/dev/null | tail -1
  openssl speed -seconds 2 -bytes 1048576 -evp sha1 2>/dev/null | tail -1
fi
