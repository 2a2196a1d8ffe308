#!/usr/bin/env bash
# Runs every test tier, keeps going after a failure, and ends with one summary line:
# "N passed, N failed". Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p test-results
passed=0; failed=0; broken=()

count_cargo() { # sums "test result: ... N passed; M failed" lines
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  echo "$p $f"
}
count_node() {
  local p f
  p=$(grep -E '^(# |ℹ )pass [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^(# |ℹ )fail [0-9]+' "$1" | awk '{s+=$3} END {print s+0}')
  echo "$p $f"
}

tier() { # name, counter, command...
  local name=$1 counter=$2; shift 2
  local log="test-results/$name.log"
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  read -r p f < <($counter "$log")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ]; then
    broken+=("$name")
    [ "$f" -eq 0 ] && failed=$((failed + 1)) # a tier that failed without counting a test still fails
  fi
  echo "=== $name: $p passed, $f failed (exit $rc)"
}

none() { echo "0 0"; }

tier lint none bash -c 'cargo fmt --check && cargo clippy --quiet --workspace --all-targets -- -D warnings && cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings && cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings && RUSTDOCFLAGS="-D warnings" cargo doc --quiet --workspace --no-deps'
# The TypeScript definitions, as a portal uses them (tests/types/usage.ts, with @ts-expect-error lines).
tier types none node_modules/.bin/tsc -p tests/types
tier data-check none cargo run --quiet --bin youcheng-data -- check data
tier native count_cargo cargo test --quiet --workspace
tier browser count_cargo wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)"
tier page count_node node --test --test-reporter=spec --test-concurrency=1 tests/page/

echo
[ ${#broken[@]} -gt 0 ] && echo "failing: ${broken[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
