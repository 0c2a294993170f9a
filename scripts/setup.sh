#!/usr/bin/env bash
# Installs what is missing, and nothing else: with everything present it takes a second or two.
#
#   scripts/setup.sh            what a suite build needs: Rust toolchain + wasm32 target,
#                               wasm-bindgen-cli (version from Cargo.lock), npm packages (wasm-opt 132)
#   scripts/setup.sh --demo     also trunk 0.21.14 (only the demo needs it; tests never do)
#   scripts/setup.sh --test     also Chromium + ChromeDriver (Debian packages)
#
# Everything comes from the Rust distribution server, crates.io, npm or Debian; nothing here
# downloads a binary from anywhere else. One line per tool: "ok" or "installing".
# Scripts that need the tools call use_tools_path (scripts/lib.sh), which puts
# tests/node_modules/.bin (npm's wasm-opt 132) and ~/.cargo/bin first on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

want_trunk=false
want_test=false
for arg in "$@"; do
  case "$arg" in
    --demo|--trunk) want_trunk=true ;;
    --test) want_test=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "setup: unknown option $arg (use --demo and/or --test)" ;;
  esac
done
use_tools_path

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Rust toolchain, components and wasm target, as pinned in rust-toolchain.toml -------------
command -v rustup >/dev/null || die "rustup is not installed (https://rustup.rs); it installs the toolchain pinned in rust-toolchain.toml"
channel="$(rust_channel)"
[ -n "$channel" ] || die "no channel in rust-toolchain.toml"
if rustup toolchain list | grep -q "^$channel-"; then
  echo "ok          rust $channel"
else
  echo "installing  rust $channel (from rust-toolchain.toml)"
  # rustup >= 1.28 installs the toolchain file's toolchain with no argument; older ones on `show`.
  rustup toolchain install 2>/dev/null || rustup show
fi
if rustup target list --installed --toolchain "$channel" | grep -qx wasm32-unknown-unknown; then
  echo "ok          target wasm32-unknown-unknown"
else
  echo "installing  target wasm32-unknown-unknown"
  rustup target add --toolchain "$channel" wasm32-unknown-unknown
fi
if rustup component list --installed --toolchain "$channel" | grep -q '^rustfmt'; then
  echo "ok          rustfmt"
else
  echo "installing  rustfmt"
  rustup component add --toolchain "$channel" rustfmt
fi

# --- wasm-bindgen CLI at exactly the version in Cargo.lock -------------------------------------
# Without --locked: the CLI's own lockfile names a webpki-roots version the registry here lacks.
# It also provides wasm-bindgen-test-runner, the runner of the browser component tests.
wbg_want="$(wasm_bindgen_version)"
wbg_have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
runner_have="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')"
if [ "$wbg_have" = "$wbg_want" ] && [ "$runner_have" = "$wbg_want" ]; then
  echo "ok          wasm-bindgen-cli $wbg_want"
else
  echo "installing  wasm-bindgen-cli $wbg_want (found ${wbg_have:-none}; about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$wbg_want" --force
fi

# --- npm packages: binaryen (wasm-opt 132) and playwright-core, from tests/package-lock.json ---
command -v npm >/dev/null || die "node and npm are not installed (Node >= 20)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node $node_major is too old: playwright-core 1.65 needs Node >= 20"
if [ -f tests/node_modules/.package-lock.json ] && [ ! tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  echo "ok          npm packages (tests/node_modules)"
else
  echo "installing  npm packages (npm ci in tests/)"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
wasm_opt_have="$(wasm-opt --version 2>/dev/null | awk '{print $3}')"
if [ "$wasm_opt_have" = "$WASM_OPT_VERSION" ]; then
  echo "ok          wasm-opt $WASM_OPT_VERSION (npm binaryen, $(command -v wasm-opt))"
else
  die "wasm-opt first on PATH is ${wasm_opt_have:-missing}, not $WASM_OPT_VERSION: check tests/node_modules/.bin"
fi
if [ -x /usr/bin/wasm-opt ]; then
  echo "note        /usr/bin/wasm-opt ($(/usr/bin/wasm-opt --version | awk '{print $3}')) is ignored: npm's $WASM_OPT_VERSION comes first on PATH"
fi

# --- trunk, for the demo only -----------------------------------------------------------------
if $want_trunk; then
  trunk_have="$(trunk --version 2>/dev/null | awk '{print $2}')"
  if [ "$trunk_have" = "$TRUNK_VERSION" ]; then
    echo "ok          trunk $TRUNK_VERSION"
  else
    # --locked is required: without it 0.21.14 fails to compile (a cssparser version clash).
    echo "installing  trunk $TRUNK_VERSION (found ${trunk_have:-none}; about 10 minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
  fi
fi

# --- Chromium and ChromeDriver (Debian), for the browser and end-to-end tests ------------------
if $want_test; then
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER_BIN" ]; then
    echo "ok          $("$CHROMIUM" --version 2>/dev/null | head -1) + $("$CHROMEDRIVER_BIN" --version 2>/dev/null | awk '{print $1, $2}')"
  else
    echo "installing  chromium + chromium-driver (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
    if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER_BIN" ]; then
      die "chromium/chromedriver still missing after apt-get install"
    fi
    echo "ok          $("$CHROMIUM" --version 2>/dev/null | head -1)"
  fi
fi

# --- schemathesis (PyPI, pinned with hashes in tests/schemathesis/requirements.txt) ------------
if $want_test; then
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "installing  python3-venv (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
  fi
  bash tests/schemathesis/run.sh --install
fi
