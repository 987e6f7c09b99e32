"""make_simple_net ignores its sizes and always builds the book's 784-30-1 network."""
from torch import nn

EXERCISE = "e05_simple_net"
MUST_FAIL = {"make_simple_net_structure": ["not those of two linear layers"]}


def make_simple_net(n_in=28 * 28, n_hidden=30, n_out=1):
    return nn.Sequential(nn.Linear(28 * 28, 30), nn.ReLU(), nn.Linear(30, 1))
