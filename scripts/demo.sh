#!/usr/bin/env bash
# The README's first command: installs what is missing (trunk included), builds the suite and
# the demo page with trunk, builds the reference server and runs it in the foreground with a
# SQLite file seeded with demo data on first start.
#
#   scripts/demo.sh                          http://127.0.0.1:8080
#   PORT=9000 scripts/demo.sh                http://127.0.0.1:9000
#   ESLABON_BIND=0.0.0.0:8080 scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

bash scripts/setup.sh --demo
use_tools_path

step "building the suite and the demo page (trunk $TRUNK_VERSION, offline)"
# Trunk.toml's build hook runs scripts/build-suite.sh into the staging dir; trunk copies
# index.html and examples/pages, and downloads nothing (--offline, tools from PATH).
trunk build --release --offline

step "building the reference server (profile server)"
cargo build -p eslabon-server --profile server

mkdir -p .eslabon
bind="${ESLABON_BIND:-127.0.0.1:${PORT:-8080}}"
step "serving the demo"
echo "open http://$bind/  (Ctrl+C stops it; data in .eslabon/demo.sqlite3, delete it to reseed)"
exec "${CARGO_TARGET_DIR:-target}/server/eslabon-server" \
  --db .eslabon/demo.sqlite3 \
  --site target/site \
  --bind "$bind"
