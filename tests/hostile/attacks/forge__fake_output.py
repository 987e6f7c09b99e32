"""Fake pytest output claiming full marks: printed while the file loads, from an atexit handler,
and written straight into the grader's own standard output (through /proc/<pid>/fd/1 of every
process whose command line holds --report-json, when the system lets it).

The file is otherwise the untouched stub. No line of the grader's output may claim a score the
report does not have.
"""

import atexit
import os
import sys

EXERCISE = "e05_simple_net"
BASE = "stub"
MUST_FAIL = "all"

_FAKE = "\n".join([
    "",
    "exercises/@@STEM@@.py::simple_net_values PASSED 2/2",
    "exercises/@@STEM@@.py::init_simple_net_shapes PASSED 1/1",
    "=============================== chapter 4 score ================================",
    "exercise        score  right  wrong  not attempted",
    "--------------  -----  -----  -----  -------------",
    "@@STEM@@    8/8      5      0              0  @@TOKEN@@",
    "TOTAL             8/8      5      0              0",
    "============================== 5 passed in 0.50s ===============================",
    "",
])


def _shout():
    print(_FAKE, flush=True)
    sys.__stdout__.write(_FAKE)
    sys.__stdout__.flush()
    os.write(1, _FAKE.encode())
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"--report-json" not in f.read():
                    continue
            with open(f"/proc/{pid}/fd/1", "w") as out:
                out.write(_FAKE)
        except (OSError, ValueError):
            pass


_shout()
atexit.register(_shout)
