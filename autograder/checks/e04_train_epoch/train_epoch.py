"""The checks of ``train_epoch`` (run with the reference ``calc_grad``): every parameter stepped with
every mini-batch, and no gradient left behind.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device, nonzero_grads, substituted
from autograder.checks.e04_train_epoch.exercise import ATOL, RTOL, TOGETHER, check
from autograder.checks.e04_train_epoch.problems import (
    N_FEATURES,
    CountingLoader,
    clone_params,
    flat_params,
    grads_of,
    linear_model,
    linear_params,
    seeded_batches,
    sgd,
    squared_loss,
    step_mistakes,
)
from autograder.core.feedback import Wrong, expect_tensor
from mnist_ref import linear as ref


@check(points=2, description="train_epoch steps every parameter with every mini-batch, like the "
       "reference (SGD: p -= lr * grad)")
def train_epoch_values(sub):
    train_epoch = sub.fn("train_epoch")
    batches = seeded_batches(3, 4, seed=50)
    lr = 0.3
    start = linear_params(51)
    # 1) the book's case: a function model over (weights, bias), the default loss
    params, loader = clone_params(start), CountingLoader(batches)
    with substituted(sub, calc_grad=ref.calc_grad):
        train_epoch(linear_model(params), lr, params, loader)
    if loader.served < len(batches):
        raise Wrong(f"train_epoch took {loader.served} of the {len(batches)} mini-batches of dl: "
                    "one epoch must use every batch.", cause="a `return` or `break` inside the "
                    "loop, or `xb, yb = next(iter(dl))` instead of `for xb, yb in dl`",
                    section=TOGETHER)
    expect_tensor(flat_params(params), flat_params(sgd(start, batches, lr)), rtol=RTOL, atol=ATOL,
                  what=f"the parameters (5 weights then the bias) after train_epoch(model, lr="
                       f"{lr}, params, dl of {len(batches)} batches)",
                  mistakes=step_mistakes(start, batches, lr), section=TOGETHER,
                  hint="for each batch: calc_grad, then p.data -= p.grad * lr; p.grad.zero_()")
    # 2) nn.Linear parameters and a loss_func that is not the default
    torch.manual_seed(1)
    linear = torch.nn.Linear(N_FEATURES, 1).to(device())
    start = [linear.weight.detach().t().clone(), linear.bias.detach().clone()]  # as [5, 1], [1]
    with substituted(sub, calc_grad=ref.calc_grad):
        train_epoch(linear, lr, list(linear.parameters()), batches, squared_loss)
    got = torch.cat([linear.weight.detach().reshape(-1), linear.bias.detach()])
    expect_tensor(got, flat_params(sgd(start, batches, lr, squared_loss)), rtol=RTOL, atol=ATOL,
                  what=f"the parameters of an nn.Linear(5, 1) after train_epoch(linear, lr={lr}, "
                       "list(linear.parameters()), dl, loss_func=<a squared-error loss>)",
                  mistakes=step_mistakes(start, batches, lr, squared_loss), section=TOGETHER)


@check(points=1, description="train_epoch leaves every gradient at zero (or None) when it returns")
def train_epoch_zeroes_grads(sub):
    train_epoch = sub.fn("train_epoch")
    batches = seeded_batches(3, 4, seed=60)
    start = linear_params(61)
    params = clone_params(start)
    with substituted(sub, calc_grad=ref.calc_grad):
        train_epoch(linear_model(params), 0.3, params, batches)
    left = nonzero_grads(params)
    if left:
        # what zeroing before each calc_grad (instead of after each step) leaves behind
        before_last = sgd(start, batches[:-1], 0.3)
        ref.calc_grad(*batches[-1], linear_model(before_last))
        cause = ("p.grad.zero_() (or p.grad = None) is missing after the step: backward() ADDS "
                 "into .grad, so the gradients pile up from batch to batch")
        if torch.allclose(grads_of(params), grads_of(before_last), rtol=RTOL, atol=ATOL):
            cause = ("the gradients are cleared before each calc_grad but not after the last "
                     "step: the training is right, but the last batch's gradient is left in "
                     ".grad, and any code that runs next and calls backward() (a check of the "
                     "gradients, another training loop) adds to it; zero each gradient right "
                     "after its step, as the book does")
        raise Wrong("after train_epoch, the parameters' .grad still hold non-zero values.",
                    expected="every .grad all zeros, or None",
                    got=f"largest |grad| {max(float(g.abs().max()) for g in left):.4g}",
                    cause=cause, section=TOGETHER)

