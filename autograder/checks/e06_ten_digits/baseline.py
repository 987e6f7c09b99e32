"""The checks of the baseline: ``digit_means``, ``l1_distance``, ``sq_distance`` and
``mean_image_accuracy``, each alone on small seeded inputs, then the four together on real digits.

``digit_means`` gets 37 images whose digits come in unequal numbers (2 to 6 each) and shuffled,
so a mean over everything, a division by all N and a reshape that assumes equal sorted groups
all show. The distances get ``[10, 784]`` images first (with ten mean images, ``x - means``
without new axes silently pairs image i with mean i, and a transposed table has the right shape),
then ``[7, 784]``. ``mean_image_accuracy`` runs in the worker (probe ``nearest_mean_accuracy``)
with the book's distance passed in, so it is tested alone: the squared distance, the L1 distance
and minus the L1 distance (whose argmin is the farthest mean) are each given, on images whose
nearest means by L1 and by squared distance differ, so that every argument is varied and a
distance ignored or an argmax is named. ``mean_image_baseline`` runs the student's four
functions on the real digits (means of the training digits, accuracy on at most 2000 validation
digits) and compares them with the reference on the same digits: the means within
``rtol=1e-4, atol=1e-5``, each accuracy within two images.
"""

from __future__ import annotations

import torch

from autograder.checks.common import (
    context,
    device,
    gen,
    raised_by_student,
    ten_digit_data,
    with_cause,
)
from autograder.checks.e06_ten_digits.exercise import ATOL, RTOL, SIMILARITY, check
from autograder.checks.e06_ten_digits.inputs import ten_digits_in, valid_subset
from autograder.core.feedback import (
    Mistake,
    Wrong,
    describe,
    expect_number,
    expect_tensor,
    where_in_student_code,
)
from mnist_ref import multiclass as ref

_COUNTS = (5, 3, 4, 2, 6, 3, 4, 3, 4, 3)


def _uniform(*shape: int, seed: int, power: float = 1.0) -> torch.Tensor:
    return (torch.rand(*shape, generator=gen(seed)) ** power).to(device())


def _shape_cause(got, causes: dict[tuple, str]) -> str | None:
    return causes.get(tuple(got.shape)) if isinstance(got, torch.Tensor) else None


def _expect(got, expected, what: str, hint: str, mistakes: list[Mistake],
            shapes: dict[tuple, str]) -> None:
    """``expect_tensor``, a wrong shape named by ``shapes`` when it is one of them."""
    cause = _shape_cause(got, shapes)
    if cause is not None and tuple(got.shape) != tuple(expected.shape):
        raise Wrong(f"{what} returned a tensor of the wrong shape.", expected=describe(expected),
                    got=describe(got), cause=cause, section=SIMILARITY, hint=hint)
    expect_tensor(got, expected, what=what, rtol=RTOL, atol=ATOL, section=SIMILARITY,
                  hint=hint, mistakes=mistakes)


# --- digit_means ---------------------------------------------------------------------------------


def _means_inputs() -> tuple[torch.Tensor, torch.Tensor]:
    """37 images and their shuffled digits, 2 to 6 of each."""
    y = torch.tensor([d for d, n in enumerate(_COUNTS) for _ in range(n)])
    y = y[torch.randperm(len(y), generator=gen(82))]
    return _uniform(len(y), 784, seed=81), y.to(device())


@check(points=1, description="digit_means averages the images of each digit: [10, 784], row d "
       "the mean image of digit d")
def digit_means_values(sub):
    digit_means = sub.fn("digit_means")
    x, y = _means_inputs()
    one_hot = torch.nn.functional.one_hot(y, 10).to(x.dtype)  # [37, 10]
    sums = one_hot.t() @ x  # [10, 784]
    shapes = {(784,): "the mean of all the images together: one mean per digit, "
                      "x[y == d].mean(0) for each d, stacked",
              (10,): "the mean over the pixels (dim 1): average over the images, dim 0",
              (len(y),): "the mean over the pixels (dim 1): average over the images, dim 0"}
    _expect(digit_means(x, y), ref.digit_means(x, y),
            what=f"digit_means(x [{len(y)}, 784], y int64 [{len(y)}])",
            hint="torch.stack([x[y == d].mean(0) for d in range(10)])", shapes=shapes, mistakes=[
                Mistake("the sum of each digit's images, not their mean", sums),
                Mistake("each digit's sum divided by all N images, not by that digit's count: "
                        "x[y == d].mean(0)", sums / len(y)),
                Mistake("the mean of all the images, in every row: pick each digit's rows with "
                        "the mask y == d", x.mean(0).expand(10, 784)),
            ])


# --- the distances -------------------------------------------------------------------------------

_BROADCAST = ("x - means pairs image i with mean image i only (and fails unless there are 10 "
              "images): add the axes that make every pair, x[:, None] - means[None] is "
              "[N, 10, 784]")


def _distance_mistakes(x, means, name: str) -> list[Mistake]:
    d = x[:, None] - means[None]  # [N, 10, 784]
    l1, sq = d.abs().mean(-1), (d ** 2).mean(-1)
    right = l1 if name == "l1_distance" else sq
    mistakes = [Mistake("rows and columns swapped: row i must be image i, one column per digit "
                        "([N, 10]): x[:, None] - means[None], not means[:, None] - x[None]",
                        right.t()),
                Mistake("summed over the 784 pixels: the distance is their mean (784 times "
                        "smaller), .mean(-1)", right * 784)]
    if name == "l1_distance":
        return mistakes + [
            Mistake("no abs: positive and negative differences cancel; the L1 distance averages "
                    "|x - mean|", d.mean(-1)),
            Mistake("that is the squared distance: l1_distance averages the absolute "
                    "differences, .abs()", sq)]
    return mistakes + [
        Mistake("the square root of the mean squared difference (the book's RMSE): "
                "sq_distance is the mean squared difference itself, without .sqrt() (the "
                "nearest mean is the same either way)", sq.sqrt()),
        Mistake("no square: positive and negative differences cancel; square them, ** 2",
                d.mean(-1)),
        Mistake("that is the L1 distance (the absolute differences): sq_distance squares "
                "them, ** 2", l1)]


def _expect_distance(sub, name: str) -> None:
    distance = sub.fn(name)
    reference = ref.l1_distance if name == "l1_distance" else ref.sq_distance
    hint = ("(x[:, None] - means[None]).abs().mean(-1)" if name == "l1_distance" else
            "((x[:, None] - means[None]) ** 2).mean(-1)")
    means = _uniform(10, 784, seed=84)
    for n, seed in ((10, 83), (7, 85)):
        x = _uniform(n, 784, seed=seed)
        shapes = {(n, 784): "averaged over the wrong axis: the pixels are the last axis, "
                            "mean(-1)",
                  (10, 784): "averaged over the wrong axis: the pixels are the last axis, "
                             "mean(-1)",
                  (): "one number for everything: F.mse_loss and F.l1_loss average over all "
                      "pairs and pixels unless reduction='none'; average over the pixels only, "
                      ".mean(-1)"}
        if n == 10:
            shapes[(10,)] = _BROADCAST
        _expect(distance(x, means), reference(x, means),
                what=f"{name}(x [{n}, 784], means [10, 784])", hint=hint, shapes=shapes,
                mistakes=_distance_mistakes(x, means, name))


@check(points=1, description="l1_distance gives the mean absolute difference of every image to "
       "every mean image, [N, 10]")
def l1_distance_values(sub):
    _expect_distance(sub, "l1_distance")


@check(points=1, description="sq_distance gives the mean squared difference of every image to "
       "every mean image, [N, 10]")
def sq_distance_values(sub):
    _expect_distance(sub, "sq_distance")


# --- mean_image_accuracy -------------------------------------------------------------------------

#: the distances the probe may pass: the book's, and minus the L1 distance
_DISTANCES = {"sq": ("sq_distance", ref.sq_distance),
              "l1": ("l1_distance", ref.l1_distance),
              "far": ("minus l1_distance", lambda x, m: -ref.l1_distance(x, m))}


def _accuracy_inputs(n: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(means [10, 784], x [n, 784], y [n])``: most digits are the nearest mean's by the squared
    distance, some by the L1 distance (which often disagree on these images), the rest random."""
    means = _uniform(10, 784, seed=n, power=4.0)
    x = _uniform(n, 784, seed=n + 1, power=4.0)
    r = torch.rand(n, generator=gen(n + 2)).to(device())
    noise = torch.randint(0, 10, (n,), generator=gen(n + 3)).to(device())
    y = torch.where(r < 0.55, ref.sq_distance(x, means).argmin(1),
                    torch.where(r < 0.8, ref.l1_distance(x, means).argmin(1), noise))
    return means, x, y


def _accuracy_mistakes(dist: torch.Tensor, y: torch.Tensor) -> list[Mistake]:
    right = dist.argmin(1) == y
    mistakes = [Mistake("argmax: that is the farthest mean image; the prediction is the digit of "
                        "the smallest distance, argmin", (dist.argmax(1) == y).float().mean()),
                Mistake("the number right, not the fraction: take the mean",
                        right.float().sum())]
    if len(y) == dist.shape[1]:
        mistakes.append(Mistake("argmin over dim 0 (the images), or distance(means, x) with the "
                                "arguments swapped: call distance(x, means), [N, 10], and take "
                                "argmin(dim=1), over the ten digits",
                                (dist.argmin(0) == y).float().mean()))
    return mistakes


@check(points=1, description="mean_image_accuracy predicts the digit of the nearest mean image "
       "by the distance it is given and returns the fraction right")
def mean_image_accuracy_values(sub):
    sub.fn("mean_image_accuracy")
    for n, kinds in ((10, ("sq",)), (40, ("l1", "sq", "far"))):
        means, x, y = _accuracy_inputs(n)
        for kind in kinds:
            label, dist_fn = _DISTANCES[kind]
            call = f"mean_image_accuracy(means [10, 784], x [{n}, 784], y [{n}], {label})"
            answer = sub.probe("nearest_mean_accuracy", means, x, y, kind)
            dist = dist_fn(x, means)
            expected = (dist.argmin(1) == y).float().mean().item()
            got = answer["value"]
            if answer["calls"] == 0:
                raise Wrong(f"{call} never called the distance it was given.", cause="the "
                            "distance argument is ignored (l1_distance or sq_distance called by "
                            "name): compute distance(x, means), whichever function it is",
                            section=SIMILARITY, hint="distance(x, means).argmin(dim=1)")
            expect_number(got, expected, atol=1e-4, what=call, section=SIMILARITY,
                          hint="(distance(x, means).argmin(dim=1) == y).float().mean()",
                          mistakes=_accuracy_mistakes(dist, y))


# --- the four together, on real digits -----------------------------------------------------------

_REFERENCE: dict[tuple, tuple] = {}


def _reference_baseline(data) -> tuple[torch.Tensor, float, float]:
    """The reference's means of the training digits and its two accuracies on the validation
    digits (kept per data)."""
    key = (data.variant, str(data.path))
    if key not in _REFERENCE:
        valid_x, valid_y = valid_subset(data)
        means = ref.digit_means(data.train_x, data.train_y)
        _REFERENCE[key] = (means, ref.mean_image_accuracy(means, valid_x, valid_y, ref.l1_distance),
                           ref.mean_image_accuracy(means, valid_x, valid_y, ref.sq_distance))
    return _REFERENCE[key]


def _baseline_cause(sub) -> str | None:
    """The first of the four pieces whose own check fails, with that check's cause: why the
    baseline on real digits went wrong (None when all four pass alone)."""
    pieces = (("digit_means", digit_means_values), ("l1_distance", l1_distance_values),
              ("sq_distance", sq_distance_values),
              ("mean_image_accuracy", mean_image_accuracy_values))
    for name, run in pieces:
        try:
            run(sub)
        except Wrong as err:
            return f"your {name} is wrong: {err.cause or err.summary} ({run.__name__} says more)"
        except Exception as err:  # noqa: BLE001 - the student's own error, named below
            if not raised_by_student(err):
                raise
            return (f"your {name} raises {getattr(err, 'student_type', type(err).__name__)} on "
                    f"small inputs too ({run.__name__} says more)")
    return None


@check(points=1, description="your baseline on real digits: the ten mean images of the training "
       "digits, and the accuracy of the nearest one with each distance, as the reference's",
       timeout=60)
def mean_image_baseline(sub):
    for name in ("digit_means", "l1_distance", "sq_distance", "mean_image_accuracy"):
        sub.fn(name)
    data = ten_digit_data()
    valid_y = valid_subset(data)[1]
    settings = (f"{len(data.train_y)} training digits, {len(valid_y)} validation digits; "
                f"{context(data)}")
    try:
        answer = sub.probe("baseline", ten_digits_in(sub, "digit_means"))
    except Exception as err:  # noqa: BLE001 - only the student's own exceptions are named here
        if not raised_by_student(err):
            raise
        where = where_in_student_code(err, sub.path)
        cause = _baseline_cause(sub)
        raise Wrong(f"your baseline raised {getattr(err, 'student_type', type(err).__name__)}: "
                    f"{err} ({settings})" + (f"\n  at {where}" if where else ""),
                    cause=cause, section=SIMILARITY,
                    hint="the other checks of this exercise test each piece alone") from None
    means, l1, sq = _reference_baseline(data)
    try:
        expect_tensor(answer["means"], means, rtol=RTOL, atol=ATOL, check_device=False,
                      what=f"digit_means(train_x, train_y) ({settings})", section=SIMILARITY,
                      hint="digit_means_values says more")
        tolerance = 2 / len(valid_y) + 1e-4  # two images: near-ties may fall either way
        for label, got, expected in (("l1_distance", answer["l1"], l1),
                                     ("sq_distance", answer["sq"], sq)):
            expect_number(got, expected, atol=tolerance, section=SIMILARITY,
                          what=f"mean_image_accuracy(means, valid_x, valid_y, {label}) "
                               f"({settings})",
                          hint=f"{label}_values and mean_image_accuracy_values say more")
    except Wrong as err:
        raise with_cause(err, _baseline_cause(sub)) from None
