"""SIGALRM, SIGINT and SIGTERM ignored when the file is loaded, then make_dset spins forever.

An in-process SIGALRM timer never fires; the grader must stop the code from outside. Only
make_dset_pairs may lose its point.
"""

import signal

EXERCISE = "e01_stacking"
BASE = "solution"
MUST_FAIL = ["make_dset_pairs"]
STATUS = {"make_dset_pairs": "timeout"}

for _sig in (signal.SIGALRM, signal.SIGINT, signal.SIGTERM):
    signal.signal(_sig, signal.SIG_IGN)


def make_dset(x, y):
    while True:
        pass
