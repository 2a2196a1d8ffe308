#!/usr/bin/env bash
# Installs whatever the build and tests need and is missing. Idempotent and quick when all is present.
#   tools/setup.sh build   – Rust wasm target, pinned wasm-bindgen-cli, npm packages (binaryen's wasm-opt)
#   tools/setup.sh test    – the above plus wasm-pack, Debian chromium + chromium-driver
#   tools/setup.sh fuzz    – only the fuzzing tools: the nightly toolchain (minimal) and cargo-fuzz
# Nothing is downloaded from outside the package registries (crates.io, npm, Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
say() { printf '[setup] %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if [ "$what" = fuzz ]; then
  # libFuzzer's instrumentation needs nightly (-Zsanitizer); the library itself stays on stable.
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    say "rustup toolchain install nightly --profile minimal"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "cargo install cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz
  fi
  say "ok (fuzz)"
  exit 0
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must be exactly the library's version (Cargo.toml pins it with "=").
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg_version"; then
  say "cargo install wasm-bindgen-cli $wbg_version (about 2 minutes)"
  # No --locked: its lockfile pins a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$wbg_version"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi

if [ "$what" = test ]; then
  if ! command -v wasm-pack >/dev/null 2>&1; then
    say "cargo install wasm-pack 0.15.1 (about 2 minutes)"
    cargo install wasm-pack --version 0.15.1 --locked
  fi
  # Chinese fonts so that screenshots and text measurements in the page tests are real.
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 || [ ! -d /usr/share/fonts/opentype/noto ]; then
    if [ "$(id -u)" = 0 ]; then
      say "apt-get install chromium chromium-driver fonts-noto-cjk"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
    else
      echo "Chromium and CJK fonts are needed for the browser tests. Install them as root:" >&2
      echo "  apt-get install chromium chromium-driver fonts-noto-cjk" >&2
      exit 1
    fi
  fi
fi
say "ok ($what)"
