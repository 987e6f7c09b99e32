"""Probes of exercise 5b (``make_xy``, ``make_dl``, ``init_net``), run in the student's worker.
They only collect plain data; every verdict is the grader's
(:mod:`autograder.checks.e05b_stuck_at_50`).

Shapes: ``threes`` float32 ``[N3, 28, 28]``, ``sevens`` ``[N7, 28, 28]``; ``x`` ``[N, 784]``,
``y`` ``[N, 1]``; the network's parameters ``w1 [784, 30]``, ``b1 [30]``, ``w2 [30, 1]``,
``b2 [1]``. Everything here runs on the CPU.
"""

from __future__ import annotations

import random

import torch

from autograder.probes.common import student, uses_book


def _seed(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)


def batches(module, x: torch.Tensor, y: torch.Tensor, bs: int, passes: int, seed: int) -> dict:
    """``make_dl(x, y, bs)``, iterated ``passes`` times. ``x`` is ``[N, 784]`` with the item's
    index in column 0, so the order can be read back.

    Returns ``{"orders": [[item indices in the order seen] per pass], "sizes": [[batch sizes]
    per pass], "shapes": [xb shape, yb shape] of the first batch, "labels": [[yb values of the
    first batch]]}``.
    """
    _seed(seed)
    dl = student(module, "make_dl")(x, y, bs)
    orders, sizes, shapes, labels = [], [], None, []
    for _ in range(passes):
        order, size = [], []
        for xb, yb in dl:
            xb, yb = torch.as_tensor(xb), torch.as_tensor(yb)
            if shapes is None:
                shapes = [list(xb.shape), list(yb.shape)]
                labels = yb.flatten().tolist()
            order += xb[:, 0].round().long().tolist() if xb.dim() == 2 else []
            size.append(int(xb.shape[0]) if xb.dim() else 0)
        orders.append(order)
        sizes.append(size)
    return {"orders": orders, "sizes": sizes, "shapes": shapes, "labels": labels}


def init(module, seed: int) -> dict:
    """``init_net()`` after seeding: ``{"value": what it returned, "leaf": [is_leaf of each
    tensor], "requires_grad": [...]}``."""
    _seed(seed)
    out = student(module, "init_net")()
    items = out if isinstance(out, (tuple, list)) else [out]
    tensors = [t for t in items if isinstance(t, torch.Tensor)]
    return {"value": out, "leaf": [bool(t.is_leaf) for t in tensors],
            "requires_grad": [bool(t.requires_grad) for t in tensors]}


@uses_book("mnist_ref.linear", "mnist_loss")
@uses_book("mnist_ref.simple_net", "simple_net")
def train_setup(module, data: list, epochs: int, lr: float, seed: int, bs: int = 256, *,
                book) -> dict:
    """The lab's ``train`` with the student's ``make_xy``, ``make_dl`` and ``init_net``: after
    seeding with ``seed``, ``x, y = make_xy(threes, sevens)``, ``dl = make_dl(x, y, bs)``,
    ``params = init_net()``, then ``epochs`` epochs of the book's step (``mnist_loss`` of the
    book's ``simple_net``, ``p -= p.grad * lr``, gradients zeroed) over ``dl``.

    Returns ``{"start": the parameters before training, "epochs": [the parameters after each
    epoch]}`` (the grader measures them), or ``{"problem": what stopped the run, "start": ...}``
    when the parameters cannot be trained (not leaves, no gradient).
    """
    threes, sevens = data
    _seed(seed)
    x, y = student(module, "make_xy")(threes, sevens)
    dl = student(module, "make_dl")(x, y, bs)
    params = list(student(module, "init_net")())
    start = [p.detach().clone() for p in params]
    if not all(isinstance(p, torch.Tensor) and p.is_leaf and p.requires_grad for p in params):
        return {"problem": "not_leaves", "start": start}
    after = []
    for _ in range(epochs):
        for xb, yb in dl:
            loss = book.mnist_loss(book.simple_net(xb, *params), yb)
            loss.backward()
            with torch.no_grad():
                for p in params:
                    if p.grad is None:
                        return {"problem": "no_grad", "start": start}
                    p -= p.grad * lr
                    p.grad.zero_()
        after.append([p.detach().clone() for p in params])
    return {"start": start, "epochs": after}
