"""The check of ``multiclass_accuracy``: the argmax over the classes against the targets.
"""

from __future__ import annotations

import torch

from autograder.checks.common import device
from autograder.checks.e06_ten_digits.exercise import LOSS, check
from autograder.checks.e06_ten_digits.inputs import int_targets, logits
from autograder.core.feedback import Mistake, expect_number
from mnist_ref import multiclass as ref


def accuracy_inputs():
    """``[10, 10]`` scores and targets that the largest score gets right for 7 of the 10 rows."""
    preds = logits(10, seed=41)
    best = preds.argmax(dim=1)
    targets = torch.where(torch.arange(10, device=device()) < 7, best, (best + 1) % 10)
    return preds, targets


@check(points=1, description="multiclass_accuracy compares the argmax over the classes with the "
       "targets")
def multiclass_accuracy_values(sub):
    accuracy = sub.fn("multiclass_accuracy")
    preds, targets = accuracy_inputs()
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
    p7 = logits(7, seed=42)
    t7 = int_targets([0, 4, 4, 9, 1, 3, 9])
    expect_number(accuracy(p7, t7), ref.multiclass_accuracy(p7, t7).item(), atol=1e-4,
                  what="multiclass_accuracy(preds [7, 10], targets int64 [7])", section=LOSS)
