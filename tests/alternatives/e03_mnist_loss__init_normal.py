"""init_params with torch.normal, turning an int size into a tuple first; sigmoid with
torch.reciprocal; mnist_loss with F.sigmoid and torch.where on a boolean mask (only the exercise's
sigmoid must be written by hand)."""

import torch
import torch.nn.functional as F

EXERCISE = "e03_mnist_loss"


def init_params(size, std=1.0):
    shape = (size,) if isinstance(size, int) else tuple(size)
    return torch.normal(0.0, std, shape).requires_grad_()


def sigmoid(x):
    return torch.reciprocal(1 + torch.exp(-x))


def mnist_loss(predictions, targets):
    p = F.sigmoid(predictions)
    return torch.where(targets.bool(), 1 - p, p).mean()
