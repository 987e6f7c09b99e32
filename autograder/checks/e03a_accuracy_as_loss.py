"""Checks of exercise 3a: the accuracy of raw outputs, nudging one weight, and the book's
experiment that shows why accuracy cannot be the loss.

The student's functions run in the isolated worker (the probes of
:mod:`autograder.probes.e03a_accuracy_as_loss` report what ``nudge`` did to its tensor, and run
``nudge_experiment`` with the reference's ``accuracy`` and ``nudge``); every comparison is made
here against :mod:`mnist_ref.accuracy_loss`. The experiment runs on the real training images
(:func:`~autograder.checks.common.sample_data`, sent once per worker) from the linear model's
seeded start (:func:`~autograder.checks.common.linear_start`): accuracies within 1e-6 of the
reference's (they are counts over the same images), losses within 1e-5, and the loss's change
within 20% (plus 2e-7) of the reference's: a change of 1.2e-5 for the weight of pixel 406 times
1.01, against an accuracy that does not move. ``slopes`` (finite differences along six weights,
eps 1e-3) runs with the reference ``accuracy``: the accuracy's slopes within 1e-3 of the
reference's (all 0 there), the loss's within 5% (plus 1e-4: float32 differences of a loss near
0.46), and the weights put back within 1e-6. The explanation is graded like the questionnaire's
concept answers: one letter, each wrong choice naming its misconception.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device, linear_start, sample_data, sample_data_in
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_number, expect_tensor
from mnist_ref import accuracy_loss as ref

LOSS = "The MNIST Loss Function"

EXERCISE = Exercise(
    stem="e03a_accuracy_as_loss",
    title="Exercise 3a: why accuracy cannot be the loss",
    section=LOSS,
    hints=[
        'The book runs this experiment in "The MNIST Loss Function", before "Sigmoid": '
        "accuracy, then weights[0] *= 1.0001, then accuracy again. Print the four numbers "
        "nudge_experiment returns for the two nudges the exercise suggests.",
        "accuracy: ((preds > 0.0).float() == targets).float().mean().item(). nudge: inside "
        "`with torch.no_grad():`, weights[index] *= factor. nudge_experiment: predict, measure, "
        "nudge, predict again, measure again.",
        "The accuracy changes only where a prediction crosses 0.0: a small nudge crosses none, "
        "so the accuracy's gradient is 0 almost everywhere. The loss moves a little with every "
        "nudge (except for pixel 0, blank in every image).",
    ],
)
check = EXERCISE.check


# --- accuracy ----------------------------------------------------------------------------------


@check(points=1, description="accuracy: the fraction of raw outputs on the right side of 0.0")
def accuracy_values(sub):
    preds = torch.tensor([[2.0], [0.3], [-0.3], [-2.0], [0.7], [-0.6], [0.1], [-4.0], [0.2]],
                         device=device())
    targets = torch.tensor([[1.0], [1.0], [0.0], [0.0], [0.0], [0.0], [1.0], [1.0], [1.0]],
                           device=device())
    expected = ref.accuracy(preds, targets)
    what = "accuracy(preds [9, 1], targets [9, 1])"
    got = sub.fn("accuracy")(preds, targets)
    if got is None:
        raise Wrong(f"{what} returned None.", cause="a `return` is missing", section=LOSS)
    expect_number(got, expected, what=what, atol=1e-6, section=LOSS,
                  hint="((preds > 0.0).float() == targets).float().mean().item()",
                  mistakes=[
                      Mistake("0.5 is the threshold for probabilities (after a sigmoid); raw "
                              "outputs are compared with 0.0",
                              ((preds > 0.5).float() == targets).float().mean().item()),
                      Mistake("the comparison is reversed: a raw output ABOVE 0.0 means 3",
                              ((preds < 0.0).float() == targets).float().mean().item()),
                      Mistake("broadcasting: a [N] tensor compared with [N, 1] gives an [N, N] "
                              "table; keep both [N, 1]",
                              ((preds.view(-1) > 0.0).float() == targets).float().mean().item()),
                  ])
    flat = sub.fn("accuracy")(preds.view(-1), targets.view(-1))
    expect_number(flat, expected, what="accuracy(preds [9], targets [9])", atol=1e-6,
                  section=LOSS, hint="compare the two tensors elementwise and average")


# --- nudge -------------------------------------------------------------------------------------


@check(points=2, description="nudge multiplies one weight in place under torch.no_grad(); the "
       "weights stay a leaf that tracks gradients")
def nudge_in_place(sub):
    sub.fn("nudge")
    weights = linear_start()[0]
    for index, factor in (ref.MIDDLE_NUDGE, (3, 0.5)):
        _nudge_case(sub, weights, index, factor)


def _nudge_case(sub, weights: torch.Tensor, index: int, factor: float) -> None:
    what = f"nudge(weights [784, 1], {index}, {factor})"
    try:
        found = sub.probe("nudge_call", weights, index, factor)
    except RuntimeError as err:
        if "leaf" not in str(err) or "in-place" not in str(err):
            raise
        raise Wrong(f"{what} raised RuntimeError: {str(err).splitlines()[0]}.",
                    cause="weights tracks gradients, and PyTorch refuses to change it in place "
                    "while it records: do it inside `with torch.no_grad():`",
                    section=LOSS, hint="with torch.no_grad(): weights[index] *= factor") from None
    expected = weights.clone()
    ref.nudge(expected, index, factor)
    everything, added, book = weights * factor, weights.clone(), weights.clone()
    added[index] += factor
    ref.nudge(book, *ref.MIDDLE_NUDGE)
    expect_tensor(found["after"], expected, what=f"the weights after {what}", section=LOSS,
                  check_device=False, hint="with torch.no_grad(): weights[index] *= factor",
                  mistakes=[
                      Mistake("the weights did not change: change the tensor itself, in place "
                              "(weights[index] *= factor); `weights = weights * factor` makes "
                              "a new tensor that nobody sees", weights),
                      Mistake("every weight was multiplied: nudge only weights[index]",
                              everything),
                      Mistake("factor was added: multiply, weights[index] *= factor", added),
                      Mistake(f"index and factor are ignored (always {ref.MIDDLE_NUDGE}): use "
                              "the arguments", book),
                  ])
    if not found["requires_grad"] or not found["is_leaf"]:
        raise Wrong(f"after {what} the weights no longer are a leaf that tracks gradients.",
                    cause="the change was recorded by autograd, or requires_grad was turned "
                    "off: nudge inside `with torch.no_grad():`", section=LOSS)


# --- the experiment ----------------------------------------------------------------------------


def _four_floats(got, what: str) -> list[float]:
    if not isinstance(got, (list, tuple)) or len(got) != 4:
        raise Wrong(f"{what} should return four numbers (acc_before, acc_after, loss_before, "
                    "loss_after).", got=describe(got), section=LOSS)
    values = []
    for name, v in zip(("acc_before", "acc_after", "loss_before", "loss_after"), got,
                       strict=True):
        if isinstance(v, torch.Tensor) and v.numel() == 1:
            raise Wrong(f"{what} returned {name} as a tensor; the four results are Python "
                        "floats.", got=describe(v), section=LOSS,
                        cause="add .item() (mnist_loss returns a 0-dimensional tensor)")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Wrong(f"{what} returned {name} as {describe(v)}; expected a float.",
                        section=LOSS)
        values.append(float(v))
    return values


@check(points=2, description="nudge_experiment on the training images: the accuracy does not "
       "move, the loss does (not at all for the blank pixel 0)")
def experiment_real_data(sub):
    sub.fn("nudge_experiment")
    data = sample_data()
    weights, bias = linear_start()
    for index, factor in (ref.MIDDLE_NUDGE, ref.BOOK_NUDGE):
        what = (f"nudge_experiment(train_x [{len(data.train_x)}, 784], train_y, weights, bias, "
                f"{index}, {factor}) from the seeded linear model (data {data.variant}; run with "
                "the reference accuracy and nudge)")
        found = sub.probe("experiment_call", sample_data_in(sub), weights, bias, index, factor,
                          ["accuracy", "nudge"])
        got = _four_floats(found["returned"], what)
        expected = ref.nudge_experiment(data.train_x, data.train_y,
                                        weights.clone().requires_grad_(),
                                        bias.clone().requires_grad_(), index, factor)
        names = ("acc_before", "acc_after", "loss_before", "loss_after")
        swapped = [expected[2], expected[3], expected[0], expected[1]]
        for i, name in enumerate(names):
            mistakes = [Mistake("the accuracies and the losses are swapped: return (acc_before, "
                                "acc_after, loss_before, loss_after)", swapped[i])]
            if i in (1, 3):
                mistakes.append(Mistake("the 'after' number comes from the predictions made "
                                        "before the nudge: predict again after nudging",
                                        expected[i - 1]))
            expect_number(got[i], expected[i], what=f"{name} of {what}",
                          atol=1e-6 if i < 2 else 1e-5, section=LOSS, mistakes=mistakes,
                          hint="predict, accuracy and loss; nudge; predict again, accuracy and "
                          "loss again")
        change, want = got[3] - got[2], expected[3] - expected[2]
        if abs(change - want) > 0.2 * abs(want) + 2e-7:
            raise Wrong(f"{what}: the loss changed by {change:.3g}; the reference's by "
                        f"{want:.3g}.", section=LOSS, cause="the loss after the nudge is not "
                        "computed from the nudged weights: predict again after nudging")


# --- slopes ------------------------------------------------------------------------------------


def _two_lists(got, n: int, what: str) -> tuple[list[float], list[float]]:
    if (not isinstance(got, (list, tuple)) or len(got) != 2
            or not all(isinstance(v, (list, tuple)) and len(v) == n for v in got)):
        raise Wrong(f"{what} should return two lists of {n} numbers (accuracy_slopes, "
                    "loss_slopes).", got=describe(got), section=LOSS)
    for v in (*got[0], *got[1]):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise Wrong(f"{what} returned {describe(v)} among its slopes; each is a Python "
                        "float.", section=LOSS,
                        cause="add .item() (mnist_loss returns a 0-dimensional tensor)"
                        if isinstance(v, torch.Tensor) else None)
    return [float(v) for v in got[0]], [float(v) for v in got[1]]


@check(points=2, description="slopes: the accuracy's slope is 0 along every weight, the loss's is "
       "its gradient")
def slopes_values(sub):
    sub.fn("slopes")
    data = sample_data()
    weights, bias = linear_start()
    indices, eps = list(ref.SLOPE_INDICES), 1e-3
    what = (f"slopes(train_x, train_y, weights, bias, {indices}, eps={eps}) from the seeded "
            f"linear model (data {data.variant}; run with the reference accuracy)")
    found = sub.probe("slopes_call", sample_data_in(sub), weights, bias, indices, eps)
    acc, loss = _two_lists(found["returned"], len(indices), what)
    after = found["weights_after"]
    if not torch.allclose(after, weights.to(after.device), atol=1e-6):
        raise Wrong(f"{what} left the weights changed.", section=LOSS,
                    cause="put each weight back after measuring (weights[i] -= eps), or the "
                    "next slopes are measured from another point")
    want_acc, want_loss = ref.slopes(data.train_x, data.train_y, weights.clone(), bias, indices,
                                     eps)
    hint = ("for each index: weights[i] += eps (under torch.no_grad()), measure, "
            "(after - before) / eps, then weights[i] -= eps")
    expect_tensor(torch.tensor(acc, dtype=torch.float64),
                  torch.tensor(want_acc, dtype=torch.float64), what=f"the accuracy slopes of {what}",
                  atol=1e-3, check_device=False, section=LOSS, hint=hint)
    want = torch.tensor(want_loss, dtype=torch.float64)
    expect_tensor(torch.tensor(loss, dtype=torch.float64), want, atol=1e-4, rtol=0.05,
                  what=f"the loss slopes of {what}", check_device=False, section=LOSS, hint=hint,
                  mistakes=[Mistake("the change is not divided by eps: a slope is the change "
                                    "per unit of the weight", want * eps),
                            Mistake("the slope has the wrong sign: (after - before) / eps",
                                    -want)])
    if not found["requires_grad"] or not found["is_leaf"]:
        raise Wrong(f"after {what} the weights no longer are a leaf that tracks gradients.",
                    cause="change them under `with torch.no_grad():`", section=LOSS)


# --- why ---------------------------------------------------------------------------------------

WHY = {
    "a": "SGD steps on the training set, and the accuracy can be measured there too (the "
         "experiment does); the problem is its gradient",
    "c": "the loss lies between 0 and 1 as well; the accuracy's gradient is not small, it is "
         "0: the accuracy does not change at all for a small change of a weight",
    "d": "both take one pass over the predictions; speed is not the problem",
}


@check(points=1, hidden=True, description="why_not_accuracy: why the accuracy cannot be the "
       "loss")
def why_not_accuracy(sub):
    got = sub.fn("why_not_accuracy")()
    letter = got.strip().lower().strip("()\"'") if isinstance(got, str) else None
    if letter not in ("a", "b", "c", "d"):
        raise Wrong("why_not_accuracy() should return one letter, \"a\", \"b\", \"c\" or \"d\".",
                    got=describe(got), section=LOSS)
    if letter != "b":
        raise Wrong(f"why_not_accuracy(): {letter!r} is not why the accuracy cannot be the loss.",
                    cause=WHY[letter], section=LOSS,
                    hint="look at what nudge_experiment returned for the accuracy")
