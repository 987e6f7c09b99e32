"""How long after a save ``mnist-grade watch`` shows the new verdict, with its warm worker.

    python benchmarks/watch_latency.py [--saves 7] [--stems e01_stacking,e02_distances]

For each exercise (by default the ones without training checks), on a copy of ``exercises/`` in a
temporary folder: starts ``mnist-grade watch STEM --folder COPY`` as a student would, waits for
its first screen (every exercise graded once, the fork server warm), then saves the exercise file
``--saves`` times, alternating the model answer and the untouched stub (each written to a
temporary file and renamed over the exercise, as editors save), and measures the wall time from
the save to the end of the screen that shows the new verdict (its points checked: full marks for
the answer, none for the stub). Prints the median and the spread per exercise; the goal is at
most 1 s. Timings are not asserted anywhere; the machine is noisy, so read the spreads.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder.checks import registry  # noqa: E402
from autograder.core.markers import strip_markers  # noqa: E402

#: The last line of every screen ``mnist-grade watch`` shows.
SCREEN_END = "Ctrl-C stops"


class WatchProcess:
    """``mnist-grade watch STEM --folder FOLDER`` in a subprocess, its lines timestamped as they
    arrive."""

    def __init__(self, stem: str, folder: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "autograder.cli", "watch", stem, "--folder", str(folder)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter(), line))
        self.lines.put((time.perf_counter(), None))

    def screen(self, timeout: float) -> tuple[float, str]:
        """The next whole screen and when its last line arrived."""
        end, text = time.monotonic() + timeout, []
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"no verdict within {timeout:g} s:\n" + "".join(text)) from None
            if line is None:
                raise RuntimeError("mnist-grade watch ended:\n" + "".join(text))
            text.append(line)
            if SCREEN_END in line:
                return at, "".join(text)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def save(path: Path, text: str) -> float:
    """Write ``text`` as an editor does (a temporary file renamed over ``path``); when it ended."""
    tmp = path.with_name(f".{path.name}.saving")
    tmp.write_text(text)
    os.replace(tmp, path)
    return time.perf_counter()


def measure(stem: str, saves: int, start_timeout: float = 600) -> list[float]:
    """Seconds from each save to its verdict on the screen."""
    answer = strip_markers((ROOT / "solutions" / f"{stem}.py").read_text())
    possible = registry.exercise(stem).possible
    with tempfile.TemporaryDirectory(prefix="watch-latency-") as tmp:
        folder = Path(tmp) / "exercises"
        shutil.copytree(ROOT / "exercises", folder, ignore=shutil.ignore_patterns("__pycache__"))
        stub = (folder / f"{stem}.py").read_text()
        watch = WatchProcess(stem, folder)
        try:
            watch.screen(start_timeout)
            latencies = []
            for i in range(saves):
                time.sleep(0.3)  # a student between two saves; also a new modification time
                solved = i % 2 == 0
                saved = save(folder / f"{stem}.py", answer if solved else stub)
                shown, text = watch.screen(60)
                expect = f"Done: {stem} passes every check" if solved else f"0/{possible} points"
                if expect not in text:
                    raise AssertionError(f"save {i + 1}: expected {expect!r} in:\n{text}")
                latencies.append(shown - saved)
            return latencies
        finally:
            watch.stop()


def no_training(stem: str) -> bool:
    from autograder.core.model import DEFAULT_TIMEOUT

    return all(c.timeout <= DEFAULT_TIMEOUT for c in registry.exercise(stem).checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--stems", default=None,
                        help="comma-separated (default: the exercises without training checks "
                             "that have a solutions/<stem>.py)")
    args = parser.parse_args()
    stems = args.stems.split(",") if args.stems else [
        s for s in registry.STEMS if no_training(s) and (ROOT / "solutions" / f"{s}.py").exists()
    ]
    print(f"mnist-grade watch: save -> verdict, {args.saves} saves per exercise "
          f"(goal: at most 1 s); {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    worst = 0.0
    for stem in stems:
        latencies = measure(stem, args.saves)
        median = statistics.median(latencies)
        worst = max(worst, median)
        print(f"{stem:16} median {median:5.2f} s  ({min(latencies):.2f}-{max(latencies):.2f})  "
              + " ".join(f"{x:.2f}" for x in latencies), flush=True)
    print(f"worst median: {worst:.2f} s ({'within' if worst <= 1 else 'over'} the 1 s goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
