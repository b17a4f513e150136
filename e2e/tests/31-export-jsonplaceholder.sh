#!/usr/bin/env bash
# The export once against the JSONPlaceholder server software, whose writes are fake: every POST answers id 101,
# and a PUT to a post it never stored answers 404. After two posts created here and an update of a post the
# remote never stored, the run must end COMPLETED with both refusals recorded in sync_failure (never a crash),
# the first mapping to 101 kept, and the export's call counters at /actuator/prometheus saying the same.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/31-export-jsonplaceholder"
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
PORT=$peer_port node "$E2E/node_modules/jsonplaceholder/index.js" >"$work/jsonplaceholder.log" 2>&1 &
peer_pid=$!
trap 'stop_service; kill $peer_pid 2>/dev/null || true; wait $peer_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1
# one call at a time: the peer fakes writes by resetting its data at the start of every request, so two POSTs in
# flight at once can answer 101 and 102 (the second reset lands before the first insert), which no real remote does
start_service "$work" "$peer_port" --sync.import.on-startup=false --sync.export.concurrency=1
check() { run_check dev.jpsync.e2e.ExportedDatabaseCheck "$1" "$DB_PORT" jpsync "${@:2}"; }

echo "-- two posts through the API, and an update of a post the remote never stored (remote id 4242)"
first=$(api POST /posts '{"userId": 1, "title": "first new post", "body": "one"}' | json_field id)
second=$(api POST /posts '{"userId": 1, "title": "second new post", "body": "two"}' | json_field id)
check sql "SET @sync_capture_off = 1" \
  "INSERT INTO posts (id, user_id, title, body, remote_id) VALUES (4242, 3, 'known only here', 'b', 4242)" \
  "SET @sync_capture_off = NULL" >/dev/null
api PUT /posts/4242 '{"userId": 3, "title": "known only here, edited", "body": "b"}' >/dev/null

echo "-- export"
export_run=$(run_job exportJob)
status=$(json_field status <<<"$export_run")
echo "exportJob $status: $(json_field exitDescription <<<"$export_run")"
[ "$status" = COMPLETED ]

echo "-- what the run recorded"
check query "SELECT id, remote_id FROM posts WHERE id IN ($first, $second) ORDER BY id" | tee "$work/mapping.txt"
check query "SELECT entity, entity_id, op, http_method, http_status, reason FROM sync_failure ORDER BY id" \
  | tee "$work/failures.txt"
# exactly one of the two new posts holds 101 (the one sent first); the other kept no remote id (NULL)
[ "$(grep -c '|101$' "$work/mapping.txt")" = 1 ]
[ "$(grep -c '|null$' "$work/mapping.txt")" = 1 ]
grep -q '^POST|[0-9]*|CREATE|POST|201|.*already mapped' "$work/failures.txt"
grep -q '^POST|4242|UPDATE|PUT|404|' "$work/failures.txt"
[ "$(wc -l <"$work/failures.txt")" = 2 ]
[ "$(check query 'SELECT COUNT(*) FROM change_log')" = 0 ]
[ "$(check query "SELECT COUNT(*) FROM change_log_archive WHERE outcome = 'SKIPPED'")" = 2 ]

echo "-- the export's meters"
curl -fsS -u "$E2E_USER" "http://127.0.0.1:$SERVICE_PORT/actuator/prometheus" | grep -E '^sync_(export_calls|skips)_total' \
  | tee "$work/meters.txt"
grep -qE '^sync_export_calls_total\{.*method="POST".*outcome="sent".*\} 1\.0$' "$work/meters.txt"
grep -qE '^sync_export_calls_total\{.*method="POST".*outcome="skipped".*\} 1\.0$' "$work/meters.txt"
grep -qE '^sync_export_calls_total\{.*method="PUT".*outcome="skipped".*\} 1\.0$' "$work/meters.txt"
grep -qE '^sync_skips_total\{.*entity="POST".*job="exportJob".*\} 2\.0$' "$work/meters.txt"
