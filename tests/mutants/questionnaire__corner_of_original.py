"""q09: the corner is taken from the original tensor, not the doubled one."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["corner of t"]}


def double_and_slice():
    t = torch.arange(1, 10).view(3, 3)
    doubled = t * 2
    return t, doubled, t[1:, 1:]
