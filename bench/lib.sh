# Sourced by the bench scripts: what every figure is printed with, and small helpers they share.

# bench_header "$0" "$@": the date, the exact command, the commit and the machine's load, printed before any
# figure, so that a pasted result says when, how and on what it was measured.
bench_header() {
  local script=$1; shift
  local cmd="bench/$(basename "$script")"
  local arg
  for arg in "$@"; do cmd+=" $(printf '%q' "$arg")"; done
  echo "== date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "== command: $cmd${BENCH_ENV:+ (environment: $BENCH_ENV)}"
  echo "== commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')"
  local java="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
  [ -x "$java" ] || java=java
  echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | head -1)"
}

# bench_env NAME...: records the knobs that are set, for bench_header's command line
bench_env() {
  local name
  for name in "$@"; do
    if [ -n "${!name+x}" ]; then BENCH_ENV+="${BENCH_ENV:+ }$name=${!name}"; fi
  done
}

# free_port: a TCP port nobody listens on right now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# ensure_wrk: wrk from the distribution when it is missing
ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    echo "== installing wrk"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
}

# wait_for URL PID: until URL answers 2xx (true), PID has exited or 180 s have passed (false)
wait_for() { # url pid
  for _ in $(seq 180); do
    curl -sf "$1" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

# bench_editor_user: the service started after this has a throw-away EDITOR user for writes, bench with password
# bench-secret (a bcrypt hash of cost 4, so that logging in costs the benchmark next to nothing)
bench_editor_user() {
  export SYNC_SECURITY_USERS_0_NAME=bench
  export SYNC_SECURITY_USERS_0_PASSWORD_HASH='{bcrypt}$2a$04$XcXcAWBzx2LH8jiKz/0/iO58SbbYaznn32aB1L0jJAXCRT6ll949a'
  export SYNC_SECURITY_USERS_0_ROLES=EDITOR
}
