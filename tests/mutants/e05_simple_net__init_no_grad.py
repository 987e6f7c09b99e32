"""init_simple_net draws with torch.randn(...) * std and forgets requires_grad_()."""
import torch

EXERCISE = "e05_simple_net"
MUST_FAIL = {"init_simple_net_shapes": ["track gradients"]}


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    return (torch.randn(n_in, n_hidden) * std, torch.randn(n_hidden) * std,
            torch.randn(n_hidden, n_out) * std, torch.randn(n_out) * std)
