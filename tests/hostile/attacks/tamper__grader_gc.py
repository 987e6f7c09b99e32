"""The grader's check functions found with gc.get_objects() (no import, no sys.modules) and their
code replaced by a function that does nothing; the same for every Check object found.

The file is otherwise the untouched stub of e07. Every check must fail.
"""

import gc
import types

EXERCISE = "e07_learner"
BASE = "stub"
MUST_FAIL = "all"


def _nothing(*args, **kwargs):
    return None


for _obj in gc.get_objects():
    if isinstance(_obj, types.FunctionType):
        module = getattr(_obj, "__module__", "") or ""
        code = _obj.__code__
        if (module.startswith(("autograder.checks", "autograder.feedback",
                               "autograder.core.feedback"))
                and code.co_argcount >= 1 and not code.co_freevars):
            _obj.__code__ = _nothing.__code__
    elif type(_obj).__name__ == "Check" and hasattr(_obj, "func"):
        try:
            object.__setattr__(_obj, "func", _nothing)
        except (AttributeError, TypeError):
            pass
