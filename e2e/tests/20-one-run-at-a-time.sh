#!/usr/bin/env bash
# One run of a job at a time, across processes: while the service imports, the command line refuses the same
# job with exit code 3 and one line, and while the command line imports, the service's job-control endpoint
# refuses it with 409. A slow remote (json-server answering after a delay) keeps each import running long
# enough for the other process to try.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/20-one-run-at-a-time"
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
delay_ms=20000
node -e 'const d = require(process.argv[1]);
  require("fs").writeFileSync(process.argv[2], JSON.stringify({ posts: d.posts.slice(0, 5), comments: d.comments.slice(0, 5) }))' \
  "$E2E/node_modules/jsonplaceholder/data.json" "$work/remote-db.json"
"$E2E/node_modules/.bin/json-server" --quiet --host 127.0.0.1 --port "$peer_port" --delay "$delay_ms" \
  "$work/remote-db.json" >"$work/json-server.log" 2>&1 &
peer_pid=$!
cli_pid=
trap 'stop_service; kill $peer_pid $cli_pid 2>/dev/null || true; wait $peer_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1 60
start_service "$work" "$peer_port" --sync.import.on-startup=false --sync.remote.read-timeout=60s

# the command line on the service's database (it reuses the service's embedded server)
cli() {
  "$JAVA" -jar "$JOBS_JAR" import --sync.remote.base-url="http://127.0.0.1:$peer_port" --sync.remote.read-timeout=60s \
    --sync.embedded-db.port="$DB_PORT" --sync.embedded-db.data-dir="$work/mariadb-data" \
    --sync.embedded-db.base-dir="$E2E/out/mariadb-base" --spring.main.banner-mode=off --logging.level.root=ERROR "$@"
}
latest() {
  api GET '/jobs/importJob/executions?page=0&size=1' \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const e=JSON.parse(s).content[0]||{};
        console.log(`${e.id} ${e.status} ${(e.parameters||{}).launchedBy}`)})'
}

echo "-- the service imports; the command line refuses"
service_run=$(api POST /jobs/importJob/executions | json_field id)
set +e
cli >"$work/cli-refused.log" 2>&1
code=$?
set -e
cat "$work/cli-refused.log"
[ "$code" -eq 3 ] || { echo "command line exited $code, expected 3 (already running)"; exit 1; }
grep -q "^Job 'importJob' is already running as execution $service_run\. Nothing was done\.$" "$work/cli-refused.log"
[ "$(grep -vc '^\s*$' "$work/cli-refused.log")" -eq 1 ] || { echo "expected one line"; exit 1; }
for _ in $(seq 600); do
  read -r id status by <<<"$(latest)"
  [ "$status" = COMPLETED ] && break
  [ "$status" = FAILED ] && { echo "the service's import failed"; exit 1; }
  sleep 0.2
done
[ "$id $status" = "$service_run COMPLETED" ] || { echo "the service's import did not complete: $id $status"; exit 1; }

echo "-- the command line imports; the service refuses"
cli >"$work/cli-run.log" 2>&1 &
cli_pid=$!
for _ in $(seq 600); do
  read -r id status by <<<"$(latest)"
  [ "$by $status" = "command-line STARTED" ] && break
  sleep 0.2
done
[ "$by $status" = "command-line STARTED" ] || { echo "the command line's import did not start: $id $status $by"; exit 1; }
answer=$(curl -sS -u "$E2E_USER" -X POST -w ' %{http_code}' "http://127.0.0.1:$SERVICE_PORT/jobs/importJob/executions")
echo "$answer"
[ "${answer##* }" = 409 ] || { echo "the service did not refuse with 409"; exit 1; }
grep -q "\"runningExecutionId\":$id" <<<"$answer"
wait "$cli_pid"
cli_pid=
grep -q "importJob execution $id: COMPLETED" "$work/cli-run.log"
echo "OK: one import at a time, whichever process launched it"
