"""log_softmax as torch.log of a (stable) softmax: a probability that underflows to 0 gives -inf."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"log_softmax_values": ["the log of the softmax", "-inf"]}


def log_softmax(x):
    return torch.log(softmax(x))  # noqa: F821 - the solution's (stable) softmax
