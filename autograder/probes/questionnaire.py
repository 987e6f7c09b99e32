"""Probes of the questionnaire's code questions: what the student's functions made, as plain data.

A matplotlib figure, a NumPy array or a zip object cannot cross to the grader; these probes read
them in the worker and return their numbers. Nothing here judges: :mod:`autograder.checks.
questionnaire` and :mod:`autograder.checks.quiz_plots` decide on the grader's side.

matplotlib's figure, axes and pyplot modules are imported here, before the student's code runs,
so the student's own ``import matplotlib.pyplot as plt`` finds them loaded.
"""

from __future__ import annotations

import matplotlib.backends.backend_agg  # noqa: F401 - pyplot's figures draw with Agg here
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.figure import FigureBase
from matplotlib.lines import Line2D

from autograder.probes.common import student, uses_book


def _tensor(value):
    """A NumPy array as a tensor (copied); anything else unchanged."""
    if isinstance(value, np.ndarray):
        try:
            return torch.from_numpy(np.array(value))
        except TypeError:  # an object array
            return value
    return value


def slices(module) -> dict:
    """``double_and_slice()``'s result with NumPy arrays made tensors.

    Returns ``{"type": the result's type name, "items": [each item, a tensor where it was a
    tensor or an array], "kinds": [each item's type name]}``; ``items`` is None when the result is
    not a tuple or list.
    """
    result = student(module, "double_and_slice")()
    if not isinstance(result, (tuple, list)):
        return {"type": type(result).__name__, "items": None, "kinds": None,
                "value": _tensor(result)}
    return {"type": type(result).__name__, "items": [_tensor(x) for x in result],
            "kinds": [type(x).__name__ for x in result], "value": None}


def _axes_data(ax: Axes) -> dict:
    """One Axes: ``{"lines": [{"xy": float64 [n, 2] (x, y) as plotted, "label": str}],
    "xlim": (lo, hi), "ylim": (lo, hi), "xlabel", "ylabel", "title", "others": int}`` (others:
    scatter points, bars, images: drawn, not read)."""
    lines = []
    for line in ax.get_lines():
        try:
            xy = np.asarray(line.get_xydata(), dtype=np.float64).reshape(-1, 2)  # [n, 2]
        except (TypeError, ValueError):
            continue
        lines.append({"xy": torch.from_numpy(xy.copy()), "label": str(line.get_label())[:80]})
    others = len(ax.collections) + len(ax.patches) + len(ax.images)
    return {"lines": lines, "xlim": tuple(float(v) for v in ax.get_xlim()),
            "ylim": tuple(float(v) for v in ax.get_ylim()), "xlabel": ax.get_xlabel()[:80],
            "ylabel": ax.get_ylabel()[:80], "title": ax.get_title()[:80], "others": others}


def figure(module, name: str) -> dict:
    """Call ``name()`` and read the figure it drew.

    The figure is the returned Figure (or the Axes' figure, or the figure of returned lines; in
    a returned tuple, the first of these); when the function returns nothing (or the pyplot
    module), the last pyplot figure it opened, if still open.

    Returns ``{"returned": the result's type name, "source": "returned" | "pyplot" | None,
    "axes": [one dict per Axes, see :func:`_axes_data`]}``. Every pyplot figure the call opened
    is closed.
    """
    before = set(plt.get_fignums())
    result = student(module, name)()
    opened = [n for n in plt.get_fignums() if n not in before]
    fig, source = None, None
    for item in result if isinstance(result, (list, tuple)) else [result]:
        if isinstance(item, (Axes, Line2D)):  # an Axes, or the lines ax.plot returns
            fig, source = item.figure, "returned"
        elif isinstance(item, FigureBase):  # a Figure, or the (fig, ax) plt.subplots gives
            fig, source = item, "returned"
        if fig is not None:
            break
    if fig is None and (result is None or result is plt) and opened:
        fig, source = plt.figure(opened[-1]), "pyplot"
    try:
        axes = [_axes_data(ax) for ax in fig.axes] if fig is not None else []
    finally:
        for n in opened:
            plt.close(n)
    return {"returned": type(result).__name__, "source": source, "axes": axes}


@uses_book("mnist_ref.linear", "linear1", "mnist_loss")
def one_epoch(module, w0: torch.Tensor, b0: torch.Tensor, batches: list, lr: float, *,
              book) -> dict:
    """``one_epoch(model, mnist_loss, (w, b), batches, lr)`` with the book's ``linear1`` model,
    ``w`` ``[F, 1]`` and ``b`` ``[1]`` starting at ``w0``, ``b0``; ``batches`` a list of
    ``(xb [N, F], yb [N, 1])``. ``book``: the reference ``linear1`` and ``mnist_loss`` (declared
    with :func:`~autograder.probes.common.uses_book`; the student writes neither here).

    Returns ``{"w": w after, "b": b after, "returned": the result's type name}``.
    """
    w, b = w0.clone().requires_grad_(), b0.clone().requires_grad_()
    result = student(module, "one_epoch")(lambda xb: book.linear1(xb, w, b), book.mnist_loss,
                                          (w, b), batches, lr)
    return {"w": w.detach().clone(), "b": b.detach().clone(), "returned": type(result).__name__}
