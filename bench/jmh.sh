#!/usr/bin/env bash
# JMH benchmarks of the decision path (docs/benchmarks.md): builds kyodaku-benchmarks and runs
# target/benchmarks.jar with any JMH arguments given, e.g.
#   bench/jmh.sh                                   # everything, default iterations (~10 min)
#   bench/jmh.sh DecisionEngineBenchmark           # one class (~3 min)
#   bench/jmh.sh DecisionEngineBenchmark -p grants=1000 -rf json -rff /tmp/jmh.json
#   bench/jmh.sh -h                                # JMH's own options
# KYODAKU_JMH_OPTS: JVM options for the JMH launcher itself (forks get theirs with -jvmArgs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/java-home.sh"
cd "$root"
benchmarks_jar
describe_run
# shellcheck disable=SC2086
"$java" ${KYODAKU_JMH_OPTS:-} -jar "$jar" "$@"
