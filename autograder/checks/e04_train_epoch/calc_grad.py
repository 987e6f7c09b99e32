"""The checks of ``calc_grad``: the gradients it leaves (with the default and another loss), and that
it adds into ``.grad`` as ``backward()`` does.

The probe ``calc_grad_run`` builds the model in the worker (the book's closure over weights and
bias, or an ``nn.Linear``), calls the student's ``calc_grad`` and returns the ``.grad`` it left;
the reference gradients are computed here on clones of the same start.
"""

from __future__ import annotations

import torch

from autograder.checks.e04_train_epoch.errors import named_errors
from autograder.checks.e04_train_epoch.exercise import ATOL, RTOL, TOGETHER, check
from autograder.checks.e04_train_epoch.problems import (
    clone_params,
    flat_grads,
    grads_of,
    linear_model,
    linear_module,
    linear_params,
    seeded_batches,
    squared_loss,
)
from autograder.core.feedback import Mistake, Wrong, describe, expect_number, expect_tensor
from mnist_ref import linear as ref


def _expect_returned(returned, expected: torch.Tensor, what: str) -> None:
    """calc_grad may return the loss (a tensor or a number) or nothing, as the book's does."""
    if returned is None:
        return
    if isinstance(returned, torch.Tensor) and returned.numel() != 1:
        raise Wrong(f"{what} returned a tensor of shape {list(returned.shape)}; return the loss "
                    "(one number), or nothing.", got=describe(returned), section=TOGETHER)
    expect_number(returned, float(expected), atol=ATOL + RTOL * abs(float(expected)),
                  what=f"the value returned by {what}", section=TOGETHER,
                  hint="return the loss after calling loss.backward() (or return nothing)")


@check(points=1, description="calc_grad computes the loss's gradients (with the given loss_func) "
       "and returns the loss (or nothing, as the book's does)")
def calc_grad_values(sub):
    sub.fn("calc_grad")
    batch = seeded_batches(1, 6, seed=40)[0]
    xb, yb = batch
    for loss_name, loss_func, label in ((None, None, "the default loss"),
                                        ("squared", squared_loss, "a squared-error loss")):
        start = linear_params(41)
        extra = "" if loss_func is None else ", loss_func"
        what = f"calc_grad(xb [6, 5], yb [6, 1], model{extra}) with {label}"
        with named_errors(sub, what, TOGETHER):
            found = sub.probe("calc_grad_run", batch, start, loss_name)
        if all(g is None for g in found["grads"]):
            raise Wrong(f"{what} left every parameter's .grad empty (None).",
                        cause="loss.backward() is missing: it is what computes the gradients",
                        section=TOGETHER, hint="loss = loss_func(model(xb), yb); loss.backward()")
        ref_params = clone_params(start)
        expected_loss = ref.calc_grad(xb, yb, linear_model(ref_params), loss_func or ref.mnist_loss)
        single = grads_of(ref_params)
        mistakes = [Mistake("the gradients are doubled: backward() ran twice on the loss",
                            2 * single)]
        if loss_func is not None:
            other = clone_params(start)
            ref.calc_grad(xb, yb, linear_model(other), ref.mnist_loss)
            mistakes.append(Mistake("loss_func is ignored: call loss_func(model(xb), yb); the "
                                    "book's mnist_loss is only the default", grads_of(other)))
        expect_tensor(flat_grads(found["grads"], start), single, rtol=RTOL,
                      what=f"the gradients (weights then bias) after {what}",
                      atol=ATOL, section=TOGETHER, mistakes=mistakes)
        _expect_returned(found["returned"][0], expected_loss.detach(), what)


@check(points=1, description="calc_grad adds into .grad: two calls give twice one call's "
       "gradients, as backward() does")
def calc_grad_accumulates(sub):
    sub.fn("calc_grad")
    batch = seeded_batches(1, 6, seed=42)[0]
    start = linear_params(43)
    with named_errors(sub, "calc_grad(xb, yb, an nn.Linear(5, 1)), called twice", TOGETHER):
        found = sub.probe("calc_grad_run", batch, start, None, 2, "linear")
    if all(g is None for g in found["grads"]):
        raise Wrong("after two calls of calc_grad on an nn.Linear model, its parameters have no "
                    "gradient.", cause="loss.backward() is missing (or the gradients are "
                    "cleared inside calc_grad)", section=TOGETHER)
    reference = linear_module(start)
    for _ in range(2):
        ref.calc_grad(*batch, reference)
    weight, bias = reference.parameters()
    twice = torch.cat([weight.grad.t().reshape(-1), bias.grad.reshape(-1)])
    expect_tensor(flat_grads(found["grads"], start), twice, rtol=RTOL, atol=ATOL,
                  section=TOGETHER,
                  what="the gradients of an nn.Linear(5, 1) after two calls of calc_grad on the "
                       "same batch",
                  mistakes=[Mistake("the gradients are doubled: backward() ran twice on each "
                                    "loss", 2 * twice),
                            Mistake("calc_grad clears the gradients itself (model.zero_grad() or "
                                    "p.grad = None): it must only ADD this batch's gradient, "
                                    "like backward(); zeroing is the job of the code that steps "
                                    "the parameters", twice / 2)],
                  hint="calc_grad does forward, loss and backward, nothing else")
