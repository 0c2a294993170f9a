#!/usr/bin/env bash
# Runs every test layer; fails if any fails. This is what .ci/run calls.
#
#   1. cargo fmt --check
#   2. native unit tests (client, kit, widgets, reference server)
#   3. browser component tests (wasm-bindgen-test in headless Chromium)
#   4. release build of the suite and the demo site
#   5. end-to-end tests (Playwright + node:test against the reference server)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

started=$SECONDS
timed() {
  local name="$1"; shift
  local t0=$SECONDS
  step "$name"
  "$@"
  echo "-- $name: $((SECONDS - t0)) s"
}

timed "setup" bash scripts/setup.sh --test
use_tools_path
export CHROMEDRIVER=/usr/bin/chromedriver

timed "format" cargo fmt --all -- --check
timed "native tests" cargo test --workspace
timed "browser component tests" \
  cargo test --target wasm32-unknown-unknown -p eslabon-client -p eslabon-kit -p eslabon-share
timed "release build of the suite" bash scripts/build-suite.sh --site target/site
timed "reference server build" cargo build -p eslabon-server

export ESLABON_SERVER_BIN="$ROOT/target/debug/eslabon-server"
export ESLABON_SITE="$ROOT/target/site"
export ESLABON_ROOT="$ROOT"
timed "end-to-end tests" node --test --test-concurrency=1 tests/e2e/

echo
echo "all test layers passed in $((SECONDS - started)) s"
