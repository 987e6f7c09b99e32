"""A notebook cut short while it was saved (half of its JSON), and no .py next to it.

Every check must fail with a sentence about the notebook, and grading must complete.
"""

EXERCISE = "e06_ten_digits"
BUILD = "notebook_not_json"
MUST_FAIL = "all"
