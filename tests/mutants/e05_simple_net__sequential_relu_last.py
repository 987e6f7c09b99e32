"""make_simple_net puts the nn.ReLU() after the second nn.Linear."""
from torch import nn

EXERCISE = "e05_simple_net"
MUST_FAIL = {"make_simple_net_structure": ["after the second layer"],
             "make_simple_net_learner_trains": ["below the reference", "after the second layer"]}


def make_simple_net(n_in=28 * 28, n_hidden=30, n_out=1):
    return nn.Sequential(nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_out), nn.ReLU())
