#!/usr/bin/env bash
# Whole-process benchmark: `validate` (load with every check, every rule, the JSON report) against a bare
# typed serde_json parse of the same file, side by side in one run, interleaved: median wall time, median
# peak memory (/usr/bin/time %M) and their ratios.
#
#   benches/whole-process.sh [YEARS]     # YEARS national school years (default 1); RUNS=10 by default
#
# Writes the synthetic national file to target/bench-data/ the first time. Needs /usr/bin/time (Debian's
# `time` package); run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

years="${1:-1}"
runs="${RUNS:-10}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/examples"

cargo build --release --locked --quiet --example national --example bare_parse --example validate
mkdir -p "$target/bench-data"
data="$target/bench-data/national-${years}y.json"
if [ ! -f "$data" ]; then
  "$bin/national" --scale 1 --years "$years" --out "$data"
fi

# The two commands run in turn, run after run (after one warm-up run each), so that the drift of a shared
# machine, which can move wall times by tens of per cent within minutes, falls on both alike. Each run's wall
# time is taken around the command (nanosecond clock), its peak memory from /usr/bin/time %M; the medians
# are printed.
bare=("$bin/bare_parse" "$data")
validate=("$bin/validate" "$data" --format json)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
run() { # run NAME COMMAND...: appends "NAME seconds kb" to the log
  local name="$1" mem start end
  shift
  mem="$(mktemp)"
  start="$(date +%s%N)"
  /usr/bin/time -q -f "%M" -o "$mem" "$@" >/dev/null 2>&1 || true
  end="$(date +%s%N)"
  echo "$name $(echo "($end - $start) / 1000000000" | bc -l) $(tail -n 1 "$mem")" >>"$log"
  rm -f "$mem"
}
run warm "${bare[@]}"
run warm "${validate[@]}"
for _ in $(seq "$runs"); do
  run bare "${bare[@]}"
  run validate "${validate[@]}"
done
median() { # median NAME COLUMN
  awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$log" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
bare_t="$(median bare 2)" bare_m="$(median bare 3)"
val_t="$(median validate 2)" val_m="$(median validate 3)"

echo "file: $data ($(du -h "$data" | cut -f1)), $runs runs each, interleaved, $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%-34s %9s %12s\n' "" "wall (s)" "peak (MB)"
printf '%-34s %9.3f %12.0f\n' "bare typed serde_json parse" "$bare_t" "$(echo "$bare_m / 1024" | bc -l)"
printf '%-34s %9.3f %12.0f\n' "validate --format json" "$val_t" "$(echo "$val_m / 1024" | bc -l)"
printf '%-34s %9.3f %12.2f\n' "ratio (validate / bare parse)" "$(echo "$val_t / $bare_t" | bc -l)" "$(echo "$val_m / $bare_m" | bc -l)"
