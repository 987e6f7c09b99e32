"""The book's first neural network: two linear layers with a ReLU between them.

Shapes: ``xb`` float32 ``[N, 784]``; ``H`` hidden units (30 in the book); ``O`` outputs (1 for
3-vs-7, 10 for all digits).
"""

from __future__ import annotations

import torch
from torch import nn

from mnist_ref.linear import init_params


def init_simple_net(n_in: int = 28 * 28, n_hidden: int = 30, n_out: int = 1, std: float = 1.0):
    """The book's parameters ``(w1, b1, w2, b2)``: ``[784, H]``, ``[H]``, ``[H, O]``, ``[O]``.

    The book draws them with ``init_params`` (standard deviation 1); ``std`` scales them.
    """
    return (
        init_params((n_in, n_hidden), std),
        init_params(n_hidden, std),
        init_params((n_hidden, n_out), std),
        init_params(n_out, std),
    )


def simple_net(xb: torch.Tensor, w1, b1, w2, b2) -> torch.Tensor:
    """``relu(xb @ w1 + b1) @ w2 + b2``: ``[N, 784]`` -> ``[N, H]`` -> ``[N, O]``."""
    res = xb @ w1 + b1  # [N, H]
    res = res.max(torch.tensor(0.0, device=res.device))  # ReLU, elementwise
    return res @ w2 + b2  # [N, O]


def make_simple_net(n_in: int = 28 * 28, n_hidden: int = 30, n_out: int = 1) -> nn.Sequential:
    """The same network with PyTorch modules: ``nn.Linear -> nn.ReLU -> nn.Linear``."""
    return nn.Sequential(nn.Linear(n_in, n_hidden), nn.ReLU(), nn.Linear(n_hidden, n_out))
