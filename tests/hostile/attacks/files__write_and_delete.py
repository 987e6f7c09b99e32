"""Writing and deleting what is not the student's, while the file loads (each attempt on its
own, errors ignored): overwrite then delete a file in the repository, create a new file at the
repository's root, append to and delete another student's files and drop a new one among them.

The file is otherwise a full solution: every check must still pass, and every file outside the
student's folder must be as it was.
"""

import os

EXERCISE = "e02_distances"
BASE = "solution"
ALONE = True  # it touches files every run shares


def _try(action, *args):
    try:
        action(*args)
    except Exception:  # noqa: BLE001, S110
        pass


def _write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)


_try(_write, "@@CANARY@@", "overwritten by @@TOKEN@@")
_try(os.remove, "@@CANARY@@")
_try(_write, os.path.join("@@ROOT@@", "written-@@TOKEN@@.txt"), "@@TOKEN@@")
_try(_write, os.path.join("@@ROOT@@", "tests", "hostile", "written-@@TOKEN@@.py"), "@@TOKEN@@")
_try(_write, "@@OTHER@@/@@STEM@@.py", "\nraise SystemExit('@@TOKEN@@')\n", "a")
for _name in os.listdir("@@OTHER@@") if os.path.isdir("@@OTHER@@") else []:
    if _name != "@@STEM@@.py":
        _try(os.remove, os.path.join("@@OTHER@@", _name))
_try(_write, "@@OTHER@@/new-@@TOKEN@@.py", "@@TOKEN@@")
