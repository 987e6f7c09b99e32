"""A single PyTorch call that runs for minutes: matrix_power of a 4000x4000 matrix to a huge
power (one C++ call, about 62 matrix products, that never returns to Python in between).

A timer that raises in Python code waits for the call to end. The check must end as a timeout
whose message does not send the student looking for a loop they did not write.
"""

import torch

EXERCISE = "e05_simple_net"
BASE = "solution"
MUST_FAIL = ["init_simple_net_shapes"]
STATUS = {"init_simple_net_shapes": "timeout"}
MESSAGE_LACKS = {"init_simple_net_shapes": "(?i)look for a loop"}


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    m = torch.rand(4000, 4000)
    torch.linalg.matrix_power(m, 2**62)
    raise RuntimeError("unreachable")
