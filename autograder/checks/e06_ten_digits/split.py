"""The check of ``split_valid``: a seeded random split of the rows into training and validation.

Any random source is accepted (``torch.randperm`` with a seeded generator, ``torch.manual_seed``,
NumPy's): the check judges properties, not one permutation. Its input has 200 rows sorted by
digit (20 of each, as ``load_digits`` returns them), and row ``i`` carries its number in its
first pixel (``i / 256``, exact in float32), so that every row that comes back is traced to the
row it was. Four calls: ``(0.2, seed 42)`` twice, ``(0.2, seed 7)`` and ``(0.3, seed 42)``. Each
must give ``int(valid_pct * N)`` validation rows and the rest for training, every row of ``x`` in
exactly one part, unchanged, with its own label; the validation rows must be spread over the
digits (at least 5 of the 10 among 40 rows; a random draw has all 10 but for a chance below
1e-6); the same seed must give the same split and another seed another split; and the size must
follow ``valid_pct``. Each way of failing has its named cause.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device, gen
from autograder.checks.e06_ten_digits.exercise import VALIDATION, check
from autograder.core.feedback import Wrong, describe

N, PER_DIGIT = 200, 20

_HINT = ("order = torch.randperm(len(x), generator=torch.Generator().manual_seed(seed)); "
         "cut = int(valid_pct * len(x)); valid, train = order[:cut], order[cut:]; "
         "return x[train], y[train], x[valid], y[valid]")


def _inputs() -> tuple[torch.Tensor, torch.Tensor]:
    """``x`` float32 ``[200, 784]`` (row ``i`` has ``i / 256`` in its first pixel), ``y`` int64
    ``[200]`` sorted by digit."""
    x = torch.rand(N, 784, generator=gen(71))
    x[:, 0] = torch.arange(N) / 256
    y = torch.arange(N) // PER_DIGIT
    return x.to(device()), y.to(device())


def _fail(call: str, problem: str, cause: str | None, expected: str | None = None,
          got: str | None = None) -> Wrong:
    return Wrong(f"{call} {problem}", expected=expected, got=got, cause=cause, section=VALIDATION,
                 hint=_HINT)


def _parts(got, call: str) -> tuple:
    """The four tensors of ``got``, checked for type, dtype and shape."""
    if not (isinstance(got, (tuple, list)) and len(got) == 4):
        raise _fail(call, "should return four tensors.", None, "(train_x, train_y, valid_x, "
                    "valid_y)", describe(got))
    if not all(isinstance(t, torch.Tensor) for t in got):
        raise _fail(call, "should return four tensors.", None, "(train_x, train_y, valid_x, "
                    "valid_y)", ", ".join(describe(t) for t in got))
    if got[1].dim() == 2 and got[2].dim() == 1:
        raise _fail(call, "returned (train_x, valid_x, train_y, valid_y).", "that is "
                    "scikit-learn's train_test_split order; this function returns (train_x, "
                    "train_y, valid_x, valid_y), each image set followed by its labels")
    train_x, train_y, valid_x, valid_y = got
    for name, t in (("train_x", train_x), ("valid_x", valid_x)):
        if t.dim() != 2 or t.shape[1] != 784 or t.dtype != torch.float32:
            raise _fail(call, f"returned {name} as {describe(t)}.", None,
                        "float32 [rows, 784], rows of x")
    for name, t, rows in (("train_y", train_y, train_x), ("valid_y", valid_y, valid_x)):
        if t.dim() != 1 or len(t) != len(rows) or t.dtype != torch.int64:
            raise _fail(call, f"returned {name} as {describe(t)}.", None,
                        f"int64 [{len(rows)}], the digit of each of its {len(rows)} images")
    return train_x, train_y, valid_x, valid_y


def _ids(part: torch.Tensor, x: torch.Tensor, name: str, call: str) -> list[int]:
    """The row of ``x`` each row of ``part`` is (its first pixel times 256)."""
    ids = (part[:, 0].detach().double() * 256).round().long().cpu()
    if len(part) and (ids.min() < 0 or ids.max() >= N or not torch.equal(
            part.detach().cpu(), x.cpu()[ids])):
        raise _fail(call, f"returned rows in {name} that are not rows of x.", "the split only "
                    "chooses rows: index x with row numbers (x[idx]), without changing them")
    return ids.tolist()


def _split(sub, x, y, pct: float, seed: int) -> tuple[list[int], list[int], str]:
    """The student's split: ``(training row numbers, validation row numbers, call)``, each part
    checked to be rows of ``x`` with their own labels."""
    call = f"split_valid(x [{N}, 784], y [{N}], {pct}, {seed})"
    train_x, train_y, valid_x, valid_y = _parts(sub.fn("split_valid")(x, y, pct, seed), call)
    train, valid = _ids(train_x, x, "train_x", call), _ids(valid_x, x, "valid_x", call)
    for part, labels, name in ((train, train_y, "train_y"), (valid, valid_y, "valid_y")):
        if not torch.equal(labels.detach().cpu(), y.cpu()[part]):
            raise _fail(call, f"returned labels in {name} that are not those of its images.",
                        "x and y were not reordered with the same row numbers, so images lost "
                        "their labels: draw one permutation and index both with it, x[idx] and "
                        "y[idx]")
    return train, valid, call


def _expect_partition(train: list[int], valid: list[int], pct: float, call: str) -> None:
    cut = int(pct * N)
    both = set(train) & set(valid)
    if both:
        raise _fail(call, f"put {len(both)} rows in both parts.", "every row goes to exactly one "
                    "part: the validation rows are order[:cut], the training rows the others, "
                    "order[cut:] (not all of them)")
    if len(set(train)) < len(train) or len(set(valid)) < len(valid):
        raise _fail(call, "returned some rows twice.", "draw a permutation (torch.randperm), not "
                    "independent random row numbers (torch.randint), which repeat")
    if len(valid) == N - cut and len(train) == cut:
        raise _fail(call, f"returned {len(valid)} validation rows and {len(train)} training "
                    "rows.", f"the two parts are swapped: valid_pct ({pct}) is the validation "
                    "set's share, the smaller part, order[:cut]")
    lost = N - len(set(train) | set(valid))
    if lost:
        raise _fail(call, f"left {lost} of the {N} rows out of both parts.", "every row goes to "
                    "one part: valid = order[:cut], train = order[cut:] (an off-by-one such as "
                    "order[cut + 1:] drops a row)")
    if len(valid) != cut:
        raise _fail(call, f"returned {len(valid)} validation rows.", "the validation set has "
                    "int(valid_pct * len(x)) rows", expected=f"{cut} = int({pct} * {N})",
                    got=str(len(valid)))


@check(points=2, description="split_valid shuffles the rows with the seed and cuts "
       "int(valid_pct * N) validation rows off, every image with its label in one part")
def split_valid_properties(sub):
    sub.fn("split_valid")
    x, y = _inputs()
    train, valid, call = _split(sub, x, y, 0.2, 42)
    _expect_partition(train, valid, 0.2, call)
    digits = sorted({i // PER_DIGIT for i in valid})
    if len(digits) < 5:
        where = ("the last" if min(valid) >= N - len(valid) else
                 "the first" if max(valid) < len(valid) else "a block of")
        raise _fail(call, f"returned validation rows of digits {digits} only.", "the rows are "
                    f"not shuffled: the validation set is {where} rows, and x is sorted by digit "
                    "(load_digits reads 0s, then 1s, ...), so it holds a few digits only. Shuffle "
                    "the row numbers first: torch.randperm(len(x), generator=...)")
    train_again, valid_again, _ = _split(sub, x, y, 0.2, 42)
    if (train_again, valid_again) != (train, valid):
        raise _fail(call, "gave a different split the second time it was called.", "the split "
                    "is not reproducible: draw the permutation from a generator seeded with "
                    "seed, torch.Generator().manual_seed(seed) (or call torch.manual_seed(seed) "
                    "first), not from the global random state as it happens to be")
    other_train, other_valid, other_call = _split(sub, x, y, 0.2, 7)
    _expect_partition(other_train, other_valid, 0.2, other_call)
    if set(other_valid) == set(valid):
        raise _fail(other_call, f"chose the same validation rows as {call}.", "the seed is "
                    "ignored: seed the generator with the seed argument, not a fixed number")
    wide_train, wide_valid, wide_call = _split(sub, x, y, 0.3, 42)
    if len(wide_valid) == len(valid):
        raise _fail(wide_call, f"returned {len(wide_valid)} validation rows, as many as with "
                    "valid_pct 0.2.", "valid_pct is ignored: cut int(valid_pct * len(x)) rows, "
                    "with the valid_pct argument")
    _expect_partition(wide_train, wide_valid, 0.3, wide_call)
