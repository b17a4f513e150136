#!/usr/bin/env bash
# End-to-end tests: every e2e/tests/*.sh in order, each against its own loopback peers; fails if any fails.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
failed=()
passed=0
for test in tests/*.sh; do
  echo "== e2e: $test"
  if bash "$test"; then
    echo "== PASS $test"
    passed=$((passed + 1))
  else
    echo "== FAIL $test"
    failed+=("$test")
  fi
done
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "e2e: $passed passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
