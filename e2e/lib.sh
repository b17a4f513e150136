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
