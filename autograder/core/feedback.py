"""Feedback a student can act on: what was expected, what came back, the likely cause, where to read.

Checks fail by raising :class:`Wrong`. The helpers here compare a student's value with the
reference's and build that message: type first, then shape, dtype and device, then values (with the
first element that differs). ``mistakes`` lets a check name a known wrong answer: when the student's
value equals the value a known mistake produces, the message says which mistake it is.
:func:`where_in_student_code` points at the student's own line when their code raised.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

import torch


class Wrong(AssertionError):
    """A check found a wrong answer. ``str()`` is the whole message for the student."""

    def __init__(
        self,
        summary: str,
        *,
        expected: str | None = None,
        got: str | None = None,
        cause: str | None = None,
        section: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.summary, self.expected, self.got = summary, expected, got
        self.cause, self.section, self.hint = cause, section, hint
        super().__init__(self.render())

    def render(self) -> str:
        lines = [self.summary]
        if self.expected is not None:
            lines.append(f"  expected: {self.expected}")
        if self.got is not None:
            lines.append(f"  got:      {self.got}")
        if self.cause:
            lines.append(f"  likely cause: {self.cause}")
        if self.section:
            lines.append(f'  read: the book\'s section "{self.section}"')
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: ``value`` is what the mistake produces on the check's inputs."""

    cause: str
    value: object


def shape_str(t: torch.Tensor) -> str:
    return "[" + ", ".join(str(s) for s in t.shape) + "]"


def describe(x) -> str:
    """A short description of a value: type, and for tensors shape, dtype and device."""
    if isinstance(x, torch.Tensor):
        text = f"tensor of shape {shape_str(x)}, dtype {str(x.dtype).replace('torch.', '')}, on {x.device}"
        if x.numel() == 1:
            text += f", value {x.item():.6g}"
        return text
    if isinstance(x, float):
        return f"float {x:.6g}"
    text = repr(x)
    return f"{type(x).__name__} {text[:80]}{'...' if len(text) > 80 else ''}"


def _close(a, b, rtol: float, atol: float) -> bool:
    try:
        a = torch.as_tensor(a).detach().cpu().double()
        b = torch.as_tensor(b).detach().cpu().double()
    except (TypeError, ValueError, RuntimeError):
        return False
    return a.shape == b.shape and bool(torch.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def _which_mistake(got, mistakes, rtol, atol) -> str | None:
    for m in mistakes or ():
        if _close(got, m.value, rtol, atol):
            return m.cause
    return None


def first_difference(got: torch.Tensor, expected: torch.Tensor, rtol: float, atol: float) -> str:
    """Where two same-shape tensors first differ, e.g. ``at [3, 0]: expected 0.25, got 0.75``."""
    g, e = got.detach().cpu().double(), expected.detach().cpu().double()
    bad = ~torch.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if not bad.any():
        return ""
    if e.dim() == 0:
        return f"expected {e.item():.6g}, got {g.item():.6g}"
    index = tuple(int(i) for i in bad.nonzero()[0])
    n_bad = int(bad.sum())
    return (
        f"{n_bad} of {bad.numel()} elements differ; the first at {list(index)}: "
        f"expected {e[index].item():.6g}, got {g[index].item():.6g}"
    )


def expect_tensor(
    got,
    expected: torch.Tensor,
    *,
    what: str,
    rtol: float = 1e-5,
    atol: float = 1e-6,
    check_dtype: bool = True,
    check_device: bool = True,
    check_values: bool = True,
    mistakes: list[Mistake] | None = None,
    section: str | None = None,
    hint: str | None = None,
) -> None:
    """Fail unless ``got`` is a tensor like ``expected``: same shape, dtype, device and values.

    ``what`` names the call for the student, e.g. ``"mnist_loss(preds [4, 1], targets [4, 1])"``.
    Tolerances are ``torch.allclose``'s (``|got - expected| <= atol + rtol * |expected|``);
    ``check_values=False`` checks only the type, shape, dtype (and device).
    """
    def fail(problem: str, cause: str | None):
        raise Wrong(f"{what} {problem}", expected=describe(expected), got=describe(got),
                    cause=cause, section=section, hint=hint)

    known = _which_mistake(got, mistakes, rtol, atol)
    if not isinstance(got, torch.Tensor):
        fail("should return a torch.Tensor.", known or (
            "nothing was returned: is a `return` missing?" if got is None
            else "a Python number or list instead of a tensor (did you call .item() or .tolist()?)"))
    if got.shape != expected.shape:
        n = expected.shape[0] if expected.dim() else -1
        if known is None and expected.dim() in (1, 2) and tuple(got.shape) == (n, n):
            known = ("broadcasting: a [N] tensor combined with a [N, 1] tensor gives [N, N]; "
                     "make both the same shape (unsqueeze(1) or view(-1, 1))")
        fail("returned a tensor of the wrong shape.", known)
    if check_dtype and got.dtype != expected.dtype:
        fail("returned a tensor of the wrong dtype.", known)
    if check_device and got.device != expected.device:
        fail("returned a tensor on the wrong device.",
             "create new tensors on the input's device (device=x.device)")
    if check_values and not _close(got, expected, rtol, atol):
        where = first_difference(got.to(expected.dtype), expected, rtol, atol)
        fail(f"returned wrong values: {where}.", known)


def expect_number(
    got,
    expected: float,
    *,
    what: str,
    atol: float = 1e-4,
    mistakes: list[Mistake] | None = None,
    section: str | None = None,
    hint: str | None = None,
) -> None:
    """Fail unless ``got`` (a number or a one-element tensor) is within ``atol`` of ``expected``."""
    if isinstance(got, torch.Tensor) and got.numel() == 1:
        value = got.item()
    elif isinstance(got, (int, float)) and not isinstance(got, bool):
        value = float(got)
    else:
        raise Wrong(
            f"{what} should return a number (or a one-element tensor).",
            expected=f"{expected:.6g}",
            got=describe(got),
            section=section,
            hint=hint,
        )
    if abs(value - expected) > atol:
        raise Wrong(
            f"{what} returned {value:.6g}, expected {expected:.6g} (tolerance {atol:g}).",
            cause=_which_mistake(value, mistakes, 0.0, atol),
            section=section,
            hint=hint,
        )


def where_in_student_code(err: BaseException, student_file: str, code: bool = True) -> str:
    """``"e03.py, line 12, in mnist_loss: return x.sigmod()"``: the deepest frame in the student's
    file (or notebook cell)."""

    def is_students(filename: str) -> bool:
        return filename == student_file or "ipykernel_" in filename

    # an exception from the isolated worker carries its frames as plain data
    remote = getattr(err, "student_frames", None)
    if remote is not None:
        frames = [(f, n, name, line) for f, n, name, line in remote if is_students(f)]
    else:
        frames = [(f.filename, f.lineno, f.name, f.line)
                  for f in traceback.extract_tb(err.__traceback__) if is_students(f.filename)]
    if not frames:
        return ""
    filename, lineno, name, line = frames[-1]
    text = f"{Path(filename).name}, line {lineno}, in {name}"
    return f"{text}: {(line or '').strip()}" if code else text
