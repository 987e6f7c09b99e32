"""The ReLU written as `torch.max(res)`: the largest element of the whole tensor, a scalar."""
import torch

EXERCISE = "e05_simple_net"
MUST_FAIL = {"simple_net_values": ["torch.max(res) is the single"],
             "simple_net_scratch_trains": ["RuntimeError", "torch.max(res) is the single"]}


def simple_net(xb, w1, b1, w2, b2):
    res = xb @ w1 + b1
    res = torch.max(res)
    return res @ w2 + b2
