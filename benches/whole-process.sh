#!/usr/bin/env bash
# Whole-process benchmark: `kehoach-validate` (load with every check, every rule, the JSON report) against a
# bare typed serde_json parse of the same file (benches/tools bare_parse: read into a String, `from_str` into
# plain owned structs), side by side in one run, interleaved: median wall time, median peak memory
# (/usr/bin/time %M) and their ratios.
#
#   benches/whole-process.sh [YEARS]     # YEARS national school years (default 1); RUNS=10 by default
#
# Writes the synthetic national file to target/bench-data/ the first time (benches/data.sh). Needs
# /usr/bin/time (Debian's `time` package) and bc; run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

years="${1:-1}"
runs="${RUNS:-10}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release"

[ -x /usr/bin/time ] || { echo "whole-process.sh: needs /usr/bin/time (apt install time)" >&2; exit 2; }
command -v bc >/dev/null || { echo "whole-process.sh: needs bc (apt install bc)" >&2; exit 2; }
cargo build --release --locked --quiet --bin kehoach-validate
cargo build --release --locked --quiet -p kehoach-bench-tools
# shellcheck source=data.sh
. benches/data.sh
data="$target/bench-data/national-${years}y.json"
national_data "$data" --scale 1 --years "$years"

# The two commands run in turn, run after run (after one warm-up run each), so that the drift of a shared
# machine, which can move wall times by tens of per cent within minutes, falls on both alike. Each run's wall
# time is taken around the command (nanosecond clock), its peak memory from /usr/bin/time %M; the medians
# are printed.
bare=("$bin/bare_parse" "$data")
validate=("$bin/kehoach-validate" "$data" --format json)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
run() { # run NAME COMMAND...: appends "NAME seconds kb" to the log; a run that fails is not a result
  local name="$1" mem start end status=0
  shift
  mem="$(mktemp)"
  start="$(date +%s%N)"
  /usr/bin/time -q -f "%M" -o "$mem" "$@" >/dev/null 2>&1 || status=$?
  end="$(date +%s%N)"
  # kehoach-validate exits 1 when the registry has errors (the synthetic file has some); 2 and up is a failure.
  if [ "$status" -gt 1 ]; then
    echo "whole-process.sh: $* exited $status" >&2
    rm -f "$mem"
    exit 1
  fi
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
printf '%-34s %9.3f %12.0f\n' "kehoach-validate --format json" "$val_t" "$(echo "$val_m / 1024" | bc -l)"
printf '%-34s %9.3f %12.2f\n' "ratio (kehoach-validate / bare)" "$(echo "$val_t / $bare_t" | bc -l)" "$(echo "$val_m / $bare_m" | bc -l)"
