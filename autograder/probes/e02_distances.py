"""Probes of exercise 2: one student function run with the reference's helpers in place of theirs.

So that the check of ``is_3`` runs the reference ``mnist_distance``, and the check of the accuracy
the reference ``is_3``: one mistake costs the points of one function only. The probes only
collect what the student's function returned; the check compares it with the reference computed
on the grader's side (:mod:`autograder.checks.e02_distances`).

Shapes: images float32 ``[N, 28, 28]``, mean images ``[28, 28]``.
"""

from __future__ import annotations

from autograder.probes.common import student, swapped, uses_book


def _call_with(module, name: str, args: list, references: dict):
    with swapped(module, references):
        out = student(module, name)(*args)
    return _plain_numbers(out)


@uses_book("mnist_ref.similarity", "mnist_distance", without=("is_3",))
def is_3_with_reference(module, args: list, *, book):
    """The student's ``is_3(*args)`` with the reference's ``mnist_distance`` in place of theirs
    for this call. A result that is a list or tuple comes back with its Python numbers as plain
    ``float`` and ``int`` (a NumPy float64 is a float too); anything else as it is."""
    return _call_with(module, "is_3", args, {"mnist_distance": book.mnist_distance})


@uses_book("mnist_ref.similarity", "mnist_distance", "is_3",
           without=("pixel_similarity_accuracy",))
def accuracy_with_references(module, args: list, *, book):
    """The student's ``pixel_similarity_accuracy(*args)`` with the reference's ``is_3`` and
    ``mnist_distance`` in place of theirs for this call (its numbers plain, as above)."""
    return _call_with(module, "pixel_similarity_accuracy", args,
                      {"is_3": book.is_3, "mnist_distance": book.mnist_distance})


def call(module, name: str, args: list):
    """``name(*args)``, its Python numbers made plain as in :func:`is_3_with_reference`."""
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
