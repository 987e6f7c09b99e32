"""log_softmax calls F.log_softmax instead of x - log(sum(exp(x)))."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"log_softmax_values": ["F.log_softmax", "yourself"]}


def log_softmax(x):
    return F.log_softmax(x, dim=-1)
