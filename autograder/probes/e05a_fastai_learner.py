"""Probes of exercise 5a (the book's fastai path: ``make_dls``, ``make_learner``, ``fit_linear``,
``fit_simple_net``), run in the student's worker. They only collect plain data; every verdict is
the grader's (:mod:`autograder.checks.e05a_fastai_learner`).

fastai is imported here inside the probes, never at the top: only this exercise's worker imports
it (the student's stub has imported it already when a probe runs).

Shapes: ``x`` float32 ``[N, 784]``; ``y`` float32 ``[N, 1]`` (1 for a 3); ``data`` is
``[train_x, train_y, valid_x, valid_y]``; an ``nn.Linear(784, 1)``'s weight ``[1, 784]`` and
bias ``[1]``.
"""

from __future__ import annotations

import contextlib
import io
import random

import torch

from autograder.probes.common import module_anatomy, student, swapped, uses_book


def _seed(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)


def _quiet_fastai():
    """fastai without its progress bar (a worker has no notebook to draw it in)."""
    from fastai.learner import defaults

    stack = contextlib.ExitStack()
    callbacks = list(defaults.callbacks)
    defaults.callbacks = [c for c in callbacks if c.__name__ != "ProgressCallback"]
    stack.callback(setattr, defaults, "callbacks", callbacks)
    return stack


def _reference_dls(data: list, bs: int, shuffle: bool = True):
    """The book's ``DataLoaders(dl, valid_dl)`` over ``data``, the training batches shuffled."""
    from fastai.data.core import DataLoaders
    from fastai.data.load import DataLoader

    train_x, train_y, valid_x, valid_y = data
    dl = DataLoader(list(zip(train_x, train_y)), batch_size=bs, shuffle=shuffle)
    valid_dl = DataLoader(list(zip(valid_x, valid_y)), batch_size=bs)
    return DataLoaders(dl, valid_dl, device=train_x.device)


def _name(obj) -> str:
    """``module.qualname`` of a function (or of a ``functools.partial``'s function)."""
    func = getattr(obj, "func", obj)
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', type(func).__name__)}"


def dls_batches(module, data: list, bs: int, passes: int, seed: int) -> dict:
    """``make_dls(*data, bs)``: what it is, and the batches of ``passes`` passes over ``dls.train``
    and one over ``dls.valid``. Column 0 of each ``x`` holds the item's index.

    Returns ``{"type": str, "has": [has .train, has .valid], "train": [{"order": [...],
    "sizes": [...]}] per pass, "valid": {...}, "shapes": [xb shape, yb shape] of the first
    training batch}``.
    """
    _seed(seed)
    dls = student(module, "make_dls")(*data, bs)
    has = [hasattr(dls, "train"), hasattr(dls, "valid")]
    out = {"type": type(dls).__name__, "has": has, "train": [], "valid": None, "shapes": None}
    if not all(has):
        return out

    def one_pass(loader):
        order, sizes = [], []
        for batch in loader:
            xb, yb = batch[0], batch[1]
            if out["shapes"] is None:
                out["shapes"] = [list(xb.shape), list(yb.shape)]
            order += xb[:, 0].round().long().tolist()
            sizes.append(int(xb.shape[0]))
        return {"order": order, "sizes": sizes}

    out["train"] = [one_pass(dls.train) for _ in range(passes)]
    out["valid"] = one_pass(dls.valid)
    return out


def learner_parts(module, data: list, weight, bias, preds, targets) -> dict:
    """``make_learner(dls, model)`` with the book's ``DataLoaders`` over ``data`` (batches of 4)
    and an ``nn.Linear(784, 1)`` holding ``weight``, ``bias``. Reports what the learner holds,
    each part called on ``preds`` ``[N, 1]`` and ``targets`` ``[N, 1]`` where it is a function.

    Returns ``{"type": str, "model_kept": bool, "dls_kept": bool, "opt_func": "module.name",
    "loss": the loss_func's value or None, "metrics": [[name, value], ...]}``.
    """
    dls = _reference_dls(data, 4)
    model = torch.nn.Linear(784, 1)
    with torch.no_grad():
        model.weight.copy_(weight)
        model.bias.copy_(bias)
    learn = student(module, "make_learner")(dls, model)
    out = {"type": type(learn).__name__, "model_kept": getattr(learn, "model", None) is model,
           "dls_kept": getattr(learn, "dls", None) is dls,
           "opt_func": _name(getattr(learn, "opt_func", None)), "loss": None, "metrics": []}
    loss_func = getattr(learn, "loss_func", None)
    if callable(loss_func):
        with contextlib.suppress(Exception):
            out["loss"] = float(loss_func(preds, targets))
    for metric in getattr(learn, "metrics", None) or []:
        func = getattr(metric, "func", metric)
        value = None
        with contextlib.suppress(Exception):
            value = float(func(preds, targets))
        out["metrics"].append([str(getattr(metric, "name", _name(func))), value])
    return out


@contextlib.contextmanager
def _book_learner(module, book):
    """The book's ``make_learner`` in the student's module for the block (so that ``fit_linear``
    and ``fit_simple_net`` are tested alone), and fastai without its progress bar."""
    from fastai.learner import Learner
    from fastai.optimizer import SGD

    def make_learner(dls, model):
        return Learner(dls, model, opt_func=SGD, loss_func=book.mnist_loss,
                       metrics=book.batch_accuracy)

    with swapped(module, {"make_learner": make_learner}), _quiet_fastai():
        yield


@uses_book("mnist_ref.linear", "mnist_loss", "batch_accuracy")
def fit(module, name: str, data: list, n_epoch: int, lr: float, bs: int, seed: int,
        xb: torch.Tensor, *, book) -> dict:
    """``name(dls, n_epoch, lr)`` (``fit_linear`` or ``fit_simple_net``) with the book's
    ``DataLoaders`` over ``data`` (batches of ``bs``, shuffled) and the book's ``make_learner``,
    after seeding with ``seed``. What fastai prints is dropped.

    Returns ``{"type": str, "values": [[train loss, valid loss, metric] per epoch], "lr": the
    optimizer's lr after fit (None without an optimizer), "opt_func": "module.name",
    "anatomy": module_anatomy(learn.model), "outputs": the trained model's outputs on ``xb``
    (None where it cannot be called)}``.
    """
    _seed(seed)
    dls = _reference_dls(data, bs)
    with _book_learner(module, book), contextlib.redirect_stdout(io.StringIO()):
        learn = student(module, name)(dls, n_epoch, lr)
    recorder = getattr(learn, "recorder", None)
    values = [[float(v) for v in row] for row in getattr(recorder, "values", None) or []]
    opt = getattr(learn, "opt", None)
    hypers = getattr(opt, "hypers", None) or [{}]
    model = getattr(learn, "model", None)
    outputs = None
    if isinstance(model, torch.nn.Module):
        with torch.no_grad(), contextlib.suppress(Exception):
            outputs = model(xb.to(data[0].device)).detach()
    return {"type": type(learn).__name__, "values": values, "lr": hypers[-1].get("lr"),
            "opt_func": _name(getattr(learn, "opt_func", None)),
            "anatomy": module_anatomy(model), "outputs": outputs}
