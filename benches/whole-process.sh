#!/usr/bin/env bash
# Whole-process benchmark: `validate` (load with every check, every rule, the JSON report) against a bare
# typed serde_json parse of the same file, side by side in one run: median wall time, median peak memory
# (/usr/bin/time %M) and their ratios.
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

# Prints "median_seconds median_kb" over $runs runs of the command: wall time from hyperfine when it is
# installed (Debian's `hyperfine`; millisecond resolution), else from /usr/bin/time; peak memory from
# /usr/bin/time.
measure() {
  local wall=""
  if command -v hyperfine >/dev/null 2>&1; then
    local json
    json="$(mktemp)"
    hyperfine -N -i -w 1 -r "$runs" --export-json "$json" "$*" >/dev/null 2>&1
    wall="$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")"
    rm -f "$json"
  fi
  local out
  out="$(mktemp)"
  for _ in $(seq "$runs"); do
    /usr/bin/time -q -f "%e %M" -o "$out" -a "$@" >/dev/null 2>&1 || true
  done
  local mid=$(((runs + 1) / 2))
  [ -n "$wall" ] || wall="$(cut -d' ' -f1 "$out" | sort -n | sed -n "${mid}p")"
  echo "$wall $(cut -d' ' -f2 "$out" | sort -n | sed -n "${mid}p")"
  rm -f "$out"
}

echo "file: $data ($(du -h "$data" | cut -f1)), $runs runs each, $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
read -r bare_t bare_m < <(measure "$bin/bare_parse" "$data")
read -r val_t val_m < <(measure "$bin/validate" "$data" --format json)
printf '%-34s %9s %12s\n' "" "wall (s)" "peak (MB)"
printf '%-34s %9s %12.0f\n' "bare typed serde_json parse" "$bare_t" "$(echo "$bare_m / 1024" | bc -l)"
printf '%-34s %9s %12.0f\n' "validate --format json" "$val_t" "$(echo "$val_m / 1024" | bc -l)"
printf '%-34s %9.3f %12.2f\n' "ratio (validate / bare parse)" "$(echo "$val_t / $bare_t" | bc -l)" "$(echo "$val_m / $bare_m" | bc -l)"
