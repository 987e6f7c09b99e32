"""A binary file under the exercise's name (a zip's bytes, NULs included), as when a student
saves the wrong thing.

Every check must fail with a sentence about the file, grading must complete.
"""

EXERCISE = "e04_train_epoch"
BUILD = "binary"
MUST_FAIL = "all"
