"""sigmoid returns PyTorch's own torch.sigmoid: right values, but the exercise is the formula."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"sigmoid_values": ["uses torch.sigmoid", "yourself with torch.exp"]}


def sigmoid(x):
    return torch.sigmoid(x)
