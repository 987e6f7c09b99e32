"""q09: selects the bottom-LEFT four numbers ([1:, :2]) instead of the bottom-right."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["bottom-left", "[1:, 1:]"]}


def double_and_slice():
    t = torch.arange(1, 10).view(3, 3)
    doubled = t * 2
    return t, doubled, doubled[1:, :2]
