"""mnist_loss with arithmetic instead of torch.where, and torch.sigmoid; accuracy from raw > 0."""

import torch

EXERCISE = "e03_mnist_loss"


def mnist_loss(predictions, targets):
    p = torch.sigmoid(predictions)
    return (targets * (1 - p) + (1 - targets) * p).mean()


def batch_accuracy(xb, yb):
    return ((xb > 0).float() == yb).float().mean()


def sigmoid(x):
    return torch.exp(x) / (1 + torch.exp(x))


def init_params(size, std=1.0):
    return torch.randn(size).mul(std).requires_grad_()
