#!/usr/bin/env bash
# Whole-process benchmark: `kehoach-validate` (load with every check, every rule, the JSON report) against a
# bare typed serde_json parse of the same file (benches/tools bare_parse: read into a String, `from_str` into
# plain owned structs: the fair floor), side by side, interleaved, on each data shape: median wall time, median
# peak memory (/usr/bin/time %M) and their ratios. `kehoach-validate` runs twice each round: as it is (a
# document of 1 MiB or more is then read on two threads, src/format/split.rs) and pinned to one core with
# `taskset -c 0` (read on one thread), so that both ratios are printed; the floor is one thread either way, and
# the one-core ratio is against the floor run through `taskset -c 0` too (at 1/100 of a year, taskset's own start
# is a tenth of a run).
#
#   benches/whole-process.sh [YEARS]     # YEARS national school years (default 1); RUNS=15 by default
#   SCALE=0.01 benches/whole-process.sh  # a part of the country: 1/100 of each year's units and plans
#   SHAPES="pretty compact short" benches/whole-process.sh    # the default: every shape
#
# The shapes (examples/national options): `pretty`, the library's own indented output with realistic ids and
# titles; `compact`, the same registry on one line; `short`, one line with short ids, names and titles (u23500,
# KH), as a database export writes, where the library's cost per unit and per plan shows most.
#
# Writes the synthetic national file to target/bench-data/ the first time (benches/data.sh). Needs
# /usr/bin/time (Debian's `time` package), bc and taskset (`util-linux`); run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

years="${1:-1}"
scale="${SCALE:-1}"
runs="${RUNS:-15}"
shapes="${SHAPES:-pretty compact short}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release"

[ -x /usr/bin/time ] || { echo "whole-process.sh: needs /usr/bin/time (apt install time)" >&2; exit 2; }
command -v bc >/dev/null || { echo "whole-process.sh: needs bc (apt install bc)" >&2; exit 2; }
command -v taskset >/dev/null || { echo "whole-process.sh: needs taskset (apt install util-linux)" >&2; exit 2; }
cargo build --release --locked --quiet --bin kehoach-validate
cargo build --release --locked --quiet -p kehoach-bench-tools
# shellcheck source=data.sh
. benches/data.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
run() { # run SHAPE NAME COMMAND...: appends "SHAPE NAME seconds kb" to the log; a run that fails is not a result
  local shape="$1" name="$2" mem start end status=0
  shift 2
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
  echo "$shape $name $(echo "($end - $start) / 1000000000" | bc -l) $(tail -n 1 "$mem")" >>"$log"
  rm -f "$mem"
}
ratio() { echo "$1 / $2" | bc -l; }
median() { # median SHAPE NAME COLUMN
  awk -v s="$1" -v n="$2" -v c="$3" '$1 == s && $2 == n { print $c }' "$log" | sort -g |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

echo "$years year(s) at scale $scale, $runs runs each, interleaved, $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "val.: kehoach-validate as it runs; 1 core: the same pinned to one core; ratios against the bare parse"
printf '%-8s %7s %9s %9s %7s %9s %7s %8s %8s %7s %8s %7s\n' shape size "bare (s)" "val. (s)" ratio "1 core" ratio \
  "bare MB" "val. MB" ratio "1c. MB" ratio
for shape in $shapes; do
  case "$shape" in
    pretty) options=() ;;
    compact) options=(--compact) ;;
    short) options=(--compact --strings short) ;;
    *) echo "whole-process.sh: unknown shape $shape (pretty, compact, short)" >&2; exit 2 ;;
  esac
  data="$target/bench-data/national-${years}y-$shape.json"
  [ "$scale" = 1 ] || data="$target/bench-data/national-${scale}x${years}y-$shape.json"
  national_data "$data" --scale "$scale" --years "$years" "${options[@]}"
  # The commands run in turn, run after run (after one warm-up run each), so that the drift of a shared
  # machine, which can move wall times by tens of per cent within minutes, falls on all alike.
  bare=("$bin/bare_parse" "$data")
  validate=("$bin/kehoach-validate" "$data" --format json)
  run "$shape" warm "${bare[@]}"
  run "$shape" warm "${validate[@]}"
  for _ in $(seq "$runs"); do
    run "$shape" bare "${bare[@]}"
    run "$shape" validate "${validate[@]}"
    run "$shape" one taskset -c 0 "${validate[@]}"
    run "$shape" bare1 taskset -c 0 "${bare[@]}"
  done
  bare_t="$(median "$shape" bare 3)" bare_m="$(median "$shape" bare 4)"
  val_t="$(median "$shape" validate 3)" val_m="$(median "$shape" validate 4)"
  one_t="$(median "$shape" one 3)" one_m="$(median "$shape" one 4)"
  bare1_t="$(median "$shape" bare1 3)"
  printf '%-8s %7s %9.4f %9.4f %7.2f %9.4f %7.2f %8.0f %8.0f %7.2f %8.0f %7.2f\n' "$shape" "$(du -h "$data" | cut -f1)" \
    "$bare_t" "$val_t" "$(ratio "$val_t" "$bare_t")" "$one_t" "$(ratio "$one_t" "$bare1_t")" \
    "$(ratio "$bare_m" 1024)" "$(ratio "$val_m" 1024)" "$(ratio "$val_m" "$bare_m")" \
    "$(ratio "$one_m" 1024)" "$(ratio "$one_m" "$bare_m")"
done
