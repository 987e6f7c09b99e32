"""rmse_distance with torch.linalg.vector_norm over the last two axes, divided by 28 (the root of
784): right values, but the stub's rule forbids it."""
import torch

EXERCISE = "e02_distances"
MUST_FAIL = {
    "rmse_distance_values": ["torch.linalg.vector_norm is not allowed",
                             "write the distances yourself"],
    "distances_by_hand": ["torch.linalg.vector_norm is not allowed",
                          "write the distances yourself"],
}


def rmse_distance(a, b):
    return torch.linalg.vector_norm(a - b, dim=(-2, -1)) / 28
