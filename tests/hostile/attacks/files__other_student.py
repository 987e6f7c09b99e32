"""Another student's work copied at grading time: their file of the same name, found next to
this student's folder (../<any folder>/<stem>.py, and the folder named other_student), run in
place of the stub.

The file is otherwise the untouched stub. Every check must fail: other students' folders are
neither readable nor writable from the worker.
"""

import glob
import os

EXERCISE = "e07_learner"
BASE = "stub"
MUST_FAIL = "all"

_mine = os.path.realpath(os.path.dirname(globals().get("__file__") or "@@TARGET@@/x.py"))
_theirs = glob.glob(os.path.join(_mine, "..", "*", "@@STEM@@.py"))
_theirs += glob.glob("@@TARGET@@/../*/@@STEM@@.py") + ["@@OTHER@@/@@STEM@@.py"]
for _path in _theirs:
    if os.path.realpath(os.path.dirname(_path)) == _mine:
        continue  # this student's own file
    try:
        with open(_path) as _f:
            _text = _f.read()
    except OSError:
        continue
    exec(compile(_text, _path, "exec"), globals())  # noqa: S102
    break
