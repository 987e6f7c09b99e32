"""Checking a plot by its data, never its pixels: the x and y values of the lines of a Figure.

``expect_plot(func, what, name, f, mistakes)`` calls ``func()`` (it returns a matplotlib Figure, or
an Axes), reads every line's data, and passes when one line has x from -2 to +2 (ends within
``END_TOL``, no gap wider than ``MAX_GAP``) and y equal to ``f(x)`` (within ``ATOL``). Otherwise it
describes the main line (the one with the most points): its range, its gaps, or the first point
where y is off, naming the mistake when y matches one of ``mistakes`` (cause -> function).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np
import torch

from autograder.core.feedback import Wrong, describe

LOW, HIGH = -2.0, 2.0
END_TOL, MAX_GAP, ATOL = 0.15, 0.25, 1e-3
HINT = "x = torch.linspace(-2, 2, 100); fig, ax = plt.subplots(); ax.plot(x, f(x)); return fig"


def _figure(result, what: str, section: str):
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

    if isinstance(result, Axes):
        return result.figure
    if isinstance(result, FigureBase):
        return result
    cause = ("nothing was returned: end with `return fig` (plt.plot alone draws but returns no "
             "figure)" if result is None else None)
    raise Wrong(f"{what} should return the matplotlib Figure it drew.", got=describe(result),
                cause=cause, section=section, hint=HINT)


def _close(fig) -> None:
    if "matplotlib.pyplot" in sys.modules:  # figures made with pyplot stay open until closed
        sys.modules["matplotlib.pyplot"].close(fig)


def _line_data(fig) -> list[np.ndarray]:
    """Every line's points as a float array ``[n, 2]`` (x, y), NaNs dropped, sorted by x."""
    data = []
    for ax in fig.axes:
        for line in ax.get_lines():
            xy = np.asarray(line.get_xydata(), dtype=float).reshape(-1, 2)
            xy = xy[np.isfinite(xy).all(axis=1)]
            data.append(xy[np.argsort(xy[:, 0], kind="stable")])
    return data


def _problem(xy: np.ndarray, name: str, f: Callable, mistakes: dict) -> tuple[str, str | None]:
    """Why this line is not ``name`` on [-2, 2] (with the likely cause), or ("", None)."""
    if len(xy) < 2:
        return f"its line has {len(xy)} point(s)", None
    x, y = xy[:, 0], xy[:, 1]
    if abs(x[0] - LOW) > END_TOL or abs(x[-1] - HIGH) > END_TOL:
        cause = ("the book plots the sigmoid from -4 to 4; this question asks for -2 to +2"
                 if np.allclose([x[0], x[-1]], [-4, 4], atol=END_TOL) else None)
        return (f"its x values run from {x[0]:.3g} to {x[-1]:.3g}, not from -2 to +2", cause)
    gap = float(np.diff(x).max())
    if gap > MAX_GAP:
        return (f"its points are too far apart along x (a gap of {gap:.3g}) to show the shape",
                "too few points: use e.g. torch.linspace(-2, 2, 100)")
    xt = torch.as_tensor(x, dtype=torch.float64)
    want = f(xt).numpy()
    bad = np.abs(y - want) > ATOL
    if bad.any():
        i = int(np.argmax(bad))
        cause = next((c for c, g in mistakes.items()
                      if np.allclose(y, g(xt).numpy(), atol=ATOL)), None)
        return (f"its y values are not {name}(x): at x = {x[i]:.3g} it shows {y[i]:.4g}, "
                f"{name}(x) is {want[i]:.4g} ({int(bad.sum())} of {len(x)} points differ)", cause)
    return "", None


def expect_plot(func: Callable, what: str, name: str, f: Callable, mistakes: dict,
                section: str) -> None:
    """Fail unless ``func()``'s figure has a line of ``f`` for x from -2 to +2 (see module doc)."""
    fig = _figure(func(), what, section)
    try:
        lines = _line_data(fig)
    finally:
        _close(fig)
    if not lines:
        raise Wrong(f"{what} returned a figure with no line in it.",
                    cause="draw the curve with ax.plot(x, y) (a scatter or bar plot is not read)",
                    section=section, hint=HINT)
    found = [_problem(xy, name, f, mistakes) for xy in lines]
    if any(not problem for problem, _ in found):
        return
    main = max(range(len(lines)), key=lambda i: len(lines[i]))
    problem, cause = found[main]
    raise Wrong(f"{what} should plot {name}(x) for x from -2 to +2, but {problem}.",
                cause=cause, section=section, hint=HINT)
