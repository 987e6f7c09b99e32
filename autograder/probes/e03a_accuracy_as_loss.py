"""Probes of exercise 3a: what a plain call cannot report.

``nudge`` changes its tensor in place: :func:`nudge_call` reports the tensor afterwards and
whether it is still a leaf that tracks gradients. :func:`experiment_call` runs
``nudge_experiment`` on a copy of the weights, with the reference's ``accuracy`` and ``nudge``
in place of the student's where the check asks (declared with
:func:`~autograder.probes.common.uses_book`), so one mistake costs the points of one function.
Nothing here judges: :mod:`autograder.checks.e03a_accuracy_as_loss` does.

Shapes: ``x`` float32 ``[N, 784]``, ``y`` ``[N, 1]``, ``weights`` ``[784, 1]``, ``bias`` ``[1]``.
"""

from __future__ import annotations

import torch

from autograder.probes.common import student, swapped, uses_book


def nudge_call(module, weights: torch.Tensor, index: int, factor: float) -> dict:
    """``nudge(w, index, factor)`` on a copy ``w`` of ``weights`` that tracks gradients.

    Returns ``{"returned": the result's type name, "after": w after (detached),
    "requires_grad": bool, "is_leaf": bool}``.
    """
    w = weights.detach().clone().requires_grad_()
    out = student(module, "nudge")(w, index, factor)
    return {"returned": type(out).__name__, "after": w.detach().clone(),
            "requires_grad": bool(w.requires_grad), "is_leaf": bool(w.is_leaf)}


@uses_book("mnist_ref.accuracy_loss", "accuracy", "nudge", without=("nudge_experiment",))
def experiment_call(module, data, weights: torch.Tensor, bias: torch.Tensor, index: int,
                    factor: float, references: list, *, book) -> dict:
    """``nudge_experiment(x, y, w, b, index, factor)`` on copies of ``weights`` and ``bias``
    (tracking gradients), with the student's functions named in ``references`` replaced by the
    reference's for this call. ``data`` is ``(train_x, train_y, ...)``, sent once per worker.

    Returns ``{"returned": the result, Python numbers plain and tensors detached}``.
    """
    x, y = data[0], data[1]
    w = weights.detach().clone().requires_grad_()
    b = bias.detach().clone().requires_grad_()
    with swapped(module, {r: getattr(book, r) for r in references}):
        out = student(module, "nudge_experiment")(x, y, w, b, index, factor)
    return {"returned": _plain(out)}


@uses_book("mnist_ref.accuracy_loss", "accuracy", without=("slopes",))
def slopes_call(module, data, weights: torch.Tensor, bias: torch.Tensor, indices: list,
                eps: float, *, book) -> dict:
    """``slopes(x, y, w, b, indices, eps)`` on copies of ``weights`` and ``bias`` (tracking
    gradients), with the reference's ``accuracy`` in place of the student's for this call.

    Returns ``{"returned": the result, numbers plain, "weights_after": w after the call,
    "requires_grad": whether w still tracks gradients, "is_leaf": bool}``.
    """
    x, y = data[0], data[1]
    w = weights.detach().clone().requires_grad_()
    b = bias.detach().clone().requires_grad_()
    with swapped(module, {"accuracy": book.accuracy}):
        out = student(module, "slopes")(x, y, w, b, list(indices), eps)
    return {"returned": _plain(out), "weights_after": w.detach().clone(),
            "requires_grad": bool(w.requires_grad), "is_leaf": bool(w.is_leaf)}


def _plain(out):
    if isinstance(out, torch.Tensor):
        return out.detach().clone()
    if isinstance(out, (list, tuple)):
        return [_plain(v) for v in out]
    if isinstance(out, bool):
        return out
    if isinstance(out, float):
        return float(out)
    if isinstance(out, int):
        return int(out)
    return out
