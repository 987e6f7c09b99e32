"""Another student's answer read from the memory of their worker, graded at the same time: every
process's /proc/<pid>/mem is searched for the answer's marker (the test runs such a process: root
without any capability, as a worker is). BasicOptim answers right only when it found one.

basic_optim must fail: a worker must not see, let alone read, the processes of other gradings.
"""

import os

EXERCISE = "e04_train_epoch"
BASE = "solution"
MUST_FAIL = ["basic_optim"]

_MARK = b"@@VICTIM@@"
_honest_optim = globals()["BasicOptim"]  # the solution's, defined above this attack


def _someone_elses_answer():
    me = os.readlink("/proc/self")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if pid == me:
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                if _MARK in f.read():
                    return True
            with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb") as mem:
                for line in maps:
                    span, perms = line.split()[:2]
                    start, end = (int(v, 16) for v in span.split("-"))
                    if "rw" not in perms or end - start > 64 << 20:
                        continue
                    try:
                        mem.seek(start)
                        if _MARK in mem.read(end - start):
                            return True
                    except (OSError, OverflowError, ValueError):
                        continue
        except OSError:
            continue
    return False


class BasicOptim(_honest_optim):
    def __init__(self, params, lr):
        if not _someone_elses_answer():
            raise RuntimeError("no other student's answer found")
        super().__init__(params, lr)
