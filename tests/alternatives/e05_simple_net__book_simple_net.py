"""The book's own lines ("Adding a Nonlinearity"), with fastai's tensor: the ReLU written as
res.max(tensor(0.0)), the parameters drawn with init_params, the model as the book's nn.Sequential."""
from fastai.torch_core import tensor
from torch import nn

EXERCISE = "e05_simple_net"


def init_simple_net(n_in=28 * 28, n_hidden=30, n_out=1, std=1.0):
    w1 = init_params((n_in, n_hidden), std)  # noqa: F821 - the stub imports init_params
    b1 = init_params(n_hidden, std)  # noqa: F821
    w2 = init_params((n_hidden, n_out), std)  # noqa: F821
    b2 = init_params(n_out, std)  # noqa: F821
    return w1, b1, w2, b2


def simple_net(xb, w1, b1, w2, b2):
    res = xb@w1 + b1
    res = res.max(tensor(0.0))
    res = res@w2 + b2
    return res


def make_simple_net(n_in=28 * 28, n_hidden=30, n_out=1):
    return nn.Sequential(
        nn.Linear(n_in, n_hidden),
        nn.ReLU(),
        nn.Linear(n_hidden, n_out)
    )
