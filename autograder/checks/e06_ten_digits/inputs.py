"""Seeded inputs and comparisons shared by exercise 6's checks.

Shapes: logits float32 ``[N, 10]``, targets int64 ``[N]``.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device, kept, ten_digit_data
from autograder.checks.e06_ten_digits.exercise import ATOL, RTOL
from autograder.core.feedback import Mistake


def logits(n: int, seed: int) -> torch.Tensor:
    """``[n, 10]`` logits with a few large ones (+-20)."""
    x = torch.randn(n, 10, generator=torch.Generator().manual_seed(seed)) * 3
    x[1, 4], x[3, 0], x[n - 1, 9] = 20.0, 15.0, -20.0
    return x.to(device())


def huge_logits() -> torch.Tensor:
    """``[4, 10]`` scores where ``exp`` overflows or underflows in float32: a row with one score
    of 1000, a row of scores near 100, a row of scores near -1000, and an ordinary row."""
    x = torch.randn(4, 10, generator=torch.Generator().manual_seed(17))
    x[0, 3] = 1000.0
    x[1] += 100.0
    x[2] -= 1000.0
    return x.to(device())



def same(a, b) -> bool:
    try:
        return bool(torch.allclose(a.detach().double().cpu(), b.detach().double().cpu(),
                                   rtol=RTOL, atol=ATOL, equal_nan=True))
    except (RuntimeError, TypeError, AttributeError):
        return False


def int_targets(values) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.int64, device=device())


def named(got, mistakes: list[Mistake]) -> str | None:
    """The cause of the first of ``mistakes`` that ``got`` equals, or None."""
    return next((m.cause for m in mistakes
                 if isinstance(got, torch.Tensor) and got.shape == m.value.shape
                 and same(got, m.value)), None)


# --- real digits ---------------------------------------------------------------------------------

N_VALID = 2000  # validation digits the real-data checks measure on, at most


def valid_subset(data):
    """At most ``N_VALID`` validation digits, spread evenly over the validation set."""
    step = max(1, len(data.valid_x) // N_VALID)
    return data.valid_x[::step][:N_VALID], data.valid_y[::step][:N_VALID]


def ten_digits_in(sub, alive: str):
    """The real digits in ``sub``'s worker, sent once per worker for every check that uses them:
    ``[train_x [N, 784], train_y [N], valid_x [M, 784], valid_y [M]]`` with the validation digits
    of :func:`valid_subset`. ``alive``: a name of the student's file (see :func:`kept`)."""
    data = ten_digit_data()
    return kept(sub, "ten_digits", lambda: [data.train_x, data.train_y, *valid_subset(data)],
                alive)
