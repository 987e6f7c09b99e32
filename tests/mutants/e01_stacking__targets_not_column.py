"""make_xy's targets are [N] instead of a column [N, 1] (no unsqueeze)."""
import torch

EXERCISE = "e01_stacking"
MUST_FAIL = {'make_xy_targets': ['unsqueeze(1)']}


def make_xy(threes, sevens):
    x = torch.cat([threes, sevens]).view(-1, 28 * 28)
    y = torch.tensor([1.0] * len(threes) + [0.0] * len(sevens))
    return x, y
