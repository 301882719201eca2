#!/usr/bin/env bash
# Our PDQ and Meta's reference Java PDQ on the same images in one JMH run (PdqBenchmark;
# docs/benchmarks.md, section 6). The reference is built OUTSIDE this repository and joins the
# class path only for the run; none of its code is committed here.
#   PDQ_REF_JAR=/tmp/pdq-ref/pdq-ref.jar bench/pdq-reference.sh          # a jar built earlier
#   THREATEXCHANGE=~/src/ThreatExchange bench/pdq-reference.sh           # builds it from a checkout
#   bench/pdq-reference.sh -p image=bridge-mods/aaa-orig.jpg 'PdqBenchmark.*_hash'   # JMH arguments
# A checkout: git clone --depth 1 https://github.com/facebook/ThreatExchange. The build compiles
# pdq/java/src/main/java/pdqhashing/{hasher,types,utils} with javac into PDQ_REF_DIR (default
# /tmp/pdq-ref). It runs PdqBenchmark (all of it, ~9 minutes, unless a pattern is given).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/java-home.sh"
ref_dir="${PDQ_REF_DIR:-/tmp/pdq-ref}"
ref_jar="${PDQ_REF_JAR:-$ref_dir/pdq-ref.jar}"
case "$(readlink -f "$ref_dir")/" in
  "$root"/*) echo "bench: PDQ_REF_DIR must be outside the repository ($root)" >&2; exit 2 ;;
esac
if [ ! -f "$ref_jar" ]; then
  if [ -z "${THREATEXCHANGE:-}" ] || [ ! -d "$THREATEXCHANGE/pdq/java/src/main/java/pdqhashing" ]; then
    echo "bench: no reference jar at $ref_jar; set PDQ_REF_JAR, or THREATEXCHANGE to a checkout of" >&2
    echo "       https://github.com/facebook/ThreatExchange (git clone --depth 1 ...)" >&2
    exit 2
  fi
  echo "bench: compiling the reference PDQ from $THREATEXCHANGE into $ref_dir..." >&2
  rm -rf "$ref_dir/classes"
  mkdir -p "$ref_dir/classes"
  src="$THREATEXCHANGE/pdq/java/src/main/java/pdqhashing"
  # shellcheck disable=SC2046
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -d "$ref_dir/classes" \
    $(find "$src/hasher" "$src/types" "$src/utils" -name '*.java')
  "$JAVA_HOME/bin/jar" cf "$ref_jar" -C "$ref_dir/classes" .
  echo "bench: reference commit $(git -C "$THREATEXCHANGE" rev-parse --short HEAD 2>/dev/null || echo unknown)" >&2
fi
cd "$root"
echo "bench: building kyodaku-benchmarks..." >&2
./mvnw -q -B -o -DskipTests -pl kyodaku-benchmarks -am package >&2
describe_run
echo "bench: reference jar $ref_jar ($(sha256sum "$ref_jar" | cut -c1-12))" >&2
jar="$(mktemp "${TMPDIR:-/tmp}/kyodaku-benchmarks.XXXXXX.jar")"
trap 'rm -f "$jar"' EXIT
cp kyodaku-benchmarks/target/benchmarks.jar "$jar"
# Only PdqBenchmark unless a pattern naming it is given (other JMH options pass through).
case " $* " in
  *PdqBenchmark*) ;;
  *) set -- "$@" PdqBenchmark ;;
esac
# JMH's forks inherit this class path, so the reference is visible to every measured JVM.
# shellcheck disable=SC2086
"$java" ${KYODAKU_JMH_OPTS:-} -cp "$jar:$ref_jar" org.openjdk.jmh.Main "$@"
