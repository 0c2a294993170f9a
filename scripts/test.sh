#!/usr/bin/env bash
# Runs every test layer and fails if any fails. `.ci/run` runs exactly this (CI=true, root, no TTY).
#
#   scripts/test.sh
#
#   1. setup            installs what is missing (scripts/setup.sh --test; never trunk)
#   2. format           cargo fmt --all -- --check
#   3. native tests     cargo test --workspace (client, kit, widgets, suite, reference server)
#   4. component tests  wasm-bindgen-test in headless Chromium (client, kit, widgets)
#   5. suite build      scripts/build-suite.sh: release, every widget, into target/site
#   6. server build     cargo build -p eslabon-server (dev profile)
#   7. api conformance  tests/schemathesis/run.sh: schemathesis against /api/openapi.json, as
#                       two demo people (no 5xx, responses match the schema)
#   8. end to end       node --test tests/e2e/ (playwright-core + the reference server)
#   9. contract         node --test tests/contract/: custom-elements.json against the live
#                       elements and the events the end-to-end run recorded
#
# Environment: CHROMEDRIVER (default /usr/bin/chromedriver), E2E_FILES (default tests/e2e/, e.g.
# E2E_FILES=tests/e2e/smoke.test.mjs; the contract stage is skipped then, as it needs every
# event the whole run dispatches). See tests/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

started=$SECONDS
timings=()
current=""
report() {
  local status=$?
  [ ${#timings[@]} -eq 0 ] && [ -z "$current" ] && exit "$status"
  echo
  echo "== timings"
  for line in "${timings[@]}"; do echo "  $line"; done
  if [ "$status" -ne 0 ] && [ -n "$current" ]; then
    echo "  FAILED: $current (after $((SECONDS - stage_started)) s)"
  fi
  echo "  total: $((SECONDS - started)) s"
  if [ "$status" -eq 0 ]; then echo "all test layers passed"; else echo "TESTS FAILED (exit $status)"; fi
  exit "$status"
}
trap report EXIT

stage() {
  local name="$1"; shift
  current="$name"
  stage_started=$SECONDS
  step "$name: $*"
  "$@"
  timings+=("$(printf '%-18s %5d s' "$name" $((SECONDS - stage_started)))")
  current=""
}

stage setup bash scripts/setup.sh --test
use_tools_path
export CHROMEDRIVER="${CHROMEDRIVER:-$CHROMEDRIVER_BIN}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

stage format cargo fmt --all -- --check
stage "native tests" cargo test --workspace
# The runner reads webdriver.json (root-safe Chromium flags) through
# WASM_BINDGEN_TEST_WEBDRIVER_JSON in .cargo/config.toml, and CHROMEDRIVER from there or above.
stage "component tests" cargo test --target wasm32-unknown-unknown -p eslabon-client -p eslabon-kit -p eslabon-share -p eslabon-ideas -p eslabon-kudos -p eslabon-quiz
stage "suite build" bash scripts/build-suite.sh --site target/site
stage "server build" cargo build -p eslabon-server

export ESLABON_ROOT="$ROOT"
target_dir="${CARGO_TARGET_DIR:-target}"
case "$target_dir" in /*) ;; *) target_dir="$ROOT/$target_dir" ;; esac
export ESLABON_SERVER_BIN="$target_dir/debug/eslabon-server"
export ESLABON_SITE="$ROOT/target/site"
stage "api conformance" bash tests/schemathesis/run.sh
# shellcheck disable=SC2086 # E2E_FILES is a list of paths
# The contract stage reads the events this run records, never an older run's.
rm -rf target/e2e/events
stage "end to end" node --test --test-concurrency=1 --test-reporter=spec ${E2E_FILES:-tests/e2e/}
if [ -z "${E2E_FILES:-}" ]; then
  stage contract node --test --test-reporter=spec tests/contract/
fi
