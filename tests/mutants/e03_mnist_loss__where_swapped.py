"""torch.where's branches swapped: the loss rewards the wrong answer."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {
    "mnist_loss_values": ["swapped"],
    "mnist_loss_gradient": ["gradient"],
    "mnist_loss_trains": ["below"],
}


def mnist_loss(predictions, targets):
    predictions = predictions.sigmoid()
    return torch.where(targets == 1, predictions, 1 - predictions).mean()
