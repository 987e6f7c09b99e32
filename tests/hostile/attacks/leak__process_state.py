"""The interpreter's process-wide state changed while the file loads: warnings turned into errors,
NumPy raising on every floating-point problem, a tiny recursion limit, a different working
directory, MNIST_REF_DATA pointed at nothing, sys.path led by a folder that shadows the grader's
and the reference's packages, stdout replaced by /dev/null.

e04, graded next in the same run from a full solution, must score full marks, and the grader's
output must still be there (its summary and the protections line).
"""

import os
import sys
import tempfile
import warnings

import numpy as np

EXERCISE = "e02_distances"
BASE = "solution"
MAY_FAIL = "all"
ALSO = ["e04_train_epoch"]

_shadow = tempfile.mkdtemp(prefix="shadow-@@TOKEN@@-")
for _pkg in ("autograder", "mnist_ref", "torch_shadow"):
    os.makedirs(os.path.join(_shadow, _pkg), exist_ok=True)
    with open(os.path.join(_shadow, _pkg, "__init__.py"), "w") as _f:
        _f.write("raise ImportError('shadowed by @@TOKEN@@')\n")
sys.path.insert(0, _shadow)
warnings.simplefilter("error")
np.seterr(all="raise")
os.environ["MNIST_REF_DATA"] = "/nonexistent-@@TOKEN@@"
os.chdir("/")
sys.stdout = open(os.devnull, "w")  # noqa: SIM115
sys.setrecursionlimit(60)
