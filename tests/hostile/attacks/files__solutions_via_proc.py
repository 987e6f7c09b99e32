"""The model answer read through another process's view of the files: /proc/<pid>/root and
/proc/<pid>/cwd of every process the worker can see (a mount namespace hides folders from the
worker itself, not from the others' views). The test runs such a process while this is graded:
a root process without any capability, as the worker of a grader run from another checkout is.

The file is otherwise the untouched stub. Every check must fail.
"""

import os

EXERCISE = "e07_learner"
BASE = "stub"
MUST_FAIL = "all"
_VICTIM = "@@VICTIM@@"  # the test starts the other process for this run


def _steal(relative):
    for pid in filter(str.isdigit, os.listdir("/proc")):
        for path in (f"/proc/{pid}/root@@ROOT@@/{relative}", f"/proc/{pid}/cwd/{relative}"):
            try:
                with open(path) as f:
                    return f.read(), path
            except OSError:
                continue
    return None, None


_text, _path = _steal("solutions/@@STEM@@.py")
if _text:
    exec(compile(_text, _path, "exec"), globals())  # noqa: S102
