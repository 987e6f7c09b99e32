"""slopes subtracts the other way round: (before - after) / eps."""

import torch

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"slopes_values": ["wrong sign"]}


def slopes(x, y, weights, bias, indices, eps=1e-3):
    preds = x @ weights + bias
    acc0, loss0 = accuracy(preds, y), mnist_loss(preds, y).item()  # noqa: F821
    acc_slopes, loss_slopes = [], []
    for i in indices:
        with torch.no_grad():
            weights[i] += eps
        preds = x @ weights + bias
        acc_slopes.append((acc0 - accuracy(preds, y)) / eps)  # noqa: F821
        loss_slopes.append((loss0 - mnist_loss(preds, y).item()) / eps)  # noqa: F821
        with torch.no_grad():
            weights[i] -= eps
    return acc_slopes, loss_slopes
