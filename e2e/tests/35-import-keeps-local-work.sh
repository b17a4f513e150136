#!/usr/bin/env bash
# The import never overwrites local work, end to end: the service starts on an empty database and imports from
# json-server (JSONPlaceholder's posts and comments) behind a proxy that answers the collections only after a
# few seconds. While that first import runs, the REST API refuses to create a post (503, Retry-After), and a
# post is created by plain SQL (as any MySQL client could): it gets a local id that upstream also uses. After
# the import that post must still hold what was written (no remote id) and upstream's record with that id must
# live under another local id; the API then accepts the post it refused. After the export the remote must equal
# the database, field for field, through the remote ids (both posts arrived as new posts).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/35-import-keeps-local-work"
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
proxy_port=$(free_port)
start_json_server "$work" "$peer_port"
peer_pid=$PEER_PID
node "$E2E/slow-proxy.js" "$proxy_port" "$peer_port" 12000 >"$work/proxy.log" 2>&1 &
proxy_pid=$!
trap 'stop_service; kill $peer_pid $proxy_pid 2>/dev/null || true; wait $peer_pid $proxy_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1
wait_for_http "$proxy_port" /posts/1
# the import on startup is on (the default): the service starts it on the empty database once it is ready
start_service "$work" "$proxy_port"
check() { run_check dev.jpsync.e2e.ExportedDatabaseCheck "$1" "$DB_PORT" jpsync "${@:2}"; }

echo "-- a post created while the first import runs"
import_status() { api GET /jobs/importJob/executions | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
  const j=JSON.parse(s); const items=j.items||j.content||j; console.log(items.length ? items[0].status : "NONE")})'; }
for _ in $(seq 100); do [ "$(import_status)" = STARTED ] && break; sleep 0.1; done
[ "$(import_status)" = STARTED ] || { echo "the import on startup is not running: $(import_status)"; exit 1; }
post='{"userId": 11, "title": "sent during the first import", "body": "through the API"}'
refused=$(curl -sS -o "$work/refused.json" -D - -u "$E2E_USER" -X POST -H 'Content-Type: application/json' -d "$post" \
  "http://127.0.0.1:$SERVICE_PORT/posts")
grep -q '^HTTP/1.1 503' <<<"$refused" || { echo "the API accepted a write during the first import: $refused"; exit 1; }
grep -qi '^Retry-After: [0-9]' <<<"$refused"
echo "the API answered 503 with $(grep -i '^Retry-After' <<<"$refused" | tr -d '\r')"
check sql "INSERT INTO posts (user_id, title, body) VALUES (12, 'written during the first import', 'by sql')"
mine=$(check query "SELECT id FROM posts WHERE title = 'written during the first import'")
echo "created post $mine by SQL (upstream has a post $mine too)"
[ "$(import_status)" = STARTED ] || { echo "the import ended before the post was created; too fast to test"; exit 1; }

for _ in $(seq 600); do
  status=$(import_status)
  case "$status" in COMPLETED|FAILED|STOPPED|ABANDONED) break ;; esac
  sleep 0.2
done
echo "import on startup: $status"
[ "$status" = COMPLETED ]

echo "-- after the import"
[ "$(api GET "/posts/$mine" | json_field title)" = "written during the first import" ]
[ "$(check query "SELECT COALESCE(remote_id, 'none') FROM posts WHERE id = $mine")" = none ]
moved=$(check query "SELECT id FROM posts WHERE remote_id = $mine")
[ -n "$moved" ] && [ "$moved" != "$mine" ]
echo "upstream post $mine lives here as post $moved"
[ "$(check query "SELECT COUNT(*) FROM comments WHERE post_id = $moved")" = 5 ]

echo "-- the refused post, sent again"
again=$(api POST /posts "$post" | json_field id)
echo "created post $again through the API"

echo "-- export"
export_run=$(run_job exportJob)
grep -q '"status":"COMPLETED"' <<<"$export_run" || { echo "export did not complete: $export_run"; exit 1; }

echo "-- compare the remote with the database"
check compare "http://127.0.0.1:$peer_port" | tee "$work/compare.log"
grep -q '^OK:' "$work/compare.log"
# upstream's own post kept its content on the remote; the user's post arrived as a new one
title=$(curl -fsS "http://127.0.0.1:$peer_port/posts/$mine" | json_field title)
[ "$title" != "written during the first import" ]
remote_id=$(check query "SELECT remote_id FROM posts WHERE id = $mine")
[ "$(curl -fsS "http://127.0.0.1:$peer_port/posts/$remote_id" | json_field title)" = "written during the first import" ]
remote_id=$(check query "SELECT remote_id FROM posts WHERE id = $again")
[ "$(curl -fsS "http://127.0.0.1:$peer_port/posts/$remote_id" | json_field title)" = "sent during the first import" ]
