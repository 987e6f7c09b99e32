"""Checking a plot by its data, never its pixels: the lines a student's function drew.

The student's function runs in the worker; the probe ``figure`` of :mod:`autograder.probes.
questionnaire` reads the figure it returned (or, when it returned nothing, the pyplot figure it
opened, as the book's ``plot_function`` does) and sends every Axes' lines (x and y as plotted),
limits, labels and title. :func:`expect_plot` judges that data here.

A plot passes when one of its lines shows ``f`` on the range asked: its x values reach from at
most ``low + END_TOL`` to at least ``high - END_TOL`` (a wider range is fine), no two neighbouring
points inside that range are more than ``MAX_GAP`` apart, every point's y is ``f(x)`` within
``ATOL``, and the Axes' limits do not cut that part of the curve. Otherwise the message describes
the main line (the one with the most points): its range, its gaps, the first point where y is off
(naming the mistake when y matches one of ``mistakes``), or the limits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from autograder.core.feedback import Wrong

END_TOL, MAX_GAP, ATOL = 0.15, 0.25, 1e-3
HINT = "x = torch.linspace(-2, 2, 100); fig, ax = plt.subplots(); ax.plot(x, f(x)); return fig"


@dataclass(frozen=True)
class Span:
    """The x range a plot must show: ``asked`` when the question names it (ReLU: "for values
    from -2 to +2"); otherwise ``why`` says what the range is for (the sigmoid's S shape)."""

    low: float = -2.0
    high: float = 2.0
    asked: bool = True
    why: str = ""

    @property
    def words(self) -> str:
        return f"{self.low:g} to +{self.high:g}"


def _lines(data: dict) -> list[tuple[np.ndarray, dict]]:
    """Every line's points as a float array ``[n, 2]`` (x, y), NaNs dropped, sorted by x, with the
    data of its Axes."""
    found = []
    for ax in data.get("axes", []):
        for line in ax.get("lines", []):
            xy = torch.as_tensor(line["xy"], dtype=torch.float64).reshape(-1, 2).numpy()  # [n, 2]
            xy = xy[np.isfinite(xy).all(axis=1)]
            found.append((xy[np.argsort(xy[:, 0], kind="stable")], ax))
    return found


def _range_problem(x: np.ndarray, name: str, span: Span) -> tuple[str, str | None] | None:
    if x[0] <= span.low + END_TOL and x[-1] >= span.high - END_TOL:
        return None
    shown = f"its x values run from {x[0]:.3g} to {x[-1]:.3g}"
    if span.asked:
        half = ("only the positive side is drawn, the part below 0 is missing: " if x[0] >= -END_TOL
                else "only the negative side is drawn, the part above 0 is missing: "
                if x[-1] <= END_TOL else "")
        return (f"{shown}; the question asks for {span.words}",
                f"{half}plot x from {span.low:g} to +{span.high:g}, e.g. "
                f"torch.linspace({span.low:g}, {span.high:g}, 100)")
    return (f"{shown}: too narrow to show the shape of {name} ({span.why})",
            f"plot x from {span.low:g} to +{span.high:g} or wider")


def _gap_problem(x: np.ndarray, span: Span) -> tuple[str, str | None] | None:
    """Too few points where the curve must be seen: a gap between neighbours that overlaps
    the span (gaps outside it do not matter)."""
    gaps = np.diff(x)
    overlaps = (x[1:] > span.low) & (x[:-1] < span.high)
    gap = float(gaps[overlaps].max()) if overlaps.any() else 0.0
    if gap <= MAX_GAP:
        return None
    return (f"its points are too far apart along x (a gap of {gap:.3g} between {span.low:g} and "
            f"+{span.high:g}) to show the shape", "too few points: use e.g. torch.linspace(-2, 2, "
            "100)")


def _value_problem(xy: np.ndarray, name: str, f: Callable, mistakes: dict):
    x, y = xy[:, 0], xy[:, 1]
    xt = torch.as_tensor(x, dtype=torch.float64)
    want = f(xt).numpy()
    bad = np.abs(y - want) > ATOL
    if not bad.any():
        return None
    i = int(np.argmax(bad))
    cause = next((c for c, g in mistakes.items() if np.allclose(y, g(xt).numpy(), atol=ATOL)), None)
    return (f"its y values are not {name}(x): at x = {x[i]:.3g} it shows {y[i]:.4g}, "
            f"{name}(x) is {want[i]:.4g} ({int(bad.sum())} of {len(x)} points differ)", cause)


def _limits_problem(xy: np.ndarray, ax: dict, span: Span):
    xlo, xhi = sorted(ax.get("xlim", (-np.inf, np.inf)))
    if xlo > span.low + END_TOL or xhi < span.high - END_TOL:
        return (f"its axes show x only from {xlo:.3g} to {xhi:.3g} (set_xlim, or plt.xlim), which "
                "cuts the curve off", "remove the x limits, or widen them")
    inside = (xy[:, 0] >= span.low) & (xy[:, 0] <= span.high)
    y = xy[inside, 1] if inside.any() else xy[:, 1]
    ylo, yhi = sorted(ax.get("ylim", (-np.inf, np.inf)))
    slack = 0.02 * max(float(y.max() - y.min()), 1e-9)
    if ylo > float(y.min()) + slack or yhi < float(y.max()) - slack:
        return (f"its axes show y only from {ylo:.3g} to {yhi:.3g} (set_ylim, or plt.ylim), but "
                f"the curve goes from {float(y.min()):.3g} to {float(y.max()):.3g}",
                "remove the y limits, or widen them")
    return None


def _problem(xy: np.ndarray, ax: dict, name: str, f: Callable, mistakes: dict, span: Span):
    """Why this line does not show ``name`` on the span (with the likely cause), or None."""
    if len(xy) < 2:
        return f"its line has {len(xy)} point(s)", None
    x = xy[:, 0]
    return (_range_problem(x, name, span) or _gap_problem(x, span)
            or _value_problem(xy, name, f, mistakes) or _limits_problem(xy, ax, span))


def expect_plot(data: dict, what: str, name: str, f: Callable, mistakes: dict, section: str,
                span: Span = Span()) -> None:
    """Fail unless the figure read by the ``figure`` probe (``data``) has a line of ``f`` on
    ``span`` (see the module's docstring). ``mistakes``: cause -> the function it plots."""
    shows = f"{name}(x) for x from {span.words}" + ("" if span.asked else " (or wider)")
    if data.get("source") is None:
        returned = data.get("returned")
        cause = ("nothing was returned and no pyplot figure was left open: end with `return "
                 "fig` (plt.plot draws, but returns no figure)" if returned == "NoneType" else None)
        raise Wrong(f"{what} should return the matplotlib Figure it drew.",
                    got=f"{returned}" if returned != "NoneType" else "None", cause=cause,
                    section=section, hint=HINT)
    lines = _lines(data)
    if not lines:
        others = sum(ax.get("others", 0) for ax in data.get("axes", []))
        raise Wrong(f"{what} returned a figure with no line in it.",
                    cause="draw the curve with ax.plot(x, y)" + (
                        " (scatter points and bars are not read)" if others else ""),
                    section=section, hint=HINT)
    found = [_problem(xy, ax, name, f, mistakes, span) for xy, ax in lines]
    if any(p is None for p in found):
        return
    main = max(range(len(lines)), key=lambda i: len(lines[i][0]))
    problem, cause = found[main]
    raise Wrong(f"{what} should plot {shows}, but {problem}.", cause=cause, section=section,
                hint=HINT)
