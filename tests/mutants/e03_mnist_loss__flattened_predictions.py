"""Predictions flattened to [N] against [N, 1] targets: torch.where broadcasts to [N, N]."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {
    "mnist_loss_values": ["[N, N]"],
    "mnist_loss_gradient": ["gradient"],
    "mnist_loss_trains": ["below"],
}


def mnist_loss(predictions, targets):
    predictions = predictions.sigmoid().view(-1)
    return torch.where(targets == 1, 1 - predictions, predictions).mean()
