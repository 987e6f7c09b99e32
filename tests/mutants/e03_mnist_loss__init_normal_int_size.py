"""init_params with torch.normal(mean, std, size): right for the weights' (784, 1), but the bias's
int size 1 makes torch.normal raise a TypeError that lists all of its signatures."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"init_params_values": ["init_params(1)", "torch.normal", "only as a tuple"]}


def init_params(size, std=1.0):
    return torch.normal(0.0, std, size).requires_grad_()
