"""log_softmax as x - log(sum(exp(x))) without the max-subtraction (this project's own solution
until issue 10): -inf for a score of 100 or 1000."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"log_softmax_values": ["not stable", "logsumexp trick"]}


def log_softmax(x):
    return x - torch.exp(x).sum(dim=-1, keepdim=True).log()
