"""q09: the bottom-left corner of the original tensor: both the corner and the tensor are wrong
(first value 4 where 10 is expected)."""
import torch

EXERCISE = "questionnaire"
MUST_FAIL = {"bottom_right": ["bottom-left corner of t", "doubled"]}


def double_and_slice():
    t = torch.arange(1, 10).view(3, 3)
    doubled = t * 2
    return t, doubled, t[1:, :2]
