#!/usr/bin/env bash
# Queries while registering (docs/benchmarks.md §7.4): a reader
# searching a preloaded index alone, then while a writer registers RATE codes/s into the tail and
# flushes it into segments; per-query latency and queries over 10 ms for both phases.
#   bench/mixed.sh                        # N = 10^6, 30 s per phase, 1,000 codes/s, flush every 5,000
#   bench/mixed.sh 10000000 60 1000 65536 # N = 10^7, the registry's flush threshold
# KYODAKU_BENCH_JVM_OPTS: JVM options (default -Xmx3g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/java-home.sh"
cd "$root"
benchmarks_jar
describe_run
# shellcheck disable=SC2086
"$java" ${KYODAKU_BENCH_JVM_OPTS:--Xmx3g} -cp "$jar" org.kyodaku.benchmarks.index.MixedWorkload "$@"
