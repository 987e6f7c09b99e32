"""A correct file with a half-typed line in the middle: Python cannot compile it.

Every check must fail, with the file and line named, and grading must complete.
"""

EXERCISE = "e05_simple_net"
BUILD = "syntax_error"
MUST_FAIL = "all"
MESSAGE = {"init_simple_net_shapes": r"line \d+"}
