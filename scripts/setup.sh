#!/usr/bin/env bash
# Installs what is missing, and nothing else: fast when everything is there.
#
#   scripts/setup.sh            tools to build the suite (wasm target, wasm-bindgen, wasm-opt)
#   scripts/setup.sh --demo     also trunk 0.21.14
#   scripts/setup.sh --test     also Chromium + ChromeDriver (Debian) and the npm test packages
#
# Everything comes from crates.io, npm or Debian; nothing downloads a binary from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

want_trunk=false
want_test=false
for arg in "$@"; do
  case "$arg" in
    --demo) want_trunk=true ;;
    --test) want_test=true ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done
use_tools_path

# Rust toolchain and wasm target, as pinned in rust-toolchain.toml.
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "ok   rust $(rustc --version | cut -d' ' -f2) + wasm32-unknown-unknown"
else
  echo "installing the wasm32-unknown-unknown target"
  rustup show active-toolchain >/dev/null
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI at exactly the version in Cargo.lock (without --locked: its lockfile names a
# webpki-roots version the registry here lacks).
wbg_version="$(wasm_bindgen_version)"
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" = "$wbg_version" ]; then
  echo "ok   wasm-bindgen $wbg_version"
else
  echo "installing wasm-bindgen-cli $wbg_version (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

# npm packages: wasm-opt (binaryen) for every build; playwright-core and the test corpora.
if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  echo "installing npm packages from tests/package-lock.json"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
else
  echo "ok   npm packages"
fi
if [ "$(wasm-opt --version 2>/dev/null | grep -o 'version [0-9]*')" = "version 132" ]; then
  echo "ok   wasm-opt 132 (npm $WASM_OPT_PACKAGE)"
else
  echo "setup: wasm-opt 132 not found in tests/node_modules/.bin" >&2
  exit 1
fi

if $want_trunk; then
  if [ "$(trunk --version 2>/dev/null | cut -d' ' -f2)" = "$TRUNK_VERSION" ]; then
    echo "ok   trunk $TRUNK_VERSION"
  else
    echo "installing trunk $TRUNK_VERSION (about 10 minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
  fi
fi

if $want_test; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "ok   $(/usr/bin/chromium --version 2>/dev/null | head -1), chromedriver"
  else
    echo "installing chromium and chromium-driver (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
