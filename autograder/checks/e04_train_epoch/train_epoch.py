"""The checks of ``train_epoch`` (run with the reference ``calc_grad``): every parameter stepped with
every mini-batch by ``-lr * grad`` with the given loss, and gradients that never pile up from one
batch to the next.

The probe ``train_epoch_run`` runs the student's ``train_epoch`` in the worker (with the
reference ``calc_grad`` in the student's module) on a loader that counts the batches taken, and
returns the parameters and their ``.grad``; the expected parameters are the reference loop's
(:func:`~.problems.sgd`) from the same start, here.
"""

from __future__ import annotations

import torch

from autograder.checks.common import with_cause
from autograder.checks.e04_train_epoch.errors import named_errors
from autograder.checks.e04_train_epoch.exercise import ATOL, RTOL, TOGETHER, check
from autograder.checks.e04_train_epoch.problems import (
    clone_params,
    flat_grads,
    flat_params,
    linear_model,
    linear_params,
    seeded_batches,
    sgd,
    squared_loss,
    step_mistakes,
)
from autograder.core.feedback import Wrong, expect_tensor
from mnist_ref import linear as ref

LR = 0.3
_HINT = "for each batch: calc_grad, then p.data -= p.grad * lr; p.grad.zero_()"


def _run(sub, start, batches, lr, loss=None, model="function") -> dict:
    with named_errors(sub, f"train_epoch(model, lr={lr}, params, dl)", TOGETHER):
        return sub.probe("train_epoch_run", start, batches, lr, loss, model)


def _unnamed_cause(sub, run, start, batches, loss, model) -> str | None:
    """What the parameters after one epoch say when they match no replayed mistake: a parameter
    that never moved, or a step that does not scale with lr (lr=0 must leave them in place)."""
    moved = [not torch.equal(p.to(s.device), s.detach()) for p, s in zip(run["params"], start,
                                                                          strict=True)]
    if moved == [True, False]:
        return ("the bias never moved (the weights did): step every tensor in params "
                "(`for p in params:`), the bias too")
    if moved == [False, True]:
        return ("the weights never moved (the bias did): step every tensor in params "
                "(`for p in params:`)")
    still = _run(sub, start, batches, 0.0, loss, model)
    if not torch.equal(flat_params(still["params"]).to(start[0].device), flat_params(start)):
        return ("lr is not used as given: with lr=0 the parameters still moved; multiply each "
                "gradient by the lr argument (is a learning rate hard-coded?)")
    return None


def _expect_epoch(sub, run, start, batches, lr, loss_name, loss_func, what: str,
                  model: str) -> None:
    expected = flat_params(sgd(start, batches, lr, loss_func or ref.mnist_loss))
    try:
        expect_tensor(flat_params(run["params"]), expected, rtol=RTOL, atol=ATOL, what=what,
                      mistakes=step_mistakes(start, batches, lr, loss_func or ref.mnist_loss),
                      section=TOGETHER, hint=_HINT)
    except Wrong as wrong:
        if wrong.cause:
            raise
        raise with_cause(wrong, _unnamed_cause(sub, run, start, batches, loss_name,
                                               model)) from None


@check(points=2, description="train_epoch steps every parameter with every mini-batch, like the "
       "reference (SGD: p -= lr * grad), with the given lr and loss_func")
def train_epoch_values(sub):
    sub.fn("train_epoch")
    batches = seeded_batches(3, 4, seed=50)
    # 1) the book's case: a function model over (weights, bias), the default loss
    start = linear_params(51)
    run = _run(sub, start, batches, LR)
    if run["served"] < len(batches):
        raise Wrong(f"train_epoch took {run['served']} of the {len(batches)} mini-batches of dl: "
                    "one epoch must use every batch.", cause="a `return` or `break` inside the "
                    "loop, or `xb, yb = next(iter(dl))` instead of `for xb, yb in dl`",
                    section=TOGETHER)
    _expect_epoch(sub, run, start, batches, LR, None, None,
                  f"the parameters (5 weights then the bias) after train_epoch(model, lr={LR}, "
                  f"params, dl of {len(batches)} batches)", "function")
    # 2) nn.Linear parameters, another lr and a loss_func that is not the default
    start, lr = linear_params(56), 0.2
    run = _run(sub, start, batches, lr, "squared", "linear")
    _expect_epoch(sub, run, start, batches, lr, "squared", squared_loss,
                  f"the parameters of an nn.Linear(5, 1) after train_epoch(linear, lr={lr}, "
                  "list(linear.parameters()), dl, loss_func=<a squared-error loss>)", "linear")


@check(points=1, description="train_epoch clears the gradients between batches, so they never "
       "pile up (zeroed after each step, or cleared before each calc_grad)")
def train_epoch_zeroes_grads(sub):
    sub.fn("train_epoch")
    batches = seeded_batches(3, 4, seed=60)
    start = linear_params(61)
    # lr=0: the parameters stay put, so each batch's own gradient is known exactly
    run = _run(sub, start, batches, 0.0)
    own = []  # each batch's own gradient at the start: [weights, bias] per batch
    for xb, yb in batches:
        params = clone_params(start)
        ref.calc_grad(xb, yb, linear_model(params))
        own.append([p.grad for p in params])
    piled, names, sizes = [], ("weights", "bias"), []
    for i, (left, param) in enumerate(zip(run["grads"], start, strict=True)):
        if left is None or not bool((left != 0).any()):
            continue  # cleared after each step (the book's way)
        left = left.to(param.device)
        if torch.allclose(left, own[-1][i], rtol=RTOL, atol=ATOL):
            continue  # cleared before each calc_grad: the last batch's own gradient, nothing piled
        piled.append(names[i])
        sizes.append(f"{names[i]}: .grad largest |value| {float(left.abs().max()):.4g}, "
                     f"the last batch's own gradient {float(own[-1][i].abs().max()):.4g}")
    if not piled:
        return
    left = flat_grads(run["grads"], start)
    if len(piled) == len(names) and torch.allclose(
            left, torch.cat([sum(g[i] for g in own).reshape(-1) for i in range(len(names))]),
            rtol=RTOL, atol=ATOL):
        cause = ("p.grad.zero_() (or p.grad = None) is missing: backward() ADDS into .grad, so "
                 "the gradients pile up from batch to batch and each step uses them all")
    else:
        cause = (f"the .grad of the {' and of the '.join(piled)} is not cleared in every batch, "
                 "so it piles up from batch to batch: clear the .grad of every tensor in params "
                 "after its step (or before each calc_grad)")
    raise Wrong(f"after train_epoch over {len(batches)} batches (with lr=0, so that every batch's "
                f"gradient is known), the .grad of the {' and of the '.join(piled)} "
                f"{'hold' if len(piled) > 1 else 'holds'} more than one batch's gradient.",
                expected="every .grad zero or None (cleared after each step), or the last "
                         "batch's own gradient (cleared before each calc_grad)",
                got="; ".join(sizes),
                cause=cause, section=TOGETHER)


def known_step_mistake(sub) -> str | None:
    """The known mistake the student's ``train_epoch`` makes on the small problem of
    :func:`train_epoch_values` (with the reference ``calc_grad``), if any: the likely reason why
    the student's pieces together do not train like the reference."""
    batches, start = seeded_batches(3, 4, seed=50), linear_params(51)
    try:
        run = _run(sub, start, batches, LR)
    except (Wrong, RuntimeError, TypeError, AttributeError, ValueError):
        return None  # the check of train_epoch names it
    if run["served"] < len(batches):
        return (f"your train_epoch took {run['served']} of the {len(batches)} batches of dl: one "
                "epoch must use every batch")
    got = flat_params(run["params"]).to(start[0].device)
    expected = flat_params(sgd(start, batches, LR))
    if torch.allclose(got, expected, rtol=RTOL, atol=ATOL):
        return None
    for mistake in step_mistakes(start, batches, LR):
        if torch.allclose(got, mistake.value, rtol=RTOL, atol=ATOL):
            return f"your train_epoch makes a known mistake: {mistake.cause}"
    try:
        cause = _unnamed_cause(sub, run, start, batches, None, "function")
    except (Wrong, RuntimeError, TypeError, AttributeError, ValueError):
        return None
    return None if cause is None else f"your train_epoch: {cause}"
