"""Python's builtins patched while the file loads (abs always 0, all always true, any always
false), with wrong answers: init_params draws from a uniform distribution, the others return
zeros.

In the grader's process this reached its statistics checks (|mean| < 0.02 with the patched abs).
Every check must fail.
"""

import builtins

import torch

EXERCISE = "e03_mnist_loss"
BASE = "stub"
MUST_FAIL = "all"

builtins.abs = lambda x: 0
builtins.all = lambda iterable: True
builtins.any = lambda iterable: False


def init_params(size, std=1.0):
    return torch.rand(size).requires_grad_()


def linear1(xb, weights, bias):
    return torch.zeros(xb.shape[0], 1)


def sigmoid(x):
    return torch.zeros_like(x)


def mnist_loss(predictions, targets):
    return predictions.sum() * 0


def batch_accuracy(xb, yb):
    return torch.tensor(0.0)
