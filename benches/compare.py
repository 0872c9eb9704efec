#!/usr/bin/env python3
"""Two builds of `kehoach-validate` against each other and against the bare typed parse, on one file.

The before and after of a change, interleaved so that the drift of a shared machine falls on all three alike:

    benches/compare.py OLD NEW [--years N] [--shape pretty|compact|short] [--runs 11] [--cores 1|2] [--bare PROGRAM]

OLD and NEW are built programs (copy the first aside before building the second). The file is the synthetic
national registry of benches/whole-process.sh (`--years` school years, default 1; `--shape`, default short),
written by it or by `benches/data.sh` under `$CARGO_TARGET_DIR/bench-data/`. Each round runs the bare parse (one
thread), then OLD, then NEW (each as `FILE --format json`), all three pinned with `taskset -c 0` unless
`--cores 2`: the two cores of a VM can differ by several per cent, so the floor runs on the core the programs
do. Prints, for each, the median wall time and the median of its per-round ratios to the bare parse, then the
same for CPU time (user + system), which a busy host moves less than wall time.
`--bare` names another build of the bare parse (one built with the same compiler settings as OLD or NEW).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time


def run(command):
    """Wall and CPU seconds of one run; exits if the program failed (1 is a registry with errors, not a failure)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"compare.py: {' '.join(command)} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--years", default="1")
    parser.add_argument("--shape", default="short", choices=["pretty", "compact", "short"])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--cores", type=int, default=1, choices=[1, 2])
    parser.add_argument("--bare", help="the bare parse to time (default: $CARGO_TARGET_DIR/release/bare_parse)")
    args = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    data = os.path.join(target, "bench-data", f"national-{args.years}y-{args.shape}.json")
    bare = args.bare or os.path.join(target, "release", "bare_parse")
    for path, what in [(data, "run benches/whole-process.sh first"), (bare, "cargo build --release -p kehoach-bench-tools")]:
        if not os.path.exists(path):
            sys.exit(f"compare.py: no {path} ({what})")
    pin = ["taskset", "-c", "0"] if args.cores == 1 else []
    commands = {
        "bare": pin + [bare, data],
        "old": pin + [args.old, data, "--format", "json"],
        "new": pin + [args.new, data, "--format", "json"],
    }
    for command in commands.values():  # warm-up: the file in the page cache, each program loaded once
        run(command)
    times = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(run(command))

    print(f"{args.runs} rounds, interleaved; {data}; OLD and NEW on {args.cores} core(s)")
    print(f"{'':5} {'wall (s)':>9} {'wall/bare':>10} {'cpu (s)':>9} {'cpu/bare':>9}")
    for name, runs in times.items():
        ratio = [statistics.median(r[i] / b[i] for r, b in zip(runs, times["bare"])) for i in (0, 1)]
        print(
            f"{name:5} {statistics.median(r[0] for r in runs):9.3f} {ratio[0]:10.3f}"
            f" {statistics.median(r[1] for r in runs):9.3f} {ratio[1]:9.3f}"
        )


if __name__ == "__main__":
    main()
