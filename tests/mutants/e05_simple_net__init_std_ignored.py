"""init_simple_net never passes std on to init_params: every draw has std 1."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"init_simple_net_shapes": ["std is ignored"]}


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    w1 = init_params((n_in, n_hidden))  # noqa: F821
    b1 = init_params(n_hidden)  # noqa: F821
    w2 = init_params((n_hidden, n_out))  # noqa: F821
    b2 = init_params(n_out)  # noqa: F821
    return w1, b1, w2, b2
