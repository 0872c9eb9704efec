#!/usr/bin/env bash
# Runs the Swift command-line program as a user would and checks what it prints and how it exits, against the
# Rust `kehoach-validate` program's contract: 0 conforms, 1 has errors, 2 cannot be loaded or bad usage.
# Usage: validate-command.sh PATH-TO-kehoach-validate REPO-ROOT
set -euo pipefail
bin="$1"
repo="$2"
hanoi="$repo/examples/data/hanoi-2020-2021.json"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failures=0
passes=0

# expect NAME WANT-STATUS NEEDLE-IN-STDOUT NEEDLE-IN-STDERR -- ARGS...
expect() {
  local name="$1" want="$2" in_out="$3" in_err="$4"
  shift 5
  local status=0
  "$bin" "$@" >"$out/stdout" 2>"$out/stderr" || status=$?
  local ok=1
  [ "$status" -eq "$want" ] || { echo "FAIL $name: exit $status, expected $want"; ok=0; }
  if [ -n "$in_out" ] && ! grep -qF -- "$in_out" "$out/stdout"; then
    echo "FAIL $name: standard output lacks '$in_out'"; ok=0
  fi
  if [ -n "$in_err" ] && ! grep -qF -- "$in_err" "$out/stderr"; then
    echo "FAIL $name: standard error lacks '$in_err'"; ok=0
  fi
  if [ "$ok" -eq 1 ]; then
    echo "ok   $name"; passes=$((passes + 1))
  else
    echo "---- stdout"; head -20 "$out/stdout"; echo "---- stderr"; head -20 "$out/stderr"
    failures=$((failures + 1))
  fi
}

expect "text report of the Hanoi file" 1 "[error] staff-conference-quorum" "" -- "$hanoi"
expect "Vietnamese text report" 1 "Kế hoạch tx-th-kg-2020" "" -- "$hanoi" --format text --language vi
expect "JSON report" 1 '"format": "kehoach/report@1"' "" -- "$hanoi" --format json
expect "DOT tree" 1 "digraph kehoach {" "" -- "$hanoi" --format dot
expect "Mermaid tree" 1 "flowchart" "" -- "$hanoi" --format mermaid
expect "CSV summary alone" 1 "managing_unit,managing_unit_name,school_year" "" -- "$hanoi" --summary csv
expect "a conforming registry" 0 "" "" -- "$repo/tests/conformance/01-clean-three-levels.json"
expect "an impossible date names its JSON path" 2 "" "plans[1].issued_on" -- \
  "$repo/tests/conformance/11-load-impossible-date.json"
expect "a missing file" 2 "" "cannot read the file" -- "$out/no-such-file.json"
expect "an unknown option" 2 "" "unknown option --colour" -- "$hanoi" --colour
expect "--summary after --format json" 2 "" "--summary cannot follow --format json" -- \
  "$hanoi" --format json --summary csv
expect "--help" 0 "usage: kehoach-validate FILE" "" -- --help
# The file is mapped; what cannot be mapped is read, and fails or loads as reading it would.
: >"$out/empty.json"
expect "an empty file is a syntax error" 2 "" "invalid JSON" -- "$out/empty.json"
# Mapped or read (KEHOACH_NO_MMAP=1), the same output.
status=0
"$bin" "$hanoi" --format json >"$out/mapped.json" 2>/dev/null || status=$?
KEHOACH_NO_MMAP=1 "$bin" "$hanoi" --format json >"$out/read.json" 2>/dev/null || status=$((status * 10 + $?))
if [ "$status" -eq 11 ] && [ -s "$out/mapped.json" ] && cmp -s "$out/mapped.json" "$out/read.json"; then
  echo "ok   mapped or read, the same JSON report"; passes=$((passes + 1))
else
  echo "FAIL mapped or read, the same JSON report (exit statuses $status)"; failures=$((failures + 1))
fi

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
