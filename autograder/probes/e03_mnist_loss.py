"""Probes of exercise 3: what the checks need from the student's worker beyond plain calls.

Each probe only collects plain data; every comparison, tolerance and message is in
:mod:`autograder.checks.e03_mnist_loss`, on the grader's side.

Shapes: ``N`` items per batch; ``784`` = 28*28 pixels. Inputs ``[N, 784]`` float32, targets
``[N, 1]`` float32 (1 for a 3, 0 for a 7).
"""

from __future__ import annotations

import torch

from autograder.probes.common import gradient, module_anatomy, student, uses_book

__all__ = ["gradient", "module_anatomy", "init_params_call", "sigmoid_call", "train_with_loss"]


def init_params_call(module, size, std=None) -> dict:
    """``init_params(size)`` (or ``init_params(size, std)``) and what only the worker can see.

    Returns ``{"value": the result (a tensor detached; anything else as it is), "is_tensor": bool,
    "requires_grad": bool, "is_leaf": bool}``.
    """
    init_params = student(module, "init_params")
    out = init_params(size) if std is None else init_params(size, std)
    if not isinstance(out, torch.Tensor):
        return {"value": out, "is_tensor": False, "requires_grad": False, "is_leaf": False}
    return {"value": out.detach().clone(), "is_tensor": True,
            "requires_grad": bool(out.requires_grad), "is_leaf": bool(out.is_leaf)}


#: The library's ready-made sigmoids, by where they live: the exercise is to write it by hand.
#: (``nn.Sigmoid`` calls ``torch.sigmoid``; ``F.sigmoid`` calls ``Tensor.sigmoid``.)
_SIGMOIDS = (
    (torch, "sigmoid", "torch.sigmoid"),
    (torch, "sigmoid_", "torch.sigmoid_"),
    (torch.Tensor, "sigmoid", "x.sigmoid()"),
    (torch.Tensor, "sigmoid_", "x.sigmoid_()"),
    (torch.special, "expit", "torch.special.expit"),
    (torch.nn.functional, "sigmoid", "F.sigmoid"),
)


def sigmoid_call(module, x: torch.Tensor) -> dict:
    """``sigmoid(x)`` (any shape) with the library's sigmoids watched during the call.

    Returns ``{"value": the result (a tensor detached; anything else as it is), "used": [the
    names of the library sigmoids it called, in order of first use]}``.
    """
    used: list[str] = []
    saved = []

    def watch(original, label):
        def watched(*args, **kwargs):
            if label not in used:
                used.append(label)
            return original(*args, **kwargs)
        return watched

    for owner, name, label in _SIGMOIDS:
        original = getattr(owner, name, None)
        if original is None:
            continue
        saved.append((owner, name, original))
        setattr(owner, name, watch(original, label))
    try:
        out = student(module, "sigmoid")(x)
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    value = out.detach() if isinstance(out, torch.Tensor) else out
    return {"value": value, "used": used}


@uses_book("mnist_ref.linear", "linear1", "train_epoch", "validate_epoch",
           without=("mnist_loss",))
@uses_book("mnist_ref.loaders", "make_loaders")
def train_with_loss(module, data, weights: torch.Tensor, bias: torch.Tensor, epochs: int,
                    lr: float, batch: int, seed: int, *, book) -> dict:
    """Stage ``linear_sgd``'s loop (the reference ``train_epoch`` and ``linear1``) with the
    student's ``mnist_loss`` as the loss.

    Args:
        data: ``(train_x [N, 784], train_y [N, 1], valid_x [M, 784], valid_y [M, 1])``, sent
            once per worker.
        weights, bias: the start, ``[784, 1]`` and ``[1]`` (drawn by the grader).
        epochs, lr, batch, seed: the run's settings (``seed`` shuffles the training batches).
    Returns:
        ``{"params": [weights [784, 1], bias [1]] after training, "history": [the reference
        validate_epoch after each epoch]}``.
    """
    loss_func = student(module, "mnist_loss")
    train_x, train_y, valid_x, valid_y = data
    dls = book.make_loaders(train_x, train_y, valid_x, valid_y, batch, seed)
    w = weights.detach().clone().requires_grad_()
    b = bias.detach().clone().requires_grad_()

    def model(xb):
        return book.linear1(xb, w, b)

    history = []
    for _ in range(epochs):
        book.train_epoch(model, lr, (w, b), dls.train, loss_func)
        history.append(book.validate_epoch(model, dls.valid))
    return {"params": [w.detach(), b.detach()], "history": history}
