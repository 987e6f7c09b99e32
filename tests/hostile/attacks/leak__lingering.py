"""Processes and a thread meant to outlive the grader, started while the file loads: a sleeping
Python started in its own session (its command line carries the attack's mark), a double-forked
grandchild in its own session that renames itself with the mark, and a non-daemon thread that
sleeps 20 s (a grader that waits for it at exit hangs).

The file is otherwise a full solution: every check must pass, nothing may be left running once
grading is over.
"""

import ctypes
import os
import subprocess
import sys
import threading
import time

EXERCISE = "e07_learner"
BASE = "solution"

try:
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", "@@TOKEN@@"],
                     start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
except OSError:
    pass

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"@@TOKEN@@", 0, 0, 0)
        time.sleep(120)
    os._exit(0)

threading.Thread(target=time.sleep, args=(20,), daemon=False).start()
