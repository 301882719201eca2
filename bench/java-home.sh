# Sourced by the bench scripts. Picks a JDK 21+ (25 recommended) into $java and exports JAVA_HOME,
# the same way ./kyodaku does: JAVA_HOME if it is recent enough, else java on PATH, else a JDK
# under /usr/lib/jvm.
java_ok() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] >= 21) }'; }

java=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java_ok "$JAVA_HOME/bin/java"; then
  java="$JAVA_HOME/bin/java"
else
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* "$(command -v java || true)" /usr/lib/jvm/*21*; do
    [ -n "$candidate" ] || continue
    [ -d "$candidate" ] && candidate="$candidate/bin/java"
    if [ -x "$candidate" ] && java_ok "$candidate"; then
      java="$candidate"
      break
    fi
  done
fi
if [ -z "$java" ]; then
  echo "bench: needs a JDK 21 or newer (25 recommended); set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"

# What was measured: the commit (and whether the work tree differs from it), and how busy the
# machine already was; a benchmark sharing two cores with a build measures the build too.
describe_run() {
  local rev dirty=""
  rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    dirty=" + uncommitted changes"
  fi
  echo "bench: commit $rev$dirty; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ { print $2 " GiB" }'); $("$java" -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}

# Builds kyodaku-benchmarks and sets $jar to a private copy of benchmarks.jar, deleted on exit: a
# build started meanwhile (by anyone) rewrites target/benchmarks.jar, and a JVM whose jar changes
# under it fails with NoClassDefFoundError in the middle of a run.
benchmarks_jar() {
  echo "bench: building kyodaku-benchmarks..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl kyodaku-benchmarks -am package >&2)
  jar="$(mktemp "${TMPDIR:-/tmp}/kyodaku-benchmarks.XXXXXX.jar")"
  trap 'rm -f "$jar"' EXIT
  cp "$root/kyodaku-benchmarks/target/benchmarks.jar" "$jar"
}
