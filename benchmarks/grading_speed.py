"""How long a student waits: ``pytest exercises --target solutions``, start-up included.

    python benchmarks/grading_speed.py [--runs 3]

Runs the command in a fresh process ``--runs`` times (after one warm-up run that fills the data
caches), prints each wall time, and last the median against the goal (15 s) and the limit (30 s).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [
    sys.executable,
    "-m",
    "pytest",
    "exercises",
    "--target",
    "solutions",
    "-q",
    "-p",
    "no:cacheprovider",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    subprocess.run(COMMAND, cwd=ROOT, capture_output=True)  # warm-up: data caches, .pyc files
    times = []
    for i in range(args.runs):
        start = time.perf_counter()
        out = subprocess.run(COMMAND, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-200:]
        print(f"run {i + 1}: {times[-1]:.1f} s  ({last.strip('= ')})")
        if out.returncode != 0:
            print("the solutions did not get full marks: fix that first", file=sys.stderr)
            return 1
    median = statistics.median(times)
    print(
        f"grading wall time (median of {args.runs}): {median:.1f} s "
        f"(goal 15 s, limit 30 s: {'met' if median <= 15 else 'within limit' if median <= 30 else 'OVER'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
