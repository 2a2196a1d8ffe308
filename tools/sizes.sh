#!/usr/bin/env bash
# Prints the shipped bytes of the widget (raw and gzip -9): wasm, JS glue, page modules, data.
set -euo pipefail
cd "$(dirname "$0")/.."
row() { printf '%-28s %9d %9d\n' "$1" "$(wc -c <"$1")" "$(gzip -9c "$1" | wc -c)"; }
printf '%-28s %9s %9s\n' file raw gzip
total_raw=0; total_gz=0
# Everything the element loads: the module, its glue, its own modules (not the demo and iframe pages' scripts).
widget=(www/pkg/youcheng_bg.wasm www/pkg/youcheng.js www/youcheng.js www/element.js www/session.js www/core.js www/loader.js www/steps.js www/attributes.js www/checks.js www/dom.js www/i18n.js www/charts.js www/ui/*.js www/youcheng.css)
for f in "${widget[@]}"; do
  row "$f"
  total_raw=$((total_raw + $(wc -c <"$f"))); total_gz=$((total_gz + $(gzip -9c "$f" | wc -c)))
done
printf '%-28s %9d %9d\n' "widget total (wasm+JS+CSS)" "$total_raw" "$total_gz"
for f in www/data/basemap.json www/data/partnerships.csv www/data/countries.csv www/data/official_totals.csv; do row "$f"; done
