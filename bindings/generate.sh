#!/usr/bin/env bash
# Builds the FFI library and the project's own uniffi-bindgen (one cargo invocation), then generates the Python
# and Swift bindings into place: bindings/build/native/libkehoach_ffi.so (stripped of debug information),
# bindings/python/generated/, and the Swift package's Sources/KeHoach/KeHoach.swift and
# Sources/KeHoachFFI/KeHoachFFI.h. Maven generates the Kotlin bindings itself. Nothing generated is committed.
#
# Run it after changing the FFI crate, before `swift test` or pytest by hand; bindings/test.sh runs it first.
# Environment: CARGO_TARGET_DIR (default <repo>/target); KEHOACH_FFI_PROFILE=debug|release (default debug).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cd "$repo"

step() { printf '\n==> bindings: %s\n' "$*"; }

# Run alone (not from .ci/test-all), it chooses the registry or the vendored copy itself.
if [ -z "${KEHOACH_VENDORED:-}" ] && [ -f "$repo/../shared/vendor/offline-env.sh" ]; then
  # shellcheck source=/dev/null
  . "$repo/../shared/vendor/offline-env.sh"
fi
profile="${KEHOACH_FFI_PROFILE:-debug}"
case "$profile" in
  debug) cargo_profile= ;;
  release) cargo_profile=--release ;;
  *) echo "KEHOACH_FFI_PROFILE must be debug or release, not '$profile'" >&2; exit 2 ;;
esac
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac

build="$here/build"
native="$build/native"
lib="$native/libkehoach_ffi.so"
bindgen="$target/$profile/uniffi-bindgen"

step "cargo build kehoach-ffi and uniffi-bindgen ($profile)"
# One invocation: building the FFI crate alone would turn uniffi's `cli` feature off and rebuild uniffi.
cargo build --locked $cargo_profile -p kehoach-ffi -p kehoach-uniffi-bindgen

rm -rf "$build"
mkdir -p "$native"
# The jar and the Python module carry a copy without debug information (the debug build's is ~80 MB); the
# symbols the bindings call stay in its dynamic symbol table.
strip --strip-debug -o "$lib" "$target/$profile/libkehoach_ffi.so"

step "generate the Python and Swift bindings"
python_dir="$here/python/generated"
swift_gen="$build/swift"
rm -rf "$python_dir"
"$bindgen" generate "$lib" --language python --out-dir "$python_dir" --no-format
"$bindgen" generate "$lib" --language swift --out-dir "$swift_gen" --no-format
cp "$lib" "$python_dir/"
# The Swift package's sources (both are build products, ignored by git).
mkdir -p "$here/swift/Sources/KeHoach" "$here/swift/Sources/KeHoachFFI"
cp "$swift_gen/KeHoach.swift" "$here/swift/Sources/KeHoach/KeHoach.swift"
cp "$swift_gen/KeHoachFFI.h" "$here/swift/Sources/KeHoachFFI/KeHoachFFI.h"

