"""make_xy's targets are the comparison labels == 3 itself: bool, not numbers."""
import torch

EXERCISE = "e01_stacking"
MUST_FAIL = {"make_xy_targets": ["dtype bool", "comparison", ".float()"]}


def make_xy(threes, sevens):
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    labels = torch.tensor([3] * len(threes) + [7] * len(sevens))
    return x, (labels == 3).unsqueeze(1)
