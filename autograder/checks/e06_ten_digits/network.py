"""The check of ``make_ten_digit_net``: a 784-H-10 network with a ReLU between the layers that
returns raw scores, judged by its output with its own weights.
"""

from __future__ import annotations

import torch

from autograder.checks.common import SEED, device, randn
from autograder.checks.e05_simple_net import as_book, book_roles
from autograder.checks.e06_ten_digits.exercise import NONLINEAR, RTOL, check
from autograder.checks.e06_ten_digits.inputs import same
from autograder.core.feedback import Mistake, Wrong, expect_tensor
from mnist_ref import multiclass as ref
from mnist_ref import simple_net


def _n_params(n_hidden: int) -> int:
    return 784 * n_hidden + n_hidden + n_hidden * 10 + 10


def _net_mistakes(x, w1, b1, w2, b2) -> list[Mistake]:
    """What the known wrong networks give on ``x``, with these (book-layout) weights."""
    pre = x @ w1 + b1
    logits = pre.clamp(min=0) @ w2 + b2
    ends = ("the network ends in a {what}: make_ten_digit_net must return the raw scores "
            "(logits), one per digit. cross_entropy applies log_softmax to them itself; {why}")
    return [
        Mistake(ends.format(what="softmax", why="a softmax before it squashes the scores into "
                            "probabilities between 0 and 1, and the model learns far more "
                            "slowly. Remove the last nn.Softmax (or softmax call)"),
                ref.softmax(logits)),
        Mistake(ends.format(what="log_softmax", why="remove the last nn.LogSoftmax"),
                ref.log_softmax(logits)),
        Mistake(ends.format(what="sigmoid", why="remove the last nn.Sigmoid"), logits.sigmoid()),
        Mistake("the nn.ReLU() between the two linear layers is missing: two linear layers in a "
                "row are just one linear layer", pre @ w2 + b2),
        Mistake("the ReLU is after the second layer: it goes between the two nn.Linear",
                (pre @ w2 + b2).clamp(min=0)),
        Mistake("a sigmoid between the layers instead of the ReLU", pre.sigmoid() @ w2 + b2),
    ]


def _net_roles(anatomy: dict, n_hidden: int, call: str, section: str):
    """The roles of the network's parameters (:func:`book_roles`), or a :class:`Wrong` saying what
    the network is instead."""
    shapes = [tuple(v.shape) for v in anatomy.get("parameters", [])]
    roles = book_roles(shapes, 784, n_hidden, 10)
    if roles is not None:
        return roles
    if (1, n_hidden) in shapes or (n_hidden, 1) in shapes:
        raise Wrong(f"{call} cannot score ten digits: its last layer has 1 output, as in the "
                    "3-vs-7 net.", expected="10 outputs, one score per digit",
                    cause="the last layer should be nn.Linear(n_hidden, 10)", section=section)
    count = sum(v.numel() for v in anatomy.get("parameters", []))
    if count != _n_params(n_hidden):
        cause = ("n_hidden is ignored: use it for the hidden layer's size"
                 if count == _n_params(30) else None)
        raise Wrong(f"{call} has {count} parameters; a 784-{n_hidden}-10 network with biases "
                    f"has 784*{n_hidden} + {n_hidden} + {n_hidden}*10 + 10 = "
                    f"{_n_params(n_hidden)}.", cause=cause, section=section)
    raise Wrong(f"{call}'s parameters are not those of two linear layers 784 -> {n_hidden} -> 10.",
                got=", ".join(str(list(s)) for s in shapes) or "none", section=section,
                hint="nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), nn.Linear(n_hidden, 10))")


def build_net(sub, n_hidden: int | None, section: str):
    """The student's network, built in the worker after seeding: ``(model, roles, book-layout
    start weights, call)``, or a :class:`Wrong` when it is not a 784-H-10 module."""
    kwargs = {} if n_hidden is None else {"n_hidden": n_hidden}
    call = f"make_ten_digit_net({'' if n_hidden is None else f'n_hidden={n_hidden}'})"
    built = sub.probe("build", "make_ten_digit_net", kwargs, SEED, device())
    anatomy = built["anatomy"]
    if not anatomy.get("is_module"):
        raise Wrong(f"{call} should return an nn.Module (an nn.Sequential).",
                    got=f"{anatomy.get('type')}", section=section, hint="return nn.Sequential(...)")
    roles = _net_roles(anatomy, 30 if n_hidden is None else n_hidden, call, section)
    values = [v.to(device()) for v in anatomy["parameters"]]
    return built["model"], roles, as_book(values, roles), call


def expect_logits(model, params, call: str, section: str, hint: str, centred: bool = False):
    """The network's output on seeded images must be the reference network's with its own
    ``params`` (the raw scores). ``centred``: compare up to a constant per row (what training with
    cross-entropy sees)."""
    x = randn(5, 784, seed=51)
    expected = simple_net.simple_net(x, *params)
    got = model(x)
    if isinstance(got, torch.Tensor):
        got = got.detach()
        if got.shape == (5, 1):
            raise Wrong(f"{call}(xb [5, 784]) returned [5, 1]: one output per image.",
                        expected="[5, 10]: ten outputs, one score per digit",
                        cause="the last layer has 1 output, as in the 3-vs-7 net: it should be "
                        "nn.Linear(n_hidden, 10)", section=section)
    mistakes = _net_mistakes(x, *params)
    if centred and isinstance(got, torch.Tensor) and got.shape == expected.shape:
        if not any(same(got, m.value) for m in mistakes):
            got = got - got.mean(dim=-1, keepdim=True) + expected.mean(dim=-1, keepdim=True)
    expect_tensor(got, expected, what=f"{call}(xb [5, 784])", rtol=RTOL, atol=1e-4,
                  section=section, mistakes=mistakes, hint=hint)


@check(points=1, description="make_ten_digit_net is a 784-H-10 network with a ReLU between the "
       "layers that returns raw scores (logits)")
def ten_digit_net_shape(sub):
    sub.fn("make_ten_digit_net")
    for n_hidden in (30, 7):
        model, _, params, call = build_net(sub, n_hidden, NONLINEAR)
        expect_logits(model, params, call, NONLINEAR,
                       hint="nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
                            "nn.Linear(n_hidden, 10)): nothing after the last layer")
