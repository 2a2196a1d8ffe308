#!/usr/bin/env bash
# Release build of the widget into www/: wasm (size-tuned, wasm-opt from npm binaryen), JS glue,
# and the data files. make demo serves exactly these files and the page tests load them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# Two modules from the one crate: www/pkg/ the full one (it reads a portal's own files: the
# `files` feature), www/pkg-lean/ the small one a default map loads (the shipped data's
# pre-validated forms only; www/core.js picks, www/session.js moves a map to the full one when it
# has to read a file).
# npm binaryen (not Debian's wasm-opt 108, which breaks wasm-bindgen's externref table).
# --low-memory-unused: rustc lays the stack out first (data from 1 MiB, the stack growing down to 0),
# so the low 1 KiB is never addressed unless the stack is about to overflow; it saves ~6 KB.
# -ocimfs=20: a function with one caller is inlined into it only when it is tiny (binaryen's
# default inlines every such function, whatever its size): the exported functions stay small, so
# the engine compiles (on first call, and again optimised when hot) only the code that runs, and
# the module is smaller gzipped (measured: see README, "Size").
# --reorder-functions-by-name: the functions in the order of their Rust paths (a module's and a
# type's functions side by side), which gzip finds more alike: −2.4 KB gzip on the small module,
# −5.4 KB on the full one (session 26; the names are wasm-bindgen's, dropped with the rest after).
module() {
  local out=$1; shift
  cargo build --quiet --lib --profile wasm-release --target wasm32-unknown-unknown "$@"
  # The small module writes and reads numbers through src/num.rs: core's float printing and
  # parsing (~23 KB gzip with their tables) must not come back into it. The names are in cargo's
  # output (wasm-opt drops them below). A `{}` or `{:.N}` on an f64, `str::parse::<f64>` or a
  # `f64::clamp` with bounds not known when compiling (its panic message prints them) is the
  # usual way back in; src/num.rs has the replacements.
  if [ "$out" = pkg-lean ] && grep -aq 'flt2dec\|dec2flt' target/wasm32-unknown-unknown/wasm-release/youcheng.wasm; then
    echo "[build] core's float formatting or parsing is in the small module again (see src/num.rs)" >&2
    exit 1
  fi
  rm -rf "www/$out"
  wasm-bindgen --target web --out-dir "www/$out" target/wasm32-unknown-unknown/wasm-release/youcheng.wasm
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused -ocimfs=20 --reorder-functions-by-name "www/$out/youcheng_bg.wasm" -o "www/$out/youcheng_bg.wasm"
}
module pkg-lean --no-default-features
module pkg
mkdir -p www/data
cp data/basemap.json data/shandong.csv data/countries.csv data/groups.csv data/official_totals.csv data/about.csv www/data/
# The pairs without their notes, and the notes by id (read when a visitor first opens a pair's
# details or exports): the notes are half of the data's bytes and the first frame shows none.
cargo run --quiet --bin youcheng-data -- split-notes data/partnerships.csv www/data
# The shipped data checked once here and written pre-validated (the reference tables and the pairs
# without their notes): the widget reads it at first paint instead of parsing and checking the CSV
# files, which stay for portals' own data and as the fallback.
cargo run --quiet --bin youcheng-data -- pack data www/data/shipped.bin
# The basemap in binary (the same integers as basemap.json, read without JSON at first paint);
# basemap.json stays beside it for portals and as the fallback.
cargo run --quiet --bin youcheng-data -- basemap-bin data/basemap.json www/data/basemap.bin
echo "[build] www/pkg and www/data ready"
