"""make_simple_net's first nn.Linear maps n_in to n_out: the sizes are passed in the wrong order."""
from torch import nn

EXERCISE = "e05_simple_net"
MUST_FAIL = {"make_simple_net_structure": ["not those of two linear layers"],
             "make_simple_net_learner_trains": ["not those of two linear layers"]}


def make_simple_net(n_in=28 * 28, n_hidden=30, n_out=1):
    return nn.Sequential(nn.Linear(n_in, n_out), nn.ReLU(), nn.Linear(n_hidden, n_out))
