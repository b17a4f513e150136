#!/usr/bin/env bash
# The README's five-minute tour, run line by line as written (from the repository's root, with the embedded
# database's data directory pointed at an empty one under e2e/out), against the local json-server it starts. Each
# command must succeed; the session is written to e2e/out/tour/tour.md and must equal docs/tour.md once the
# values that change from run to run (times, durations) are masked. After a deliberate change of the tour:
#   TOUR_UPDATE=1 bash e2e/tests/15-readme-tour.sh     (rewrites docs/tour.md; commit it with the README)
# Uses the ports the README names: 3000 (remote), 8080 (service), 3307 (embedded database).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/tour"
rm -rf "$work" "$E2E/out/local-remote"   # the local remote's data too: the tour starts from JSONPlaceholder's
mkdir -p "$work"
for port in 3000 8080 3307; do
  if node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; then
    echo "port $port is taken; the tour needs it free" >&2
    exit 1
  fi
done

# The tour's commands: the lines of the README's block between <!-- tour --> and <!-- /tour -->, without the
# fence lines and comment-only lines; a line ending in a backslash goes on on the next one.
node -e '
  const md = require("fs").readFileSync(process.argv[1], "utf8");
  const m = md.match(/<!-- tour -->([\s\S]*?)<!-- \/tour -->/);
  if (!m) { console.error("README.md has no <!-- tour --> block"); process.exit(1); }
  const out = []; let cur = "";
  for (const line of m[1].split("\n")) {
    if (/^```/.test(line) || (!cur && (/^\s*#/.test(line) || !line.trim()))) continue;
    cur += (cur ? "\n" : "") + line;
    if (!line.endsWith("\\")) { out.push(cur); cur = ""; }
  }
  require("fs").writeFileSync(process.argv[2], out.map(c => JSON.stringify(c)).join("\n") + "\n");
' "$ROOT/README.md" "$work/commands.jsonl"

# Runs each command in one shell (so exports and background jobs carry over), echoing it like a terminal.
cat >"$work/session.sh" <<'SESSION'
set -uo pipefail
while IFS= read -r json <&3; do
  cmd=$(node -e 'console.log(JSON.parse(process.argv[1]))' "$json")
  printf '$ %s\n' "$cmd"
  eval "$cmd" >"$TOUR_OUT" 2>&1 </dev/null
  rc=$?
  cat "$TOUR_OUT"
  if [ -s "$TOUR_OUT" ] && [ -n "$(tail -c 1 "$TOUR_OUT")" ]; then echo; fi
  if [ $rc -ne 0 ]; then echo "!! the command above exited with $rc"; exit $rc; fi
done 3<"$TOUR_COMMANDS"
SESSION

cleanup() {
  pkill -f "java -jar api/target/jsonplaceholder-sync.jar" 2>/dev/null || true
  pkill -f "json-server --quiet --host 127.0.0.1 --port 3000" 2>/dev/null || true
}
trap cleanup EXIT
status=0
(cd "$ROOT" && SYNC_EMBEDDED_DB_DATA_DIR="$work/mariadb-data" SYNC_EMBEDDED_DB_BASE_DIR="$E2E/out/mariadb-base" \
  TOUR_COMMANDS="$work/commands.jsonl" TOUR_OUT="$work/last-output.txt" timeout 600 bash "$work/session.sh") >"$work/raw.txt" 2>&1 || status=$?
cleanup

# Mask what changes between runs: date-times, epoch milliseconds, durations and ages.
sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?/<time>/g' \
  -e 's/"([A-Za-z]*(Seconds|Millis|Duration)|duration|age)": ?[0-9.]+/"\1": <n>/g' \
  -e 's/\b1[0-9]{12}\b/<epoch-ms>/g' \
  "$work/raw.txt" >"$work/session.txt"
{
  echo "# The README's tour, as run"
  echo
  echo "The five-minute tour from [the README](../README.md#a-five-minute-tour), run line by line by"
  echo "\`e2e/tests/15-readme-tour.sh\` on a fresh database (times and durations masked). The end-to-end tests"
  echo "run it again and fail when the answers differ from this page."
  echo
  echo '```console'
  cat "$work/session.txt"
  echo '```'
} >"$work/tour.md"

if [ "$status" -ne 0 ]; then
  echo "the tour failed (exit $status); the session so far:" >&2
  tail -n 40 "$work/session.txt" >&2
  exit 1
fi
if grep -nE '"status": ?[45][0-9]{2}' "$work/session.txt" >&2; then
  echo "the tour got a refusal (above): a tour command that fails is a broken README" >&2
  exit 1
fi
if [ "${TOUR_UPDATE:-}" = 1 ]; then
  cp "$work/tour.md" "$ROOT/docs/tour.md"
  echo "docs/tour.md rewritten"
elif ! diff -u "$ROOT/docs/tour.md" "$work/tour.md"; then
  echo "the tour's answers differ from docs/tour.md (above); if the change is meant, run" >&2
  echo "  TOUR_UPDATE=1 bash e2e/tests/15-readme-tour.sh   and commit docs/tour.md" >&2
  exit 1
fi
echo "tour: every command as in docs/tour.md"
