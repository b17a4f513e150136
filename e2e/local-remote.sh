#!/usr/bin/env bash
# A local remote for working offline: json-server 0.17.4 on loopback, persisting what it is sent, seeded with
# JSONPlaceholder's 100 posts and 500 comments (from the jsonplaceholder package). Runs in the foreground.
#   e2e/local-remote.sh [port, default 3000] [data file, default e2e/out/local-remote/db.json]
# A data file that exists is kept (the remote remembers what earlier exports sent); delete it to start over.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
port=${1:-3000}
db=${2:-$E2E/out/local-remote/db.json}
if [ ! -d "$E2E/node_modules/json-server" ]; then
  (cd "$E2E" && npm ci --no-audit --no-fund >/dev/null)
fi
if [ ! -f "$db" ]; then
  mkdir -p "$(dirname "$db")"
  seed_jsonplaceholder "$db"
fi
exec "$E2E/node_modules/.bin/json-server" --quiet --host 127.0.0.1 --port "$port" "$db"
