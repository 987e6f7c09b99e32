"""sys.exit(0) on the last line of a correct file, run while it is loaded.

Grading must complete: every check of e04 gets a result (whatever the grader decides about a file
that exits while loading), and e05, graded next in the same run, scores full marks.
"""

import sys

EXERCISE = "e04_train_epoch"
BASE = "solution"
MAY_FAIL = "all"
ALSO = ["e05_simple_net"]

sys.exit(0)
