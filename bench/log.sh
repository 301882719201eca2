#!/usr/bin/env bash
# The transparency-log benchmark (docs/benchmarks.md section 3.4): builds kyodaku-benchmarks and
# runs org.kyodaku.benchmarks.log.LogBench; arguments go to it, e.g.
#   bench/log.sh                                  # 10^6 entries of 200 bytes, batches of 1024 / 100 ms
#   bench/log.sh --entries 10000000 --dir /data   # 10^7 (about 3 GB of tiles and bundles)
#   bench/log.sh --batch 256 --delay-ms 250       # Tessera's default batching
# Options: --entries --entry-bytes --batch --delay-ms --in-flight --proofs --acts --dir.
# Progress on stderr; the results as one JSON line on stdout. The log is written under --dir
# (default the temp directory) and deleted at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/java-home.sh"
cd "$root"
benchmarks_jar
describe_run
# shellcheck disable=SC2086
"$java" ${KYODAKU_BENCH_OPTS:-} -cp "$jar" org.kyodaku.benchmarks.log.LogBench "$@"
