# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this
# Shared by the scripts in this folder: paths, pinned tool versions, small helpers.
# Sourced (after `cd` to the repository root), never run on its own.

ROOT="$(pwd)"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
TRUNK_VERSION="0.21.14"          # 0.22 needs a newer rustc; 0.21.14 only builds with --locked
WASM_OPT_VERSION="132"           # from the npm package binaryen@132 (tests/package.json)
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER_BIN=/usr/bin/chromedriver

die() { echo "error: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

# npm's wasm-opt (binaryen 132) goes before everything else: Debian's binaryen 108 produces wasm
# that fails in the browser ("WebAssembly.Table.set(): Argument 1 is invalid").
use_tools_path() {
  case ":$PATH:" in
    "$ROOT/tests/node_modules/.bin:"*) ;;
    *) export PATH="$ROOT/tests/node_modules/.bin:$CARGO_BIN:$PATH" ;;
  esac
}

# The wasm-bindgen version in Cargo.lock; the CLI must match it exactly.
wasm_bindgen_version() {
  local v
  v="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null)"
  [ -n "$v" ] || die "no wasm-bindgen package in Cargo.lock (run cargo generate-lockfile?)"
  echo "$v"
}

# The toolchain channel pinned in rust-toolchain.toml.
rust_channel() {
  sed -n 's/^channel *= *"\(.*\)".*/\1/p' rust-toolchain.toml
}

# Fails with a clear message unless the build tools on PATH are the pinned ones.
require_build_tools() {
  local want have
  want="$(wasm_bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
  [ "$have" = "$want" ] || die "wasm-bindgen ${have:-missing} on PATH, Cargo.lock wants $want: run scripts/setup.sh"
  have="$(wasm-opt --version 2>/dev/null | awk '{print $3}')"
  [ "$have" = "$WASM_OPT_VERSION" ] || die "wasm-opt ${have:-missing} first on PATH ($(command -v wasm-opt || echo none)), want $WASM_OPT_VERSION from npm: run scripts/setup.sh"
}

# Bytes of a file or of several concatenated, raw and compressed.
bytes_raw() { cat "$@" | wc -c | tr -d ' '; }
bytes_gzip() { cat "$@" | gzip -9 -n | wc -c | tr -d ' '; }
bytes_brotli() { if command -v brotli >/dev/null; then cat "$@" | brotli -q 11 -c | wc -c | tr -d ' '; else echo "-"; fi; }

# eslabon.js plus the inline_js snippets wasm-bindgen wrote beside it.
suite_js_files() {
  local dir="$1"
  echo "$dir/eslabon.js"
  if [ -d "$dir/snippets" ]; then find "$dir/snippets" -type f -name '*.js' | LC_ALL=C sort; fi
}
