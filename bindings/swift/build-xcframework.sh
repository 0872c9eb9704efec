#!/usr/bin/env bash
# Builds the Swift package's binary part on macOS: KeHoachFFI.xcframework, with static libraries for iOS devices,
# the iOS simulator (arm64 + x86_64) and macOS (arm64 + x86_64) and the generated C header and module map; and
# the generated Swift sources in Sources/KeHoach/. Afterwards the package in bindings/swift builds for iOS and
# macOS, and an app adds it as a local package (or the folder is published as a package of its own).
#
# Needs macOS with Xcode (xcodebuild, lipo) and rustup. Not runnable on Linux: bindings/test.sh checks the
# header, the symbols and the contract version there instead.
#
# Usage: bindings/swift/build-xcframework.sh [--debug]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

if [ "$(uname -s)" != "Darwin" ]; then
  echo "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo)." >&2
  exit 2
fi

profile=release
cargo_profile=--release
if [ "${1:-}" = "--debug" ]; then
  profile=debug
  cargo_profile=
fi
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
case "$target_dir" in /*) ;; *) target_dir="$repo/$target_dir" ;; esac

ios=aarch64-apple-ios
ios_sim=(aarch64-apple-ios-sim x86_64-apple-ios)
macos=(aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "$ios" "${ios_sim[@]}" "${macos[@]}"

# The host library and the bindgen in one invocation (same uniffi features), then the static library per target.
cargo build --locked $cargo_profile -p kehoach-ffi -p kehoach-uniffi-bindgen
for t in "$ios" "${ios_sim[@]}" "${macos[@]}"; do
  cargo build --locked $cargo_profile -p kehoach-ffi --target "$t"
done

work="$here/xcframework-build"
rm -rf "$work" "$here/KeHoachFFI.xcframework"
mkdir -p "$work/generated" "$work/headers" "$work/ios" "$work/ios-sim" "$work/macos"

# Generate from the host library: the metadata is the same for every target.
"$target_dir/$profile/uniffi-bindgen" generate "$target_dir/$profile/libkehoach_ffi.dylib" \
  --language swift --out-dir "$work/generated" --no-format
cp "$work/generated/KeHoachFFI.h" "$work/headers/"
cp "$work/generated/KeHoachFFI.modulemap" "$work/headers/module.modulemap"
mkdir -p "$here/Sources/KeHoach"
cp "$work/generated/KeHoach.swift" "$here/Sources/KeHoach/KeHoach.swift"

lib=libkehoach_ffi.a
cp "$target_dir/$ios/$profile/$lib" "$work/ios/$lib"
# (macOS ships bash 3.2: no mapfile.)
sim_libs=()
for t in "${ios_sim[@]}"; do sim_libs+=("$target_dir/$t/$profile/$lib"); done
mac_libs=()
for t in "${macos[@]}"; do mac_libs+=("$target_dir/$t/$profile/$lib"); done
lipo -create "${sim_libs[@]}" -output "$work/ios-sim/$lib"
lipo -create "${mac_libs[@]}" -output "$work/macos/$lib"

xcodebuild -create-xcframework \
  -library "$work/ios/$lib" -headers "$work/headers" \
  -library "$work/ios-sim/$lib" -headers "$work/headers" \
  -library "$work/macos/$lib" -headers "$work/headers" \
  -output "$here/KeHoachFFI.xcframework"

echo "Built $here/KeHoachFFI.xcframework and $here/Sources/KeHoach/KeHoach.swift"
echo "Test on macOS: (cd $here && swift test)"
