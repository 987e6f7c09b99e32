"""An atexit handler (and SIGTERM and SIGHUP handlers) that rewrites the --report-json and
--gradescope files with full marks after the grader wrote them; it finds their paths in its own
command line, in every process's /proc/<pid>/cmdline, and takes the ones it was told.

The file is otherwise the untouched stub: the report on disk must say 0, without the forger's mark.
"""

import atexit
import json
import os
import signal
import sys

EXERCISE = "e03_mnist_loss"
BASE = "stub"
MUST_FAIL = "all"


def _report_paths():
    argvs = [sys.argv]
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    argvs.append(f.read().decode(errors="replace").split("\0"))
            except OSError:
                pass
    paths = {"@@REPORT@@": "json", "@@GRADESCOPE@@": "gradescope"}
    for argv in argvs:
        for i, arg in enumerate(argv[:-1]):
            if arg == "--report-json":
                paths[argv[i + 1]] = "json"
            elif arg == "--gradescope":
                paths[argv[i + 1]] = "gradescope"
    return paths


def _forge(*_):
    fake = {"json": {"score": 9, "possible": 9, "forged_by": "@@TOKEN@@", "exercises": [
                {"name": "@@STEM@@", "score": 9, "possible": 9, "checks": []}]},
            "gradescope": {"score": 9, "output": "forged @@TOKEN@@", "tests": []}}
    for path, kind in _report_paths().items():
        try:
            with open(path, "w") as f:
                json.dump(fake[kind], f)
        except OSError:
            pass


atexit.register(_forge)
for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, lambda *a: (_forge(), os._exit(0)))
