#!/usr/bin/env bash
# Size report: raw and gzip -9 bytes of what a host page downloads, for the full suite and for a
# share-only build, against the budgets. The CSS is embedded in the wasm (adoptedStyleSheets),
# so it is counted there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
use_tools_path

bash scripts/build-suite.sh --out target/size/suite >/dev/null
bash scripts/build-suite.sh --features share --out target/size/share >/dev/null

report() {
  local name="$1" dir="$2" budget_kb="$3"
  local js wasm js_gz wasm_gz total_gz
  js=$(cat "$dir/eslabon.js" $(find "$dir/snippets" -name '*.js') | wc -c)
  js_gz=$(cat "$dir/eslabon.js" $(find "$dir/snippets" -name '*.js') | gzip -9 | wc -c)
  wasm=$(wc -c < "$dir/eslabon_bg.wasm")
  wasm_gz=$(gzip -9 < "$dir/eslabon_bg.wasm" | wc -c)
  total_gz=$((js_gz + wasm_gz))
  local verdict="within budget"
  [ "$total_gz" -gt $((budget_kb * 1000)) ] && verdict="OVER BUDGET by $((total_gz - budget_kb * 1000)) B"
  printf '%-11s %10s %10s %10s %10s %12s %9s  %s\n' "$name" "$js" "$js_gz" "$wasm" "$wasm_gz" "$total_gz" "${budget_kb} KB" "$verdict"
}

printf '%-11s %10s %10s %10s %10s %12s %9s\n' build "js B" "js gz" "wasm B" "wasm gz" "total gz" budget
report suite target/size/suite 150
report share-only target/size/share 40
