"""ReLU with clamp(min=0); init_simple_net with torch.randn directly (no init_params)."""
import torch

EXERCISE = "e05_simple_net"


def simple_net(xb, w1, b1, w2, b2):
    return (xb @ w1 + b1).clamp(min=0) @ w2 + b2


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    shapes = [(n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)]
    return tuple((torch.randn(s) * std).requires_grad_() for s in shapes)
