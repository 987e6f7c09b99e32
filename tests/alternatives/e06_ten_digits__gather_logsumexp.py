"""Stable softmax (max subtracted), logsumexp log_softmax, gather in cross_entropy, argmax(-1)
accuracy."""
import torch

EXERCISE = "e06_ten_digits"


def softmax(x):
    e = (x - x.max(dim=-1, keepdim=True).values).exp()
    return e / e.sum(dim=-1, keepdim=True)


def log_softmax(x):
    return x - torch.logsumexp(x, dim=-1, keepdim=True)


def cross_entropy(preds, targets):
    log_sm = log_softmax(preds)
    return -log_sm.gather(1, targets[:, None]).mean()


def multiclass_accuracy(preds, targets):
    return (preds.argmax(-1) == targets).float().mean()
