#!/usr/bin/env bash
# The export against json-server 0.17.4 behind a fault-injecting proxy (e2e/fault-proxy.js): one imported post
# is always refused with 500, one new post's POST is stored by json-server and answered 504, and the rest is
# edited at random through the REST API. The refused post must not hold back the others: after three runs the
# change log is empty, every other record equals the remote, the remote holds no duplicate, and the refused post
# is parked in /sync/failures. Once the proxy stops refusing, re-queueing all open failures converges fully.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/32-export-faults-json-server"
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
proxy_port=$(free_port)
start_json_server "$work" "$peer_port"
peer_pid=$PEER_PID
node "$E2E/fault-proxy.js" "$proxy_port" "$peer_port" >"$work/proxy.log" 2>&1 &
proxy_pid=$!
trap 'stop_service; kill $peer_pid $proxy_pid 2>/dev/null || true; wait $peer_pid $proxy_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1
wait_for_http "$proxy_port" /posts/1
start_service "$work" "$proxy_port" --sync.import.on-startup=false --sync.export.concurrency=4 \
  --sync.export.chunk-size=7 --sync.remote.retry.max-attempts=2 --sync.remote.retry.initial-delay=50ms
check() { run_check dev.jpsync.e2e.ExportedDatabaseCheck "$1" "$DB_PORT" jpsync "${@:2}"; }
faults() { curl -fsS -X POST "http://127.0.0.1:$proxy_port/__faults/$1"; echo; }
export_once() {
  local run
  run=$(run_job exportJob)
  node -e 'const e=JSON.parse(process.argv[1]); console.log(`exportJob ${e.status}: ${e.exitDescription || ""}`)' "$run"
  grep -q '"status":"COMPLETED"' <<<"$run"
}

echo "-- import (through the proxy, no faults yet)"
import=$(run_job importJob)
grep -q '"status":"COMPLETED"' <<<"$import" || { echo "import did not complete: $import"; exit 1; }

echo "-- faults: PUT/DELETE of post 3 answer 500; the POST of 'stored, then 504' is stored and answered 504"
faults 'refuse?path=/posts/3'
faults 'store-then-504?title=stored,%20then%20504'
api PATCH /posts/3 '{"title": "always refused by the remote"}' >/dev/null
api POST /posts '{"userId": 4, "title": "stored, then 504", "body": "the remote has me, the answer was lost"}' >/dev/null

echo "-- random edits through the REST API"
RANDOM=11
for i in $(seq 60); do
  post=$(( (RANDOM % 90) + 5 ))       # posts 5..94: never the refused post 3
  case $(( RANDOM % 6 )) in
    0|1) api PATCH "/posts/$post" "{\"title\": \"random title $i\"}" >/dev/null 2>&1 || true ;;
    2) api POST /posts "{\"userId\": $(( RANDOM % 10 + 1 )), \"title\": \"random new post $i\", \"body\": \"body $i\"}" >/dev/null ;;
    3) api POST /comments "{\"postId\": $post, \"name\": \"random comment $i\", \"email\": \"r$i@example.com\", \"body\": \"b\"}" >/dev/null 2>&1 || true ;;
    4) api PATCH "/comments/$(( post * 5 ))" "{\"body\": \"random body $i\"}" >/dev/null 2>&1 || true ;;
    5) api DELETE "/comments/$(( post * 5 - 1 ))" >/dev/null 2>&1 || true ;;
  esac
done
echo "change_log entries waiting: $(check query 'SELECT COUNT(*) FROM change_log')"

echo "-- three exports: the others go at once, post 3 is parked after the third run"
for run in 1 2 3; do
  export_once
done
[ "$(check query 'SELECT COUNT(*) FROM change_log')" = 0 ] || { echo "the change log did not drain"; exit 1; }
failures=$(api GET /sync/failures)
node -e 'const p=JSON.parse(process.argv[1]); const open=p.content.filter(f=>!f.requeuedAt);
  console.log(open.map(f=>`sync failure: ${f.entity} ${f.entityId} ${f.op}: ${f.reason}`).join("\n"));
  process.exit(open.length===1 && open[0].entity==="POST" && open[0].entityId===3 && /parked after 3 runs/.test(open[0].reason) ? 0 : 1)' "$failures"
check compare-except "http://127.0.0.1:$peer_port" 3 | tee "$work/compare-except.log"
grep -q '^OK:' "$work/compare-except.log"
stored=$(curl -fsS "http://127.0.0.1:$peer_port/posts?title=stored,%20then%20504" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')
[ "$stored" = 1 ] || { echo "the post answered 504 is $stored times on the remote"; exit 1; }
curl -fsS "http://127.0.0.1:$proxy_port/__faults" | grep -q '504 after 201 POST /posts' || { echo "the 504 was not injected"; exit 1; }

echo "-- the remote accepts post 3 again: re-queue all open failures, export, compare everything"
faults clear
api POST /sync/failures/retry | grep -q '"requeued":1'
export_once
check compare "http://127.0.0.1:$peer_port" | tee "$work/compare.log"
grep -q '^OK:' "$work/compare.log"
