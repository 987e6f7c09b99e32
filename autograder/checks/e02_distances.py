"""Checks of exercise 2: mnist_distance, rmse_distance, is_3 and pixel_similarity_accuracy.

The student's functions run in the isolated worker; every comparison is made here, on the plain
data that came back, against the reference computed here. Distances are compared with
``torch.allclose(rtol=1e-5, atol=1e-6)`` on seeded images in [0, 1], both for a stack
``[5, 28, 28]`` against one image (broadcasting: one distance per image) and for two single images
(a 0-dimensional result). ``is_3`` and the synthetic accuracy check run the student's function
with the reference's ``mnist_distance`` (and ``is_3``) put in its place for that call, in the
worker (the probes of :mod:`autograder.probes.e02_distances`), so that one mistake
costs points once; the real-data check runs the student's functions together. Its accuracies must
equal the reference's on the same data within 1e-4 (the baseline is deterministic: complete
MNIST_SAMPLE gives 0.9168, 0.9854 and 0.9511), on all the validation images and on twice as many
3s as 7s (the embedded held-out split has 100 of each, where an average weighted by the counts
would equal the book's plain mean).

The functions the stub tells the student not to use (:data:`FORBIDDEN`) are turned off in the
worker (``EXERCISE.forbid``): a call to one fails the check that made it, with the stub's rule.
"""

from __future__ import annotations

from functools import lru_cache

import torch

from autograder.checks.common import device, gen, raised_by_student, sample_data
from autograder.core.exercise import Exercise
from autograder.core.feedback import Mistake, Wrong, describe, expect_number, expect_tensor
from mnist_ref import similarity as ref

SIMILARITY = "First Try: Pixel Similarity"
BROADCASTING = "Computing Metrics Using Broadcasting"

#: the stub's rule, word for word where the student reads it (solutions/e02_distances.py)
RULE = ("the rule of this exercise is to write the distances yourself, with tensor operations "
        "(a - b, .abs(), ** 2, .mean, .sqrt()); PyTorch's ready-made losses, norms and distances "
        "are turned off while it is graded")

#: exactly the functions the stub names; in the worker each raises, naming :data:`RULE`
FORBIDDEN = {name: RULE for name in (
    "torch.nn.functional.l1_loss", "torch.nn.functional.smooth_l1_loss",
    "torch.nn.functional.mse_loss", "torch.norm", "torch.Tensor.norm", "torch.linalg.norm",
    "torch.linalg.vector_norm", "torch.linalg.matrix_norm", "torch.cdist", "torch.dist",
    "torch.Tensor.dist", "torch.nn.functional.pairwise_distance", "torch.pairwise_distance",
)}

EXERCISE = Exercise(
    stem="e02_distances",
    title="Exercise 2: pixel similarity",
    section=BROADCASTING,
    hints=[
        "Each function is one or two lines of the book's sections \"First Try: Pixel "
        "Similarity\" and \"Computing Metrics Using Broadcasting\". Try each distance on a stack "
        "[N, 28, 28] and on a single image [28, 28], and print the shapes.",
        "Take the mean over the last two axes only, counted from the end: mean((-1, -2)). "
        "RMSE: square, mean, then square root. The accuracy on the 7s is the fraction NOT "
        "called a 3; the average is (acc_3 + acc_7) / 2.",
        "mnist_distance: (a - b).abs().mean((-1, -2)). rmse_distance: "
        "((a - b) ** 2).mean((-1, -2)).sqrt(). is_3: mnist_distance(x, mean3) < "
        "mnist_distance(x, mean7). Accuracy: is_3(valid_3, mean3, mean7).float().mean().item().",
    ],
    forbid=FORBIDDEN,
)
check = EXERCISE.check


# --- inputs ------------------------------------------------------------------------------------


def _uniform(*shape: int, seed: int) -> torch.Tensor:
    """Seeded values in [0, 1) on the check device, like real pixels."""
    return torch.rand(*shape, generator=gen(seed)).to(device())


def _stack_and_image():
    """A stack ``[5, 28, 28]`` and one image ``[28, 28]`` (different seeds)."""
    return _uniform(5, 28, 28, seed=31), _uniform(28, 28, seed=32)


def _means():
    """Two "mean images" ``[28, 28]``: stand-ins for the mean 3 and the mean 7."""
    return _uniform(28, 28, seed=41), _uniform(28, 28, seed=42)


def _mixtures(ts: list[float], mean3: torch.Tensor, mean7: torch.Tensor) -> torch.Tensor:
    """``t * mean3 + (1 - t) * mean7`` for each t: ``[len(ts), 28, 28]``.

    Image i is closer (L1 and RMSE alike) to mean3 exactly when ``ts[i] > 0.5``.
    """
    t = torch.tensor(ts, device=device()).view(-1, 1, 1)
    return t * mean3 + (1 - t) * mean7


# --- distances ---------------------------------------------------------------------------------


def _distance_mistakes(a, b, name: str) -> list[Mistake]:
    """Known wrong distances, for ``mnist_distance`` (``name="l1"``) or ``rmse_distance``."""
    diff = a - b
    common = [
        Mistake("mean() without axes averages the whole stack into one number: average over the "
                "last two axes only, mean((-1, -2)), to get one distance per image",
                diff.abs().mean() if name == "l1" else (diff**2).mean().sqrt()),
        Mistake("the mean is over the last axis only: average over the last two, mean((-1, -2))",
                diff.abs().mean(-1) if name == "l1" else (diff**2).mean(-1).sqrt()),
    ]
    if name == "l1":
        return common + [
            Mistake("the absolute value is missing: positive and negative differences cancel "
                    "out; use (a - b).abs()", diff.mean((-1, -2))),
            Mistake("the differences are squared: that is the mean squared error; mnist_distance "
                    "is the mean ABSOLUTE difference", (diff**2).mean((-1, -2))),
            Mistake("this is the RMSE (rmse_distance); mnist_distance is the mean absolute "
                    "difference", (diff**2).mean((-1, -2)).sqrt()),
            Mistake("sum instead of mean", diff.abs().sum((-1, -2))),
        ]
    return common + [
        Mistake("the square root is missing: that is the mean squared error; take .sqrt() of "
                "the mean", (diff**2).mean((-1, -2))),
        Mistake("abs() instead of squaring: RMSE squares the differences, averages, then takes "
                "the square root", diff.abs().mean((-1, -2)).sqrt()),
        Mistake("the square root was taken before the mean: sqrt((a - b)**2) is just |a - b|, so "
                "this is the L1 distance; square, mean, THEN square root",
                diff.abs().mean((-1, -2))),
        Mistake("sum instead of mean", (diff**2).sum((-1, -2)).sqrt()),
    ]


def _call_single(func, name: str, a, b):
    """``func(a, b)`` for two single images, with a clear message when the axes are numbered
    from the front (``mean((1, 2))`` works for a stack, not for one image)."""
    try:
        return func(a, b)
    except IndexError as err:
        if "out of range" not in str(err):
            raise
        raise Wrong(f"{name}(image [28, 28], image [28, 28]) raised IndexError: {err}.",
                    cause="the mean names axes 1 and 2, which a stack [N, 28, 28] has but a single "
                    "image [28, 28] does not (it has axes 0 and 1)", section=BROADCASTING,
                    hint="count the axes from the end: mean((-1, -2)) are the last two axes, "
                    "for a stack and for a single image alike") from None


@check(points=2, description="mnist_distance broadcasts a stack [N, 28, 28] against an image: [N]")
def mnist_distance_batch(sub):
    a, b = _stack_and_image()
    got = sub.fn("mnist_distance")(a, b)
    expect_tensor(got, ref.mnist_distance(a, b), section=BROADCASTING,
                  what="mnist_distance(stack [5, 28, 28], image [28, 28])",
                  mistakes=_distance_mistakes(a, b, "l1"),
                  hint="(a - b) broadcasts to [5, 28, 28]; .abs(), then the mean over the last "
                  "two axes leaves one number per image: [5]")


@check(points=1, description="mnist_distance of two single images [28, 28] is a 0-d tensor")
def mnist_distance_single(sub):
    a, b = _stack_and_image()
    a = a[0]
    got = _call_single(sub.fn("mnist_distance"), "mnist_distance", a, b)
    expect_tensor(got, ref.mnist_distance(a, b), section=SIMILARITY,
                  what="mnist_distance(image [28, 28], image [28, 28])",
                  mistakes=_distance_mistakes(a, b, "l1"),
                  hint="the same code as for a stack: the mean over the last two axes of a "
                  "single image is one number (shape [])")


@check(points=2, description="rmse_distance is the root mean squared difference, stack and single")
def rmse_distance_values(sub):
    rmse_distance = sub.fn("rmse_distance")
    a, b = _stack_and_image()
    hint = "((a - b) ** 2).mean((-1, -2)).sqrt(): square, mean over the last two axes, root"
    expect_tensor(rmse_distance(a, b), ref.rmse_distance(a, b), hint=hint,
                  what="rmse_distance(stack [5, 28, 28], image [28, 28])", section=SIMILARITY,
                  mistakes=_distance_mistakes(a, b, "rmse"))
    got = _call_single(rmse_distance, "rmse_distance", a[0], b)
    expect_tensor(got, ref.rmse_distance(a[0], b), hint=hint, section=SIMILARITY,
                  what="rmse_distance(image [28, 28], image [28, 28])",
                  mistakes=_distance_mistakes(a[0], b, "rmse"))


@check(points=1, description="the distances are written by hand (no ready-made loss, norm or "
                                "distance of PyTorch) and tell different images apart")
def distances_by_hand(sub):
    # the forbidden functions raise in the worker (EXERCISE.forbid): a call fails here, with RULE;
    # the point is for distances written by hand, so a function that measures nothing (zero for
    # different images: a constant) does not get it
    a, b = _stack_and_image()
    for name in ("mnist_distance", "rmse_distance"):
        apart = sub.fn(name)(a, b)  # a stub raises NotImplementedError: not attempted
        same = sub.fn(name)(b.expand(5, 28, 28).clone(), b)
        what = f"{name}(stack [5, 28, 28], image [28, 28])"
        if not isinstance(apart, torch.Tensor) or not isinstance(same, torch.Tensor):
            raise Wrong(f"{what} should return a tensor.", got=describe(apart), section=SIMILARITY)
        if not bool(torch.isfinite(apart).all() and (apart != 0).all()):
            raise Wrong(f"{what} is 0 (or not a number) for images that differ: a distance is 0 "
                        "only between an image and itself.", got=describe(apart),
                        cause="the function does not measure the differences between its inputs "
                        "(a constant, or a value that does not depend on a and b)",
                        section=SIMILARITY, hint="compute it from (a - b)")
        if not bool((same.abs() <= 1e-6).all()):
            raise Wrong(f"{name}(5 copies of an image, the same image) is not 0: a distance "
                        "between an image and itself is 0.", got=describe(same), section=SIMILARITY,
                        hint="compute it from (a - b)")


# --- is_3 and the accuracy ---------------------------------------------------------------------


@check(points=1, description="is_3 is True where an image is closer (L1) to mean3 than to mean7")
def is_3_values(sub):
    mean3, mean7 = _means()
    ts = [0.9, 0.1, 0.7, 0.45, 0.3, 0.55, 0.98, 0.02, 0.6, 0.35, 0.8, 0.2]
    x = _mixtures(ts, mean3, mean7)
    expected = ref.is_3(x, mean3, mean7)
    sub.fn("is_3")  # a missing is_3 is named before the probe runs
    got = sub.probe("is_3_with_reference", [x, mean3, mean7])
    expect_tensor(got, expected, section=SIMILARITY,
                  what="is_3(x [12, 28, 28], mean3, mean7) (run with the reference mnist_distance)",
                  hint="mnist_distance(x, mean3) < mnist_distance(x, mean7): a bool [N]",
                  mistakes=[
                      Mistake("the comparison is reversed: an image is a 3 when its distance to "
                              "mean3 is SMALLER than its distance to mean7", ~expected),
                      Mistake("is_3 returns the comparison as numbers: keep it bool; the "
                              ".float() belongs in the accuracy", expected),
                  ])


def _three_floats(got, what: str) -> tuple[float, float, float]:
    """The student's ``(acc_3, acc_7, average)``, or a :class:`Wrong` saying what came back."""
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        raise Wrong(f"{what} should return three numbers (acc_3, acc_7, average).",
                    got=describe(got), section=BROADCASTING,
                    hint="return acc_3, acc_7, (acc_3 + acc_7) / 2")
    for name, value in zip(("acc_3", "acc_7", "average"), got, strict=True):
        if isinstance(value, torch.Tensor):
            raise Wrong(f"{what} returned {name} as a tensor; the three results are Python floats.",
                        got=describe(value), section=BROADCASTING,
                        cause="the book prints tensors; here, turn each one-element tensor into a "
                        "number with .item(), so the results print and compare as plain numbers",
                        hint="acc_3 = is_3(valid_3, mean3, mean7).float().mean().item()")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Wrong(f"{what} returned {name} as a {type(value).__name__}; expected a float.",
                        got=describe(value), section=BROADCASTING)
    return tuple(float(v) for v in got)


def _compare(got, expected, what: str, inputs: tuple) -> None:
    """Compare ``(acc_3, acc_7, average)`` element by element, naming known mistakes.

    ``inputs`` are ``(valid_3, valid_7, mean3, mean7)``; the known mistakes' values are computed
    from them only when a value is wrong.
    """
    try:
        _compare_with(got, expected, what, {})
    except Wrong:
        _compare_with(got, expected, what, _known_accuracy_mistakes(expected, *inputs))


def _compare_with(got, expected, what: str, alternatives: dict) -> None:
    """``alternatives`` maps a cause to the triple ``(acc_3, acc_7, average)`` it gives."""
    for i, name in enumerate(("acc_3", "acc_7", "average")):
        mistakes = [Mistake(cause, triple[i]) for cause, triple in alternatives.items()]
        expect_number(got[i], expected[i], what=f"{name} of {what}", atol=1e-4,
                      section=BROADCASTING, mistakes=mistakes,
                      hint="acc_3: the fraction of 3s called a 3; acc_7: the fraction of 7s NOT "
                      "called a 3; average: (acc_3 + acc_7) / 2")


def _known_accuracy_mistakes(expected, valid_3, valid_7, mean3, mean7) -> dict:
    """The triples that the usual mistakes give on these inputs (cause -> triple)."""
    acc_3, acc_7, avg = expected
    n3, n7 = len(valid_3), len(valid_7)
    l2 = ref.pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7, ref.rmse_distance)
    return {
        "the accuracy on the 7s is the fraction of 7s that is_3 calls a 3; it must be the "
        "fraction it does NOT call a 3: (1 - is_3(valid_7, ...).float()).mean(), or "
        "(~is_3(...)).float().mean()": (acc_3, 1 - acc_7, (acc_3 + 1 - acc_7) / 2),
        "the average is weighted by the number of images ((n3 * acc_3 + n7 * acc_7) / (n3 + "
        "n7)); the book reports the plain mean of the two accuracies, (acc_3 + acc_7) / 2, so "
        "that each digit counts the same however many images it has":
            (acc_3, acc_7, (n3 * acc_3 + n7 * acc_7) / (n3 + n7)),
        "is_3's comparison is reversed: a 3 is closer to mean3, its distance is SMALLER":
            (1 - acc_3, 1 - acc_7, 1 - avg),
        "is_3 uses the RMSE distance; the book's is_3 uses mnist_distance (L1)": l2,
    }


@check(points=1, description="pixel_similarity_accuracy returns acc_3, acc_7 and their plain mean")
def accuracy_values(sub):
    mean3, mean7 = _means()
    valid_3 = _mixtures([0.9, 0.3, 0.7, 0.8, 0.2, 0.6], mean3, mean7)  # 4 of 6 called a 3
    valid_7 = _mixtures([0.1, 0.4, 0.6, 0.0], mean3, mean7)  # 3 of 4 not called a 3
    expected = ref.pixel_similarity_accuracy(valid_3, valid_7, mean3, mean7)
    what = "pixel_similarity_accuracy(6 threes, 4 sevens, mean3, mean7) (run with the " \
           "reference is_3 and mnist_distance)"
    sub.fn("pixel_similarity_accuracy")  # a missing function is named before the probe runs
    got = sub.probe("accuracy_with_references", [valid_3, valid_7, mean3, mean7])
    got = _three_floats(got, what)
    _compare(got, expected, what, (valid_3, valid_7, mean3, mean7))


@lru_cache(maxsize=1)
def _real_images():
    """Validation 3s and 7s ``[N, 28, 28]`` and the mean training 3 and 7, from the real data.

    ``sample_data`` holds the 3s first, then the 7s, so slices (views, no copies) separate them.
    """
    data = sample_data()
    n3_train, n3_valid = int(data.train_y.sum().item()), int(data.valid_y.sum().item())
    train_x, valid_x = data.train_x.view(-1, 28, 28), data.valid_x.view(-1, 28, 28)
    mean3, mean7 = ref.mean_image(train_x[:n3_train]), ref.mean_image(train_x[n3_train:])
    return data, valid_x[:n3_valid], valid_x[n3_valid:], mean3, mean7


@check(points=2, description="on the real validation images, your accuracy equals the reference's")
def accuracy_real_data(sub):
    data, valid_3, valid_7, mean3, mean7 = _real_images()
    sub.fn("pixel_similarity_accuracy")  # a missing function is named before the probe runs
    # all the validation images, then twice as many 3s as 7s (the first 200 and 100 at most):
    # with equal counts, a count-weighted average would equal the plain one
    n = min(200, len(valid_3), 2 * len(valid_7))
    for v3, v7, which in ((valid_3, valid_7, "all of them"),
                          (valid_3[:n], valid_7[: n // 2], "the first ones")):
        what = (f"pixel_similarity_accuracy on the validation images of {data.variant} "
                f"({data.path}; {len(v3)} threes, {len(v7)} sevens: {which}), with the mean "
                f"training 3 and 7, device {device()}")
        got = _three_floats(sub.probe("call", "pixel_similarity_accuracy", [v3, v7, mean3, mean7]),
                            what)
        try:
            _compare(got, ref.pixel_similarity_accuracy(v3, v7, mean3, mean7), what,
                     (v3, v7, mean3, mean7))
        except Wrong as wrong:
            if wrong.cause is not None:
                raise
            raise Wrong(wrong.summary, expected=wrong.expected, got=wrong.got,
                        cause=_diagnose(sub, v3, v7, mean3, mean7), section=wrong.section,
                        hint=wrong.hint) from None


def _diagnose(sub, valid_3, valid_7, mean3, mean7) -> str | None:
    """Which of the student's helpers disagrees with the reference on the real images, if any."""
    x = torch.cat([valid_3[:8], valid_7[:8]])
    try:
        distance = sub.fn("mnist_distance")(x, mean3)
        try:
            expect_tensor(distance, ref.mnist_distance(x, mean3), rtol=1e-4, atol=1e-5,
                          what="mnist_distance", mistakes=_distance_mistakes(x, mean3, "l1"))
        except Wrong as wrong:
            return ("your mnist_distance gives other distances than the reference's on these "
                    "images" + (f" ({wrong.cause})" if wrong.cause else "")
                    + ", and is_3 is built on it (see the checks of mnist_distance)")
        for images, digit in ((valid_3, "3s"), (valid_7, "7s")):
            mine = sub.fn("is_3")(images, mean3, mean7)
            expected = ref.is_3(images, mean3, mean7)
            if not isinstance(mine, torch.Tensor) or mine.shape != expected.shape:
                return "your is_3 does not return a bool tensor [N] (see the check is_3_values)"
            differ = int((mine.bool() != expected).sum())
            if differ:
                return (f"your is_3 disagrees with the reference on {differ} of the "
                        f"{len(images)} validation {digit} (see the check is_3_values)")
    except Exception as err:  # noqa: BLE001 - a diagnosis only: the failure itself is known
        if not raised_by_student(err):
            raise
        return None
    return None
