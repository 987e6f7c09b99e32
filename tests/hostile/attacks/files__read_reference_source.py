"""The reference implementation's source read as text and run (not imported, so no import rule
applies): mnist_ref/multiclass.py, by its path in the repository.

The file is otherwise the untouched stub. Every check must fail.
"""

import os

EXERCISE = "e06_ten_digits"
BASE = "stub"
MUST_FAIL = "all"

try:
    with open(os.path.join("@@ROOT@@", "mnist_ref", "multiclass.py")) as _f:
        _text = _f.read()
except OSError:
    _text = ""
if _text:
    _ns = {"__name__": "stolen_multiclass"}
    exec(compile(_text, "multiclass.py", "exec"), _ns)  # noqa: S102
    for _name in ("softmax", "log_softmax", "cross_entropy", "multiclass_accuracy"):
        if _name in _ns:
            globals()[_name] = _ns[_name]
