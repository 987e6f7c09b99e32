"""cross_entropy calls PyTorch's F.cross_entropy instead of writing it."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["F.cross_entropy is not allowed", "yourself"],
             "cross_entropy_gradient": ["F.cross_entropy is not allowed"],
             "ten_digits_trains": ["F.cross_entropy is not allowed"]}


def cross_entropy(preds, targets):
    return F.cross_entropy(preds, targets)
