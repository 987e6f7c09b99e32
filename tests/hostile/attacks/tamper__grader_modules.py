"""The grader's own modules, reached through sys.modules and patched while the file loads: every
check function of every exercise replaced by one that does nothing, and every helper that can
fail a check (expect_*, require_*, forbid, first_difference) made to accept anything.

The file is otherwise the untouched stub. Once this gave full marks; now the grader's modules are
not in the student's process at all, and every check must fail.
"""

import sys

EXERCISE = "e02_distances"
BASE = "stub"
MUST_FAIL = "all"


def _accept(*args, **kwargs):
    return None


for _name, _module in list(sys.modules.items()):
    if not _name.startswith(("autograder", "mnist_ref")) or _module is None:
        continue
    for _attr, _value in list(vars(_module).items()):
        if callable(_value) and _attr.startswith(("expect", "require", "forbid",
                                                  "first_difference")):
            setattr(_module, _attr, _accept)
    for _exercise in list(getattr(_module, "__dict__", {}).values()):
        for _check in getattr(_exercise, "checks", None) or []:
            try:
                object.__setattr__(_check, "func", _accept)
            except (AttributeError, TypeError):
                pass
