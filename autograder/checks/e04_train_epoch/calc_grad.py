"""The checks of ``calc_grad``: the gradients it leaves (with the default and another loss), and that
it adds into ``.grad`` as ``backward()`` does.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device
from autograder.checks.e04_train_epoch.exercise import ATOL, RTOL, TOGETHER, check
from autograder.checks.e04_train_epoch.problems import (
    N_FEATURES,
    grads_of,
    linear_model,
    linear_params,
    seeded_batches,
    squared_loss,
)
from autograder.core.feedback import Mistake, Wrong, expect_tensor
from mnist_ref import linear as ref


@check(points=1, description="calc_grad computes the loss's gradients (with the given loss_func) "
       "and returns the loss")
def calc_grad_values(sub):
    calc_grad = sub.fn("calc_grad")
    (xb, yb), = seeded_batches(1, 6, seed=40)
    for loss_func, label in ((None, "the default loss"), (squared_loss, "a squared-error loss")):
        params, ref_params = linear_params(41), linear_params(41)
        args = (xb, yb, linear_model(params)) + (() if loss_func is None else (loss_func,))
        extra = "" if loss_func is None else ", loss_func"
        what = f"calc_grad(xb [6, 5], yb [6, 1], model{extra}) with {label}"
        loss = calc_grad(*args)
        expected_loss = ref.calc_grad(xb, yb, linear_model(ref_params), loss_func or ref.mnist_loss)
        if all(p.grad is None for p in params):
            raise Wrong(f"{what} left every parameter's .grad empty (None).",
                        cause="loss.backward() is missing: it is what computes the gradients",
                        section=TOGETHER, hint="loss = loss_func(model(xb), yb); loss.backward()")
        single = grads_of(ref_params)
        mistakes = [Mistake("the gradients are doubled: backward() ran twice on the loss",
                            2 * single)]
        if loss_func is not None:
            other = linear_params(41)
            ref.calc_grad(xb, yb, linear_model(other), ref.mnist_loss)
            mistakes.append(Mistake("loss_func is ignored: call loss_func(model(xb), yb); the "
                                    "book's mnist_loss is only the default", grads_of(other)))
        expect_tensor(grads_of(params), single, rtol=RTOL,
                      what=f"the gradients (weights then bias) after {what}",
                      atol=ATOL, section=TOGETHER, mistakes=mistakes)
        expect_tensor(loss, expected_loss.detach(), what=f"the value returned by {what}",
                      rtol=RTOL, atol=ATOL, section=TOGETHER, check_device=False,
                      hint="return the loss after calling loss.backward()")


@check(points=1, description="calc_grad adds into .grad: two calls give twice one call's "
       "gradients, as backward() does")
def calc_grad_accumulates(sub):
    calc_grad = sub.fn("calc_grad")
    (xb, yb), = seeded_batches(1, 6, seed=42)
    torch.manual_seed(0)
    model = torch.nn.Linear(N_FEATURES, 1).to(device())
    reference = torch.nn.Linear(N_FEATURES, 1).to(device())
    reference.load_state_dict(model.state_dict())
    for _ in range(2):
        calc_grad(xb, yb, model)
        ref.calc_grad(xb, yb, reference)
    params = list(model.parameters())
    if all(p.grad is None for p in params):
        raise Wrong("after two calls of calc_grad on an nn.Linear model, its parameters have no "
                    "gradient.", cause="loss.backward() is missing (or the gradients are "
                    "cleared inside calc_grad)", section=TOGETHER)
    twice = grads_of(reference.parameters())
    expect_tensor(grads_of(params), twice, rtol=RTOL, atol=ATOL, section=TOGETHER,
                  what="the gradients of an nn.Linear(5, 1) after two calls of calc_grad on the "
                       "same batch",
                  mistakes=[Mistake("calc_grad clears the gradients itself (model.zero_grad() or "
                                    "p.grad = None): it must only ADD this batch's gradient, "
                                    "like backward(); zeroing is the job of the code that steps "
                                    "the parameters", twice / 2)],
                  hint="calc_grad does forward, loss and backward, nothing else")

