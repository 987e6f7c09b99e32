"""make_simple_net forgets the nn.ReLU(): nn.Sequential(nn.Linear, nn.Linear) is a linear model."""
from torch import nn

EXERCISE = "e05_simple_net"
MUST_FAIL = {"make_simple_net_structure": ["ReLU is missing"]}


def make_simple_net(n_in=28 * 28, n_hidden=30, n_out=1):
    return nn.Sequential(nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_out))
