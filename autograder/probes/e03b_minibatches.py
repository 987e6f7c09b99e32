"""Probes of exercise 3b: a ``DataLoader`` cannot cross to the grader, so these iterate the
student's loaders in the worker and report each batch as plain data. Nothing here judges:
:mod:`autograder.checks.e03b_minibatches` does.

Shapes: ``x`` float32 ``[N, 784]``, ``y`` float32 ``[N, 1]``; a batch ``(xb [B, 784], yb [B, 1])``.
"""

from __future__ import annotations

import torch

from autograder.probes.common import student, swapped, uses_book


def _batch(batch, ids: bool) -> dict:
    """One batch as plain data: its type, the shapes of its first two items and, with ``ids``,
    the item numbers written in pixel 0 (``x[:, 0]``) and the targets, flattened."""
    if not isinstance(batch, (tuple, list)) or len(batch) != 2:
        return {"type": type(batch).__name__, "x": None, "y": None}
    xb, yb = batch
    if not isinstance(xb, torch.Tensor) or not isinstance(yb, torch.Tensor):
        return {"type": type(batch).__name__, "x": type(xb).__name__, "y": type(yb).__name__}
    out = {"type": type(batch).__name__, "x": list(xb.shape), "y": list(yb.shape),
           "x_dtype": str(xb.dtype), "y_dtype": str(yb.dtype)}
    if ids and xb.dim() == 2 and xb.shape[1] > 0:
        out["ids"] = xb[:, 0].detach().round().long().tolist()
        out["targets"] = yb.detach().reshape(-1).tolist()
    return out


def loaders_call(module, train_x, train_y, valid_x, valid_y, bs: int, seed: int,
                 epochs: int = 1, ids: bool = False) -> dict:
    """``make_dls(train_x, train_y, valid_x, valid_y, bs, seed)``, then ``epochs`` passes over
    the training loader and one over the validation loader.

    Returns ``{"returned": the result's type name, "train": [[batch, ...] per epoch], "valid":
    [batch, ...]}`` (each batch as :func:`_batch` reports it), or ``"train": None`` when the
    result is not two loaders.
    """
    out = student(module, "make_dls")(train_x, train_y, valid_x, valid_y, bs, seed)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return {"returned": type(out).__name__, "train": None, "valid": None}
    dl, valid_dl = out
    train = [[_batch(b, ids) for b in dl] for _ in range(epochs)]
    return {"returned": type(out).__name__, "train": train,
            "valid": [_batch(b, ids) for b in valid_dl]}


def loaders_real(module, data, bs: int, seed: int) -> dict:
    """:func:`loaders_call` on the chapter's data (``data``: ``(train_x, train_y, valid_x,
    valid_y)``, sent once per worker), one epoch, shapes only."""
    return loaders_call(module, *data, bs, seed, 1, False)


@uses_book("mnist_ref.batches", "batch_counts", without=("pipeline_shapes",))
def shapes_call(module, n3: int, n7: int, bs: int, *, book):
    """``pipeline_shapes(n3, n7, bs)`` with the reference's ``batch_counts`` in place of the
    student's for this call (so a mistake there costs its own check only); a ``torch.Size`` in
    the answer comes back as a tuple, anything else as it is."""
    with swapped(module, {"batch_counts": book.batch_counts}):
        out = student(module, "pipeline_shapes")(n3, n7, bs)
    if isinstance(out, dict):
        return {k: tuple(int(s) for s in v) if isinstance(v, torch.Size) else v
                for k, v in out.items()}
    return out
