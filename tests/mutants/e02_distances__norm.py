"""rmse_distance with torch.norm: right values, but the exercise forbids it."""
import torch

EXERCISE = "e02_distances"
MUST_FAIL = {'distances_by_hand': ['norm']}


def rmse_distance(a, b):
    return torch.norm(a - b, dim=(-2, -1)) / 28
