#!/usr/bin/env bash
# Size report: what a host page downloads (eslabon.js + snippets + eslabon_bg.wasm), for the full
# suite and for a share-only build, raw / gzip -9 / brotli -q 11 (if `brotli` is installed),
# against the gzip budgets. The widgets' CSS is embedded in the wasm (adoptedStyleSheets), so it
# is counted there. 1 KB = 1000 B. Exits 1 when a build is over its budget.
#
#   scripts/size.sh
#
# Builds into target/size/suite and target/size/share (never touches target/site).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
use_tools_path

SUITE_BUDGET_KB=150
SHARE_BUDGET_KB=40

step "building the full suite (target/size/suite)"
bash scripts/build-suite.sh --out target/size/suite
step "building share only (target/size/share)"
bash scripts/build-suite.sh --features share --out target/size/share

over=0
row() {
  local name="$1" dir="$2" budget_kb="$3"
  local js_files js js_gz js_br wasm wasm_gz wasm_br total_gz verdict
  mapfile -t js_files < <(suite_js_files "$dir")
  js=$(bytes_raw "${js_files[@]}"); js_gz=$(bytes_gzip "${js_files[@]}"); js_br=$(bytes_brotli "${js_files[@]}")
  wasm=$(bytes_raw "$dir/eslabon_bg.wasm"); wasm_gz=$(bytes_gzip "$dir/eslabon_bg.wasm"); wasm_br=$(bytes_brotli "$dir/eslabon_bg.wasm")
  total_gz=$((js_gz + wasm_gz))
  if [ "$total_gz" -gt $((budget_kb * 1000)) ]; then
    verdict="OVER BUDGET by $((total_gz - budget_kb * 1000)) B"
    over=1
  else
    verdict="ok ($((budget_kb * 1000 - total_gz)) B left)"
  fi
  printf '%-10s %9s %8s %8s  %9s %8s %8s  %9s %7s KB  %s\n' "$name" "$js" "$js_gz" "$js_br" \
    "$wasm" "$wasm_gz" "$wasm_br" "$total_gz" "$budget_kb" "$verdict"
}

echo
echo "Sizes in bytes. js = eslabon.js + snippets/*.js; wasm includes the widgets' CSS (embedded)."
command -v brotli >/dev/null || echo "(brotli not installed: its columns show '-'; apt-get install brotli)"
printf '%-10s %9s %8s %8s  %9s %8s %8s  %9s %10s  %s\n' build "js raw" "js gz" "js br" \
  "wasm raw" "wasm gz" "wasm br" "total gz" budget verdict
row suite target/size/suite "$SUITE_BUDGET_KB"
row share target/size/share "$SHARE_BUDGET_KB"
echo
if [ "$over" = 1 ]; then
  echo "OVER BUDGET: at least one build exceeds its gzip budget (suite ${SUITE_BUDGET_KB} KB, share only ${SHARE_BUDGET_KB} KB)"
  exit 1
fi
echo "within budget (suite ${SUITE_BUDGET_KB} KB, share only ${SHARE_BUDGET_KB} KB gzip)"
