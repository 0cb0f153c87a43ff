#!/usr/bin/env bash
# jmh.sh [JMH args...]
#
# Builds and runs the JMH micro-benchmarks of bench/src/jmh/java (Maven profile "jmh"; the normal
# build never sees them). Any arguments go to JMH's own command line, for example:
#   scripts/jmh.sh                      # every benchmark (a few minutes on 2 cores)
#   scripts/jmh.sh SignBench -p alg=SM2 # one class, one parameter value
#   scripts/jmh.sh -l                   # list the benchmarks
#   scripts/jmh.sh -h                   # JMH's options (-wi, -i, -f, -prof gc, ...)
# Results are printed and, unless you pass -rf/-rff yourself, also written as JSON to
# bench/target/jmh-result.json.
# Set JMH_SKIP_BUILD=1 to rerun without building (after one full run).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
node="$root/bench"
cp_file="$node/target/jmh-classpath.txt"

if [ "${JMH_SKIP_BUILD:-0}" != 1 ]; then
  cd "$root"
  # Compiles main and test sources plus src/jmh/java; the JMH annotation processor generates
  # the benchmark harness classes and META-INF/BenchmarkList into bench/target/test-classes.
  # In the same reactor, writes each module's test-scope classpath to target/jmh-classpath.txt
  # (relative to the module). One reactor matters: credit-certs then comes from certs/target/classes
  # as just compiled, not from a possibly stale jar in ~/.m2.
  mvn -q -B -Pjmh -DskipTests -pl bench -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt
fi
[ -f "$cp_file" ] || { echo "no $cp_file: run once without JMH_SKIP_BUILD" >&2; exit 1; }

# Default result file, unless the caller chose the result format or file.
extra=(-rf json -rff "$node/target/jmh-result.json")
for a in "$@"; do
  case "$a" in -rf|-rff) extra=() ;; esac
done

# Run from bench/ so that the benchmarks find the catalogue etc. in ../config (SampleRecords);
# JMH's forked JVMs inherit this working directory.
cd "$node"
exec java -cp "target/test-classes:target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main "${extra[@]}" "$@"
