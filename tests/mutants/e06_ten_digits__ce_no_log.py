"""cross_entropy averages the probabilities of the right class: the log is missing."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["no log"], "cross_entropy_gradient": ["no log"],
             "ten_digits_trains": ["below", "no log"]}


def cross_entropy(preds, targets):
    probs = softmax(preds)  # noqa: F821 - the solution's softmax
    return -probs[torch.arange(len(targets)), targets].mean()
