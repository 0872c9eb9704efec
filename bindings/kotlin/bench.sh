#!/usr/bin/env bash
# Load + validate of one national school year through the Kotlin bindings, next to the same work in Rust.
# Not part of bindings/test.sh: it takes a few minutes and wants an idle machine.
#
#   bash bindings/kotlin/bench.sh            # RUNS=10, PAIRS=5 by default; CARGO_TARGET_DIR is respected
#
#   1. builds the FFI library and the bindgen in RELEASE, and `bench_load_validate` (benches/tools);
#   2. writes the synthetic national year to <target>/bench-data/national-1y.json the first time (benches/data.sh);
#   3. Maven's `bench` profile generates the bindings from the release library, compiles, and runs
#      vn.kehoach.bench.LoadValidateBenchKt, which runs, PAIRS times (default 5) in turn: Rust's
#      `bench_load_validate` (format::load + validate in process, a child process) and Kotlin's
#      fromBuffer(direct buffer) + validate and fromBytes(ByteArray) + validate, the same number of runs each; it
#      prints each pair's ratios and their medians (this VM drifts by 20 % within minutes: a ratio is only taken
#      within a pair), then fromBuffer of a mapped file and fromJson once.
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
pairs="${PAIRS:-5}"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac

echo "==> cargo build --release (kehoach-ffi, uniffi-bindgen, kehoach-bench-tools)"
cargo build --release --locked --quiet -p kehoach-ffi -p kehoach-uniffi-bindgen -p kehoach-bench-tools

# shellcheck source=../../benches/data.sh
. "$repo/benches/data.sh"
data="$target/bench-data/national-1y.json"
national_data "$data" --scale 1 --years 1

# The library as the jar ships it (test.sh strips the debug information the same way).
native="$target/bench-native"
mkdir -p "$native"
strip --strip-debug -o "$native/libkehoach_ffi.so" "$target/release/libkehoach_ffi.so"

echo "==> machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "==> Rust and Kotlin in turn, $pairs pairs of $runs runs (release library)"
mvn ${KEHOACH_MVN_OFFLINE:-} --batch-mode --no-transfer-progress --quiet -f "$here/pom.xml" -Pbench -DskipTests clean package \
  -Dkehoach.libdir="$native" -Dkehoach.bindgen="$target/release/uniffi-bindgen" \
  -Dkehoach.bench.file="$data" -Dkehoach.bench.runs="$runs" -Dkehoach.bench.pairs="$pairs" \
  -Dkehoach.bench.rust="$target/release/bench_load_validate"

echo "==> load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
