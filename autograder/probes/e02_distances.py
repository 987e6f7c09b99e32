"""Probes of exercise 2: one student function run with the reference's helpers in place of theirs.

So that the check of ``is_3`` runs the reference ``mnist_distance``, and the check of the accuracy
the reference ``is_3``: one mistake costs the points of one function only. The probes only
collect what the student's function returned; the check compares it with the reference computed
on the grader's side (:mod:`autograder.checks.e02_distances`).

Shapes: images float32 ``[N, 28, 28]``, mean images ``[28, 28]``.
"""

from __future__ import annotations

from autograder.probes.common import student, swapped, uses_book


@uses_book("mnist_ref.similarity", "mnist_distance", "is_3")
def call_with(module, name: str, args: list, references: list[str], *, book):
    """``name(*args)`` with the student's functions named in ``references`` (``mnist_distance``,
    ``is_3``) replaced, for this call only, by the reference's.

    A result that is a list or tuple comes back with its Python numbers as plain ``float`` and
    ``int`` (a NumPy float64 is a float too); anything else as it is.
    """
    with swapped(module, {r: getattr(book, r) for r in references}):
        out = student(module, name)(*args)
    return _plain_numbers(out)


def call(module, name: str, args: list):
    """``name(*args)``, its Python numbers made plain as in :func:`call_with`."""
    return _plain_numbers(student(module, name)(*args))


def _plain_numbers(out):
    """A list or tuple's ``float`` and ``int`` subclasses (NumPy's float64) as plain numbers;
    ``bool`` and everything else unchanged."""
    if type(out) not in (list, tuple):
        return out

    def plain(v):
        if isinstance(v, bool) or type(v) in (int, float):
            return v
        if isinstance(v, float):
            return float(v)
        if isinstance(v, int):
            return int(v)
        return v

    return type(out)(plain(v) for v in out)
