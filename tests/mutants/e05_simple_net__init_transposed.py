"""init_simple_net draws w1 as [n_hidden, n_in] ([30, 784]), nn.Linear's layout, not the book's."""

EXERCISE = "e05_simple_net"
MUST_FAIL = {"init_simple_net_shapes": ["w1", "[n_in, n_hidden]"]}


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    w1 = init_params((n_hidden, n_in), std)  # noqa: F821
    b1 = init_params(n_hidden, std)  # noqa: F821
    w2 = init_params((n_hidden, n_out), std)  # noqa: F821
    b2 = init_params(n_out, std)  # noqa: F821
    return w1, b1, w2, b2
