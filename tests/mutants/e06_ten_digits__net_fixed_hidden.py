"""make_ten_digit_net ignores n_hidden (always 30 hidden units)."""
from torch import nn

EXERCISE = "e06_ten_digits"
MUST_FAIL = {"ten_digit_net_shape": ["n_hidden is ignored"]}


def make_ten_digit_net(n_hidden=30):
    return nn.Sequential(nn.Linear(28 * 28, 30), nn.ReLU(), nn.Linear(30, 10))
