"""Checks of exercise 3: ``init_params``, ``linear1``, ``sigmoid``, ``mnist_loss``, ``batch_accuracy``.

Tolerances: values are compared with ``torch.allclose(rtol=1e-5, atol=1e-6)`` (float32 rounding);
``init_params``'s statistics within 0.02 of the asked mean and standard deviation (100000 draws).
"""

from __future__ import annotations

import torch

from autograder.checks.common import (
    device,
    forbid,
    loss_gradient,
    randn,
    require_accuracy,
    train_linear,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from mnist_ref import linear as ref

LOSS = "The MNIST Loss Function"
SIGMOID = "Sigmoid"
SGD = "Stochastic Gradient Descent (SGD)"

EXERCISE = Exercise(
    stem="e03_mnist_loss",
    title="Exercise 3: mnist_loss",
    section=LOSS,
    hints=[
        'Each function is one or two lines in the book\'s section "The MNIST Loss Function". '
        "Keep every tensor's shape in mind: predictions and targets are both [N, 1].",
        "mnist_loss: squash the predictions with a sigmoid first, then "
        "torch.where(targets == 1, 1 - predictions, predictions) and take the mean. "
        "batch_accuracy receives raw outputs: a 3 is predicted where sigmoid(output) > 0.5.",
        "init_params: (torch.randn(size) * std).requires_grad_(). linear1: xb @ weights + bias. "
        "sigmoid: 1 / (1 + torch.exp(-x)).",
    ],
)
check = EXERCISE.check


def _targets(n: int) -> torch.Tensor:
    """``[n, 1]`` float targets, alternating 3 (1.0) and 7 (0.0)."""
    return (torch.arange(n) % 2 == 0).float().unsqueeze(1).to(device())


@check(
    points=1,
    description="init_params returns normal random values of the asked shape and std, tracking gradients",
)
def init_params_values(sub):
    init_params = sub.fn("init_params")
    w = init_params((784, 1))
    expect_tensor(
        w,
        torch.zeros(784, 1),
        what="init_params((784, 1))",
        check_values=False,
        check_device=False,
        section=SGD,
    )
    if not w.requires_grad:
        raise Wrong(
            "init_params((784, 1)) returned a tensor that does not track gradients.",
            got=describe(w),
            cause="requires_grad_() is missing: without it, backward() "
            "computes no gradient for the weights",
            section=SGD,
            hint="end with .requires_grad_()",
        )
    if not w.is_leaf:
        raise Wrong(
            "init_params((784, 1)) returned a tensor computed from another one that "
            "tracks gradients, so its .grad stays empty.",
            cause="call requires_grad_() last, after multiplying by std",
            section=SGD,
        )
    b = init_params(1)
    expect_tensor(
        b,
        torch.zeros(1),
        what="init_params(1)",
        check_values=False,
        check_device=False,
        section=SGD,
    )
    big = init_params((1000, 100), std=0.5).detach()
    mean, std = big.mean().item(), big.std().item()
    if abs(mean) > 0.02 or abs(std - 0.5) > 0.02:
        cause = None
        if 0.2 < mean < 0.3:
            cause = "torch.rand draws uniformly from [0, 1); the book uses torch.randn (normal)"
        elif abs(std - 1.0) < 0.05:
            cause = "std is ignored: multiply the random values by std"
        raise Wrong(
            f"init_params((1000, 100), std=0.5) drew values with mean {mean:.3f} and std "
            f"{std:.3f}; expected mean 0 and std 0.5 (within 0.02).",
            cause=cause,
            section=SGD,
        )


@check(points=1, description="linear1 computes xb @ weights + bias with shape [N, 1]")
def linear1_values(sub):
    xb, w, b = randn(5, 784, seed=1), randn(784, 1, seed=2), randn(1, seed=3)
    expected = ref.linear1(xb, w, b)
    got = sub.fn("linear1")(xb, w, b)
    expect_tensor(
        got,
        expected,
        what="linear1(xb [5, 784], weights [784, 1], bias [1])",
        rtol=1e-4,
        atol=1e-4,
        section="Stochastic Gradient Descent (SGD)",
        mistakes=[
            Mistake("the bias is missing: add + bias", xb @ w),
            Mistake("the bias is subtracted: use + bias", xb @ w - b),
        ],
        hint="@ is the matrix product: [N, 784] @ [784, 1] gives [N, 1]",
    )


@check(points=1, description="sigmoid is 1 / (1 + exp(-x)), written by hand")
def sigmoid_values(sub):
    sigmoid = sub.fn("sigmoid")
    x = torch.linspace(-8, 8, 12).view(3, 4).to(device())
    expect_tensor(
        sigmoid(x),
        torch.sigmoid(x),
        what="sigmoid(x [3, 4])",
        section=SIGMOID,
        mistakes=[
            Mistake("exp(x) instead of exp(-x): that is 1 - sigmoid(x)", 1 - torch.sigmoid(x)),
            Mistake("1 + exp(-x) without the 1 / (...): take the reciprocal", 1 + torch.exp(-x)),
        ],
    )
    forbid(
        sigmoid,
        {"sigmoid", "expit", "logistic"},
        "sigmoid",
        "this exercise is to write the formula yourself with torch.exp",
        SIGMOID,
    )


def _loss_inputs():
    preds = torch.tensor([[2.0], [-1.0], [0.5], [-3.0], [0.2], [1.5]], device=device())
    return preds, _targets(6)


@check(points=2, description="mnist_loss matches the reference on [N, 1] predictions and targets")
def mnist_loss_values(sub):
    preds, targets = _loss_inputs()
    expected = ref.mnist_loss(preds, targets)
    got = sub.fn("mnist_loss")(preds.clone(), targets.clone())
    sig = preds.sigmoid()
    expect_tensor(
        got,
        expected,
        what="mnist_loss(predictions [6, 1], targets [6, 1])",
        section=LOSS,
        hint="sigmoid first, then torch.where(targets == 1, 1 - p, p).mean()",
        mistakes=[
            Mistake(
                "no sigmoid: the raw predictions must be squashed into (0, 1) first",
                torch.where(targets == 1, 1 - preds, preds).mean(),
            ),
            Mistake(
                "the torch.where branches are swapped: for a 3 (target 1) the loss "
                "is 1 - prediction",
                torch.where(targets == 1, sig, 1 - sig).mean(),
            ),
            Mistake(
                "broadcasting: predictions became [N] (flattened or squeezed) while "
                "targets are [N, 1], so torch.where produced an [N, N] table",
                torch.where(targets == 1, 1 - sig.view(-1), sig.view(-1)).mean(),
            ),
            Mistake(
                "sum instead of mean: the loss must not grow with the batch size",
                torch.where(targets == 1, 1 - sig, sig).sum(),
            ),
            Mistake(
                "this is 1 - accuracy, not a loss: thresholding makes the gradient zero",
                1 - ((sig > 0.5).float() == targets).float().mean(),
            ),
        ],
    )


@check(points=1, description="mnist_loss has the reference's gradient (it is smooth, not accuracy)")
def mnist_loss_gradient(sub):
    preds, targets = _loss_inputs()
    cause = ("comparisons (> 0.5) or .item() cut the graph: that is accuracy, which has a zero "
             "gradient almost everywhere, so SGD cannot learn from it")
    expect_tensor(
        loss_gradient(sub.fn("mnist_loss"), preds, targets, what="mnist_loss", cause=cause,
                      section=LOSS),
        loss_gradient(ref.mnist_loss, preds, targets, what="the reference", cause="", section=LOSS),
        what="the gradient of mnist_loss with respect to the predictions",
        section=LOSS,
        check_device=False,
    )


@check(points=2, description="the reference training loop learns with your mnist_loss", timeout=60)
def mnist_loss_trains(sub):
    acc, data = train_linear(loss_func=sub.fn("mnist_loss"))
    require_accuracy(
        acc,
        "linear_sgd",
        data,
        "the linear model trained with your mnist_loss (lr 1.0, batch 256, 20 epochs)",
        LOSS,
        hint="compare mnist_loss with the book's, line by line",
    )


@check(points=1, description="batch_accuracy thresholds the sigmoid of raw outputs at 0.5")
def batch_accuracy_values(sub):
    # raw outputs between 0 and 0.5 tell the mistakes apart: each gives a different accuracy
    xb = torch.tensor(
        [[2.0], [0.3], [-0.3], [-2.0], [0.7], [-0.6], [0.1], [-4.0], [0.2]], device=device()
    )
    yb = torch.tensor(
        [[1.0], [1.0], [0.0], [0.0], [1.0], [0.0], [1.0], [1.0], [1.0]], device=device()
    )
    expected = ref.batch_accuracy(xb, yb)
    got = sub.fn("batch_accuracy")(xb, yb)
    expect_tensor(
        got,
        expected,
        what="batch_accuracy(outputs [9, 1], targets [9, 1])",
        section=LOSS,
        hint="preds = xb.sigmoid(); ((preds > 0.5) == yb).float().mean()",
        mistakes=[
            Mistake(
                "0.5 applied to the raw outputs: apply the sigmoid first (or compare "
                "raw outputs with 0)",
                ((xb > 0.5) == yb).float().mean(),
            ),
            Mistake(
                "threshold 0.0 after the sigmoid: a sigmoid is always above 0, so "
                "every image is called a 3",
                ((xb.sigmoid() > 0) == yb).float().mean(),
            ),
            Mistake(
                "the comparison is reversed: a 3 is where the sigmoid is ABOVE 0.5",
                ((xb.sigmoid() < 0.5) == yb).float().mean(),
            ),
        ],
    )
