"""The checks of ``softmax`` and ``log_softmax``: values on ``[N, 10]`` scores, written by hand (no
PyTorch softmax called, recorded by the probe ``calls``), and stable for scores of +-1000.
"""

from __future__ import annotations

import torch

from autograder.checks.e06_ten_digits.exercise import ATOL, LOG, RTOL, SOFTMAX, check
from autograder.checks.e06_ten_digits.inputs import huge_logits, logits, same
from autograder.core.feedback import Mistake, Wrong, expect_tensor
from mnist_ref import multiclass as ref

MARGIN, FLOOR = 0.02, 0.5

#: PyTorch's own softmax and log_softmax: what the stub says softmax and log_softmax must not call
TORCH_SOFTMAX = [
    "torch.softmax", "torch.nn.functional.softmax", "torch.special.softmax", "torch.Tensor.softmax",
    "torch.log_softmax", "torch.nn.functional.log_softmax", "torch.special.log_softmax",
    "torch.Tensor.log_softmax",
]

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



_STABLE = ("Subtract each row's largest score first: m = x.max(dim=-1, keepdim=True).values, "
           "then work with x - m. softmax(x - m) equals softmax(x), but now the largest exponent "
           "is exp(0) = 1, so nothing overflows")


def _expect_stable(got, expected: torch.Tensor, what: str, section: str,
                   mistakes: list[Mistake], hint: str) -> None:
    """``got`` must equal ``expected`` on :func:`huge_logits`; a NaN or an infinity is named as
    the overflow of ``exp`` it comes from."""
    if isinstance(got, torch.Tensor) and got.shape == expected.shape and got.is_floating_point():
        bad = ~torch.isfinite(got.detach())
        if bad.any() and not any(same(got, m.value) for m in mistakes):
            first = [int(i) for i in bad.nonzero()[0]]
            mistakes = [*mistakes, Mistake(
                f"not stable: exp overflows for large scores (float32 ends near 3.4e38, so "
                f"exp(89) is already inf) and underflows to 0 for very negative ones; "
                f"{int(bad.sum())} values came back as nan or inf (the first at {first}). "
                f"{_STABLE}", got)]
    expect_tensor(got, expected, what=what, rtol=RTOL, atol=ATOL, section=section,
                  mistakes=mistakes, hint=hint)




@check(points=1, description="softmax exponentiates and normalises over the last axis (classes), "
       "stably (no overflow for scores of 1000)")
def softmax_values(sub):
    softmax = sub.fn("softmax")
    x = logits(10, seed=11)  # square on purpose: a sum without keepdim broadcasts silently
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
    x6 = logits(6, seed=12)
    expect_tensor(softmax(x6), ref.softmax(x6), what="softmax(x [6, 10])", rtol=RTOL,
                  atol=ATOL, section=SOFTMAX, hint="sum(dim=-1, keepdim=True) gives [N, 1]")
    _no_torch_softmax(sub, "softmax", x6, SOFTMAX)
    big = huge_logits()
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
    x = logits(10, seed=13)
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
    x6 = logits(6, seed=14)
    expect_tensor(log_softmax(x6), ref.log_softmax(x6), what="log_softmax(x [6, 10])",
                  rtol=RTOL, atol=ATOL, section=LOG)
    _no_torch_softmax(sub, "log_softmax", x6, LOG)
    big = huge_logits()
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
