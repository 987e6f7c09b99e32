"""KeyboardInterrupt raised on the last line of a correct file, as if Ctrl-C were pressed while it
loads (once it ended the whole pytest run with a partial report).

Every check of e06 gets a result, and e07, graded next in the same run, scores full marks.
"""

EXERCISE = "e06_ten_digits"
BASE = "solution"
MAY_FAIL = "all"
ALSO = ["e07_learner"]

raise KeyboardInterrupt
