#!/usr/bin/env bash
# Fuzzes the loader (`load`) and validate-after-load (`validate`) with cargo-afl (AFL++).
#
#   tests/fuzz/run.sh                       # both targets in parallel, 15 minutes each
#   tests/fuzz/run.sh -V 1800 validate      # one target for 30 minutes
#   RESUME=1 tests/fuzz/run.sh -V 600 load  # go on from the queue of the last run instead of the seeds
#
# Needs `cargo install cargo-afl` once (it builds AFL++; a C compiler and make are enough, no clang).
# Findings go to tests/fuzz/out/TARGET/default/{crashes,hangs} (git-ignored). Replay them outside afl-fuzz
# with the replay binary this script builds, or with no AFL at all through the main crate's tests:
#   tests/fuzz/target/release/replay tests/fuzz/out/validate/default/crashes
#   KEHOACH_FUZZ_REPLAY=tests/fuzz/out/validate/default/crashes cargo test --test it fuzz_regressions::
# then minimise each (cargo afl tmin) into tests/fuzz/regressions/, where every `cargo test` replays it.
#
# Options: -V SECONDS (default 900, per target), -t MILLISECONDS (a run slower than this is a hang, default
# 1000), -j (targets one after the other instead of in parallel). Environment: NICE (default 10), RESUME=1,
# AFL_EXTRA (more afl-fuzz arguments).
set -euo pipefail
cd "$(dirname "$0")"

seconds=900
timeout_ms=1000
parallel=1
while getopts "V:t:j" opt; do
  case "$opt" in
    V) seconds="$OPTARG" ;;
    t) timeout_ms="$OPTARG" ;;
    j) parallel=0 ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load validate)
for t in "${targets[@]}"; do
  case "$t" in
    load | validate) ;;
    *) echo "unknown target $t (the targets are load and validate)" >&2; exit 2 ;;
  esac
done

if ! cargo afl --version >/dev/null 2>&1; then
  echo "cargo-afl is missing: cargo install cargo-afl" >&2
  exit 2
fi

nice -n "${NICE:-10}" cargo afl build --release --locked

# No core-dump handler or CPU-frequency governor to rely on in a container; do not pin cores that another
# process may be using; no full-screen UI when the output is not a terminal.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
[ -t 1 ] || export AFL_NO_UI=1

mkdir -p out
fuzz() {
  local target="$1" input=seeds
  if [ "${RESUME:-0}" = 1 ] && [ -d "out/$target/default/queue" ]; then
    input=-
  elif [ -e "out/$target" ]; then
    mv "out/$target" "out/$target.$(date +%Y%m%d-%H%M%S)"
  fi
  # shellcheck disable=SC2086
  nice -n "${NICE:-10}" cargo afl fuzz -i "$input" -o "out/$target" -x registry.dict -t "$timeout_ms" \
    -V "$seconds" ${AFL_EXTRA:-} -- "target/release/$target" >"out/$target.log" 2>&1 || {
    echo "afl-fuzz for $target failed; the end of out/$target.log:" >&2
    tail -n 30 "out/$target.log" >&2
    return 1
  }
}

echo "fuzzing ${targets[*]} for $seconds s each; progress in tests/fuzz/out/TARGET.log"
status=0
if [ "$parallel" = 1 ]; then
  pids=()
  for t in "${targets[@]}"; do
    fuzz "$t" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
else
  for t in "${targets[@]}"; do fuzz "$t" || status=1; done
fi

for t in "${targets[@]}"; do
  stats="out/$t/default/fuzzer_stats"
  [ -f "$stats" ] || continue
  echo "== $t"
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|stability|bitmap_cvg)' "$stats"
  crashes=$(find "out/$t/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
  hangs=$(find "out/$t/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
    echo "   $crashes crash(es), $hangs hang(s): see tests/fuzz/out/$t/default/{crashes,hangs}"
    status=1
  fi
done
exit "$status"
