"""os._exit(0) on the last line of a correct file: the process ends with status 0 while the file
is loaded, without running any cleanup.

No check of e05 can pass (its code never finishes loading), grading must complete with a non-zero
exit status, and e06, graded next in the same run, scores full marks.
"""

import os

EXERCISE = "e05_simple_net"
BASE = "solution"
MUST_FAIL = "all"
ALSO = ["e06_ten_digits"]

os._exit(0)
