#!/usr/bin/env bash
# End-to-end tests: every e2e/tests/*.sh in order, each against its own loopback peers; fails if any fails.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
failed=()
for test in tests/*.sh; do
  echo "== e2e: $test"
  if bash "$test"; then
    echo "== PASS $test"
  else
    echo "== FAIL $test"
    failed+=("$test")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "e2e: ${#failed[@]} failed: ${failed[*]}"
  exit 1
fi
echo "e2e: all passed"
