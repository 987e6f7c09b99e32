"""Grading processes on this machine: ``--workers N`` of them, each with its own warm fork server.

Each grading process is ``python -m autograder.batch.pool PARENT_PID HIDE``: it reads tasks (one
JSON line each) on its stdin, grades each with :func:`autograder.batch.task.grade_task` and writes
the result (one JSON line) on its stdout; anything else it prints goes to its log. Only plain data
crosses. The instructor's process (:class:`LocalPool`) hands a task to whichever process is free,
and enforces a deadline per task from outside, on top of the isolated worker's own limits: a
grading process that overruns it, or dies, is killed with everything it started (its process
group; the fork server and the workers die with their parent) and replaced, and its task comes
back as ``failed``, to be retried by the next run. Every grading process dies with the batch,
even when the batch is killed with ``kill -9``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

PR_SET_PDEATHSIG = 1


class _Process:
    """One grading process, the task it holds and when that task was handed over."""

    def __init__(self, index: int, hide: tuple[str, ...], log: Path, results: queue.Queue) -> None:
        self.index, self.task, self.since = index, None, 0.0
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", ""),
               "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}  # one core per grading process
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "ab") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "autograder.batch.pool", str(os.getpid()), json.dumps(hide)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env,
                start_new_session=True,  # Ctrl-C reaches the batch only; it ends these itself
            )
        self.reader = threading.Thread(target=self._read, args=(results,), daemon=True)
        self.reader.start()

    def _read(self, results: queue.Queue) -> None:
        for line in self.proc.stdout:
            try:
                results.put(("result", self, json.loads(line)))
            except json.JSONDecodeError:
                continue
        results.put(("ended", self, None))

    def send(self, task: dict) -> None:
        self.task, self.since = task, time.monotonic()
        try:
            self.proc.stdin.write((json.dumps(task) + "\n").encode())
            self.proc.stdin.flush()
        except OSError:
            pass  # it died: its reader reports the end

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()

    def stop(self, wait: float) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            pass
        self.kill()  # whatever it left (its fork server ends with it anyway)


class LocalPool:
    """``workers`` grading processes; :meth:`run` yields each task's result as it comes.

    Args:
        workers: how many grading processes (each grades one file at a time).
        hide: folders no student's code may see (the class folder, the output folder).
        deadline: seconds one task may take, counted from when it is handed over.
        logs: folder of the grading processes' logs (``grader-N.log``).
    """

    def __init__(self, workers: int, hide: tuple[str, ...], deadline: float, logs: Path) -> None:
        self.workers, self.hide, self.deadline, self.logs = max(1, workers), hide, deadline, logs
        self.results: queue.Queue = queue.Queue()
        self.procs: list[_Process] = []

    def _start(self, index: int) -> _Process:
        return _Process(index, self.hide, self.logs / f"grader-{index}.log", self.results)

    def run(self, tasks: Iterable[dict]) -> Iterator[dict]:
        todo = deque(tasks)
        if not todo:
            return
        if not self.procs:
            self.procs = [self._start(i) for i in range(min(self.workers, len(todo)) or 1)]
        while todo or any(p.task is not None for p in self.procs):
            for p in self.procs:
                if p.task is None and todo:
                    p.send(todo.popleft())
            try:
                kind, p, payload = self.results.get(timeout=1.0)
            except queue.Empty:
                yield from self._overdue()
                continue
            if p not in self.procs:
                continue  # a process already replaced
            if kind == "result":
                p.task = None
                yield payload
                continue
            task = p.task
            code = p.proc.wait()
            self._replace(p)
            if task is not None:
                yield {**task, "failed": f"the grading process ended unexpectedly (exit status "
                                         f"{code}); see {self.logs}/grader-{p.index}.log"}

    def _overdue(self) -> Iterator[dict]:
        now = time.monotonic()
        for p in list(self.procs):
            if p.task is not None and now - p.since > self.deadline:
                task = p.task
                p.task = None
                p.kill()
                self._replace(p)
                yield {**task, "failed": f"grading did not finish within {self.deadline:g} s "
                                         "(the batch's deadline per file), so it was stopped"}

    def _replace(self, p: _Process) -> None:
        p.task = None
        p.kill()
        self.procs[self.procs.index(p)] = self._start(p.index)

    def close(self, wait: float = 10.0) -> None:
        """End every grading process (at once when ``wait`` is 0)."""
        for p in self.procs:
            try:
                p.proc.stdin.close()
            except OSError:
                pass
        for p in self.procs:
            p.stop(wait if p.task is None else 0.0)
        self.procs = []


def _die_with_parent(parent: int) -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the batch died before we asked
        os._exit(1)


def serve(parent: int, hide: tuple[str, ...]) -> int:
    """The grading process: tasks on stdin, results on stdout (one JSON line each)."""
    _die_with_parent(parent)
    results = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # what the grader prints goes to the log, never into the results
    sys.stdout = os.fdopen(1, "w", buffering=1, closefd=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the batch decides when we stop

    from autograder.batch.task import grade_task
    from autograder.sandbox import shared_zygote

    shared_zygote()  # the fork server imports torch while the first file is read
    for line in sys.stdin:
        result = grade_task(json.loads(line), hide)
        results.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[1]), tuple(json.loads(sys.argv[2]))))
