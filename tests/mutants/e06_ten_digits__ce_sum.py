"""cross_entropy sums over the batch instead of averaging."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["sum instead of mean"],
             "cross_entropy_gradient": ["N times too large"],
             "ten_digits_trains": ["below", "sum instead of mean"]}


def cross_entropy(preds, targets):
    return -log_softmax(preds)[torch.arange(len(targets)), targets].sum()  # noqa: F821
