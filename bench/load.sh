#!/usr/bin/env bash
# Load run of the HTTP API over loopback (docs/benchmarks.md). Builds, starts `kyodaku serve` on a
# free port with a fresh data directory, runs LoadRun against it from a separate JVM, then stops
# the server and deletes the data directory. Arguments go to LoadRun, e.g.
#   bench/load.sh                               # batch and single scenarios, defaults (~3 min)
#   bench/load.sh --scenario batch --clients 4
#   bench/load.sh --scenario single --rate 500 --single-seconds 60
# Environment:
#   KYODAKU_SERVER_OPTS  JVM options for the server (default: -XX:+UseParallelGC, as ./kyodaku serve), e.g.
#                        "-XX:StartFlightRecording=filename=/tmp/server.jfr,dumponexit=true"
#   KYODAKU_CLIENT_OPTS  JVM options for LoadRun
#   KYODAKU_LOAD_JSON    where LoadRun writes its results (default kyodaku-benchmarks/target/load-results.json)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/java-home.sh"
cd "$root"

echo "bench: building kyodaku-benchmarks and the CLI..." >&2
./mvnw -q -B -DskipTests -pl kyodaku-benchmarks -am package >&2
./kyodaku --version >/dev/null   # lets the launcher rebuild the CLI if its sources changed

work="$(mktemp -d "${TMPDIR:-/tmp}/kyodaku-load.XXXXXX")"
# Both JVMs run from copies: a build started meanwhile (by anyone) rewrites target/, and a JVM
# whose jars change under it fails with NoClassDefFoundError in the middle of a run.
mkdir -p "$work/cli"
cp kyodaku-cli/target/kyodaku-cli.jar "$work/cli/"
cp -r kyodaku-cli/target/lib "$work/cli/lib"
cp kyodaku-benchmarks/target/benchmarks.jar "$work/benchmarks.jar"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

describe_run

# The server's JVM options default as ./kyodaku's do for serve: the parallel collector unless
# KYODAKU_SERVER_OPTS names a collector (docs/adr/0008).
server_opts="${KYODAKU_SERVER_OPTS:-}"
if ! printf '%s' "$server_opts" | grep -q -- '-XX:+Use[A-Za-z]*GC'; then
  server_opts="-XX:+UseParallelGC $server_opts"
fi

# `kyodaku serve` as ./kyodaku runs it (same class path, from the copy). Port 0 lets the server
# pick a free port itself (no race with another process); the URL is read from its start-up line.
# exec keeps $! the server JVM's pid.
(
  # shellcheck disable=SC2086
  exec "$java" $server_opts -cp "$work/cli/kyodaku-cli.jar:$work/cli/lib/*" \
    org.kyodaku.cli.Main serve --port 0 --data "$work/data"
) >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 || true)"
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "bench: the server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
if [ -z "$url" ]; then
  echo "bench: the server did not report its address within 120 s:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "bench: server pid $server_pid at $url, data in $work/data" >&2

status=0
json="${KYODAKU_LOAD_JSON:-$root/kyodaku-benchmarks/target/load-results.json}"
# shellcheck disable=SC2086
"$java" ${KYODAKU_CLIENT_OPTS:-} -cp "$work/benchmarks.jar" \
  org.kyodaku.benchmarks.load.LoadRun \
  --server "$url" --token-file "$work/data/admin.token" --server-pid "$server_pid" --json "$json" "$@" \
  || status=$?
if grep -qiE 'exception|error' "$work/server.log"; then
  echo "bench: the server logged errors (first lines):" >&2
  grep -iE -m 20 'exception|error' "$work/server.log" >&2
fi
exit $status
