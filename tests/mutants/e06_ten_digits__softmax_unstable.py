"""softmax without the max-subtraction (this project's own solution until issue 10): exact for
scores of +-20, but exp(100) overflows to inf in float32 and inf / inf is nan."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"softmax_values": ["not stable", "subtract each row's largest score"]}


def softmax(x):
    e = torch.exp(x)
    return e / e.sum(dim=-1, keepdim=True)
