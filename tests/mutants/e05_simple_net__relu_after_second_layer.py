"""The ReLU is applied to the output of the second layer instead of between the layers."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"simple_net_values": ["after the second layer"],
             "simple_net_scratch_trains": ["below the reference", "after the second layer"]}


def simple_net(xb, w1, b1, w2, b2):
    res = xb @ w1 + b1
    res = res @ w2 + b2
    return res.clamp(min=0)
