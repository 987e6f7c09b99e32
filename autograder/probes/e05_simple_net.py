"""Probes of exercise 5 (``init_simple_net``, ``simple_net``, ``make_simple_net``), run in the
student's worker. They only collect plain data; every verdict is the grader's
(:mod:`autograder.checks.e05_simple_net`).

Shapes: ``xb`` float32 ``[N, 784]``; the book's parameters ``w1 [784, H]``, ``b1 [H]``,
``w2 [H, O]``, ``b2 [O]``; MNIST_SAMPLE as the grader sends it: ``train_x [N, 784]``,
``train_y`` float32 ``[N, 1]`` (3 is 1), the same for ``valid_x``, ``valid_y``.
"""

from __future__ import annotations

import random

import numpy as np
import torch

from autograder.probes import common
from autograder.probes.common import uses_book


def call_with_leaves(module, name: str, args: list) -> dict:
    """``name(*args)``, and for each tensor it returns (alone or in a tuple or list) whether it is
    a leaf of the autograd graph: ``{"value": result, "leaf": [bool, ...] or None}``.

    A leaf can't cross the boundary as such (every tensor arrives as a new leaf), so it is said
    here.
    """
    out = common.student(module, name)(*args)
    items = out if isinstance(out, (tuple, list)) else [out]
    leaves = [bool(t.is_leaf) for t in items if isinstance(t, torch.Tensor)]
    return {"value": out, "leaf": leaves}


def build(module, name: str, args: list, seed: int, device: torch.device) -> dict:
    """Seed every generator with ``seed``, then ``name(*args)`` (the student's model builder), moved
    to ``device`` when it is an ``nn.Module``.

    Returns ``{"model": the model (kept in the worker), "anatomy": common.module_anatomy(model)}``.
    """
    random.seed(seed)  # as the reference's seed_everything: Python, NumPy, PyTorch
    np.random.seed(seed)
    torch.manual_seed(seed)
    model = common.student(module, name)(*args)
    if isinstance(model, torch.nn.Module):
        model = model.to(device)
    return {"model": model, "anatomy": common.module_anatomy(model)}


def load_parameters(module, model, values: list) -> None:
    """Copy ``values`` into ``model.parameters()``, in that order (each the parameter's shape)."""
    with torch.no_grad():
        for p, v in zip(model.parameters(), values, strict=True):
            p.copy_(v)


@uses_book("mnist_ref.linear", "train_model",
           without=("init_simple_net", "simple_net", "make_simple_net"))
@uses_book("mnist_ref.loaders", "make_loaders")
def train_scratch(module, start: list, data: list, epochs: int, lr: float, batch: int,
                  seed: int, *, book) -> dict:
    """The reference ``train_model`` around the student's ``simple_net``, from ``start``.

    ``start``: ``[w1, b1, w2, b2]`` in the book's layout; ``data``: ``[train_x, train_y, valid_x,
    valid_y]``. Batches of ``batch``, shuffled by ``seed``. Returns ``{"history": [the validation
    accuracy after each epoch], "parameters": [w1, b1, w2, b2] after training}``.
    """
    simple_net = common.student(module, "simple_net")
    params = [t.detach().clone().requires_grad_() for t in start]
    dls = book.make_loaders(*data, batch, seed)

    def model(xb):
        return simple_net(xb, *params)

    history = book.train_model(model, epochs, lr, params, dls.train, dls.valid)
    return {"history": history, "parameters": [p.detach().clone() for p in params]}


@uses_book("mnist_ref.learner", "Learner",
           without=("init_simple_net", "simple_net", "make_simple_net"))
@uses_book("mnist_ref.loaders", "make_loaders")
def fit_learner(module, model, start: list, data: list, epochs: int, lr: float, batch: int,
                seed: int, *, book) -> dict:
    """The reference ``Learner`` with ``BasicOptim`` and ``mnist_loss`` around the student's
    ``model``, after copying ``start`` into its parameters (``parameters()`` order, each in the
    parameter's own layout). Returns ``{"history": [the metric after each epoch], "parameters":
    [the model's parameters after training, in parameters() order]}``.
    """
    load_parameters(module, model, start)
    dls = book.make_loaders(*data, batch, seed)
    learn = book.Learner(dls, model)
    learn.fit(epochs, lr)
    return {"history": [stats.metric for stats in learn.history],  # the metric after each epoch
            "parameters": [p.detach().clone() for p in model.parameters()]}
