"""softmax divides by a sum that lost its axis (no keepdim): [N, 10] / [N] broadcasts wrongly."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"softmax_values": ["keepdim"]}


def softmax(x):
    e = torch.exp(x)
    return e / e.sum(dim=-1)
