#!/usr/bin/env bash
# Builds the distributable suite without trunk: eslabon.js (self-starting ES module) +
# eslabon_bg.wasm (+ snippets/ from wasm-bindgen's inline_js), no hashes in the names. The glue
# finds its wasm next to itself through import.meta.url, so it loads from any path. The same
# files also go to OUT/VERSION/ (VERSION: the workspace version in Cargo.toml), a URL that never
# changes content, which servers and CDNs may cache for good (docs/embedding.md).
#
#   scripts/build-suite.sh [--features LIST] [--out DIR] [--site DIR] [--debug]
#
#   --features LIST  cargo features of the `eslabon` crate, e.g. "share" or "share,ideas"
#                    (default: the crate's default features = every widget)
#   --out DIR        where eslabon.js goes (default: SITE/eslabon, or target/site/eslabon)
#   --site DIR       also lay out the demo site there as trunk does: index.html, playground.html
#                    (if present), examples/pages/ -> DIR/pages/. Default: target/site when
#                    neither --out nor --features is given, otherwise no site.
#   --debug          dev profile and no wasm-opt (fast, big; for debugging only)
#
# Used by Trunk.toml's build hook (--out "$TRUNK_STAGING_DIR/eslabon"), scripts/test.sh and
# scripts/bench.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

features=""
out=""
site=""
site_given=false
profile="release"
while [ $# -gt 0 ]; do
  case "$1" in
    --features) [ $# -ge 2 ] || die "--features needs a value"; features="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a value"; out="$2"; shift 2 ;;
    --site) [ $# -ge 2 ] || die "--site needs a value"; site="$2"; site_given=true; shift 2 ;;
    --debug) profile="dev"; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "build-suite: unknown option $1" ;;
  esac
done
if ! $site_given && [ -z "$out" ] && [ -z "$features" ]; then site="target/site"; fi
if [ -z "$out" ]; then out="${site:-target/site}/eslabon"; fi
case "$out" in /|.|..|"") die "refusing to use --out '$out'" ;; esac

use_tools_path
require_build_tools

# 1. Compile. One target dir for every feature set: only the crates whose features differ rebuild.
cargo_args=(build -p eslabon --target wasm32-unknown-unknown --profile "$profile")
if [ -n "$features" ]; then cargo_args+=(--no-default-features --features "$features"); fi
echo "build-suite: cargo ${cargo_args[*]}"
cargo "${cargo_args[@]}"
target_dir="${CARGO_TARGET_DIR:-target}"
dir_profile="release"; [ "$profile" = "dev" ] && dir_profile="debug"
wasm="$target_dir/wasm32-unknown-unknown/$dir_profile/eslabon.wasm"
[ -f "$wasm" ] || die "cargo produced no $wasm"

# 2. Bindings: --target web is an ES module whose default export, __wbg_init(), fetches
#    new URL('eslabon_bg.wasm', import.meta.url).
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --out-name eslabon --out-dir "$out" --no-typescript "$wasm"

# 3. Size. rustc 1.95's default wasm32 features (rustc --print cfg --target wasm32-unknown-unknown):
#    bulk-memory, multivalue, mutable-globals, nontrapping-fptoint, reference-types, sign-ext.
#    wasm-opt must be told about each of them, or it rejects the module (validation) or, for
#    reference-types, rewrites the externref table into wasm that fails at load time.
#    --converge repeats -Oz while it still shrinks (measured: suite -1.3 KB, share -0.45 KB gzip,
#    ~10 s more); --strip-target-features drops a section only tools read (browsers ignore it).
#    Measured and left out: -Os/-O3/-O4 and --gufa (no better), --low-memory-unused (-2.6 KB, but
#    Rust puts the stack first, so the bottom of a very deep stack does use low memory).
if [ "$profile" = "release" ]; then
  wasm-opt -Oz --converge --strip-debug --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue \
    "$out/eslabon_bg.wasm" -o "$out/eslabon_bg.wasm"
fi

# 4. Self-starting: one <script type="module" src=".../eslabon.js"> is all a host page needs,
#    with no inline script (strict CSP).
# wasm-bindgen 0.2.130 ends the glue with `export { initSync, __wbg_init as default };`
# (older versions: `export default __wbg_init;`).
if ! grep -q '^async function __wbg_init(' "$out/eslabon.js" \
  || ! grep -Eq '__wbg_init as default|^export default __wbg_init;' "$out/eslabon.js"; then
  die "wasm-bindgen's glue has no __wbg_init default export (did its output change?): cannot make eslabon.js self-starting"
fi
if ! grep -q "new URL('eslabon_bg.wasm', import.meta.url)" "$out/eslabon.js"; then
  die "wasm-bindgen's glue no longer locates eslabon_bg.wasm through import.meta.url"
fi
printf '\n// Self-starting: importing this module registers the Eslabón elements.\n__wbg_init().catch((e) => console.error("eslabon: failed to start", e));\n' >> "$out/eslabon.js"

# The custom elements manifest, when the suite crate has one.
if [ -f widgets/suite/custom-elements.json ]; then cp widgets/suite/custom-elements.json "$out/"; fi

# 5. The versioned copy: /eslabon/VERSION/eslabon.js keeps its content for as long as VERSION
#    exists, so the reference server sends it with `Cache-Control: immutable` (a year), while
#    the unversioned names are revalidated on every load.
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml)"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || die "no [workspace.package] version in Cargo.toml (got '$version')"
rm -rf "${out:?}/$version" && mkdir -p "$out/$version"
for name in eslabon.js eslabon_bg.wasm snippets custom-elements.json; do
  if [ -e "$out/$name" ]; then cp -r "$out/$name" "$out/$version/"; fi
done

# 6. The demo site, laid out like trunk's dist (trunk strips its data-trunk links; browsers
#    ignore them, so copying index.html as is works too).
if [ -n "$site" ]; then
  mkdir -p "$site"
  cp index.html "$site/index.html"
  if [ -f playground.html ]; then cp playground.html "$site/playground.html"; fi
  rm -rf "$site/pages"
  cp -r examples/pages "$site/pages"
fi

mapfile -t js_files < <(suite_js_files "$out")
echo "build-suite: $out (${features:-default features}, $profile)"
printf '  eslabon.js%s  %8s B  %7s B gzip -9\n' "$([ ${#js_files[@]} -gt 1 ] && echo " + $(( ${#js_files[@]} - 1 )) snippet(s)")" \
  "$(bytes_raw "${js_files[@]}")" "$(bytes_gzip "${js_files[@]}")"
printf '  eslabon_bg.wasm  %8s B  %7s B gzip -9 (CSS included: it is embedded in the wasm)\n' \
  "$(bytes_raw "$out/eslabon_bg.wasm")" "$(bytes_gzip "$out/eslabon_bg.wasm")"
echo "  versioned copy: $out/$version/ (same files, for cache-forever URLs)"
if [ -n "$site" ]; then echo "  site: $site (index.html, pages/, eslabon/)"; fi
