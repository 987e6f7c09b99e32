"""Which attacks share a run, and the pool that starts every run in the background.

Attacks whose exercises differ are graded together in one run (each exercise gets its own worker,
so they cannot meet unless the sandbox fails; ``HOSTILE_ALONE=1`` runs each attack alone, to tell
them apart when something leaks). Runs go in parallel (``HOSTILE_JOBS``, default 3); an exclusive
run takes every slot. ``HOSTILE_KEEP=1`` keeps the runs' folders (submissions, output, reports).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from hostile_attacks import Attack
from hostile_run import Outcome, run


def plan(selected: list[Attack]) -> list[list[Attack]]:
    """The runs: each ``alone`` attack by itself, the others packed so that no two in a run share
    an exercise (nor two time attacks: each waits out its checks' deadlines). Exclusive runs
    first, then the slowest (time attacks)."""
    every_alone = os.environ.get("HOSTILE_ALONE", "") not in ("", "0")
    runs: list[list[Attack]] = []
    packed: list[list[Attack]] = []
    for a in selected:
        if a.alone or every_alone:
            runs.append([a])
            continue
        batch = next((b for b in packed if not any(
            set(a.stems) & set(x.stems) or a.group == x.group == "time" for x in b)), None)
        if batch is None:
            packed.append([a])
        else:
            batch.append(a)

    def order(batch):
        return (not any(a.exclusive for a in batch), -sum(a.group == "time" for a in batch),
                -len(batch))

    return sorted(runs + packed, key=order)


class Scheduler:
    """Starts every run in the background; each test waits for the one that holds its attack."""

    def __init__(self) -> None:
        self.futures: dict[str, Future] = {}
        self.extra: dict[str, Future] = {}
        self.pool: ThreadPoolExecutor | None = None
        self.workdir = Path(tempfile.mkdtemp(prefix="hostile-"))
        self.lock = threading.Lock()

    def start(self, selected: list[Attack], extra: dict | None = None) -> None:
        """Submit every run; ``extra``: ``{name: fn(workdir)}``, other long jobs (nbgrader),
        started right after the exclusive runs."""
        jobs = max(1, int(os.environ.get("HOSTILE_JOBS", "3")))
        self.pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="hostile")
        slots = threading.Semaphore(jobs)
        runs = plan(selected)
        exclusive = [b for b in runs if any(a.exclusive for a in b)]
        queue = [(b, jobs) for b in exclusive] + [(name, 1) for name in (extra or {})] + [
            (b, 1) for b in runs if b not in exclusive]
        for i, (job, need) in enumerate(queue):
            if isinstance(job, str):
                self.extra[job] = self.pool.submit(self._gated, need, slots, extra[job],
                                                   self.workdir / job)
                continue
            fut = self.pool.submit(self._gated, need, slots, run, job, self.workdir / f"run{i:02d}")
            for a in job:
                self.futures[a.name] = fut

    def _gated(self, need, slots, fn, *args):
        with self.lock:  # two exclusive runs must not each hold part of the slots
            for _ in range(need):
                slots.acquire()
        try:
            return fn(*args)
        finally:
            for _ in range(need):
                slots.release()

    def outcome(self, name: str) -> Outcome:
        return self.futures[name].result()

    def summary(self) -> list[str]:
        """One line per finished run: its attacks, wall time and exit status."""
        lines, seen = [], set()
        for fut in self.futures.values():
            if id(fut) in seen or not fut.done() or fut.exception() is not None:
                continue
            seen.add(id(fut))
            out = fut.result()
            lines.append(f"{out.seconds:6.1f} s  exit {out.returncode}  "
                         + ", ".join(a.name for a in out.attacks))
        for name, fut in self.extra.items():
            if fut.done() and fut.exception() is None:
                result = fut.result()
                lines.append(f"{result.get('seconds', 0):6.1f} s  exit "
                             f"{result.get('autograde_rc')}  {name}")
        return sorted(lines, reverse=True)

    def close(self) -> None:
        if self.pool:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if os.environ.get("HOSTILE_KEEP", "") in ("", "0"):
            shutil.rmtree(self.workdir, ignore_errors=True)
        else:
            print(f"\nhostile: the runs' folders are in {self.workdir}")


SCHEDULER: Scheduler | None = None
SUMMARY: list[str] = []  # the last session's runs, for the terminal summary
