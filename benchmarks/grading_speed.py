"""How long a student waits for a grade, isolated against in-process, start-up included.

    python benchmarks/grading_speed.py [--runs 5] [--quick]

Measures, interleaved in one run (a round is: bare import, isolated, in-process, for each
command), the wall time of

- ``python -c "import torch"``: the floor every command pays;
- ``pytest exercises --target solutions`` (every exercise) and
  ``pytest exercises/e03_mnist_loss.py --target solutions`` (one exercise), each
  isolated (the default: student code in a worker forked from a warm fork server) and
  in-process (``MNIST_GRADE_UNISOLATED=1``, the debugging path: nothing protects the grade).

Prints the median and the spread (min-max) of each, and the isolated/in-process ratio (goal: at
most 1.5x). One warm-up run first fills the data and ``.pyc`` caches. Timings are not asserted
anywhere; the machine is noisy, so read the spreads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
COMMANDS = {
    "all exercises": PYTEST + ["exercises", "--target", "solutions"],
    "one exercise (e03)": PYTEST + ["exercises/e03_mnist_loss.py", "--target", "solutions"],
}


def timed(command: list[str], unisolated: bool) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ)
    env.pop("MNIST_GRADE_UNISOLATED", None)
    if unisolated:
        env["MNIST_GRADE_UNISOLATED"] = "1"
    start = time.perf_counter()
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, out


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s  ({min(values):.2f}-{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one exercise only, 2 runs")
    args = parser.parse_args()
    commands = dict(list(COMMANDS.items())[1:]) if args.quick else COMMANDS
    runs = 2 if args.quick else args.runs
    for command in commands.values():  # warm-up: data caches, .pyc files
        timed(command, False)
    bare: list[float] = []
    times = {(name, iso): [] for name in commands for iso in (True, False)}
    for i in range(runs):
        bare.append(timed([sys.executable, "-c", "import torch"], False)[0])
        for name, command in commands.items():
            for isolated in (True, False):
                seconds, out = timed(command, not isolated)
                times[(name, isolated)].append(seconds)
                if out.returncode != 0:
                    print(f"{name} ({'isolated' if isolated else 'in-process'}): the solutions did "
                          f"not get full marks:\n{out.stdout[-3000:]}", file=sys.stderr)
                    return 1
        print(f"round {i + 1} of {runs} done", file=sys.stderr)
    print(f"{'command':22} {'isolated':>26} {'in-process':>26}  ratio")
    print(f"{'import torch (floor)':22} {spread(bare):>26}")
    for name in commands:
        iso, inproc = times[(name, True)], times[(name, False)]
        ratio = statistics.median(iso) / statistics.median(inproc)
        print(f"{name:22} {spread(iso):>26} {spread(inproc):>26}  {ratio:.2f}x "
              f"({'within' if ratio <= 1.5 else 'OVER'} the 1.5x goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
