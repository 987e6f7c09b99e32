"""The grader killed from inside: make_dset finds the processes grading it (every process whose
command line names this run's report file, and their children: the fork server) through /proc and
sends each one SIGKILL, then answers right.

The worker's processes are in their own PID namespace: the grader's process ids mean nothing
there. Grading must complete with every check passed. (The attack only ever targets this run's own
processes, so a failing sandbox cannot hurt anything else.)
"""

import os
import signal

EXERCISE = "e01_stacking"
BASE = "solution"
ALONE = True

_honest_make_dset = globals()["make_dset"]  # the solution's, defined above this attack


def _graders():
    pids, parents = set(), {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"@@REPORT@@" in f.read():
                    pids.add(int(pid))
            with open(f"/proc/{pid}/stat", "rb") as f:
                parents[int(pid)] = int(f.read().rpartition(b")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    pids |= {pid for pid, ppid in parents.items() if ppid in pids}
    return pids - {os.getpid()}


def make_dset(x, y):
    for pid in _graders():
        try:
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return _honest_make_dset(x, y)
