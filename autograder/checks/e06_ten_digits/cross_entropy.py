"""The checks of ``cross_entropy``: its value and its gradient equal ``F.cross_entropy``'s, with the
reference ``softmax`` and ``log_softmax`` in the student's module (probes ``loss_with_book_softmax``
and ``loss_gradient_with_book_softmax``), and the known wrong losses named.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from autograder.checks.common import device
from autograder.checks.e06_ten_digits.exercise import ATOL, LIKELIHOOD, RTOL, check
from autograder.checks.e06_ten_digits.inputs import int_targets, logits
from autograder.core.feedback import Mistake, Wrong, describe, expect_tensor
from mnist_ref import multiclass as ref


def loss_inputs():
    preds = logits(12, seed=21)  # 12 rows, 10 classes: indexing mistakes give distinct values
    targets = int_targets([3, 4, 0, 9, 4, 7, 1, 2, 8, 5, 6, 4])
    return preds, targets


def _cross_entropy(sub, preds, targets):
    """The student's ``cross_entropy(preds, targets)``, their softmax and log_softmax replaced by
    the reference's (a mistake there costs those functions' points only)."""
    return sub.probe("loss_with_book_softmax", [preds, targets])


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


def loss_mistakes(preds, targets) -> list[Mistake]:
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



def bounded_loss_cause(sub) -> str | None:
    """Named when the student's loss stays small for a confident wrong answer, as a squared error
    does (cross-entropy grows without bound)."""
    preds = torch.zeros(1, 10, device=device())
    preds[0, 0] = 30.0  # very sure of digit 0
    targets = int_targets([5])  # wrong: cross-entropy = 30 + log(1 + 9 e^-30) = 30.0; a squared
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
    preds, targets = loss_inputs()
    expected = F.cross_entropy(preds, targets)
    what = "cross_entropy(preds [12, 10], targets int64 [12])"
    hint = "-log_softmax(preds)[torch.arange(len(targets)), targets].mean()"
    got = _cross_entropy(sub, preds, targets)
    try:
        expect_tensor(got, expected, what=what, rtol=RTOL, atol=ATOL, section=LIKELIHOOD,
                      hint=hint, mistakes=loss_mistakes(preds, targets))
    except Wrong as err:
        if err.cause is None and isinstance(got, torch.Tensor) and got.numel() == 1:
            err = Wrong(err.summary, expected=err.expected, got=err.got,
                        cause=bounded_loss_cause(sub), section=err.section, hint=err.hint)
        raise err from None
    p5, t5 = logits(5, seed=22), int_targets([9, 0, 9, 2, 7])
    expect_tensor(_cross_entropy(sub, p5, t5), F.cross_entropy(p5, t5),
                  what="cross_entropy(preds [5, 10], targets int64 [5])", rtol=RTOL, atol=ATOL,
                  section=LIKELIHOOD)


@check(points=1, description="cross_entropy has F.cross_entropy's gradient")
def cross_entropy_gradient(sub):
    sub.fn("cross_entropy")
    preds, targets = loss_inputs()
    answer = sub.probe("loss_gradient_with_book_softmax", [preds, targets])
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
                        cause=bounded_loss_cause(sub), section=err.section, hint=err.hint)
        raise err from None
