# Sourced by the benchmark scripts (benches/whole-process.sh, benches/instructions.sh, bindings/kotlin/bench.sh,
# bindings/swift/bench.sh), from the project's root, with $target set to the cargo target directory:
#
#   national_data FILE [OPTIONS OF examples/national.rs...]
#
# writes the synthetic national registry FILE with the `national` example (built in release first) unless FILE
# is already there. Its progress goes to standard error, so that a script's table on standard output stays clean.
national_data() {
  local file="$1"
  shift
  [ -f "$file" ] && return 0
  cargo build --release --locked --quiet --example national
  mkdir -p "$(dirname "$file")"
  "$target/release/examples/national" "$@" --out "$file" >&2
}
