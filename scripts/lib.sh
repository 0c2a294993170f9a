# Shared by the scripts: paths and tool versions. Sourced, not run.
ROOT="$(pwd)"
WASM_OPT_PACKAGE="binaryen@132"
TRUNK_VERSION="0.21.14"

# npm's wasm-opt (binaryen 132) goes first: Debian's binaryen 108 produces broken wasm.
use_tools_path() {
  export PATH="$ROOT/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH"
}

# The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

step() { printf '\n== %s\n' "$*"; }
