#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for FUZZ_SECONDS (default 60) each, one after another, and
# prints one line per target: "fuzz <target>: N execs in S s, K crashes".
#   tools/fuzz.sh [target …]   – only these targets
# Crash, timeout and out-of-memory inputs go to fuzz/artifacts/<target>/ (git-ignored); new
# interesting inputs are added to fuzz/corpus/<target>/ (only the committed seed-* files are
# tracked). Minimise a crash with `cargo +nightly fuzz tmin <target> <file>` and commit it to
# fuzz/regressions/<target>/, which `cargo test --test fuzz_regressions` replays.
# Needs the nightly toolchain and cargo-fuzz: `tools/setup.sh fuzz`.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${FUZZ_SECONDS:-60}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dataset_csv dataset_steps basemap urlstate interaction)

# Largest input per target: a little over the limit the code checks (URL state 8 KiB), or
# room for the shipped basemap (data/basemap.json is 120 KiB); data/partnerships.csv (132 KiB)
# is cut to its first ~100 rows, as good for finding bugs and much faster per run.
max_len() {
  case $1 in
    dataset_csv | dataset_steps) echo 16384 ;;
    basemap) echo 131072 ;;
    urlstate) echo 9216 ;;
    interaction) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

mkdir -p test-results
echo "building the fuzz targets (nightly, address sanitizer, debug assertions)"
if ! cargo +nightly fuzz build --fuzz-dir fuzz --target-dir "$target_dir" >test-results/fuzz-build.log 2>&1; then
  tail -30 test-results/fuzz-build.log >&2
  exit 1
fi
status=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/artifacts/$t" "fuzz/corpus/$t"
  log="test-results/fuzz-$t.log"
  before=$(find "fuzz/artifacts/$t" -type f | wc -l)
  start=$(date +%s)
  cargo +nightly fuzz run --fuzz-dir fuzz --target-dir "$target_dir" "$t" -- \
    -max_total_time="$seconds" -max_len="$(max_len "$t")" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  rc=$?
  took=$(($(date +%s) - start))
  after=$(find "fuzz/artifacts/$t" -type f | wc -l)
  crashes=$((after - before))
  # A run that failed without writing an input (a build error, say) counts as failing too.
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes=1
    echo "fuzz $t: exit $rc without an artifact; see $log" >&2
  fi
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  [ -z "$execs" ] && execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  line="fuzz $t: ${execs:-0} execs in $took s, $crashes crashes"
  echo "$line"
  summary+=("$line")
  if [ "$crashes" -ne 0 ]; then
    status=1
    grep -E '^(thread .* panicked|SUMMARY|==[0-9]+==ERROR)' "$log" | head -3 >&2
    ls -t "fuzz/artifacts/$t" | head -"$crashes" | sed "s|^|  fuzz/artifacts/$t/|" >&2
  fi
done
echo
printf '%s\n' "${summary[@]}"
exit "$status"
