"""cross_entropy takes the raw logit of the right class: no log_softmax normalisation."""
import torch

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["raw logits"], "cross_entropy_gradient": ["raw logits"],
             "ten_digits_trains": ["below", "raw logits"]}


def cross_entropy(preds, targets):
    return -preds[torch.arange(len(targets)), targets].mean()
