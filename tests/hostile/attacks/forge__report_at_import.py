"""Fake full-marks reports written while the file loads, at the paths the grader was given and
in the working directory, then made read-only.

The file is otherwise the untouched stub: the grader's true report (0) must be on disk.
"""

import json
import os

EXERCISE = "e04_train_epoch"
BASE = "stub"
MUST_FAIL = "all"

_FAKE = {"score": 11, "possible": 11, "forged_by": "@@TOKEN@@", "tests": [], "exercises": [
    {"name": "@@STEM@@", "score": 11, "possible": 11, "checks": []}]}

for _path in ("@@REPORT@@", "@@GRADESCOPE@@", "report-@@TOKEN@@.json"):
    try:
        with open(_path, "w") as _f:
            json.dump(_FAKE, _f)
        os.chmod(_path, 0o444)
    except OSError:
        pass
