#!/usr/bin/env bash
# Every check of the bindings, from a clean clone on a fresh machine:
#   1. generate.sh: builds the FFI library and the project's own uniffi-bindgen (one cargo invocation);
#   2. generates the Swift bindings (Maven generates the Kotlin ones itself, maturin the Python ones);
#   3. Kotlin: builds the library in release (the jar carries that one), then Maven generates and compiles the
#      bindings, runs the JUnit tests, packs the jar with the native library and a sources jar, and runs an
#      integration test against that jar (downloads what it needs into ~/.m2 on the first run);
#   4. Python: maturin (pinned, in the tools venv bindings/python/.venv) builds the wheel in release mode with the
#      project's uniffi-bindgen; a fresh venv (bindings/build/python/venv) installs it from the file, and pytest
#      runs bindings/python/tests against the installed package; then bindings/checks: the three suites test the
#      same scenarios (by name, Kotlin's being the reference) and the README's tours are verbatim;
#   5. Swift: the checks that need no Swift toolchain (header compiles, symbols, contract version, checksums,
#      syntax of the hand-written Swift), then `swift test` where `swift` is on PATH.
#
# Needs (Linux, x86-64): cargo, a JDK 17 with Maven, Python 3.11 with venv, gcc, binutils (nm, strip). On macOS
# use bindings/swift/build-xcframework.sh and `swift test` instead. Nothing generated is committed.
#
# Environment: CARGO_TARGET_DIR (default <repo>/target); KEHOACH_FFI_PROFILE=debug|release (default debug: the
# workspace's `cargo test` has already built the dependencies in that profile, so this build reuses them) for
# the Swift checks; the Kotlin jar and the Python wheel always carry a release build, as the ones people install.
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
mvn_offline="${KEHOACH_MVN_OFFLINE:-}"

# Steps 1 and 2.
bash "$here/generate.sh"

profile="${KEHOACH_FFI_PROFILE:-debug}"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
native="$here/build/native"
lib="$native/libkehoach_ffi.so"
bindgen="$target/$profile/uniffi-bindgen"
swift_gen="$here/build/swift"

# The jar is what a JVM app ships, so it carries a release build of the library (whatever the profile above).
# Built with the bindgen, like bindings/kotlin/bench.sh, so that the two share one set of release artefacts.
step "Kotlin: cargo build --release kehoach-ffi and uniffi-bindgen (the library the jar carries)"
cargo build --locked --release -p kehoach-ffi -p kehoach-uniffi-bindgen
jar_native="$here/build/release"
mkdir -p "$jar_native"
strip --strip-debug -o "$jar_native/libkehoach_ffi.so" "$target/release/libkehoach_ffi.so"

step "Kotlin: mvn verify (JUnit 5, jar with the release linux-x86-64/libkehoach_ffi.so, sources jar, integration test on the jar)"
mvn $mvn_offline --batch-mode --no-transfer-progress -f "$here/kotlin/pom.xml" clean verify \
  -Dkehoach.libdir="$jar_native" -Dkehoach.bindgen="$target/release/uniffi-bindgen"
jar="$here/kotlin/target/kehoach-0.1.0.jar"
python3 - "$jar" "$jar_native/libkehoach_ffi.so" "$here/kotlin/target/kehoach-0.1.0-sources.jar" <<'PY'
import sys, zipfile
jar, lib, sources = sys.argv[1:]
inside = zipfile.ZipFile(jar)
if "linux-x86-64/libkehoach_ffi.so" not in inside.namelist():
    sys.exit(f"the jar {jar} does not carry linux-x86-64/libkehoach_ffi.so")
if inside.read("linux-x86-64/libkehoach_ffi.so") != open(lib, "rb").read():
    sys.exit(f"the jar {jar} does not carry the release library {lib}")
if "vn/kehoach/kehoach.kt" not in zipfile.ZipFile(sources).namelist():
    sys.exit(f"the sources jar {sources} does not hold vn/kehoach/kehoach.kt")
print(f"jar: {jar} carries the release library ({len(inside.read('linux-x86-64/libkehoach_ffi.so')):,} bytes); sources jar has the bindings")
PY

step "Python: the wheel (maturin, release), installed into a fresh venv; pytest against the installed package"
# The tools (maturin, pytest, tree-sitter) live in bindings/python/.venv; the tests run in a venv made afresh,
# holding the wheel and pytest only, so they meet the package as a user's `pip install` leaves it.
venv="$here/python/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/python/requirements.txt"
wheels="$here/build/python/wheels"
rm -rf "$here/build/python"
started=$SECONDS
# maturin-path/cargo makes maturin's `cargo run --bin uniffi-bindgen` run the project's own generator (see there).
(cd "$here/python" && PATH="$here/python/maturin-path:$PATH" "$venv/bin/maturin" build --release --locked --out "$wheels")
wheel=("$wheels"/kehoach-*.whl)
if [ "${#wheel[@]}" -ne 1 ] || [ ! -f "${wheel[0]}" ]; then
  echo "expected one kehoach wheel in $wheels, found: ${wheel[*]}" >&2
  exit 1
fi
echo "wheel: $(basename "${wheel[0]}"), $(( $(stat -c %s "${wheel[0]}") / 1024 )) KiB, built in $(( SECONDS - started )) s"
fresh="$here/build/python/venv"
python3 -m venv "$fresh"
"$fresh/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --no-deps "${wheel[0]}"
"$fresh/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/python/requirements-test.txt"
# -I: no PYTHONPATH, no current directory on sys.path, so `import kehoach` can only find the installed wheel.
(cd "$repo" && "$fresh/bin/python" -I -m pytest -p no:cacheprovider "$here/python/tests")

step "Scenarios: every Kotlin test has its Swift and Python test; the README's Swift tour is the one the suite runs"
"$venv/bin/python" -m pytest -p no:cacheprovider "$here/checks"

step "Swift: header, symbol, contract and syntax checks (no Swift toolchain needed)"
KEHOACH_SWIFT_DIR="$swift_gen" KEHOACH_FFI_LIB="$lib" \
  "$venv/bin/python" -m pytest -p no:cacheprovider "$here/swift/checks"

if command -v swift >/dev/null 2>&1; then
  # Swift 6 language mode with complete strict concurrency (Package.swift); warnings are errors here, in the
  # generated bindings, the command-line program and the tests alike.
  swift_link=(-Xlinker -L"$native" -Xlinker -rpath -Xlinker "$native")
  step "Swift: swift build, Swift 6 mode, warnings are errors ($(swift --version 2>/dev/null | head -1))"
  (cd "$here/swift" && swift build --build-tests -Xswiftc -warnings-as-errors "${swift_link[@]}")
  step "Swift: swift test (XCTest)"
  # The suite is XCTest; --disable-swift-testing keeps the empty Swift Testing run from having the last word.
  (cd "$here/swift" && swift test --skip-build --disable-swift-testing "${swift_link[@]}")
  step "Swift: kehoach-validate on the Hanoi data file (exit 1: one quorum error) and a broken file (exit 2)"
  validate_bin="$(cd "$here/swift" && swift build --show-bin-path "${swift_link[@]}")/kehoach-validate"
  bash "$here/swift/checks/validate-command.sh" "$validate_bin" "$repo"
else
  step "Swift: swift test SKIPPED: no 'swift' on PATH, so the XCTest suite (bindings/swift/Tests) did not run;"
  echo "    the header, symbol, contract-version and checksum checks above did. Run bindings/test.sh where Swift is"
  echo "    installed (macOS with Xcode, or Linux with swift.org's toolchain) to run it."
fi

step "all binding checks passed"
