"""sigmoid written with exp(x) instead of exp(-x)."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"sigmoid_values": ["exp(-x)"]}


def sigmoid(x):
    return 1 / (1 + torch.exp(x))
