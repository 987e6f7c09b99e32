"""Probes of exercise 7: the student's ``Learner`` driven, in the worker, with parts the grader chose.

Dimensions: ``N`` items per batch (8 in the synthetic probes, 256 in training), 784 = 28*28 pixels,
``P`` parameters of the model (2 for ``nn.Linear``: weight ``[1, 784]`` and bias ``[1]``; 4 for
``simple_net``).

Each probe builds the five parts a ``Learner`` takes here, beside the student's code: loaders over
tensors the grader sent (recording the passes made over them and the batch last yielded), a model
holding the weights the grader sent, an ``opt_func`` that records its calls and what each
``step()`` found, and a loss and a metric chosen by name. It calls
``Learner(dls, model, opt_func, loss_func, metric).fit(n_epoch, lr)`` and returns what happened as
plain data. Nothing here judges: the grader recomputes every expected value on its side.
"""

from __future__ import annotations

import sys

import torch
import torch.nn.functional as F
from torch import nn

from autograder.probes.common import student, uses_book

ATTRIBUTES = ("dls", "model", "opt_func", "loss_func", "metric")


def _error_rate(preds: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
    """The fraction wrong (``1 - batch_accuracy``): ``preds`` ``[N, 1]`` raw outputs, ``yb`` ``[N, 1]``."""
    return ((preds > 0).float() != yb).float().mean()


def _losses(book) -> dict:
    """The losses a check may ask for, by name (the grader has its own copy of each)."""
    return {"mnist_loss": book.mnist_loss, "bce": F.binary_cross_entropy_with_logits}


def _metrics(book) -> dict:
    """The metrics a check may ask for, by name."""
    return {"batch_accuracy": book.batch_accuracy, "error_rate": _error_rate}


#: What every probe here takes from the reference: the book's optimizer, loss, metric, loaders
#: and ``simple_net``, never a ``Learner``.
_BOOK = (uses_book("mnist_ref.linear", "BasicOptim", "mnist_loss", "batch_accuracy",
                   without=("Learner",)),
         uses_book("mnist_ref.loaders", "DataLoaders", "TensorLoader", "make_loaders"),
         uses_book("mnist_ref.simple_net", "make_simple_net"))


def _declares_book(fn):
    for mark in _BOOK:
        fn = mark(fn)
    return fn


class _Recording:
    """A loader that counts the passes made over it and remembers the batch it yielded last, as
    ``(pass, index)``."""

    def __init__(self, loader) -> None:
        self.loader, self.passes, self.last = loader, 0, None

    def __iter__(self):
        self.passes += 1
        for i, batch in enumerate(self.loader):
            self.last = (self.passes, i)
            yield batch

    def __len__(self) -> int:
        return len(self.loader)


class _Recorder:
    """An ``opt_func``: records each call (the lr, which of the model's parameters it got) and
    makes an optimizer that records each ``step()`` and ``zero_grad()``.

    ``mode``: ``"frozen"`` (step changes nothing) or ``"record"`` (step records the batch, the
    parameters before the step and their ``.grad``, then does ``p -= lr * p.grad`` where there is
    a gradient).
    """

    def __init__(self, model: nn.Module, train: _Recording, mode: str, base: type) -> None:
        self.base = base  # the book's BasicOptim
        self.params = list(model.parameters())
        self.train, self.mode = train, mode
        self.calls: list[dict] = []
        self.steps: list[dict] = []
        self.zero_grads = 0

    def __call__(self, params, lr=None, **kwargs):
        params = list(params)
        ids = [next((i for i, q in enumerate(self.params) if q is p), -1) for p in params]
        plain = lr if isinstance(lr, (int, float)) and not isinstance(lr, bool) else repr(lr)[:80]
        self.calls.append({"lr": plain, "params": ids, "other": sorted(kwargs)})
        return _recording_optim(self.base)(self, params, lr)


def _recording_optim(base: type) -> type:
    """The book's ``BasicOptim`` (``base``), recording each ``step()`` for a :class:`_Recorder`."""
    return type("_RecordingOptim", (_RecordingSteps, base), {})


class _RecordingSteps:
    def __init__(self, recorder: _Recorder, params, lr) -> None:
        super().__init__(params, lr)
        self.recorder = recorder

    def step(self, *args, **kwargs) -> None:
        rec = self.recorder
        if rec.mode == "frozen":
            rec.steps.append({})
            return
        rec.steps.append({
            "batch": rec.train.last,
            "params": [p.detach().clone() for p in self.params],  # P tensors, before the step
            "grads": [None if p.grad is None else p.grad.detach().clone() for p in self.params],
        })
        with torch.no_grad():
            for p in self.params:
                if p.grad is not None and isinstance(self.lr, (int, float)):
                    p -= self.lr * p.grad

    def zero_grad(self, *args, **kwargs) -> None:
        self.recorder.zero_grads += 1
        super().zero_grad()


def _linear(weight: torch.Tensor, bias: torch.Tensor) -> nn.Linear:
    """``nn.Linear(784, 1)`` holding ``weight`` ``[1, 784]`` and ``bias`` ``[1]``."""
    net = nn.Linear(weight.shape[1], weight.shape[0])
    with torch.no_grad():
        net.weight.copy_(weight)
        net.bias.copy_(bias)
    return net.to(weight.device)


def _loaders(data: dict, book):
    """Unshuffled batches of ``data["batch"]`` over ``train_x`` ``[N, 784]`` / ``train_y``
    ``[N, 1]`` and ``valid_x`` / ``valid_y``, each loader recording (the book's ``DataLoaders``)."""
    b = data["batch"]
    return book.DataLoaders(_Recording(book.TensorLoader(data["train_x"], data["train_y"], b)),
                            _Recording(book.TensorLoader(data["valid_x"], data["valid_y"], b)))


@_declares_book
def stores(module, data: dict, weight: torch.Tensor, bias: torch.Tensor, *, book) -> dict:
    """``Learner(dls, model, opt_func, loss_func, metric)`` with parts that are not the stub's
    defaults (a recording ``opt_func``, ``F.binary_cross_entropy_with_logits``, an error rate),
    then what each attribute holds.

    Returns ``{name: {"present": bool, "is": i or None, "default": str, "text": str}}`` for each
    name of :data:`ATTRIBUTES`: ``i`` is the index of the argument it is (the very object), and
    ``default`` names the stub's default it is instead, if any (``""`` otherwise).
    """
    net = _linear(weight, bias)
    dls = _loaders(data, book)
    parts = [dls, net, _Recorder(net, dls.train, "frozen", book.BasicOptim),
             _losses(book)["bce"], _metrics(book)["error_rate"]]
    stub = sys.modules.get("mnist_ref.linear")  # what the stub imported (the guard's view)
    defaults = {n: getattr(stub, n) for n in ("BasicOptim", "mnist_loss", "batch_accuracy")
                if hasattr(stub, n)}
    learn = student(module, "Learner")(*parts)
    out = {}
    for name in ATTRIBUTES:
        missing = object()
        value = getattr(learn, name, missing)
        found = next((i for i, p in enumerate(parts) if value is p), None)
        default = next((n for n, d in defaults.items() if value is d), "")
        out[name] = {"present": value is not missing, "is": found, "default": default,
                     "text": "" if value is missing else _short(value)}
    return out


@_declares_book
def fit(module, data: dict, weight: torch.Tensor, bias: torch.Tensor, n_epoch: int, lr: float,
        opt: str = "record", loss: str = "mnist_loss", metric: str = "batch_accuracy", *,
        book) -> dict:
    """``Learner(dls, nn.Linear(784, 1), opt_func, LOSSES[loss], METRICS[metric]).fit(n_epoch,
    lr)`` on the unshuffled batches of ``data`` (see :func:`_loaders`).

    ``opt``: ``"record"`` or ``"frozen"`` (a recording ``opt_func``, see :class:`_Recorder`) or
    ``"sgd"`` (``torch.optim.SGD`` itself).

    Returns ``{"result": what fit returned, "train_passes": int, "valid_passes": int,
    "calls": [{"lr", "params": [index in the model's parameters, -1 for another tensor],
    "other": [keyword names]}], "steps": [{"batch": (pass, index), "params": [P tensors before
    the step], "grads": [P tensors or None]}], "zero_grads": int, "after": [P tensors]}``.
    """
    net = _linear(weight, bias)
    dls = _loaders(data, book)
    recorder = _Recorder(net, dls.train, opt, book.BasicOptim)
    opt_func = torch.optim.SGD if opt == "sgd" else recorder
    learn = student(module, "Learner")(dls, net, opt_func, _losses(book)[loss],
                                       _metrics(book)[metric])
    result = learn.fit(n_epoch, lr)
    return {"result": result, "train_passes": dls.train.passes, "valid_passes": dls.valid.passes,
            "calls": recorder.calls, "steps": recorder.steps, "zero_grads": recorder.zero_grads,
            "after": [p.detach().clone() for p in net.parameters()]}


class _Counting:
    """Mixed into the book's ``BasicOptim``: counts steps; a step that finds a parameter without
    gradient is counted and skipped (the book's would raise ``AttributeError`` deep in its loop)."""

    counts = {"steps": 0, "no_grad": 0}

    def step(self, *args, **kwargs) -> None:
        self.counts["steps"] += 1
        if any(p.grad is None for p in self.params):
            self.counts["no_grad"] += 1
            return
        super().step()


@_declares_book
def train(module, data: dict, start: list, n_epoch: int, lr: float, batch: int,
          seed: int, *, book) -> dict:
    """The book's ``simple_net`` (``make_simple_net()``, starting from the ``start`` parameters,
    4 tensors in ``parameters()`` order) trained by
    ``Learner(dls, net, BasicOptim, mnist_loss, batch_accuracy).fit(n_epoch, lr)``, ``dls`` being
    ``make_loaders(train_x, train_y, valid_x, valid_y, batch, seed)`` over ``data``
    (``train_x`` ``[N, 784]``, ``train_y`` ``[N, 1]``, the same for ``valid_``).

    Returns ``{"result": what fit returned, "params": [4 trained tensors], "steps": int,
    "no_grad": int}``.
    """
    net = book.make_simple_net().to(data["train_x"].device)
    with torch.no_grad():
        for p, s in zip(net.parameters(), start, strict=True):
            p.copy_(s)
    dls = book.make_loaders(data["train_x"], data["train_y"], data["valid_x"], data["valid_y"],
                            batch, seed)
    counts = {"steps": 0, "no_grad": 0}
    opt_func = type("BasicOptim", (_Counting, book.BasicOptim), {"counts": counts})
    result = student(module, "Learner")(dls, net, opt_func, book.mnist_loss,
                                        book.batch_accuracy).fit(n_epoch, lr)
    return {"result": result, "params": [p.detach().clone() for p in net.parameters()], **counts}


def _short(value) -> str:
    name = getattr(value, "__qualname__", None)
    if callable(value) and isinstance(name, str):
        return f"{type(value).__name__} {name}"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a student's object with a broken __repr__
        text = f"<{type(value).__name__}>"
    return f"{type(value).__name__} {text[:80]}"
