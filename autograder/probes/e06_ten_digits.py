"""Probes of exercise 6, run in the student's worker. They only collect plain data; every verdict
is the grader's (:mod:`autograder.checks.e06_ten_digits`).

Shapes: ``x``, ``preds`` float32 ``[N, 10]`` (raw scores, the classes on the last axis);
``targets`` int64 ``[N]``; images ``[N, 784]``. ``data`` is ``[train_x, train_y, valid_x,
valid_y]``.

No probe imports the reference: a probe that needs reference definitions declares them with
:func:`~autograder.probes.common.uses_book` and receives them as ``book=``; none declares the
function it grades (``cross_entropy``'s probes take the book's ``softmax`` and ``log_softmax``,
the loop's take the book's ``cross_entropy`` and ``multiclass_accuracy``).
"""

from __future__ import annotations

import random

import numpy
import torch

from autograder.probes import common
from autograder.probes.common import uses_book

_MISSING = object()


def _swapped(module, book, names):
    """The book's definitions ``names`` (from ``book``) in the student's module for the block."""
    return common.swapped(module, {n: getattr(book, n) for n in names})


def _owner(dotted: str):
    """``torch.nn.functional.softmax`` -> (the module ``torch.nn.functional``, ``"softmax"``)."""
    path, _, attr = dotted.rpartition(".")
    owner = torch
    for part in path.split(".")[1:]:
        owner = getattr(owner, part)
    return owner, attr


def calls(module, name: str, args: list, watched: list[str]) -> dict:
    """``name(*args)`` while recording which of torch's functions ``watched`` (dotted names, e.g.
    ``"torch.nn.functional.softmax"``, ``"torch.Tensor.softmax"``) it runs, directly or through
    other functions, including names the student's module imported from torch.

    Returns ``{"value": the result, "called": [dotted names, in first-call order]}``.
    """
    called: list[str] = []
    saved = []
    originals = {}
    try:
        for dotted in watched:
            owner, attr = _owner(dotted)
            original = getattr(owner, attr)
            originals[dotted] = original

            def spy(*a, _original=original, _dotted=dotted, **k):
                if _dotted not in called:
                    called.append(_dotted)
                return _original(*a, **k)

            saved.append((owner, attr, vars(owner).get(attr, _MISSING)))
            setattr(owner, attr, spy)
            for key, value in list(module.__dict__.items()):  # `from torch import softmax`
                if value is original:
                    saved.append((module, key, value))
                    setattr(module, key, spy)
        value = common.student(module, name)(*args)
    finally:
        for owner, attr, value_before in reversed(saved):
            if value_before is _MISSING:
                delattr(owner, attr)
            else:
                setattr(owner, attr, value_before)
    return {"value": value, "called": called}


@uses_book("mnist_ref.multiclass", "softmax", "log_softmax", without=("cross_entropy",))
def loss_with_book_softmax(module, args: list, *, book) -> object:
    """The student's ``cross_entropy(*args)`` with their ``softmax`` and ``log_softmax`` replaced by
    the book's (a mistake there costs those functions' points only)."""
    with _swapped(module, book, ["softmax", "log_softmax"]):
        return common.student(module, "cross_entropy")(*args)


@uses_book("mnist_ref.multiclass", "softmax", "log_softmax", without=("cross_entropy",))
def loss_gradient_with_book_softmax(module, args: list, *, book) -> dict:
    """:func:`common.gradient` of the student's ``cross_entropy(*args)`` with respect to
    ``args[0]``, their ``softmax`` and ``log_softmax`` replaced by the book's."""
    with _swapped(module, book, ["softmax", "log_softmax"]):
        return common.gradient(module, "cross_entropy", args, [0])


def build(module, name: str, kwargs: dict, seed: int, device: torch.device) -> dict:
    """Seed every generator with ``seed``, then ``name(**kwargs)`` (the student's model builder),
    moved to ``device`` when it is an ``nn.Module``.

    Returns ``{"model": the model (kept in the worker), "anatomy": common.module_anatomy(model)}``.
    """
    random.seed(seed)  # every generator, as mnist_ref.runtime.seed_everything seeds them
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    model = common.student(module, name)(**kwargs)
    if isinstance(model, torch.nn.Module):
        model = model.to(device)
    return {"model": model, "anatomy": common.module_anatomy(model)}


class _Recording:
    """A loader that counts the passes made over it."""

    def __init__(self, loader):
        self.loader, self.passes = loader, 0

    def __iter__(self):
        self.passes += 1
        yield from self.loader

    def __len__(self):
        return len(self.loader)


@uses_book("mnist_ref.multiclass", "cross_entropy", "multiclass_accuracy")
@uses_book("mnist_ref.loaders", "TensorLoader", "DataLoaders", without=("train_ten_digits",))
def loop_contract(module, weight, bias, data: list, batches: list[int], epochs: int,
                  lr: float, *, book) -> dict:
    """The student's ``train_ten_digits`` on ``nn.Linear(784, 10)`` starting from ``weight``
    ``[10, 784]`` and ``bias`` ``[10]``, over unshuffled batches of ``batches[0]`` training and
    ``batches[1]`` validation items, with the reference ``cross_entropy`` and
    ``multiclass_accuracy`` in the student's module (so the loop is tested alone).

    Returns ``{"history": what it returned, "parameters": [weight, bias] after it,
    "train_passes": int, "valid_passes": int}``.
    """
    net = torch.nn.Linear(weight.shape[1], weight.shape[0]).to(weight.device)
    with torch.no_grad():
        net.weight.copy_(weight)
        net.bias.copy_(bias)
    train_x, train_y, valid_x, valid_y = data
    dls = book.DataLoaders(_Recording(book.TensorLoader(train_x, train_y, batches[0])),
                              _Recording(book.TensorLoader(valid_x, valid_y, batches[1])))
    with _swapped(module, book, ["cross_entropy", "multiclass_accuracy"]):
        history = common.student(module, "train_ten_digits")(net, dls, epochs, lr)
    return {"history": history, "parameters": [net.weight.detach().clone(),
                                               net.bias.detach().clone()],
            "train_passes": dls.train.passes, "valid_passes": dls.valid.passes}


@uses_book("mnist_ref.loaders", "TensorLoader", "make_loaders", without=("train_ten_digits",))
def train(module, model, data: list, epochs: int, lr: float, batch: int, seed: int,
          valid_batch: int, *, book) -> dict:
    """The student's ``train_ten_digits(model, dls, epochs, lr)`` with the student's own functions,
    on batches of ``batch`` shuffled by ``seed`` and validation batches of ``valid_batch``.

    Returns ``{"history": what it returned, "parameters": [the model's parameters after training,
    in parameters() order]}``.
    """
    dls = book.make_loaders(*data, batch, seed)
    dls.valid = book.TensorLoader(data[2], data[3], batch_size=valid_batch)
    history = common.student(module, "train_ten_digits")(model, dls, epochs, lr)
    return {"history": history,
            "parameters": [p.detach().clone() for p in model.parameters()]}


@uses_book("mnist_ref.multiclass", "l1_distance", "sq_distance",
           without=("mean_image_accuracy",))
def nearest_mean_accuracy(module, means, x, y, which: str, *, book) -> dict:
    """The student's ``mean_image_accuracy(means, x, y, distance)`` with the book's distance
    ``which`` (``"l1"``, ``"sq"``, or ``"far"``: minus the L1 distance, whose smallest value is
    the farthest mean image), so that the function is tested alone and every argument is varied.

    Returns ``{"value": what it returned, "calls": how many times it called distance}``.
    """
    calls = []
    chosen = {"l1": book.l1_distance, "sq": book.sq_distance,
              "far": lambda a, m: -book.l1_distance(a, m)}[which]

    def distance(a, m):
        calls.append(1)
        return chosen(a, m)

    value = common.student(module, "mean_image_accuracy")(means, x, y, distance)
    return {"value": value, "calls": len(calls)}


def baseline(module, data: list) -> dict:
    """The student's own baseline on ``data``: ``digit_means(train_x, train_y)``, then
    ``mean_image_accuracy(means, valid_x, valid_y, d)`` with their ``l1_distance`` and their
    ``sq_distance``.

    Returns ``{"means": what digit_means returned, "l1": accuracy, "sq": accuracy}``.
    """
    train_x, train_y, valid_x, valid_y = data
    means = common.student(module, "digit_means")(train_x, train_y)
    accuracy = common.student(module, "mean_image_accuracy")
    return {"means": means,
            "l1": accuracy(means, valid_x, valid_y, common.student(module, "l1_distance")),
            "sq": accuracy(means, valid_x, valid_y, common.student(module, "sq_distance"))}
