#!/usr/bin/env bash
# Robustness report for the image fingerprints (docs/fingerprints.md): builds kyodaku-fingerprint's
# test classes offline, then runs org.kyodaku.fingerprint.robustness.RobustnessReport on the test
# class path and prints Markdown on stdout (progress on stderr). About 2-3 minutes on 2 cores.
#   bench/robustness.sh                       # the full report
#   bench/robustness.sh --no-packages         # only the upstream PDQ test photos
#   bench/robustness.sh --threads 1 --seed 7  # other options: see the class's Javadoc
# Sources: shared/testdata/pdq/data (found as the tests find it; or set KYODAKU_SHARED) and, where
# installed, the Debian wallpaper packages the report names:
#   apt-get install -y mate-backgrounds ukui-wallpapers lomiri-wallpapers-20.04 plasma-workspace-wallpapers
# KYODAKU_ROBUSTNESS_OPTS: JVM options (default -Xmx6g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# A JDK 21+ (25 recommended): JAVA_HOME if recent enough, else the machine's Temurin 25, else java.
java_ok() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] >= 21) }'; }
java=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/temurin-25*/bin/java "$(command -v java || true)"; do
  if [ -x "$candidate" ] && java_ok "$candidate"; then java="$candidate"; break; fi
done
if [ -z "$java" ]; then
  echo "robustness: needs a JDK 21 or newer (25 recommended); set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"

# -am builds the modules it needs from this tree (never installs); the class path file lists the
# test-scope dependencies, reactor modules as their target/classes.
echo "robustness: building kyodaku-fingerprint test classes (offline)..." >&2
./mvnw -q -B -o -pl kyodaku-fingerprint -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/robustness.classpath -Dmdep.includeScope=test >&2
module="$root/kyodaku-fingerprint"
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/robustness.classpath")"

echo "robustness: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ { print $2 " GiB" }'); $("$java" -version 2>&1 | head -1); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)" >&2
for p in mate-backgrounds ukui-wallpapers lomiri-wallpapers-20.04 plasma-workspace-wallpapers; do
  echo "robustness: package $p $(dpkg-query -W -f '${Version}' "$p" 2>/dev/null || echo 'not installed')" >&2
done
# shellcheck disable=SC2086
exec "$java" ${KYODAKU_ROBUSTNESS_OPTS:--Xmx6g} -Djava.awt.headless=true -cp "$cp" \
  org.kyodaku.fingerprint.robustness.RobustnessReport "$@"
