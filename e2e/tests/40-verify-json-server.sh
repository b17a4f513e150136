#!/usr/bin/env bash
# The verify job (drift report) end to end against json-server 0.17.4 holding a copy of JSONPlaceholder's posts
# and comments: after the import, four differences are planted (post 2 changed on the remote behind our back,
# comment 7 deleted there, a comment created only there, post 3 edited here and not exported yet); the report must
# hold exactly those four rows, correctly classified. Then a repair with the database as the source of truth, an
# export and a second verify: nothing left to report.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/40-verify-json-server"
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
start_json_server "$work" "$peer_port"
peer_pid=$PEER_PID
trap 'stop_service; kill $peer_pid 2>/dev/null || true; wait $peer_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1
start_service "$work" "$peer_port" --sync.import.on-startup=false --sync.verify.chunk-size=37
peer() { curl -fsS -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "http://127.0.0.1:$peer_port$2"; }
# Batch 6 stores COMPLETED a moment before the job's listeners write the exit description: re-read until it is there
run_verify() {
  local execution id
  execution=$(run_job verifyJob)
  id=$(json_field id <<<"$execution")
  for _ in $(seq 50); do
    grep -q '"exitDescription":"[^"]' <<<"$execution" && break
    sleep 0.1
    execution=$(api GET "/jobs/executions/$id")
  done
  echo "$execution"
}
summary() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const e=JSON.parse(s);
  console.log(`${e.jobName} ${e.status}: ${e.exitDescription || ""}`)})'; }

echo "-- import"
import=$(run_job importJob)
grep -q '"status":"COMPLETED"' <<<"$import" || { echo "import did not complete: $import"; exit 1; }

echo "-- verify right after the import: no drift"
verify=$(run_verify)
summary <<<"$verify"
grep -q '100 remote posts and 500 remote comments compared: no drift; 0 pending' <<<"$verify"

echo "-- plant four differences"
peer PATCH /posts/2 '{"title": "changed on the remote behind our back"}' >/dev/null
peer DELETE /comments/7 >/dev/null
only_there=$(peer POST /comments '{"postId": 1, "name": "only there", "email": "o@example.com", "body": "b"}' | json_field id)
api PATCH /posts/3 '{"title": "edited here, not exported yet"}' >/dev/null

echo "-- verify: exactly the four rows"
verify=$(run_verify)
summary <<<"$verify"
grep -q '"status":"COMPLETED"' <<<"$verify"
api GET '/sync/drift?size=100' >"$work/report.json"
node -e 'const r = require(process.argv[1]);
  const rows = r.rows.content.map(x => `${x.entity} ${x.localId ?? "-"} ${x.remoteId ?? "-"} ${x.kind} ${x.fields.join(",")}`).sort();
  const expected = ["COMMENT - " + process.argv[2] + " MISSING_LOCAL ", "COMMENT 7 7 MISSING_REMOTE ",
                    "POST 2 2 DIFFERS title", "POST 3 3 PENDING title"].sort();
  console.log(rows.join("\n"));
  if (JSON.stringify(rows) !== JSON.stringify(expected)) { console.error("expected:\n" + expected.join("\n")); process.exit(1); }' \
  "$work/report.json" "$only_there"

echo "-- repair with the database as the source of truth (dry run, then for real), export, verify"
api POST /sync/drift/repair '{"sourceOfTruth": "LOCAL", "dryRun": true}' | grep -q '"PLANNED":3'
[ "$(api GET /sync/pending | json_field totalElements)" = 1 ]   # the dry run queued nothing
api POST /sync/drift/repair '{"sourceOfTruth": "LOCAL"}' | grep -q '"DONE":3'
export_run=$(run_job exportJob)
summary <<<"$export_run"
grep -q '"status":"COMPLETED"' <<<"$export_run"
verify=$(run_verify)
summary <<<"$verify"
grep -q 'compared: no drift; 0 pending' <<<"$verify"
[ "$(api GET /sync/drift | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).rows.totalElements))')" = 0 ]
echo "OK: four planted differences reported, repaired from the database's side, none left"
