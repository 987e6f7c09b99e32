"""The reference dug out of the interpreter *while a probe runs*: exercise 3's training check
drives the student's mnist_loss with the reference's train_epoch, linear1 and loaders in the
probe's own process. The student's mnist_loss looks through gc for a reference mnist_loss there
(by name, whatever its module) and, failing that, for any function named like one.

The file is otherwise the untouched stub. Every check must fail: the probe's process never holds
the definition it grades (the book's default `loss_func=mnist_loss` arrives as None).
"""

import gc
import types

EXERCISE = "e03_mnist_loss"
BASE = "stub"
MUST_FAIL = "all"


def _found(name):
    for obj in gc.get_objects():
        if (isinstance(obj, types.FunctionType) and obj.__name__ == name
                and obj.__code__.co_filename != __file__):
            return obj
    return None


def mnist_loss(predictions, targets):
    ref = _found("mnist_loss")
    if ref is None:
        raise NotImplementedError("no reference mnist_loss in this process")
    return ref(predictions, targets)
