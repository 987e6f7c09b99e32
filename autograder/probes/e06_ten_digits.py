"""Probes of exercise 6 (softmax, log_softmax, cross_entropy, multiclass_accuracy,
make_ten_digit_net, train_ten_digits), run in the student's worker. They only collect plain data;
every verdict is the grader's (:mod:`autograder.checks.e06_ten_digits`).

Shapes: ``x``, ``preds`` float32 ``[N, 10]`` (raw scores, the classes on the last axis);
``targets`` int64 ``[N]``; images ``[N, 784]``. ``data`` is ``[train_x, train_y, valid_x,
valid_y]``.
"""

from __future__ import annotations

import contextlib

import torch

from autograder.probes import common
from autograder.probes.common import gradient  # noqa: F401 - a probe: d(loss)/d(preds)
from mnist_ref import loaders, multiclass, runtime

_MISSING = object()

#: the student's functions a check may replace by the reference's, to test another one alone
REFERENCE = {
    "softmax": multiclass.softmax,
    "log_softmax": multiclass.log_softmax,
    "cross_entropy": multiclass.cross_entropy,
    "multiclass_accuracy": multiclass.multiclass_accuracy,
}


@contextlib.contextmanager
def _swapped(module, names):
    """The reference's functions ``names`` in the student's module for the block."""
    saved = {n: module.__dict__.get(n, _MISSING) for n in names}
    for n in names:
        setattr(module, n, REFERENCE[n])
    try:
        yield
    finally:
        for n, value in saved.items():
            if value is _MISSING:
                module.__dict__.pop(n, None)
            else:
                setattr(module, n, value)


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


def swapped_call(module, name: str, args: list, swap: list[str]) -> object:
    """``name(*args)`` with the student's functions ``swap`` replaced by the reference's."""
    with _swapped(module, swap):
        return common.student(module, name)(*args)


def swapped_gradient(module, name: str, args: list, swap: list[str]) -> dict:
    """:func:`common.gradient` of ``name(*args)`` with respect to ``args[0]``, with the student's
    functions ``swap`` replaced by the reference's."""
    with _swapped(module, swap):
        return common.gradient(module, name, args, [0])


def build(module, name: str, kwargs: dict, seed: int, device: torch.device) -> dict:
    """Seed every generator with ``seed``, then ``name(**kwargs)`` (the student's model builder),
    moved to ``device`` when it is an ``nn.Module``.

    Returns ``{"model": the model (kept in the worker), "anatomy": common.module_anatomy(model)}``.
    """
    runtime.seed_everything(seed)
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


def loop_contract(module, weight, bias, data: list, batches: list[int], epochs: int,
                  lr: float) -> dict:
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
    dls = loaders.DataLoaders(_Recording(loaders.TensorLoader(train_x, train_y, batches[0])),
                              _Recording(loaders.TensorLoader(valid_x, valid_y, batches[1])))
    with _swapped(module, ["cross_entropy", "multiclass_accuracy"]):
        history = common.student(module, "train_ten_digits")(net, dls, epochs, lr)
    return {"history": history, "parameters": [net.weight.detach().clone(),
                                               net.bias.detach().clone()],
            "train_passes": dls.train.passes, "valid_passes": dls.valid.passes}


def train(module, model, data: list, epochs: int, lr: float, batch: int, seed: int,
          valid_batch: int) -> dict:
    """The student's ``train_ten_digits(model, dls, epochs, lr)`` with the student's own functions,
    on batches of ``batch`` shuffled by ``seed`` and validation batches of ``valid_batch``.

    Returns ``{"history": what it returned, "parameters": [the model's parameters after training,
    in parameters() order]}``.
    """
    dls = loaders.make_loaders(*data, batch, seed)
    dls.valid = loaders.TensorLoader(data[2], data[3], batch_size=valid_batch)
    history = common.student(module, "train_ten_digits")(model, dls, epochs, lr)
    return {"history": history,
            "parameters": [p.detach().clone() for p in model.parameters()]}
