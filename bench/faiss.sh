#!/usr/bin/env bash
# Kyodaku's Hamming index and FAISS side by side on the same 256-bit codes, one machine, one run
# (docs/benchmarks.md §7, "Similarity index"):
#   bench/faiss.sh                  # N = 10^6, 1,000 random + 1,000 near-duplicate queries (~3 min)
#   bench/faiss.sh --n 10000000     # N = 10^7 (~15 min; FAISS MultiHash needs ~4 GB, the JVM ~3 GB)
#   bench/faiss.sh --n 1000000 --nq 2000 --seed 7 --work /tmp/other   # other options: see the .py
# Needs Debian's python3-faiss and python3-numpy for /usr/bin/python3 (apt-get install -y
# python3-faiss python3-numpy) and the shared FAISS tool (../shared/tools/faiss, or
# KYODAKU_FAISS_TOOL). Prints JSON lines, a Markdown table and the ratios; exits 2 if our answers
# differ from FAISS Flat's (exact) on any query. KYODAKU_BENCH_JVM_OPTS: JVM options (-Xmx6g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/java-home.sh"
cd "$root"
tool="${KYODAKU_FAISS_TOOL:-$root/../shared/tools/faiss}"
if [ ! -f "$tool/bench.py" ]; then
  echo "bench: no FAISS tool at $tool (set KYODAKU_FAISS_TOOL to the folder holding bench.py)" >&2
  exit 1
fi
if ! /usr/bin/python3 -c 'import faiss, numpy' 2>/dev/null; then
  echo "bench: /usr/bin/python3 cannot import faiss and numpy; apt-get install -y python3-faiss python3-numpy" >&2
  exit 1
fi
benchmarks_jar
describe_run
echo "bench: uptime:$(uptime)" >&2
# shellcheck disable=SC2086
/usr/bin/python3 "$root/bench/faiss_side_by_side.py" --tool "$tool" \
  --java "$java ${KYODAKU_BENCH_JVM_OPTS:--Xmx6g} -cp $jar" "$@"
