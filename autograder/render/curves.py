"""Training curves in feedback: a one-line text curve, a PNG, and a diagnosis.

When a training check fails, the numbers alone ("0.503, below 0.975") do not say *how* the run
went wrong. The curve does: flat at 0.5 from the first epoch, rising then falling, NaN after two
epochs. This module turns the per-epoch metric of the student's run (and of the reference run,
where the check has one) into

- :func:`sparkline`: one line of block characters, ``▁▁▁▁▁`` against ``▅▇███``, for a terminal;
- :func:`png`: the two curves as a small PNG, for a notebook;
- :func:`diagnose`: one sentence naming the shape of the curve (stuck at chance, diverging or NaN,
  saturated outputs, not learning, below chance), or None when the curve has no telling shape;
- :func:`with_curve`: a check's :class:`~autograder.core.feedback.Wrong` with the curve and the
  diagnosis added to its message, and the curve as plain data (``curves``) that a front end can
  draw (the runner keeps it as ``CheckResult.curves``; the notebook and nbgrader front ends show
  it with :func:`show` and :func:`png_output`); :func:`curve_on_failure` does it for a block.

The histories come from the student's worker and are shown, never scored: a check decides on
numbers it measured itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from numbers import Real

from autograder.core.feedback import Wrong

BLOCKS = "▁▂▃▄▅▆▇█"
NOT_A_NUMBER = "×"  # a NaN or infinite value in a curve
STUCK_BAND = 0.05  # within this of chance, every epoch: stuck
FLAT_BAND = 0.01  # less spread than this over the whole run: not learning
SATURATED = 0.5  # more than this fraction of outputs in the sigmoid's flat tails: saturated

#: What to look at when a run sits at chance, per number of classes (chance 0.5 or 0.1).
LOOK_AT = {
    0.5: ("look at the targets' shape (a [N] target against [N, 1] predictions broadcasts the loss "
          "to [N, N], which pushes every prediction the same way), the order of the batches (all "
          "3s, then all 7s, unshuffled) and the initial scale of the weights (saturated outputs "
          "have almost no gradient)"),
    0.1: ("look at the loss (is it the cross-entropy of the right column of each row?), the "
          "targets (int64 digits [N]) and the initial scale of the weights"),
}


def _numbers(values) -> list[float]:
    """``values`` (a list, tuple or 1-D tensor of numbers or one-element tensors) as floats; an
    entry that is not a number becomes NaN, so a curve is drawn from anything a worker returns."""
    try:
        items = list(values.flatten().tolist() if hasattr(values, "flatten") else values)
    except TypeError:
        return []
    out = []
    for v in items:
        if hasattr(v, "item") and getattr(v, "numel", lambda: 1)() == 1:
            v = v.item()
        out.append(float(v) if isinstance(v, Real) and not isinstance(v, bool) else math.nan)
    return out


def _finite(values: list[float]) -> list[float]:
    return [v for v in values if math.isfinite(v)]


def scale(*series: list[float]) -> tuple[float, float]:
    """The common ``(low, high)`` of several curves: their finite values' range, at least 0.02 wide
    (a flat curve sits in the middle)."""
    finite = [v for s in series for v in _finite(s)]
    if not finite:
        return 0.0, 1.0
    lo, hi = min(finite), max(finite)
    if hi - lo < 0.02:
        mid = (lo + hi) / 2
        lo, hi = mid - 0.01, mid + 0.01
    return lo, hi


def sparkline(values, lo: float = 0.0, hi: float = 1.0) -> str:
    """One block character per value, ``lo`` the lowest block and ``hi`` the highest (values
    outside are clipped); a NaN or infinite value is ``×``."""
    out = []
    for v in _numbers(values):
        if not math.isfinite(v):
            out.append(NOT_A_NUMBER)
            continue
        t = 0.0 if hi <= lo else (min(max(v, lo), hi) - lo) / (hi - lo)
        out.append(BLOCKS[min(int(t * len(BLOCKS)), len(BLOCKS) - 1)])
    return "".join(out)


def _ends(values: list[float]) -> str:
    if not values:
        return "(no values)"
    first, last = values[0], values[-1]
    return (f"{first:.3f}" if len(values) == 1 else f"{first:.3f} -> {last:.3f}") + (
        f" ({len(values)} epochs)" if len(values) > 1 else " (1 epoch)")


def curve_text(yours, reference=None, label: str = "validation accuracy") -> str:
    """The curves as text, one line each on a common scale::

        validation accuracy per epoch (scale 0.503 to 0.981):
          yours      ▁▁▁▁▁  0.503 -> 0.504 (5 epochs)
          reference  ▆▇███  0.955 -> 0.981 (5 epochs)
    """
    mine = _numbers(yours)
    theirs = _numbers(reference) if reference is not None else None
    lo, hi = scale(mine, *([theirs] if theirs else []))
    lines = [f"{label} per epoch (scale {lo:.3f} to {hi:.3f}):",
             f"  yours      {sparkline(mine, lo, hi)}  {_ends(mine)}"]
    if theirs:
        lines.append(f"  reference  {sparkline(theirs, lo, hi)}  {_ends(theirs)}")
    return "\n".join(lines)


def diagnose(history, *, chance: float = 0.5, reference=None, saturated: float | None = None,
             look: str | None = None) -> str | None:
    """What the shape of a run's per-epoch accuracy says, in one sentence, or None.

    Args:
        history: the accuracy after each epoch (numbers; anything else counts as NaN).
        chance: the accuracy of guessing (0.5 for 3s and 7s, 0.1 for ten digits).
        reference: the reference run's accuracies from the same start, if the check has them.
        saturated: the fraction of the network's initial outputs in the sigmoid's flat tails
            (``|output| > 5``), if the check measured it.
        look: where to look when the run sits at chance (default: :data:`LOOK_AT`).
    Returns:
        the first of these that holds: saturated outputs, NaN (diverged), stuck at chance, back
        at chance by the end, not learning (flat), below chance, a first epoch at chance then
        recovering (batches in order), rose then fell (diverging), falling; else None.
    """
    values = _numbers(history)
    if saturated is not None and saturated > SATURATED:
        return (f"{saturated:.1%} of the network's initial outputs are saturated (|output| > 5, "
                "where the sigmoid is flat and its gradient almost 0), so the weights hardly move: "
                "initialise with a smaller scale (std=0.1 instead of 1.0)")
    if not values:
        return None
    bad = [i for i, v in enumerate(values) if not math.isfinite(v)]
    if bad:
        return (f"the accuracy is NaN from epoch {bad[0] + 1}: the training diverged (the loss "
                "grew without bound): a learning rate too large, a loss that can reach infinity "
                "(a log of 0), or a step in the wrong direction")
    stuck = all(abs(v - chance) <= STUCK_BAND for v in values)
    learned = reference is not None and _finite(_numbers(reference)) and max(
        _finite(_numbers(reference))) > chance + 2 * STUCK_BAND
    if stuck and (reference is None or learned):
        where = look or LOOK_AT.get(chance, LOOK_AT[0.5])
        return (f"accuracy stuck near {chance:g} from epoch 1: every prediction is on one side "
                f"(or a coin toss), the network does not tell the classes apart; {where}")
    if (len(values) >= 2 and abs(values[-1] - chance) <= STUCK_BAND
            and max(values) > chance + 2 * STUCK_BAND and (reference is None or learned)):
        where = look or LOOK_AT.get(chance, LOOK_AT[0.5])
        return (f"accuracy back near {chance:g} by the last epoch ({values[-1]:.3f}, from "
                f"{max(values):.3f}): every prediction ends on one side; {where}")
    if len(values) >= 2 and max(values) - min(values) < FLAT_BAND and (learned or reference is None):
        return (f"the accuracy hardly moved ({min(values):.3f} to {max(values):.3f})"
                + (" while the reference learned" if learned else "") + ": the parameters barely "
                "change: is the step taken (opt.step()), with the learning rate given, on "
                "gradients that backward() computed?")
    if max(values) < chance - STUCK_BAND:
        return (f"accuracy below chance ({chance:g}) at every epoch: the network learned the "
                "opposite of the labels: does the step go up the gradient (p -= lr * p.grad goes "
                "down), or is a target or the threshold reversed (1 means a 3, and a raw output "
                "above 0.0 means 1)?")
    best = max(values)
    if len(values) >= 2 and abs(values[0] - chance) <= 2 * STUCK_BAND and max(values[1:]) > (
            chance + 0.2):
        return (f"the first epoch ended near chance ({values[0]:.3f}), then the accuracy "
                "recovered: the first epoch's batches were probably in order (all 3s, then all "
                "7s), each step pushing every output the same way; shuffle the training batches")
    if len(values) >= 2 and best - values[-1] > 0.2:
        return (f"the accuracy rose to {best:.3f}, then fell to {values[-1]:.3f}: the training "
                "diverges: a learning rate too large, or gradients that pile up because they are "
                "not zeroed after each step")
    if len(values) >= 3 and values[-1] < values[0] - 0.05:
        return (f"the accuracy fell during training ({values[0]:.3f} to {values[-1]:.3f}): the "
                "step goes up the gradient (p -= lr * p.grad is the step down)")
    return None


def curve_data(yours, reference=None, *, label: str = "validation accuracy", chance: float = 0.5,
               diagnosis: str | None = None) -> dict:
    """The curves as plain data, for a front end to draw (:func:`png`)."""
    return {"label": label, "yours": _numbers(yours),
            "reference": None if reference is None else _numbers(reference),
            "chance": chance, "diagnosis": diagnosis}


def png(curves: dict, width: float = 5.0, height: float = 3.0) -> bytes:
    """The curves of :func:`curve_data` as a PNG: yours, the reference's (dashed), chance (dotted).
    NaN values leave gaps."""
    import io

    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_subplot()
    yours = curves.get("yours") or []
    ax.plot(range(1, len(yours) + 1), yours, marker="o", label="yours")
    if curves.get("reference"):
        ref = curves["reference"]
        ax.plot(range(1, len(ref) + 1), ref, linestyle="--", marker=".", label="reference")
    if curves.get("chance") is not None:
        ax.axhline(curves["chance"], color="grey", linestyle=":", label="chance")
    ax.set_xlabel("epoch")
    ax.set_ylabel(curves.get("label", "validation accuracy"))
    ax.legend(loc="lower right")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def with_curve(wrong: Wrong, yours, reference=None, *, chance: float = 0.5,
               label: str = "validation accuracy", saturated: float | None = None,
               look: str | None = None) -> Wrong:
    """``wrong`` with the run's curve (beside the reference's) and its diagnosis in the message,
    and ``.curves`` holding them as plain data (:func:`curve_data`) for a notebook to draw.

    ``yours`` is what the student's run reported after each epoch (from the worker: shown, never
    scored); where it is not a list of numbers, ``wrong`` comes back unchanged.
    """
    mine = _numbers(yours) if isinstance(yours, (list, tuple)) or hasattr(yours, "flatten") else []
    if not mine:
        return wrong
    diagnosis = diagnose(mine, chance=chance, reference=reference, saturated=saturated, look=look)
    text = "\n".join("  " + line for line in curve_text(mine, reference, label).splitlines())
    summary = f"{wrong.summary}\n{text}" + (f"\n  diagnosis: {diagnosis}" if diagnosis else "")
    out = Wrong(summary, expected=wrong.expected, got=wrong.got, cause=wrong.cause,
                section=wrong.section, hint=wrong.hint)
    out.curves = curve_data(mine, reference, label=label, chance=chance, diagnosis=diagnosis)
    return out


@contextmanager
def curve_on_failure(yours, reference=None, **options) -> Iterator[None]:
    """A :class:`Wrong` raised in the block comes out :func:`with_curve` (``options``: ``chance``,
    ``label``, ``saturated``, ``look``)::

        with curve_on_failure(result.get("history"), chance=0.1):
            require_like_reference(...)
    """
    try:
        yield
    except Wrong as wrong:
        raise with_curve(wrong, yours, reference, **options) from None


def png_output(curves: dict) -> dict:
    """The curves as a notebook output's data: ``{"image/png": base64 text, "text/plain": ...}``
    (nbformat's ``display_data``; a notebook front end shows the image, a terminal the text)."""
    import base64

    text = curve_text(curves.get("yours") or [], curves.get("reference"),
                      curves.get("label", "validation accuracy"))
    return {"image/png": base64.b64encode(png(curves)).decode("ascii"), "text/plain": text}


def show(curves: dict | None) -> None:
    """Draw ``curves`` under the current cell when running in IPython (a notebook); nothing
    elsewhere (a terminal has the text curve in the message already)."""
    if not curves:
        return
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    if get_ipython() is None:
        return
    display(png_output(curves), raw=True)
