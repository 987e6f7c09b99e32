"""Checks of exercise 3: ``init_params``, ``linear1``, ``predict_3``, ``sigmoid``, ``mnist_loss``,
``batch_accuracy``.

The student's functions run in the isolated worker; what is compared here is plain data that came
back. Three probes (:mod:`autograder.probes.e03_mnist_loss`) collect what a plain call cannot:
whether ``init_params``'s tensor is a leaf that tracks gradients, which of the library's sigmoids
the student's ``sigmoid`` called (the stub asks for the formula by hand), and a training run of
stage ``linear_sgd`` (the reference loop, the student's ``mnist_loss``) that returns its trained
parameters and per-epoch accuracies. The gradient of ``mnist_loss`` comes back from the shared
``gradient`` probe.

The training check decides on the grader's own numbers: it measures the returned parameters on
its own validation data, requires that number to agree with the run's last reported accuracy, and
compares it with the reference trained the same way from the same start (same initial weights,
batches, seed) here, allowing :func:`~autograder.checks.common.reference_margin` less; the
threshold recorded for ``linear_sgd`` on the data is a floor where one exists.

Tolerances: values are compared with ``torch.allclose(rtol=1e-5, atol=1e-6)`` (float32 rounding);
``init_params``'s statistics within 0.02 of the asked mean and standard deviation (100000 draws).
"""

from __future__ import annotations

import re
from pathlib import Path

import torch

from autograder.checks.common import (
    device,
    linear_accuracy,
    linear_reference,
    linear_start,
    randn,
    require_like_reference,
    sample_data_in,
    with_cause,
)
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor, where_in_student_code
from mnist_ref import linear as ref

LOSS = "The MNIST Loss Function"
SIGMOID = "Sigmoid"
EPOCHS, LR, BATCH, SEED = 20, 1.0, 256, 42  # stage linear_sgd

EXERCISE = Exercise(
    stem="e03_mnist_loss",
    title="Exercise 3: mnist_loss",
    section=LOSS,
    hints=[
        'Each function is one or two lines in the book\'s section "The MNIST Loss Function". '
        "Keep every tensor's shape in mind: predictions and targets are both [N, 1].",
        "mnist_loss: squash the predictions with a sigmoid first, then "
        "torch.where(targets == 1, 1 - predictions, predictions) and take the mean. "
        "batch_accuracy receives raw outputs: a 3 is predicted where sigmoid(output) > 0.5, "
        "which is where the raw output is above 0.0 (sigmoid(0) = 0.5).",
        "init_params: (torch.randn(size) * std).requires_grad_(). linear1: xb @ weights + bias. "
        "predict_3: preds > 0.0 (the raw output, where sigmoid(0) = 0.5 lies). "
        "sigmoid: 1 / (1 + torch.exp(-x)).",
    ],
)
check = EXERCISE.check


def _targets(n: int) -> torch.Tensor:
    """``[n, 1]`` float targets, alternating 3 (1.0) and 7 (0.0)."""
    return (torch.arange(n) % 2 == 0).float().unsqueeze(1).to(device())


# --- init_params ---------------------------------------------------------------------------------

_OVERLOADS = re.compile(r"(\w+)\(\) received an invalid combination of arguments - got \(([^)]*)\)")


def _call_failed(err: Exception, call: str, size, sub) -> Wrong | None:
    """A :class:`Wrong` naming ``call`` and the cause when ``err`` is PyTorch refusing the
    arguments of one of its functions (its message lists every signature it has); else None."""
    found = _OVERLOADS.search(str(err))
    if found is None:
        return None
    func, got = found.group(1), found.group(2)
    where = where_in_student_code(err, str(Path(sub.path).resolve()))
    cause = (f"torch.{func} was given arguments of the types ({got}), which match none of "
             "its forms")
    if "int" in got.split(", ")[-1] and "tuple of ints size" in str(err):
        cause = (f"the size is the int {size!r} here, and "
                 f"torch.{func}(mean, std, size) accepts a size only as a tuple; "
                 "torch.randn(size) accepts both an int and a tuple (or turn an int into "
                 "(size,) first)")
    return Wrong(f"{call} raised TypeError inside torch.{func}()"
                 + (f", at {where}" if where else "") + ".",
                 cause=cause, section=LOSS,
                 hint="the checks call init_params((784, 1)) for the weights and init_params(1) "
                      "for the bias, as the book does")


def _init_params(sub, call: str, size, std=None) -> dict:
    sub.fn("init_params")  # a missing function is named before the probe runs
    try:
        return sub.probe("init_params_call", size, std)
    except TypeError as err:
        explained = _call_failed(err, call, size, sub)
        if explained is None:
            raise
        raise explained from None


def _expect_parameter(found: dict, shape: list[int], call: str) -> torch.Tensor:
    if not found["is_tensor"]:
        expect_tensor(found["value"], torch.zeros(shape), what=call, check_values=False,
                      check_device=False, section=LOSS)
    value = found["value"]
    expect_tensor(value, torch.zeros(shape), what=call, check_values=False, check_device=False,
                  section=LOSS)
    if not found["requires_grad"]:
        raise Wrong(f"{call} returned a tensor that does not track gradients.",
                    got=describe(value), cause="requires_grad_() is missing: without it, "
                    "backward() computes no gradient for the weights", section=LOSS,
                    hint="end with .requires_grad_()")
    if not found["is_leaf"]:
        raise Wrong(f"{call} returned a tensor computed from another one that tracks gradients, "
                    "so its .grad stays empty.",
                    cause="call requires_grad_() last, after multiplying by std", section=LOSS)
    return value


@check(
    points=1,
    description="init_params returns normal random values of the asked shape and std, tracking gradients",
)
def init_params_values(sub):
    _expect_parameter(_init_params(sub, "init_params((784, 1))", (784, 1)), [784, 1],
                      "init_params((784, 1))")
    _expect_parameter(_init_params(sub, "init_params(1)", 1), [1], "init_params(1)")
    big = _expect_parameter(_init_params(sub, "init_params((1000, 100), std=0.5)", (1000, 100),
                                         0.5), [1000, 100], "init_params((1000, 100), std=0.5)")
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
            section=LOSS,
        )


# --- linear1, predict_3, sigmoid -----------------------------------------------------------------


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
        section=LOSS,
        mistakes=[
            Mistake("the bias is missing: add + bias", xb @ w),
            Mistake("the bias is subtracted: use + bias", xb @ w - b),
        ],
        hint="@ is the matrix product: [N, 784] @ [784, 1] gives [N, 1]",
    )


#: Raw outputs on both sides of 0.0, three of them between 0 and 0.5 (where comparing the raw
#: output with 0.5 goes wrong) and none exactly 0 (where > and >= differ).
_RAW = [[2.0], [0.3], [-0.3], [-2.0], [0.7], [-0.6], [0.1], [-4.0], [0.45], [-0.05]]


@check(points=1, description="predict_3 calls an image a 3 where its raw output is above 0.0")
def predict_3_threshold(sub):
    preds = torch.tensor(_RAW, device=device())  # [10, 1]
    got = sub.fn("predict_3")(preds.clone())
    if isinstance(got, torch.Tensor) and not got.is_complex():
        got = got.float()  # bool, or the book's (preds > 0.0).float(): 0/1 say the same
    expect_tensor(
        got,
        (preds > 0).float(),
        what="predict_3(raw outputs [10, 1]) (True/1 for a 3)",
        check_dtype=False,
        section=LOSS,
        hint="a raw output above 0.0 is a sigmoid above 0.5: preds > 0.0",
        mistakes=[
            Mistake("0.5 was compared with the raw outputs: 0.5 is the line for sigmoid(output); "
                    "for the raw output it is 0.0, because sigmoid(0) = 0.5",
                    (preds > 0.5).float()),
            Mistake("the comparison is reversed: the targets say 1 for a 3, and mnist_loss pushes "
                    "the raw outputs of 3s up (and of 7s down), so a 3 is ABOVE 0.0",
                    (preds < 0).float()),
            Mistake("sigmoid(output) > 0 holds for every output (a sigmoid is always above 0): "
                    "compare the sigmoid with 0.5, or the raw output with 0.0",
                    torch.ones_like(preds)),
            Mistake("the sigmoid's values came back, not a decision: compare them with 0.5",
                    preds.sigmoid()),
        ],
    )


@check(points=1, description="sigmoid is 1 / (1 + exp(-x)), written by hand")
def sigmoid_values(sub):
    sub.fn("sigmoid")  # a missing function is named before the probe runs
    x = torch.linspace(-8, 8, 12).view(3, 4).to(device())
    found = sub.probe("sigmoid_call", x)
    expect_tensor(
        found["value"],
        torch.sigmoid(x),
        what="sigmoid(x [3, 4])",
        section=SIGMOID,
        mistakes=[
            Mistake("exp(x) instead of exp(-x): that is 1 - sigmoid(x)", 1 - torch.sigmoid(x)),
            Mistake("1 + exp(-x) without the 1 / (...): take the reciprocal", 1 + torch.exp(-x)),
        ],
    )
    if found["used"]:
        raise Wrong(f"sigmoid uses {', '.join(found['used'])}, PyTorch's own sigmoid.",
                    cause="this exercise is to write the formula yourself with torch.exp, as "
                          "the stub says", section=SIGMOID, hint="1 / (1 + torch.exp(-x))")


# --- mnist_loss ----------------------------------------------------------------------------------


def _loss_inputs():
    preds = torch.tensor([[2.0], [-1.0], [0.5], [-3.0], [0.2], [1.5]], device=device())
    return preds, _targets(6)


#: The book's loss written wrong in the ways learners do: (the cause, the wrong loss).
LOSS_MISTAKES = [
    ("no sigmoid: the raw predictions must be squashed into (0, 1) first",
     lambda p, t: torch.where(t == 1, 1 - p, p).mean()),
    ("the torch.where branches are swapped: for a 3 (target 1) the loss is 1 - prediction",
     lambda p, t: torch.where(t == 1, p.sigmoid(), 1 - p.sigmoid()).mean()),
    ("broadcasting: predictions became [N] (flattened or squeezed) while targets are [N, 1], so "
     "torch.where produced an [N, N] table",
     lambda p, t: torch.where(t == 1, 1 - p.sigmoid().view(-1), p.sigmoid().view(-1)).mean()),
    ("sum instead of mean: the loss must not grow with the batch size",
     lambda p, t: torch.where(t == 1, 1 - p.sigmoid(), p.sigmoid()).sum()),
    ("this is 1 - accuracy, not a loss: thresholding makes the gradient zero",
     lambda p, t: 1 - ((p.sigmoid() > 0.5).float() == t).float().mean()),
]


def _loss_mistakes(preds, targets) -> list[Mistake]:
    """What each known wrong loss gives on these inputs."""
    return [Mistake(cause, wrong(preds, targets)) for cause, wrong in LOSS_MISTAKES]


def _gradient_mistakes(preds, targets) -> list[Mistake]:
    """The gradient of each known wrong loss with respect to ``preds`` (where it has one)."""
    mistakes = []
    for cause, wrong in LOSS_MISTAKES:
        leaf = preds.detach().clone().requires_grad_()
        loss = wrong(leaf, targets)
        if loss.requires_grad:
            loss.backward()
            mistakes.append(Mistake(cause, leaf.grad))
    return mistakes


@check(points=2, description="mnist_loss matches the reference on [N, 1] predictions and targets")
def mnist_loss_values(sub):
    preds, targets = _loss_inputs()
    expected = ref.mnist_loss(preds, targets)
    got = sub.fn("mnist_loss")(preds.clone(), targets.clone())
    expect_tensor(
        got,
        expected,
        what="mnist_loss(predictions [6, 1], targets [6, 1])",
        section=LOSS,
        hint="sigmoid first, then torch.where(targets == 1, 1 - p, p).mean()",
        mistakes=_loss_mistakes(preds, targets),
    )


_CUT = ("comparisons (> 0.5) or .item() cut the graph: that is accuracy, which has a zero "
        "gradient almost everywhere, so SGD cannot learn from it")


@check(points=1, description="mnist_loss has the reference's gradient (it is smooth, not accuracy)")
def mnist_loss_gradient(sub):
    preds, targets = _loss_inputs()
    sub.fn("mnist_loss")
    found = sub.probe("gradient", "mnist_loss", [preds, targets], [0])
    if found["grads"] is None:
        if not isinstance(found["value"], torch.Tensor) or found["value"].numel() == 1:
            raise Wrong("mnist_loss returned something PyTorch cannot differentiate.",
                        got=describe(found["value"]), cause=_CUT, section=LOSS)
        raise Wrong("mnist_loss should return one number (a 0-dimensional tensor), to "
                    "differentiate.", got=describe(found["value"]), section=LOSS,
                    hint="end with .mean()")
    if found["grads"][0] is None:
        raise Wrong("mnist_loss returned a loss that does not depend on the predictions: no "
                    "gradient reached them.", cause=_CUT, section=LOSS)
    leaf = preds.detach().clone().requires_grad_()
    ref.mnist_loss(leaf, targets).backward()
    expect_tensor(
        found["grads"][0],
        leaf.grad,
        what="the gradient of mnist_loss with respect to the predictions",
        section=LOSS,
        check_device=False,
        mistakes=_gradient_mistakes(preds, targets),
    )


@check(points=2, description="the reference training loop learns with your mnist_loss", timeout=60)
def mnist_loss_trains(sub):
    sub.fn("mnist_loss")
    reference = linear_reference(EPOCHS, LR, SEED)  # trains here while the worker trains
    what = (f"the linear model trained with your mnist_loss (lr {LR}, batch {BATCH}, "
            f"{EPOCHS} epochs)")
    try:
        run = sub.probe("train_with_loss", sample_data_in(sub), *linear_start(SEED), EPOCHS, LR,
                        BATCH, SEED)
    except RuntimeError as err:
        if "does not require grad" not in str(err):
            raise
        raise Wrong(f"{what} could not train: loss.backward() found no gradient to compute "
                    f"(PyTorch said: {str(err).splitlines()[0]}).", cause=_CUT,
                    section=LOSS) from None
    reference = reference.result()
    data = reference.data
    accuracy = linear_accuracy(run.get("params") if isinstance(run, dict) else run, data, what,
                               LOSS)
    history = run.get("history")
    if not isinstance(history, list) or len(history) != EPOCHS or not isinstance(
            history[-1], float) or abs(history[-1] - accuracy) > 1e-4:
        raise Wrong(f"{what}: the run reported an accuracy that its trained parameters do not "
                    f"give (they give {accuracy:.4f} on the grader's own validation data).",
                    got=describe(history), cause="something in your file changed the grader's "
                    "training run (a patched function or a global setting)", section=LOSS)
    try:
        require_like_reference(accuracy, reference.accuracy, "linear_sgd", data, what, LOSS,
                               hint="compare mnist_loss with the book's, line by line")
    except Wrong as wrong:
        raise with_cause(wrong, _known_loss_mistake(sub)) from None


def _known_loss_mistake(sub) -> str | None:
    """The known mistake the student's ``mnist_loss`` makes on the check's small inputs, if any:
    the likely reason why it does not train like the reference."""
    preds, targets = _loss_inputs()
    got = sub.fn("mnist_loss")(preds.clone(), targets.clone())
    if not isinstance(got, torch.Tensor):
        return None
    for mistake in _loss_mistakes(preds, targets):
        if got.shape == mistake.value.shape and torch.allclose(
                got.detach().to(mistake.value.device, mistake.value.dtype), mistake.value,
                rtol=1e-5, atol=1e-6):
            return f"your mnist_loss makes a known mistake: {mistake.cause}"
    return None


# --- batch_accuracy ------------------------------------------------------------------------------


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
