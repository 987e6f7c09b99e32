"""cross_entropy built on torch.log_softmax instead of the student's own log_softmax: allowed, the
stub forbids only PyTorch's whole loss (F.cross_entropy, F.nll_loss) in cross_entropy."""
import torch

EXERCISE = "e06_ten_digits"


def cross_entropy(preds, targets):
    log_probs = torch.log_softmax(preds, dim=1)
    return -log_probs[torch.arange(len(targets)), targets].mean()
