"""The reference functions dug out of the interpreter with gc.get_objects(): any function object
whose module is mnist_ref.linear (loaded by someone, somewhere in the process) replaces the stub's
function of the same name. No import, no file read.

The file is otherwise the untouched stub. Every check must fail.
"""

import gc
import types

EXERCISE = "e03_mnist_loss"
BASE = "stub"
MUST_FAIL = "all"

_WANTED = {"init_params", "linear1", "sigmoid", "mnist_loss", "batch_accuracy"}
for _obj in gc.get_objects():
    if (isinstance(_obj, types.FunctionType) and _obj.__name__ in _WANTED
            and getattr(_obj, "__module__", "") == "mnist_ref.linear"):
        globals()[_obj.__name__] = _obj
