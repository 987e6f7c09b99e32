"""cross_entropy uses torch.log_softmax instead of the student's own log_softmax."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["torch's torch.log_softmax", "yourself"]}


def cross_entropy(preds, targets):
    log_probs = torch.log_softmax(preds, dim=1)
    return -log_probs[torch.arange(len(targets)), targets].mean()
