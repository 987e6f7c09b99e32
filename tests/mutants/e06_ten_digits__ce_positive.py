"""cross_entropy forgets the minus sign: training maximises the loss."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["minus sign"], "cross_entropy_gradient": ["opposite sign"],
             "ten_digits_trains": ["below", "minus sign is missing"]}


def cross_entropy(preds, targets):
    return log_softmax(preds)[torch.arange(len(targets)), targets].mean()  # noqa: F821
