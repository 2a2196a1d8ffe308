#!/usr/bin/env bash
# Prints the bytes of the widget (raw and gzip -9) twice: as www/ holds them (the source modules,
# served as they are by `make demo`) and as dist/ ships them (tools/dist.mjs: bundled and minified
# JS, minified CSS; built here into a temporary folder). The dist/ widget is the shipped one.
set -euo pipefail
cd "$(dirname "$0")/.."
gz() { gzip -9c "$1" | wc -c; }
row() { printf '%-40s %9d %9d\n' "$2" "$(wc -c <"$1")" "$(gz "$1")"; }
# rows ROOT FILE...: one row per file, then the total as "TOTAL_RAW TOTAL_GZ" in $total.
rows() {
  local root=$1 f raw=0 gzb=0; shift
  for f in "$@"; do
    row "$root/$f" "$f"
    raw=$((raw + $(wc -c <"$root/$f"))); gzb=$((gzb + $(gz "$root/$f")))
  done
  total="$raw $gzb"
}

echo "== www/ (source modules, as make demo serves them) =="
printf '%-40s %9s %9s\n' file raw gzip
# What a default map loads: the small module (pkg-lean/: the shipped data's own forms only), its
# glue, the element's own modules (not the demo and iframe pages' scripts). A map that reads a
# portal's files loads the full module (pkg/) instead: its row follows.
cd www
widget=(pkg-lean/youcheng_bg.wasm pkg-lean/youcheng.js youcheng.js element.js session.js core.js loader.js shipped-files.js steps.js attributes.js checks.js dom.js i18n.js charts.js land-worker.js ui/*.js youcheng.css)
cd ..
rows www "${widget[@]}"
read -r www_raw www_gz <<<"$total"
printf '%-40s %9d %9d\n' "www widget total (wasm+JS+CSS)" "$www_raw" "$www_gz"
row www/pkg/youcheng_bg.wasm "pkg/youcheng_bg.wasm (full: a portal's files)"

echo
echo "== dist/ (shipped: make dist, bundled and minified) =="
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
node tools/dist.mjs www "$out" >/dev/null
printf '%-40s %9s %9s\n' file raw gzip
# The widget as a default map loads it: every file youcheng.js leads to but the full module's
# (the raster workers' too, which only large networks start: a portal's, on the full module).
manifest="$out/manifest.json"
mapfile -t shipped < <(node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1])); const full = new Set(m.modules.full); for (const f of m.widget.files) if (!full.has(f) && !/^raster-worker/.test(f)) console.log(f)' "$manifest")
rows "$out" "${shipped[@]}"
read -r dist_raw dist_gz <<<"$total"
printf '%-40s %9d %9d\n' "shipped widget total (wasm+JS+CSS)" "$dist_raw" "$dist_gz"
mapfile -t full < <(node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1])); for (const f of m.modules.full) console.log(f)' "$manifest")
echo "-- a map that reads a portal's files loads the full module instead of pkg-lean/'s, and raster-worker.js for a large network:"
rows "$out" "${full[@]}" $(node -e 'for (const f of JSON.parse(require("fs").readFileSync(process.argv[1])).widget.files) if (/^raster-worker/.test(f)) console.log(f)' "$manifest")

echo
echo "== default payload: the shipped widget and the data it loads for its first frame =="
# The shipped data pre-validated (shipped.bin) stands for shandong, countries, groups, partnerships.csv,
# official_totals.csv and about.csv, and basemap.bin for basemap.json (all kept for portals and as fallbacks),
# which are read only when it cannot be (and for a portal's own data).
data=(basemap.bin shipped.bin)
rows www/data "${data[@]}"
read -r data_raw data_gz <<<"$total"
printf '%-40s %9d %9d\n' "data total" "$data_raw" "$data_gz"
printf '%-40s %9d %9d\n' "default payload (shipped widget + data)" "$((dist_raw + data_raw))" "$((dist_gz + data_gz))"
echo
echo "== fetched when first needed (a pair's details, the CSV export), not with the map =="
row www/data/notes.bin notes.bin
