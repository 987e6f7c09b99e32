"""simple_net without the ReLU: two linear layers in a row, which is one linear layer."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"simple_net_values": ["ReLU is missing"]}


def simple_net(xb, w1, b1, w2, b2):
    res = xb @ w1 + b1
    return res @ w2 + b2
