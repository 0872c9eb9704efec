#!/usr/bin/env bash
# Instructions per plan, counted by callgrind, for load, build, validate and compliance at each scale: the
# noise-free half of the "cost per plan grows by at most 30 %" check. Wall time on this VM moves by
# tens of per cent between runs and grows with cache misses; an instruction count is the same every run. A
# step that did more work per plan on a larger registry (a hidden quadratic step) would show here; memory
# effects would not. The second figure is callgrind's simulated last-level cache misses per plan, with that
# cache set to 2 MiB (this machine's L2 per core): it shows where the wall time's growth comes from.
#
#   benches/instructions.sh [SCALE...]    # default: 0.01 0.1 1y; 10y works too (about half an hour)
#
# A SCALE of the form Ny is N national school years; anything else is a fraction of one year. Writes the
# synthetic files to target/bench-data/ the first time (benches/data.sh). Runs profile_phase, built from
# benches/tools. Needs valgrind, bc and taskset (Debian's `valgrind`, `bc` and `util-linux` packages).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt install valgrind)" >&2; exit 2; }
command -v bc >/dev/null || { echo "instructions.sh: needs bc (apt install bc)" >&2; exit 2; }
command -v taskset >/dev/null || { echo "instructions.sh: needs taskset (apt install util-linux)" >&2; exit 2; }
[ "$#" -gt 0 ] || set -- 0.01 0.1 1y
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release"
cargo build --release --locked --quiet -p kehoach-bench-tools
# shellcheck source=data.sh
. benches/data.sh

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
printf '%-11s %-6s %8s %16s %9s %16s %9s\n' operation scale plans "instr per plan" growth "LL miss per plan" growth
for phase in load build validate compliance; do
  first=""
  for scale in "$@"; do
    case "$scale" in
      *y) args=(--scale 1 --years "${scale%y}") ;;
      *) args=(--scale "$scale" --years 1) ;;
    esac
    data="$target/bench-data/national-$scale.json"
    national_data "$data" "${args[@]}"
    # One core (taskset): the loader then reads on one thread, the path whose instructions are counted here
    # (callgrind collects only the thread that runs `measured_*`).
    plans="$(taskset -c 0 valgrind --tool=callgrind --cache-sim=yes --LL=2097152,16,64 \
      --toggle-collect='profile_phase::measured_*' --callgrind-out-file="$out" \
      "$bin/profile_phase" "$data" "$phase" 2>/dev/null)"
    # The events line names the columns of the totals line: Ir ... DLmr DLmw.
    read -r ir misses < <(awk '
      /^events:/ { for (i = 2; i <= NF; i++) col[$i] = i - 1 }
      /^(summary|totals):/ { print $(col["Ir"] + 1), $(col["DLmr"] + 1) + $(col["DLmw"] + 1); exit }' "$out")
    per="$(echo "$ir / $plans" | bc -l)"
    miss="$(echo "$misses / $plans" | bc -l)"
    [ -n "$first" ] || first="$per $miss"
    read -r per0 miss0 <<<"$first"
    printf '%-11s %-6s %8d %16.0f %8.2fx %16.1f %8.2fx\n' "$phase" "$scale" "$plans" "$per" \
      "$(echo "$per / $per0" | bc -l)" "$miss" "$(echo "$miss / $miss0" | bc -l)"
  done
done
