#!/usr/bin/env bash
# The benchmark command. Installs what is missing (the test tools, plus wrk from Debian), builds
# what it measures in release mode, then runs tests/bench/bench.mjs, which prints a table per
# section and the goals met or MISSED, writes target/bench/report.json and, on a full run,
# rewrites BENCHMARKS.md.
#
#   scripts/bench.sh                 everything (about 20 minutes on 2 cores, builds included)
#   scripts/bench.sh --quick         fewer samples, for trying a change (BENCHMARKS.md untouched)
#   scripts/bench.sh --only size,startup,lighthouse,scale,server
#
# Builds: target/bench/builds/{suite,share,ideas,kudos,quiz} (one cargo feature set each) and the
# bench site target/bench/site (demo page + tests/bench/pages + Shariff 3.3.0 from npm).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

only="size,startup,lighthouse,scale,server"
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || die "--only needs a list"; only="$2"; shift 2 ;;
    --quick) shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "bench: unknown option $1" ;;
  esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }

bash scripts/setup.sh --test
if command -v wrk >/dev/null; then
  echo "ok          wrk ($(command -v wrk))"
elif wants server; then
  echo "installing  wrk (Debian)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
use_tools_path

target_dir="${CARGO_TARGET_DIR:-target}"
builds=target/bench/builds
site=target/bench/site
if wants size || wants startup || wants lighthouse || wants scale; then
  step "building the suite and each single widget (release, wasm-opt -Oz)"
  bash scripts/build-suite.sh --out "$builds/suite"
  bash scripts/build-suite.sh --features share --out "$builds/share"
  if wants size; then
    for widget in ideas kudos quiz; do bash scripts/build-suite.sh --features "$widget" --out "$builds/$widget"; done
  fi

  step "laying out the bench site ($site)"
  rm -rf "$site"
  mkdir -p "$site"
  cp index.html "$site/"
  cp -r examples/pages "$site/pages"
  cp -r "$builds/suite" "$site/eslabon"
  mkdir -p "$site/pages/bench"
  cp tests/bench/pages/* "$site/pages/bench/"
  cp -r "$builds/share" "$site/pages/bench/share-only"
  cp -r tests/node_modules/shariff/dist "$site/pages/bench/shariff"
fi

if wants startup || wants lighthouse || wants scale || wants server; then
  step "building the reference server and the hello-world ceiling (profile server)"
  cargo build -p eslabon-server --profile server --bin eslabon-server --example hello
fi

step "measuring"
ESLABON_SITE="$site" \
ESLABON_SERVER_BIN="$target_dir/server/eslabon-server" \
ESLABON_HELLO_BIN="$target_dir/server/examples/hello" \
ESLABON_BENCH_BUILDS="$builds" \
  node tests/bench/bench.mjs "${args[@]}"
