"""rmse_distance with torch.norm: right values, but the stub's rule forbids it, so both checks
that call rmse_distance fail with the rule."""
import torch

EXERCISE = "e02_distances"
MUST_FAIL = {
    "rmse_distance_values": ["torch.norm is not allowed", "write the distances yourself"],
    "distances_by_hand": ["torch.norm is not allowed", "write the distances yourself"],
}


def rmse_distance(a, b):
    return torch.norm(a - b, dim=(-2, -1)) / 28
