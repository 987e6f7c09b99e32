"""A correct file that starts with `import mnist_ref.stages` and `import autograder` (the
reference's whole chapter and the grader), as a student exploring the project might write.

The file cannot load: every check must fail, saying the import is not allowed.
"""

import autograder  # noqa: F401
import mnist_ref.stages  # noqa: F401

EXERCISE = "e02_distances"
BASE = "solution"
WHERE = "start"
MUST_FAIL = "all"
MESSAGE = {"mnist_distance_batch": r"(?i)not allowed"}
