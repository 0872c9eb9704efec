#!/usr/bin/env python3
"""The functions a validation run executes, for the linker to lay out together (build.rs).

    benches/hot-code.py write    # build, run kehoach-validate under callgrind, rewrite the list
    benches/hot-code.py check    # build; exit 1 if under 90 % of the list is in the program, or it is not together

`write` runs the release `kehoach-validate` under callgrind (`--dump-instr=yes`: the address of every executed
instruction) on the runs people make most: 1/100 of a national year with `--format json`, `--format text` and
`--format text --language vi`, and 1/10 of a year, which is large enough to be read on two threads. The
functions of the program that hold any of those addresses are written, by symbol name and sorted, to
src/bin/kehoach-validate/hot-code.txt. Write the list again after a change of compiler, of a dependency's or the
package's version (symbol names carry a hash of them), or of the loader, the rules or the reports; `check` (run
by CI) says when it is due.

Needs valgrind and nm (Debian's `valgrind` and `binutils`) for `write`; `check` needs nm only.
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(ROOT, "src", "bin", "kehoach-validate", "hot-code.txt")
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
PROGRAM = os.path.join(TARGET, "release", "kehoach-validate")
# Below this share of the listed functions, the list no longer describes the program.
ENOUGH = 0.90


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--quiet", "--bin", "kehoach-validate"], cwd=ROOT, check=True
    )


def functions(program):
    """The program's functions as sorted (start, size, name) triples."""
    out = subprocess.run(["nm", "--defined-only", "-S", program], capture_output=True, text=True, check=True)
    found = []
    for line in out.stdout.splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[2] in "tTwW" and int(fields[1], 16) > 0:
            found.append((int(fields[0], 16), int(fields[1], 16), fields[3]))
    return sorted(found)


def profile(callgrind_out, program, executed):
    """Adds to `executed` every instruction address callgrind counted in the program itself (not in libc or the
    dynamic loader)."""
    objects, current, address = {}, None, 0
    program = os.path.realpath(program)
    for line in open(callgrind_out, encoding="utf-8", errors="replace"):
        spec = re.match(r"(c?)ob=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if spec:
            called, number, name = spec.groups()
            if name:
                objects[number] = os.path.realpath(name)
            if not called:
                current = objects.get(number)
            continue
        if re.match(r"^[a-z]+=", line) or current != program:
            continue
        fields = line.split()
        if not fields:
            continue
        position = fields[0]
        # positions are "instr line": an absolute address, +N or -N relative to the last one, or * the same
        if position.startswith("0x"):
            address = int(position, 16)
        elif position[0] in "+-" and position[1:].isdigit():
            address += int(position)
        elif position != "*":
            continue
        executed.add(address)


def national(scale):
    """The pretty synthetic file of `scale` of a national year, written by benches/data.sh under the name
    benches/whole-process.sh gives it (`SCALE=...`), unless it is there already."""
    path = os.path.join(TARGET, "bench-data", f"national-{scale}x1y-pretty.json")
    subprocess.run(
        ["bash", "-c", '. benches/data.sh && national_data "$@"', "hot-code.py", path]
        + ["--scale", scale, "--years", "1"],
        cwd=ROOT, check=True, env={**os.environ, "target": TARGET},
    )
    return path


def write():
    build()
    small, large = national("0.01"), national("0.1")
    runs = [
        [small, "--format", "json"],
        [small, "--format", "text"],
        [small, "--format", "text", "--language", "vi"],
        [large, "--format", "json"],
    ]
    executed = set()
    with tempfile.TemporaryDirectory() as scratch:
        for number, arguments in enumerate(runs):
            out = os.path.join(scratch, f"callgrind.{number}")
            subprocess.run(
                ["valgrind", "--tool=callgrind", "--dump-instr=yes", f"--callgrind-out-file={out}", PROGRAM]
                + arguments,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            profile(out, PROGRAM, executed)
    table = functions(PROGRAM)
    ends = sorted(executed)
    hot, at = [], 0
    for start, size, name in table:  # both sorted by address
        while at < len(ends) and ends[at] < start:
            at += 1
        if at < len(ends) and ends[at] < start + size:
            hot.append((start, size, name))
    if not hot:
        sys.exit("hot-code.py: callgrind counted nothing in the program; is valgrind installed?")
    # Sorted by name, so that a new list differs from the old by the functions that changed. The order within
    # the list showed in no wall time; callgrind's simulated instruction cache moved by a third either way with
    # any reordering (docs/PERFORMANCE.md, "Hot code together").
    with open(LIST, "w", encoding="utf-8") as out:
        out.writelines(sorted(name + "\n" for _, _, name in hot))
    size = sum(size for _, size, _ in hot)
    total = sum(size for _, size, _ in table)
    print(f"{len(hot)} functions, {size // 1024} KB of the program's {total // 1024} KB of code: {LIST}")


def check():
    build()
    listed = {line.strip() for line in open(LIST, encoding="utf-8") if line.strip()}
    hot = [(start, size) for start, size, name in functions(PROGRAM) if name in listed]
    share = len(hot) / len(listed) if listed else 0.0
    print(f"hot-code.txt: {len(hot)} of {len(listed)} listed functions are in the program ({share:.0%})")
    if share < ENOUGH:
        print(
            "hot-code.txt no longer describes the program (a new compiler, a dependency or a changed loader):"
            " run `benches/hot-code.py write` and commit the list",
            file=sys.stderr,
        )
        sys.exit(1)
    # Laid out together, the listed functions span little more than their own size (alignment); in the
    # compiler's order they span most of the program.
    size = sum(size for _, size in hot)
    span = max(start + size for start, size in hot) - min(start for start, _ in hot)
    print(f"they take {size // 1024} KB and lie within {span // 1024} KB")
    if span > 1.25 * size:
        print(
            "the listed functions are not together: build.rs did not give the list to the linker"
            " (it does for release builds on x86_64 Linux with rustc's default linker, LLD)",
            file=sys.stderr,
        )
        sys.exit(1)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "write":
        write()
    elif command == "check":
        check()
    else:
        sys.exit(__doc__)
