#!/usr/bin/env bash
# API conformance (issue 8): schemathesis against the reference server's OpenAPI document,
# signed in as a demo person. Fails on any 5xx, any response that violates the schema (body,
# status code, content type, documented headers), and any request error.
#
#   tests/schemathesis/run.sh [extra schemathesis options]
#   tests/schemathesis/run.sh --install     only step 1 (scripts/setup.sh --test calls this)
#
# 1. Creates target/venv-schemathesis from requirements.txt (pinned, with hashes), or reuses it
#    while it was built from the same requirements.txt.
# 2. For each person: starts the server binary (ESLABON_SERVER_BIN, default
#    target/debug/eslabon-server; built with cargo if missing) with `--profile test`, an
#    in-memory database and the site ESLABON_SITE (default target/site), on a free port; signs
#    in with /demo/sign-in; runs schemathesis with the session cookie, the CSRF header and a
#    same-origin Origin header (what the widgets send on writes); stops the server.
# 3. The exit code is the first failing pass's schemathesis exit code (0 when all pass).
#
# Two people by default: ana.garcia (a privacy officer in the test profile: export and erasure of
# anyone) and marta.lopez (a moderator: idea statuses, hidden kudos and comments).
#
# Environment: SCHEMATHESIS_PEOPLE (default "ana.garcia marta.lopez"), SCHEMATHESIS_EXAMPLES
# (test cases per operation and phase, default 25), SCHEMATHESIS_SEED (default 8; a fixed seed
# keeps the test command repeatable, set another to explore). Reports (JUnit per person, the
# server's output) go to target/schemathesis/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

version=4.32.5
venv=target/venv-schemathesis
requirements=tests/schemathesis/requirements.txt
server_bin="${ESLABON_SERVER_BIN:-target/debug/eslabon-server}"
site="${ESLABON_SITE:-target/site}"
people="${SCHEMATHESIS_PEOPLE:-ana.garcia marta.lopez}"
examples="${SCHEMATHESIS_EXAMPLES:-25}"
seed="${SCHEMATHESIS_SEED:-8}"

# --- 1. the virtualenv ------------------------------------------------------------------------
want_stamp="$(sha256sum "$requirements" | cut -d' ' -f1)"
have_stamp="$(cat "$venv/.requirements.sha256" 2>/dev/null || true)"
if [ "$have_stamp" = "$want_stamp" ] && "$venv/bin/schemathesis" --version 2>/dev/null | grep -qF "$version"; then
  echo "ok          schemathesis $version ($venv)"
else
  echo "installing  schemathesis $version into $venv"
  if ! python3 -m venv --clear "$venv" >/dev/null; then
    echo "run.sh: 'python3 -m venv' failed; install the Debian package: apt-get install -y python3-venv" >&2
    exit 2
  fi
  # --no-deps: requirements.txt lists every dependency, so nothing unpinned comes in.
  "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$requirements"
  echo "$want_stamp" >"$venv/.requirements.sha256"
fi
if [ "${1:-}" = "--install" ]; then
  exit 0
fi

# --- 2. one pass per person, each against a fresh server -----------------------------------------
# Fresh, because a pass changes the data: ana.garcia (a privacy officer in the test profile) may
# erase people, and the next pass must still find its own person.
if [ ! -x "$server_bin" ]; then
  echo "building    eslabon-server ($server_bin is missing)"
  cargo build -p eslabon-server
fi
log_dir=target/schemathesis
mkdir -p "$log_dir"
# Hypothesis (under schemathesis) keeps caches in ./.hypothesis unless told otherwise.
export HYPOTHESIS_STORAGE_DIRECTORY="$log_dir/hypothesis"
server_pid=""
# shellcheck disable=SC2317 # also called by the trap
stop_server() {
  if [ -n "$server_pid" ]; then
    if kill "$server_pid" 2>/dev/null; then wait "$server_pid" 2>/dev/null || true; fi
    server_pid=""
  fi
}
trap stop_server EXIT

start_server() {
  # Emptied here, not by the redirection below: that runs in the background and could come
  # after the first read, which would then find the previous server's address.
  : >"$log_dir/server.out"
  "$server_bin" --config examples/server/eslabon.toml --profile test --db :memory: \
    --site "$site" --bind 127.0.0.1:0 >"$log_dir/server.out" 2>"$log_dir/server.err" &
  server_pid=$!
  base=""
  for _ in $(seq 100); do
    base="$(sed -n 's|^eslabon-server listening on \(http://[^ /]*\).*|\1|p' "$log_dir/server.out")"
    [ -n "$base" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run.sh: the server did not start; its stderr:" >&2
  cat "$log_dir/server.err" >&2
  exit 1
}

# Sets `session` and `csrf` for $1 with the demo sign-in (a 303 with both cookies).
sign_in() {
  local headers
  headers="$(curl -sS -o /dev/null -D - "$base/demo/sign-in?as=$1")"
  session="$(sed -n 's/^set-cookie: eslabon_session=\([^;]*\).*/\1/Ip' <<<"$headers" | tr -d '\r' | head -n1)"
  csrf="$(sed -n 's/^set-cookie: eslabon_csrf=\([^;]*\).*/\1/Ip' <<<"$headers" | tr -d '\r' | head -n1)"
  if [ -z "$session" ] || [ -z "$csrf" ]; then
    echo "run.sh: demo sign-in as $1 set no session; the answer was:" >&2
    echo "$headers" >&2
    exit 1
  fi
}

# --- 3. schemathesis --------------------------------------------------------------------------
status=0
for person in $people; do
  start_server
  sign_in "$person"
  echo
  echo "schemathesis against $base/api/openapi.json as $person (seed $seed, $examples examples)"
  rc=0
  "$venv/bin/schemathesis" --no-color --config-file tests/schemathesis/schemathesis.toml \
    run "$base/api/openapi.json" \
    --url "$base/api/v1" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "$examples" \
    --seed "$seed" \
    --workers 1 \
    --request-timeout 10 \
    --generation-database none \
    --header "Cookie: eslabon_session=$session; eslabon_csrf=$csrf" \
    --header "X-CSRF-Token: $csrf" \
    --header "Origin: $base" \
    --report junit --report-junit-path "$log_dir/junit-$person.xml" \
    "$@" || rc=$?
  stop_server
  [ "$status" -ne 0 ] || status=$rc
done
exit "$status"
