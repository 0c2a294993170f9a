#!/usr/bin/env bash
# Builds the distributable suite: eslabon.js + eslabon_bg.wasm (+ snippets/), self-starting,
# finding its wasm next to itself through import.meta.url.
#
#   scripts/build-suite.sh [--features LIST] [--out DIR] [--site DIR] [--debug]
#
# --features  cargo features of the `eslabon` crate (default: all widgets)
# --out       where eslabon.js goes (default: target/site/eslabon)
# --site      also lay out the demo site there: index.html, pages/ (what trunk produces)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

features=""
out=""
site=""
profile="release"
while [ $# -gt 0 ]; do
  case "$1" in
    --features) features="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --site) site="$2"; shift 2 ;;
    --debug) profile="dev"; shift ;;
    *) echo "build-suite: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$out" ]; then
  if [ -n "$site" ]; then out="$site/eslabon"; else out="target/site/eslabon"; fi
fi

use_tools_path
cargo_args=(build -p eslabon --target wasm32-unknown-unknown --profile "$profile")
if [ -n "$features" ]; then cargo_args+=(--no-default-features --features "$features"); fi
# Each feature set gets its own target dir so a share-only build never overwrites the suite.
target_dir="target"
if [ -n "$features" ]; then target_dir="target/features-${features//[, ]/-}"; fi
CARGO_TARGET_DIR="$target_dir" cargo "${cargo_args[@]}"

dir_profile="release"; [ "$profile" = "dev" ] && dir_profile="debug"
wasm="$target_dir/wasm32-unknown-unknown/$dir_profile/eslabon.wasm"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --out-name eslabon --out-dir "$out" --no-typescript "$wasm"

if [ "$profile" = "release" ]; then
  # The features rustc 1.95 emits for wasm32-unknown-unknown; wasm-opt must accept them all.
  wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$out/eslabon_bg.wasm" -o "$out/eslabon_bg.wasm"
fi

# Self-starting: importing eslabon.js is all a host page does, with no inline script.
if ! grep -q "^export default __wbg_init;" "$out/eslabon.js"; then
  echo "build-suite: wasm-bindgen's glue has no __wbg_init default export; cannot make it self-starting" >&2
  exit 1
fi
printf '\n__wbg_init().catch((error) => console.error("eslabon: failed to start", error));\n' >> "$out/eslabon.js"

if [ -n "$site" ]; then
  cp index.html "$site/index.html"
  [ -f playground.html ] && cp playground.html "$site/playground.html"
  rm -rf "$site/pages"
  cp -r examples/pages "$site/pages"
fi

js_bytes=$(cat "$out/eslabon.js" $(find "$out/snippets" -name '*.js' 2>/dev/null) | wc -c)
js_gzip=$(cat "$out/eslabon.js" $(find "$out/snippets" -name '*.js' 2>/dev/null) | gzip -9 | wc -c)
wasm_bytes=$(wc -c < "$out/eslabon_bg.wasm")
wasm_gzip=$(gzip -9 < "$out/eslabon_bg.wasm" | wc -c)
echo "build-suite: $out (${features:-all widgets}, $profile): js $js_bytes B ($js_gzip gzip), wasm $wasm_bytes B ($wasm_gzip gzip)"
