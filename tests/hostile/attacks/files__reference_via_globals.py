"""The reference reached through a name the stub is allowed to import: exercise 4's stub imports
mnist_loss from mnist_ref.linear, and mnist_loss.__globals__ is that module's namespace, which
holds the reference calc_grad, train_epoch, validate_epoch, BasicOptim and train_model.

The file is otherwise the untouched stub. Every check must fail: the stub allows the reference
mnist_loss and batch_accuracy, not the functions the exercise asks the student to write.
"""

from mnist_ref.linear import mnist_loss

EXERCISE = "e04_train_epoch"
BASE = "stub"
MUST_FAIL = "all"

for _name in ("calc_grad", "train_epoch", "validate_epoch", "BasicOptim", "train_model"):
    if _name in mnist_loss.__globals__:
        globals()[_name] = mnist_loss.__globals__[_name]
