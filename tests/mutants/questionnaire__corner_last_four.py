"""q09: the last four numbers in reading order, not the 2x2 bottom-right block."""
import numpy as np

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["flatten()[-4:]", "2x2"]}


def double_and_slice():
    t = np.arange(1, 10).reshape(3, 3)
    doubled = t * 2
    return t, doubled, doubled.flatten()[-4:]
