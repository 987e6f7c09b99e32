"""cross_entropy calls PyTorch's F.cross_entropy instead of writing it."""
import torch.nn.functional as F

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"cross_entropy_values": ["uses cross_entropy", "yourself"]}


def cross_entropy(preds, targets):
    return F.cross_entropy(preds, targets)
