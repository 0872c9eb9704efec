#!/usr/bin/env bash
# Load + validate of one national school year through the Swift bindings, next to the same work in Rust, in
# process. Not part of bindings/test.sh: it takes a few minutes and wants an idle machine.
#
#   bash bindings/swift/bench.sh            # RUNS=10 by default; CARGO_TARGET_DIR is respected
#
#   1. builds the FFI library in RELEASE (stripped into <target>/bench-native, as the jar ships it) and
#      `bench_load_validate` (benches/tools); the generated Swift sources are the ones bindings/generate.sh
#      wrote (the API checksums of a debug and a release build are the same), generated first if missing;
#   2. writes the synthetic national year to <target>/bench-data/national-1y.json the first time (benches/data.sh);
#   3. Rust: `bench_load_validate` times format::load + validate in process (median, min, max);
#   4. Swift: the Benchmarks package (release, -O) times Registry(data:) + validate(), Registry.fromBytes(Data)
#      + validate() and Registry.fromJson(String) + validate() over the same runs, and prints the figures and
#      their ratios to Rust;
#   3 and 4 run in turn PAIRS times (default 5), and the median of the per-pair ratios is printed last.
# Prints the machine and the load average before and after: figures taken under load are not figures.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

if [ -z "${KEHOACH_VENDORED:-}" ] && [ -f "$repo/../shared/vendor/offline-env.sh" ]; then
  # shellcheck source=/dev/null
  . "$repo/../shared/vendor/offline-env.sh"
fi

runs="${RUNS:-10}"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac

if [ ! -f "$here/Sources/KeHoach/KeHoach.swift" ]; then
  echo "==> generated Swift sources (bindings/generate.sh)"
  bash "$repo/bindings/generate.sh" >/dev/null
fi
echo "==> cargo build --release (kehoach-ffi, uniffi-bindgen, kehoach-bench-tools)"
cargo build --release --locked --quiet -p kehoach-ffi -p kehoach-uniffi-bindgen -p kehoach-bench-tools
native="$target/bench-native"
mkdir -p "$native"
strip --strip-debug -o "$native/libkehoach_ffi.so" "$target/release/libkehoach_ffi.so"

# shellcheck source=../../benches/data.sh
. "$repo/benches/data.sh"
data="$target/bench-data/national-1y.json"
national_data "$data" --scale 1 --years 1

echo "==> swift build -c release (Benchmarks package)"
link=(-Xlinker -L"$native" -Xlinker -rpath -Xlinker "$native")
swift build -c release --package-path "$here/Benchmarks" "${link[@]}" >/dev/null
bench="$(swift build -c release --package-path "$here/Benchmarks" --show-bin-path "${link[@]}")/kehoach-bench"

echo "==> machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(swift --version 2>/dev/null | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# This VM drifts by 20 % within minutes: Rust and Swift run in turn, PAIRS times, and the ratio is taken within
# each pair; the median of those ratios is the figure.
pairs="${PAIRS:-5}"
ratios=()
min_ratios=()
for pair in $(seq 1 "$pairs"); do
  echo "==> pair $pair of $pairs: Rust in process, then Swift through the bindings (release library, swift -c release)"
  rust_out="$("$target/release/bench_load_validate" "$data" --runs "$runs")"
  echo "$rust_out" | grep -v '^rust-load-validate-median-ms'
  rust_ms="$(echo "$rust_out" | awk '$1 == "rust-load-validate-median-ms" { print $2 }')"
  rust_min="$(echo "$rust_out" | awk '$1 == "rust" && $2 == "load" && $3 == "+" { print $9 }')"
  swift_out="$("$bench" "$data" "$runs" "$rust_ms" "$rust_min")"
  echo "$swift_out"
  ratios+=("$(echo "$swift_out" | awk '$1 == "ratio" { sub("x", "", $6); print $6 }')")
  min_ratios+=("$(echo "$swift_out" | awk '$1 == "min-ratio" { sub("x", "", $6); print $6 }')")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "==> Swift Registry(data:) + validate / Rust load + validate, per pair: ${ratios[*]}"
echo "==> median ratio: $(median "${ratios[@]}")x"
echo "==> the same from each pair's fastest runs, per pair: ${min_ratios[*]}; median $(median "${min_ratios[@]}")x"

echo "==> load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
