"""slopes returns the changes themselves, not divided by eps."""

import torch

EXERCISE = "e03a_accuracy_as_loss"
MUST_FAIL = {"slopes_values": ["not divided by eps"]}


def slopes(x, y, weights, bias, indices, eps=1e-3):
    preds = x @ weights + bias
    acc0, loss0 = accuracy(preds, y), mnist_loss(preds, y).item()  # noqa: F821
    acc_slopes, loss_slopes = [], []
    for i in indices:
        with torch.no_grad():
            weights[i] += eps
        preds = x @ weights + bias
        acc_slopes.append(accuracy(preds, y) - acc0)  # noqa: F821
        loss_slopes.append(mnist_loss(preds, y).item() - loss0)  # noqa: F821
        with torch.no_grad():
            weights[i] -= eps
    return acc_slopes, loss_slopes
