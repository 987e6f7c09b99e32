"""Probes any exercise may use: a gradient through a student's function, a model's anatomy.

Shapes: ``args`` are the student's function's positional arguments; ``wrt`` lists the indices of
those that need a gradient (floating tensors).
"""

from __future__ import annotations

from contextlib import contextmanager

import torch


def student(module, name: str):
    """The object called ``name`` in the student's module (a NameError the grader can read)."""
    try:
        return getattr(module, name)
    except AttributeError:
        raise NameError(f"the student's file defines no {name!r}") from None


def gradient(module, name: str, args: list, wrt: list[int], kwargs: dict | None = None) -> dict:
    """Call ``name(*args)``, backpropagate from its (scalar) result.

    Returns ``{"value": result detached, "grads": [grad of args[i] for i in wrt] (None where no
    gradient reached it), "requires_grad": bool}``. A non-scalar or non-tensor result is returned
    as ``value`` with ``grads`` None, for the grader to name.
    """
    args = list(args)
    for i in wrt:
        args[i] = args[i].detach().clone().requires_grad_(True)
    out = student(module, name)(*args, **(kwargs or {}))
    if not isinstance(out, torch.Tensor) or out.numel() != 1 or not out.requires_grad:
        value = out.detach() if isinstance(out, torch.Tensor) else out
        return {"value": value, "grads": None,
                "requires_grad": bool(isinstance(out, torch.Tensor) and out.requires_grad)}
    out.backward()
    return {"value": out.detach(), "grads": [args[i].grad for i in wrt], "requires_grad": True}


def module_anatomy(obj) -> dict:
    """What the grader needs to judge a model the student built, as plain data.

    ``{"is_module": bool, "type": str, "children": [type names], "parameters": [tensors in
    ``parameters()`` order], "names": [parameter names], "training": bool}``.
    """
    if not isinstance(obj, torch.nn.Module):
        return {"is_module": False, "type": type(obj).__name__}
    named = list(obj.named_parameters())
    return {
        "is_module": True,
        "type": type(obj).__name__,
        "children": [type(c).__name__ for c in obj.children()],
        "parameters": [p.detach().clone() for _, p in named],
        "names": [n for n, _ in named],
        "training": bool(obj.training),
    }



def uses_book(module: str, *names: str, without: tuple[str, ...] = ()):
    """Declare that a probe runs with these definitions of the reference (``mnist_ref``).

    A probe never imports ``mnist_ref``: the student's code runs in the same process, so whatever
    the probe imports the student's code can reach. It declares what it needs instead, and
    receives it as the keyword argument ``book`` (a namespace, by name)::

        @uses_book("mnist_ref.linear", "train_epoch", "linear1")
        def train_with_loss(module, ..., *, book):
            book.train_epoch(...)

    The grader sends exactly those definitions (and what they need, nothing else of their module)
    to a child of the worker that runs this one probe, so no other check's process holds them.
    Stack the decorator to take names from several modules. ``without`` names what the probe
    grades: it is never sent, even where a declared definition uses it as a default argument
    (``train_epoch(..., loss_func=mnist_loss)``: that default becomes None), so the student's
    function cannot find the reference's in its process.
    """
    def mark(fn):
        fn.book = (*getattr(fn, "book", ()), *(f"{module}:{name}" for name in names),
                   *(f"!{name}" for name in without))
        return fn
    return mark


@contextmanager
def swapped(module, replacements: dict):
    """The student's module with the functions named in ``replacements`` replaced by the given
    objects (the reference's, from ``book``) until the block ends, so that a check of one
    function runs the reference's helpers: one mistake costs the points of one function."""
    saved = {name: module.__dict__.get(name, _MISSING) for name in replacements}
    try:
        module.__dict__.update(replacements)
        yield module
    finally:
        for name, value in saved.items():
            if value is _MISSING:
                module.__dict__.pop(name, None)
            else:
                module.__dict__[name] = value


_MISSING = object()
