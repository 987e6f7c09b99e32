"""init_params draws from torch.rand (uniform in [0, 1)) instead of torch.randn."""

import torch

EXERCISE = "e03_mnist_loss"
MUST_FAIL = {"init_params_values": ["torch.rand"]}


def init_params(size, std=1.0):
    return (torch.rand(size) * std).requires_grad_()
