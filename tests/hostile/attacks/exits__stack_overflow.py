"""A C stack overflow: multiclass_accuracy raises the recursion limit to ten million and recurses
through a C function (sorted's key), so the interpreter's own guard never fires and the process
crashes; cross_entropy raises SystemExit with a code that is not a number.

Only the checks that call them may lose their points (softmax, log_softmax and
make_ten_digit_net still score).
"""

import sys

EXERCISE = "e06_ten_digits"
BASE = "solution"
MUST_FAIL = ["multiclass_accuracy_values", "cross_entropy_values", "cross_entropy_gradient"]
MAY_FAIL = ["train_loop_contract", "ten_digits_trains"]  # training may run the student's losses


def multiclass_accuracy(preds, targets):
    sys.setrecursionlimit(10**7)

    def deeper():
        return sorted([0, 1], key=lambda _: deeper())

    return deeper()


def cross_entropy(preds, targets):
    raise SystemExit(object())
