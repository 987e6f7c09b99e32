"""q09: torch.arange(9) gives 0 to 8, not 1 to 9."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["arange(1, 10)"]}


def double_and_slice():
    t = torch.arange(9).view(3, 3)
    doubled = t * 2
    return t, doubled, doubled[1:, 1:]
