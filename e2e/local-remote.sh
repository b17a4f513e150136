#!/usr/bin/env bash
# A local remote for working offline: json-server 0.17.4 on loopback, persisting what it is sent, seeded with
# JSONPlaceholder's 100 posts and 500 comments (from the jsonplaceholder package). Runs in the foreground.
#   e2e/local-remote.sh [port, default 3000] [data file, default e2e/out/local-remote/db.json]
# A data file that exists is kept (the remote remembers what earlier exports sent); delete it to start over.
set -euo pipefail
e2e="$(cd "$(dirname "$0")" && pwd)"
port=${1:-3000}
db=${2:-$e2e/out/local-remote/db.json}
if [ ! -d "$e2e/node_modules/json-server" ]; then
  (cd "$e2e" && npm ci --no-audit --no-fund >/dev/null)
fi
if [ ! -f "$db" ]; then
  mkdir -p "$(dirname "$db")"
  node -e 'const d = require(process.argv[1]);
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ posts: d.posts, comments: d.comments }, null, 2))' \
    "$e2e/node_modules/jsonplaceholder/data.json" "$db"
fi
exec "$e2e/node_modules/.bin/json-server" --quiet --host 127.0.0.1 --port "$port" "$db"
