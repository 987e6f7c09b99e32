"""q09: doubled[1:][1:] slices the rows twice (a [1, 3] tensor), as with nested lists."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["doubled[1:][1:]", "rows twice"]}


def double_and_slice():
    t = torch.arange(1, 10).view(3, 3)
    doubled = t * 2
    return t, doubled, doubled[1:][1:]
