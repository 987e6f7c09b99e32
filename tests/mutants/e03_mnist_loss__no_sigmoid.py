"""mnist_loss compares the raw outputs with the targets: no sigmoid."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"mnist_loss_values": ["no sigmoid"], "mnist_loss_gradient": ["gradient"]}
# Without the sigmoid a linear model still learns: 0.9534 on the complete MNIST_SAMPLE (below its
# threshold 0.96), 0.96 on the 800 embedded digits (above the reference's 0.91): the data decides.
MAY_FAIL = {"mnist_loss_trains"}


def mnist_loss(predictions, targets):
    return torch.where(targets == 1, 1 - predictions, predictions).mean()
