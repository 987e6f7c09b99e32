"""Probes of exercise 1: what make_dset returned, and stack_images run with a reference load_image.

They run in the student's worker and only collect plain data; every judgement is the check's
(:mod:`autograder.checks.e01_stacking`). Shapes: ``x`` float32 ``[N, 784]``, ``y`` ``[N, 1]``.
"""

from __future__ import annotations

import torch
from torch.utils.data import DataLoader

from autograder.probes.common import student, swapped, uses_book


def dataset(module, x: torch.Tensor, y: torch.Tensor, indices: list[int], batch_size: int) -> dict:
    """``make_dset(x, y)`` seen from outside, as plain data.

    Returns ``{"kind": type name, "sized": has __len__, "indexable": has __getitem__, "length":
    len(dset) or None, "items": [dset[i] for i in indices] or None, "batch": the first batch of
    DataLoader(dset, batch_size) (usually ``[xb [batch_size, 784], yb [batch_size, 1]]``) or
    None, "batch_error": why DataLoader could not make it, or None}``. Items and the batch come
    back as they are (the grader judges them); the student's own errors in ``len`` or ``[i]``
    propagate.
    """
    dset = student(module, "make_dset")(x, y)
    out = {"kind": type(dset).__name__, "sized": hasattr(dset, "__len__"),
           "indexable": hasattr(dset, "__getitem__"), "length": None, "items": None,
           "batch": None, "batch_error": None}
    if not (out["sized"] and out["indexable"]):
        return out
    out["length"] = len(dset)
    out["items"] = [dset[i] for i in indices]
    try:
        out["batch"] = next(iter(DataLoader(dset, batch_size=batch_size)))
    except Exception as err:  # noqa: BLE001 - collected for the grader to put in words
        out["batch_error"] = f"{type(err).__name__}: {err}"[:500]
    return out


@uses_book("mnist_ref.data.images", "load_image", without=("stack_images",))
def call_with(module, name: str, args: list, references: list[str], *, book):
    """``name(*args)`` with the student's functions named in ``references`` (``load_image``)
    replaced, for this call only, by the reference's; returns what it returned."""
    with swapped(module, {r: getattr(book, r) for r in references}):
        return student(module, name)(*args)
