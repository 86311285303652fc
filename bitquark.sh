#!/usr/bin/env bash
# bitquark developer entry point.
#   ./bitquark.sh start [server options]   build (with the web UI) and start the server on :3030
#   ./bitquark.sh test                     run every test: unit, codec, interop with real clients, API, browser
#   ./bitquark.sh build                    build target/quarkus-app without running tests
#   ./bitquark.sh download <torrent> [opts] download from the command line (builds first if needed)
# Both run target/quarkus-app/bitquark, the launcher that holds the JVM settings (src/main/dist/bitquark).
# Picks a JDK >= 21 (Temurin 25 preferred) for Maven; installs test prerequisites with apt when root.
set -euo pipefail
cd "$(dirname "$0")"

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
    return
  fi
  for cand in /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-2[1-9]-jdk-* /usr/lib/jvm/java-2[1-9]-openjdk-*; do
    if [ -x "$cand/bin/javac" ]; then
      export JAVA_HOME="$cand"
      return
    fi
  done
  echo "bitquark: no JDK 21+ found under /usr/lib/jvm; install Temurin 25 (or any JDK 21+) and set JAVA_HOME" >&2
  exit 1
}

cmd="${1:-start}"
[ $# -gt 0 ] && shift
pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"

case "$cmd" in
  build)
    ./mvnw -B -q package -DskipTests "$@"
    ;;
  start)
    ./mvnw -B -q package -DskipTests
    exec target/quarkus-app/bitquark server "$@"
    ;;
  download)
    [ -x target/quarkus-app/bitquark ] || ./mvnw -B -q package -DskipTests
    exec target/quarkus-app/bitquark download "$@"
    ;;
  test)
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      bash .ci/install-test-deps
    fi
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    # verify = unit + integration tests + UI tests, then the native-image sources build (no GraalVM needed).
    ./mvnw -B verify "$@"
    ./mvnw -B -q package -DskipTests -DskipUi -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true
    test -s target/native-sources/native-image.args
    echo "native-image sources: target/native-sources/native-image.args"
    ;;
  *)
    echo "usage: $0 start|test|build|download [args]" >&2
    exit 2
    ;;
esac
