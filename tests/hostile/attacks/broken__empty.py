"""An empty file under the exercise's name.

Every check must fail (nothing is defined), and grading must complete.
"""

EXERCISE = "e07_learner"
BUILD = "empty"
MUST_FAIL = "all"
