#!/usr/bin/env bash
# The widgets on json-server 0.17 (npm), by configuration alone: examples/json-server/index.html
# (preset="json-server", api="/api") over a temp copy of examples/json-server/db.json, so the
# committed file is never written. Builds the suite first unless target/site/eslabon is newer
# than the sources. See examples/json-server/README.md.
#
#   scripts/json-server-demo.sh              http://127.0.0.1:3000
#   PORT=3100 scripts/json-server-demo.sh    http://127.0.0.1:3100
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

example="$ROOT/examples/json-server"
suite="$ROOT/target/site/eslabon"
json_server="$ROOT/tests/node_modules/.bin/json-server"

# json-server and the build tools come from the same setup (tests/package-lock.json).
[ -x "$json_server" ] || bash scripts/setup.sh
if [ ! -f "$suite/eslabon_bg.wasm" ] || [ -n "$(find widgets Cargo.toml Cargo.lock rust-toolchain.toml \
    scripts/build-suite.sh -newer "$suite/eslabon_bg.wasm" -print -quit)" ]; then
  step "building the suite (scripts/build-suite.sh)"
  bash scripts/build-suite.sh
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/eslabon-json-server.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
cp "$example/db.json" "$tmp/db.json"
mkdir "$tmp/public"
cp "$example"/*.html "$example"/*.css "$tmp/public/"
ln -s "$suite" "$tmp/public/eslabon"

port="${PORT:-3000}"
step "serving the json-server demo"
echo "open http://127.0.0.1:$port/  (Ctrl+C stops it; what the widgets store goes to $tmp/db.json, deleted on exit)"
# json-server 0.17 joins --static with the working directory: run it in the temp dir.
cd "$tmp"
"$json_server" db.json --routes "$example/routes.json" --static ./public --host 127.0.0.1 --port "$port"
