"""softmax normalises over dim 0 (the batch) instead of the classes."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"softmax_values": ["dim 0"]}


def softmax(x):
    e = torch.exp(x)
    return e / e.sum(dim=0, keepdim=True)
