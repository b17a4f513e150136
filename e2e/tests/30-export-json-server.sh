#!/usr/bin/env bash
# The export, end to end against json-server 0.17.4 (which keeps what it is sent) holding a copy of JSONPlaceholder's
# posts and comments: the service imports them, then a scripted series of creates, updates and deletes of posts
# and comments goes in through the REST API and by plain SQL, then the export runs (job-control endpoint); the
# remote's posts and comments must then equal the database's, field for field, through the remote ids.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/30-export-json-server"
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
start_json_server "$work" "$peer_port"
peer_pid=$PEER_PID
trap 'stop_service; kill $peer_pid 2>/dev/null || true; wait $peer_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1
start_service "$work" "$peer_port" --sync.import.on-startup=false --sync.export.concurrency=4 --sync.export.chunk-size=7
check() { run_check dev.jpsync.e2e.ExportedDatabaseCheck "$1" "$DB_PORT" jpsync "${@:2}"; }

echo "-- import"
import=$(run_job importJob)
grep -q '"status":"COMPLETED"' <<<"$import" || { echo "import did not complete: $import"; exit 1; }
[ "$(api GET /posts/1 | json_field title)" = "sunt aut facere repellat provident occaecati excepturi optio reprehenderit" ]

echo "-- changes through the REST API"
new_post=$(api POST /posts '{"userId": 11, "title": "a post written here", "body": "first body"}' | json_field id)
api POST /comments "{\"postId\": $new_post, \"name\": \"on the new post\", \"email\": \"new@example.com\", \"body\": \"hello\"}" >/dev/null
api POST /comments '{"postId": 3, "name": "on an imported post", "email": "old@example.com", "body": "hi"}' >/dev/null
api PUT "/posts/$new_post" '{"userId": 11, "title": "a post written here, edited before export", "body": "second body"}' >/dev/null
api PUT /posts/1 '{"userId": 1, "title": "replaced title", "body": "replaced body"}' >/dev/null
api PATCH /posts/2 '{"title": "patched title"}' >/dev/null
api PUT /comments/1 '{"postId": 1, "name": "replaced name", "email": "r@example.com", "body": "replaced body"}' >/dev/null
api PATCH /comments/2 '{"body": "patched comment"}' >/dev/null
api DELETE /posts/5 >/dev/null      # with its five comments
api DELETE /comments/10 >/dev/null
short_lived=$(api POST /posts '{"userId": 2, "title": "gone before export", "body": "x"}' | json_field id)
api DELETE "/posts/$short_lived" >/dev/null
moved=$(api POST /comments '{"postId": 4, "name": "moves", "email": "m@example.com", "body": "to the new post"}' | json_field id)
api PATCH "/comments/$moved" "{\"postId\": $new_post}" >/dev/null

echo "-- changes by plain SQL"
check sql \
  "UPDATE posts SET title = 'edited by sql' WHERE id = 7" \
  "INSERT INTO posts (user_id, title, body) VALUES (9, 'inserted by sql', 'sql body')" \
  "INSERT INTO comments (post_id, name, email, body) VALUES (LAST_INSERT_ID(), 'sql comment', 's@example.com', 'on the sql post')" \
  "UPDATE comments SET body = 'edited by sql' WHERE id = 40" \
  "DELETE FROM comments WHERE id = 30" \
  "DELETE FROM posts WHERE id = 8"
echo "change_log entries waiting: $(check query 'SELECT COUNT(*) FROM change_log')"

echo "-- export"
export_run=$(run_job exportJob)
echo "$export_run" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const e=JSON.parse(s);
  console.log(`exportJob ${e.status}: ${e.exitDescription || ""}`);
  for (const st of e.steps || []) console.log(`  ${st.name} ${st.status}: read ${st.readCount}, write ${st.writeCount}, skip ${st.skipCount}`)})'
grep -q '"status":"COMPLETED"' <<<"$export_run"

echo "-- compare the remote with the database"
check compare "http://127.0.0.1:$peer_port" | tee "$work/compare.log"
grep -q '^OK:' "$work/compare.log"
# the posts written here learnt their remote ids; the deleted ones are gone on the remote too
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$peer_port/posts/5")" = 404 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$peer_port/comments/30")" = 404 ]
[ "$(check query 'SELECT COUNT(*) FROM change_log_archive')" -gt 0 ]
