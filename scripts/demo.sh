#!/usr/bin/env bash
# Installs what is missing, builds the suite with trunk, and serves the demo intranet page
# with every widget live on the reference server: http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh --demo
use_tools_path

step "building the suite and the demo page (trunk $TRUNK_VERSION)"
trunk build --release --offline

step "building the reference server"
cargo build -p eslabon-server --profile server

mkdir -p .eslabon
bind="${ESLABON_BIND:-127.0.0.1:${PORT:-8080}}"
step "serving http://$bind/ (Ctrl+C to stop; data in .eslabon/demo.sqlite3)"
exec target/server/eslabon-server \
  --db .eslabon/demo.sqlite3 \
  --config examples/server/eslabon.toml \
  --site target/site \
  --bind "$bind"
