"""q09: the top-right corner of doubled ([:2, 1:]): expected 10, got 4 at the first place."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["top-right", "rows 1:"]}


def double_and_slice():
    t = torch.arange(1, 10).view(3, 3)
    doubled = t * 2
    return t, doubled, doubled[:2, 1:]
