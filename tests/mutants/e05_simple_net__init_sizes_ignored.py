"""init_simple_net ignores n_in, n_hidden and n_out and always draws the book's 784-30-1 shapes."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"init_simple_net_shapes": ["wrong shape"]}


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    w1 = init_params((28 * 28, 30), std)  # noqa: F821
    b1 = init_params(30, std)  # noqa: F821
    w2 = init_params((30, 1), std)  # noqa: F821
    b2 = init_params(1, std)  # noqa: F821
    return w1, b1, w2, b2
