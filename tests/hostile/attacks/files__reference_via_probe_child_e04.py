"""Exercise 4's functions each dig, when called, through gc for a function of the same name that
is not theirs (the reference's, wherever a probe may have put it) and call it instead; BasicOptim
is taken the same way from the classes alive in the process.

The file is otherwise the untouched stub. Every check must fail: no process the student's code
runs in holds the reference of what that process grades.
"""

import gc
import types

EXERCISE = "e04_train_epoch"
BASE = "stub"
MUST_FAIL = "all"


def _found(name, kind=types.FunctionType):
    for obj in gc.get_objects():
        code = getattr(obj, "__code__", None)
        if (isinstance(obj, kind) and getattr(obj, "__name__", "") == name
                and (code is None or code.co_filename != __file__)
                and getattr(obj, "__module__", "") != __name__):
            return obj
    raise NotImplementedError(f"no reference {name} in this process")


def calc_grad(*args, **kwargs):
    return _found("calc_grad")(*args, **kwargs)


def train_epoch(*args, **kwargs):
    return _found("train_epoch")(*args, **kwargs)


def validate_epoch(*args, **kwargs):
    return _found("validate_epoch")(*args, **kwargs)


def train_model(*args, **kwargs):
    return _found("train_model")(*args, **kwargs)


class BasicOptim:
    def __new__(cls, *args, **kwargs):
        return _found("BasicOptim", type)(*args, **kwargs)
