"""Probes of exercise 2a: what only the student's worker can see, as plain data.

``grad_at`` takes a function, which cannot cross to the worker: :func:`grad_at_call` names one of
:data:`FUNCTIONS` instead. ``coaster`` seeds the worker's global generator, and ``apply_step``
changes its tensor in place: their probes report the tensors and flags afterwards. The sweep's
probes can run the student's function with the reference's helpers in place of theirs
(declared with :func:`~autograder.probes.common.uses_book`), so that one mistake costs the points
of one function. Nothing here judges: :mod:`autograder.checks.e02a_sgd_by_hand` does, on the
grader's side.

Shapes: ``time``, ``speed`` float32 ``[20]``; ``params`` float32 ``[3]``.
"""

from __future__ import annotations

import matplotlib.backends.backend_agg  # noqa: F401 - pyplot's figures draw with Agg here
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import FigureBase

from autograder.probes.common import student, swapped, uses_book

#: The functions ``grad_at`` is tried on, by name (each returns a 0-dimensional tensor).
FUNCTIONS = {
    "square": lambda x: x**2,
    "sum_of_squares": lambda x: (x**2).sum(),
    "sum_of_cubes": lambda x: (x**3).sum(),
}

def grad_at_call(module, which: str, x: torch.Tensor) -> dict:
    """``grad_at(FUNCTIONS[which], x)``; ``{"value": the result (a tensor detached), "x_after":
    x after the call, "x_requires_grad": whether the caller's x now tracks gradients}``."""
    x = x.clone()
    out = student(module, "grad_at")(FUNCTIONS[which], x)
    value = out.detach().clone() if isinstance(out, torch.Tensor) else out
    return {"value": value, "x_after": x.detach().clone(), "x_requires_grad": x.requires_grad}


def coaster_call(module, seed: int) -> dict:
    """``coaster(seed)``: ``{"items": [each returned item, tensors detached] or None, "type": the
    result's type name, "params_requires_grad": bool, "params_is_leaf": bool}``."""
    out = student(module, "coaster")(seed)
    if not isinstance(out, (tuple, list)):
        return {"items": None, "type": type(out).__name__, "value": out,
                "params_requires_grad": False, "params_is_leaf": False}
    items = [v.detach().clone() if isinstance(v, torch.Tensor) else v for v in out]
    params = out[2] if len(out) == 3 else None
    is_tensor = isinstance(params, torch.Tensor)
    return {"items": items, "type": type(out).__name__, "value": None,
            "params_requires_grad": bool(is_tensor and params.requires_grad),
            "params_is_leaf": bool(is_tensor and params.is_leaf)}


def _start(params: torch.Tensor) -> torch.Tensor:
    return params.detach().clone().requires_grad_()


@uses_book("mnist_ref.sgd", "f", "mse", without=("apply_step",))
def steps_call(module, params: torch.Tensor, time: torch.Tensor, speed: torch.Tensor, lr: float,
               steps: int, loss: str = "mse", *, book) -> dict:
    """``apply_step(p, time, speed, lr, loss_func=<the reference mse>)`` called ``steps`` times on
    one copy ``p`` of ``params``, with the reference's ``f`` in place of the student's
    (``loss="sqrt"``: ``loss_func`` the reference ``mse``'s ``.sqrt()``).
    ``{"returned": [what each call returned], "params": [p after each call], "grads": [p.grad
    after each call, None where it is None]}``."""
    p = _start(params)
    apply_step = student(module, "apply_step")
    returned, after, grads = [], [], []
    with _replaced(module, book, ("f",)):
        for _ in range(steps):
            out = apply_step(p, time, speed, lr, loss_func=_loss(book, loss))
            returned.append(_plain(out))
            after.append(p.detach().clone())
            grads.append(None if p.grad is None else p.grad.detach().clone())
    return {"returned": returned, "params": after, "grads": grads}


@uses_book("mnist_ref.sgd", "apply_step", "f", "mse", without=("run_sgd",))
def run_sgd_call(module, params, time, speed, lr: float, steps: int, loss: str = "mse", *,
                 book) -> dict:
    """``run_sgd`` on a copy of ``params``, with the reference's ``apply_step``, ``f`` and ``mse``
    in place of the student's for this call, and ``loss_func`` the reference's ``mse``.
    ``{"returned": the result, numbers plain, "params": the copy after}``."""
    p = _start(params)
    with _replaced(module, book, ("apply_step", "f", "mse")):
        out = student(module, "run_sgd")(p, time, speed, lr, steps, loss_func=_loss(book, loss))
    return {"returned": _plain(out), "params": p.detach().clone()}


@uses_book("mnist_ref.sgd", "run_sgd", "apply_step", "f", "mse", without=("lr_sweep",))
def lr_sweep_call(module, params, time, speed, lrs: list, steps: int, loss: str = "mse", *,
                  book) -> dict:
    """``lr_sweep`` with the reference's ``run_sgd``, ``apply_step``, ``f`` and ``mse`` in place
    of the student's, ``loss_func`` the reference's ``mse`` (``loss="sqrt"``: its ``.sqrt()``).
    ``{"returned": the result, numbers plain, "params_after": params after the call,
    "params_requires_grad": bool}``."""
    p = _start(params)
    with _replaced(module, book, ("run_sgd", "apply_step", "f", "mse")):
        out = student(module, "lr_sweep")(p, time, speed, list(lrs), steps,
                                          loss_func=_loss(book, loss))
    return {"returned": _plain(out), "params_after": p.detach().clone(),
            "params_requires_grad": bool(p.requires_grad)}


def _loss(book, loss: str):
    """The reference ``mse`` (``loss="mse"``) or its ``.sqrt()`` (``"sqrt"``)."""
    if loss == "sqrt":
        return lambda preds, targets: book.mse(preds, targets).sqrt()
    return book.mse


def plot_call(module, sweep: list, lrs: list) -> dict:
    """``plot_sweep(sweep, lrs)`` and the figure it drew: ``{"returned": the result's type name,
    "lines": [{"y": float64 [n], "x": float64 [n], "label": str}], "yscale": str}`` (the lines of
    every Axes; the returned figure, or else the last pyplot figure the call opened)."""
    before = set(plt.get_fignums())
    result = student(module, "plot_sweep")(sweep, list(lrs))
    opened = [n for n in plt.get_fignums() if n not in before]
    fig = None
    for item in result if isinstance(result, (list, tuple)) else [result]:
        if isinstance(item, FigureBase):
            fig = item
            break
        if hasattr(item, "figure") and isinstance(getattr(item, "figure", None), FigureBase):
            fig = item.figure
            break
    if fig is None and opened:
        fig = plt.figure(opened[-1])
    lines, scales = [], []
    try:
        for ax in fig.axes if fig is not None else []:
            scales.append(ax.get_yscale())
            for line in ax.get_lines():
                try:
                    xy = np.asarray(line.get_xydata(), dtype=np.float64).reshape(-1, 2)
                except (TypeError, ValueError):
                    continue
                lines.append({"x": torch.from_numpy(xy[:, 0].copy()),
                              "y": torch.from_numpy(xy[:, 1].copy()),
                              "label": str(line.get_label())[:80]})
    finally:
        for n in opened:
            plt.close(n)
    return {"returned": type(result).__name__, "found": fig is not None, "lines": lines,
            "yscales": scales}


def _replaced(module, book, names):
    """The student's names replaced by the reference's (``book``) for a block, then restored."""
    return swapped(module, {n: getattr(book, n) for n in names})


def _plain(out):
    """Lists and tuples (nested) with their numbers as plain ``float``; tensors detached."""
    if isinstance(out, torch.Tensor):
        return out.detach().clone()
    if isinstance(out, (list, tuple)):
        return [_plain(v) for v in out]
    if isinstance(out, bool):
        return out
    if isinstance(out, (int, float, np.floating, np.integer)):
        return float(out)
    return out
