"""`w1 @ xb` instead of `xb @ w1`: the matrix product in the wrong order."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"simple_net_values": ["not w1 @ xb"],
             "simple_net_scratch_trains": ["RuntimeError", "not w1 @ xb"]}


def simple_net(xb, w1, b1, w2, b2):
    res = w1 @ xb + b1
    res = res.clamp(min=0)
    return res @ w2 + b2
