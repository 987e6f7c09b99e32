"""softmax sleeps for four months in one call (time.sleep, in C).

Only softmax_values may lose its point; the rest of the exercise must be graded.
"""

import time

EXERCISE = "e06_ten_digits"
BASE = "solution"
MUST_FAIL = ["softmax_values"]
STATUS = {"softmax_values": "timeout"}


def softmax(x):
    time.sleep(10**7)
    return x
