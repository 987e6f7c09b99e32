"""init_simple_net draws b1 with shape [1], like the linear model's bias: broadcasting hides it."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"init_simple_net_shapes": ["b1", "broadcasts"]}


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    w1 = init_params((n_in, n_hidden), std)  # noqa: F821
    b1 = init_params(1, std)  # noqa: F821
    w2 = init_params((n_hidden, n_out), std)  # noqa: F821
    b2 = init_params(n_out, std)  # noqa: F821
    return w1, b1, w2, b2
