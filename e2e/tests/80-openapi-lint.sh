#!/usr/bin/env bash
# The OpenAPI document the service serves (/v3/api-docs) passes `redocly lint` with its recommended rules:
# no errors (warnings are printed, not fatal), so that a client generated from it is right.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
ensure_service_built

work="$E2E/out/80-openapi-lint"
rm -rf "$work"
mkdir -p "$work"
trap 'stop_service' EXIT
# the remote is never called here: a closed loopback port
start_service "$work" "$(free_port)" --sync.import.on-startup=false

curl -fsS "http://127.0.0.1:$SERVICE_PORT/v3/api-docs" >"$work/openapi.json"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$E2E/node_modules/.bin/redocly" lint --extends=recommended --format=stylish "$work/openapi.json"
