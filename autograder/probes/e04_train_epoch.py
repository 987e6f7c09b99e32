"""Probes of exercise 4: the student's training functions driven in their worker.

Every check of exercise 4 needs a model (a closure over parameters, or an ``nn.Linear``), a loader,
a loss or a metric passed INTO the student's function, and gradients and parameters read after it:
so each runs here, beside the student's code, and returns only plain data (parameters, gradients,
counts, returned values). Every comparison and message is on the grader's side
(:mod:`autograder.checks.e04_train_epoch`). Where a function is judged alone, the reference's
version of the functions it calls stands in for the student's in the student's module during the
call (``swap``), so one mistake costs the points of one function.

Shapes: the small problems use a 5-feature linear model: ``params`` = weights ``[5, 1]``, bias
``[1]``; batches ``(xb [B, 5], yb [B, 1])`` float32. The real-data run uses MNIST_SAMPLE:
weights ``[784, 1]``, bias ``[1]``, ``xb [N, 784]``, ``yb [N, 1]`` (1 for a 3, 0 for a 7).
Losses and metrics are named by strings (:func:`_losses`, :func:`_metrics`); ``None`` means the student's
function is called without that argument, so its default is used.
"""

from __future__ import annotations

import torch

from autograder.probes.common import gradient, module_anatomy, student, swapped, uses_book

__all__ = ["gradient", "module_anatomy", "calc_grad_run", "train_epoch_run", "validate_run",
           "optim_run", "train_model_run", "train_model_real"]


def squared_loss(predictions, targets):
    """Not the book's loss: a different one, to see that ``loss_func`` is used."""
    return ((predictions.sigmoid() - targets) ** 2).mean()


def mean_output(predictions, targets):
    """Not the book's metric: the mean raw output, to see that ``metric`` is used."""
    return predictions.mean()


def _losses(book) -> dict:
    return {"squared": squared_loss, "mnist_loss": book.mnist_loss}


def _metrics(book) -> dict:
    return {"mean_output": mean_output, "batch_accuracy": book.batch_accuracy}


def _references(book, names) -> dict:
    """The reference's functions ``names``, to stand in for the student's (``swapped``)."""
    return {n: getattr(book, n) for n in names}


def _leaves(params):
    return [p.detach().clone().requires_grad_() for p in params]


def _model(kind: str, params):
    """``(model, trained tensors)``: ``"function"``, the book's closure ``xb @ w + b`` over
    ``params``; ``"linear"``, an ``nn.Linear(5, 1)`` holding ``params`` (weight as ``[1, 5]``)."""
    params = _leaves(params)
    if kind == "linear":
        w, b = params
        net = torch.nn.Linear(w.shape[0], 1).to(w.device)
        with torch.no_grad():
            net.weight.copy_(w.t())
            net.bias.copy_(b)
        return net, list(net.parameters())
    w, b = params

    def model(xb):
        return xb @ w + b

    return model, params


def _state(kind: str, params) -> dict:
    """The parameters and their ``.grad`` (None where empty) as weights ``[5, 1]``, bias ``[1]``."""
    def as_book(t):
        return t.t() if kind == "linear" and t.dim() == 2 else t

    return {"params": [as_book(p.detach()).clone() for p in params],
            "grads": [None if p.grad is None else as_book(p.grad.detach()).clone()
                      for p in params]}


def _plain(value):
    """A returned value as plain data: tensors detached; others as they are (the codec sends
    what it can and keeps the rest as a reference the grader can describe)."""
    if isinstance(value, torch.Tensor):
        return value.detach()
    if type(value) in (list, tuple):
        return type(value)(_plain(v) for v in value)
    return value


@uses_book("mnist_ref.linear", "mnist_loss", without=("calc_grad",))
def calc_grad_run(module, batch, params, loss: str | None = None, calls: int = 1,
                  model: str = "function", *, book) -> dict:
    """``calc_grad(xb, yb, model[, loss_func])`` ``calls`` times on one batch.

    Returns ``{"returned": [what each call returned], "params": [...], "grads": [.grad of
    weights [5, 1] and bias [1], None where empty]}``.
    """
    calc_grad = student(module, "calc_grad")
    xb, yb = batch
    net, trained = _model(model, params)
    extra = () if loss is None else (_losses(book)[loss],)
    returned = [_plain(calc_grad(xb, yb, net, *extra)) for _ in range(calls)]
    return {"returned": returned, **_state(model, trained)}


class CountingLoader:
    """A loader (a list of batches) that counts the batches taken and the passes begun."""

    def __init__(self, batches):
        self.batches, self.served, self.passes = list(batches), 0, 0

    def __len__(self) -> int:
        return len(self.batches)

    def __iter__(self):
        self.passes += 1
        for batch in self.batches:
            self.served += 1
            yield batch


@uses_book("mnist_ref.linear", "calc_grad", "mnist_loss", without=("train_epoch",))
def train_epoch_run(module, params, batches, lr: float, loss: str | None = None,
                    model: str = "function", swap: bool = True, *, book) -> dict:
    """``train_epoch(model, lr, params, dl[, loss_func])`` once, with the reference ``calc_grad``
    in the student's module when ``swap``; ``params`` are passed as a list.

    Returns ``{"params": [weights [5, 1], bias [1]] after, "grads": [their .grad, None where
    empty], "served": batches taken from dl, "passes": loops begun over dl, "returned": ...}``.
    """
    train_epoch = student(module, "train_epoch")
    net, trained = _model(model, params)
    loader = CountingLoader(batches)
    extra = () if loss is None else (_losses(book)[loss],)
    with swapped(module, _references(book, ["calc_grad"] if swap else [])):
        returned = train_epoch(net, lr, list(trained), loader, *extra)
    return {**_state(model, trained), "served": loader.served, "passes": loader.passes,
            "returned": _plain(returned)}


@uses_book("mnist_ref.linear", "batch_accuracy", without=("validate_epoch",))
def validate_run(module, batches, metric: str | None = None, *, book):
    """``validate_epoch(model, valid_dl[, metric])`` where the model returns its input, so the
    batches' ``xb`` ``[B, 1]`` are the raw outputs the metric sees. Returns what it returned."""
    validate_epoch = student(module, "validate_epoch")

    def model(xb):
        return xb

    extra = () if metric is None else (_metrics(book)[metric],)
    return _plain(validate_epoch(model, list(batches), *extra))


def optim_run(module, starts, grads, lr: float, generator: bool = False) -> dict:
    """``BasicOptim`` on leaves made from ``starts`` whose ``.grad`` are ``grads``.

    ``generator=False``: ``opt = BasicOptim(params, lr)``, ``step()``, then ``zero_grad()``.
    ``generator=True``: ``BasicOptim(p for p in params)``, as ``model.parameters()`` is passed:
    ``step()``, ``zero_grad()``, the gradients set again, ``step()``.
    Returns ``{"stepped": params after the first step, "leaves": [each still a leaf that tracks
    gradients], "after_zero": their .grad after zero_grad (None where empty), "final": params at
    the end}``.
    """
    optim = student(module, "BasicOptim")
    params = _leaves(starts)
    for p, g in zip(params, grads, strict=True):
        p.grad = g.detach().clone()
    opt = optim((p for p in params) if generator else params, lr)
    opt.step()
    stepped = [p.detach().clone() for p in params]
    leaves = [bool(p.is_leaf and p.requires_grad) for p in params]
    opt.zero_grad()
    after_zero = [None if p.grad is None else p.grad.detach().clone() for p in params]
    if generator:
        for p, g in zip(params, grads, strict=True):
            p.grad = g.detach().clone()
        opt.step()
    return {"stepped": stepped, "leaves": leaves, "after_zero": after_zero,
            "final": [p.detach().clone() for p in params]}


@uses_book("mnist_ref.linear", "calc_grad", "train_epoch", "validate_epoch", "BasicOptim",
           "mnist_loss", "batch_accuracy", without=("train_model",))
def train_model_run(module, params, dl, valid_dl, epochs: int, lr: float,
                    loss: str | None = None, metric: str | None = None, *, book) -> dict:
    """``train_model(model, epochs, lr, params, dl, valid_dl[, loss_func[, metric]])`` on the
    5-feature model, with the reference ``calc_grad``, ``train_epoch``, ``validate_epoch`` and
    ``BasicOptim`` in the student's module. A metric without a loss passes ``mnist_loss``.

    Returns ``{"history": what it returned, "params": [weights [5, 1], bias [1]] after}``.
    """
    train_model = student(module, "train_model")
    net, trained = _model("function", params)
    extra = []
    if loss is not None or metric is not None:
        extra.append(_losses(book)[loss or "mnist_loss"])
    if metric is not None:
        extra.append(_metrics(book)[metric])
    swap = ["calc_grad", "train_epoch", "validate_epoch", "BasicOptim"]
    with swapped(module, _references(book, swap)):
        history = train_model(net, epochs, lr, list(trained), list(dl), list(valid_dl), *extra)
    return {"history": _plain(history), "params": _state("function", trained)["params"]}


@uses_book("mnist_ref.linear", "linear1", "validate_epoch",
           without=("calc_grad", "train_epoch", "train_model"))
@uses_book("mnist_ref.loaders", "make_loaders")
def train_model_real(module, data, weights: torch.Tensor, bias: torch.Tensor, epochs: int,
                     lr: float, batch: int, seed: int, *, book) -> dict:
    """The student's ``train_model`` (with the student's ``train_epoch`` and ``calc_grad``) on
    stage ``linear_sgd``'s set-up: the reference ``linear1`` over ``(weights, bias)``, loaders of
    ``batch`` shuffled by ``seed`` over ``data`` (``(train_x, train_y, valid_x, valid_y)``, sent
    once per worker). ``validate_epoch`` is the reference's during the run.

    Returns ``{"history": what train_model returned, "params": [weights [784, 1], bias [1]]
    after, "measured": the reference validate_epoch of those parameters, measured here}``.
    """
    train_model = student(module, "train_model")
    train_x, train_y, valid_x, valid_y = data
    dls = book.make_loaders(train_x, train_y, valid_x, valid_y, batch, seed)
    w = weights.detach().clone().requires_grad_()
    b = bias.detach().clone().requires_grad_()

    def model(xb):
        return book.linear1(xb, w, b)

    with swapped(module, _references(book, ["validate_epoch"])):
        history = train_model(model, epochs, lr, (w, b), dls.train, dls.valid)
    return {"history": _plain(history), "params": [w.detach(), b.detach()],
            "measured": book.validate_epoch(model, dls.valid)}
