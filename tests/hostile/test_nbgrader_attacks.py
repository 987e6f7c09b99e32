"""Hostile notebooks through the real ``nbgrader autograde``.

A temporary course holds exercise 3's assignment (the repository's generated ``course/``), and
three students hand in notebooks straight into ``submitted/`` (as the course's docstring allows
when there is no exchange):

- ``patcher``: the released notebook untouched but for one line in its first solution cell that
  replaces the runner the test cells call (``run_check``) with one that does nothing. Once this
  gave full marks, because the test cells ran in the student's kernel; now it must score 0;
- ``hanger``: a full solution whose ``sigmoid`` loops forever and swallows ``BaseException``:
  only ``sigmoid_values`` may lose its point (once nbgrader discarded the whole notebook);
- ``crasher``: a full solution whose ``linear1`` kills its own process with SIGKILL (the kernel,
  or the worker): only ``linear1_values`` may lose its point.

One ``nbgrader autograde`` grades all three (started in the background with the other runs). For
each student: every test cell has a grade, the maximum is the exercise's declared total, the
score is what the honest part earns, an autograded notebook (the feedback's source) exists, and
no process of the run is left.
"""

from __future__ import annotations

import copy
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import hostile_schedule
import pytest
from hostile_attacks import ROOT, declared
from hostile_run import HARD_TIMEOUT, OUTER_LIMITS, RUN_MARK, end_leftovers

pytestmark = [pytest.mark.slow, pytest.mark.nbgrader_course]

A = "e03_mnist_loss"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"

PATCH = """\
import importlib as _il
def _do_nothing(*args, **kwargs):
    return None
for _name in ("autograder.frontends.nbgrader_cell", "autograder.nbgrader",
              "autograder.grading.runner", "autograder.runner"):
    try:
        _module = _il.import_module(_name)
    except Exception:
        continue
    for _attr in ("run_check", "run_one", "grade"):
        if hasattr(_module, _attr):
            setattr(_module, _attr, _do_nothing)
"""

HANG = """\
def sigmoid(x):
    import time
    while True:
        try:
            time.sleep(0.5)
        except BaseException:
            pass
"""

CRASH = """\
def linear1(xb, weights, bias):
    import os
    import signal
    os.kill(os.getpid(), signal.SIGKILL)
"""

STUDENTS = {"patcher": "all", "hanger": ["sigmoid_values"], "crasher": ["linear1_values"]}


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def notebook_of(student: str, released, source):
    """What ``student`` hands in."""
    nb = copy.deepcopy(released)
    solutions = {nbgrader_meta(c)["grade_id"]: c.source for c in source.cells
                 if nbgrader_meta(c).get("solution")}
    cells = [c for c in nb.cells if nbgrader_meta(c).get("solution") and c.cell_type == "code"]
    if student == "patcher":
        cells[0].source = PATCH + "\n" + cells[0].source
        return nb
    for cell in cells:
        cell.source = "\n".join(line for line in solutions[nbgrader_meta(cell)["grade_id"]]
                                .splitlines() if line.strip() not in (BEGIN, END))
    extra = {"hanger": ("def sigmoid", HANG), "crasher": ("def linear1", CRASH)}[student]
    target = next(c for c in cells if extra[0] in c.source)
    target.source += "\n\n\n" + extra[1]
    return nb


def autograde_course(workdir: Path) -> dict:
    """Build the course, hand in the three notebooks, run ``nbgrader autograde``; what came back."""
    import nbformat

    root = ROOT
    course = workdir / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(root / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(root / "course" / "source" / A, course / "source" / A)
    mark = "hn" + secrets.token_hex(8)
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
           "MNIST_NBGRADER_EXCHANGE": str(workdir / "exchange"),
           "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"), RUN_MARK: mark}
    out: dict = {"mark": mark, "course": course, "log": ""}

    def nbgrader(*args, timeout=120):
        cmd = ["timeout", "-k", "5", str(timeout), "prlimit", *OUTER_LIMITS, "--",
               "nbgrader", *args]
        done = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True,
                              timeout=timeout + 30, start_new_session=True)
        out["log"] += f"$ nbgrader {' '.join(args)} -> {done.returncode}\n{done.stdout[-3000:]}" \
                      f"\n{done.stderr[-6000:]}\n"
        return done.returncode

    start = time.monotonic()
    if nbgrader("generate_assignment", A, "--force") != 0:
        out["error"] = "nbgrader generate_assignment failed"
        return out
    released = nbformat.read(course / "release" / A / f"{A}.ipynb", as_version=4)
    source = nbformat.read(course / "source" / A / f"{A}.ipynb", as_version=4)
    for student in STUDENTS:
        path = course / "submitted" / student / A / f"{A}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(notebook_of(student, released, source), path)
    out["autograde_rc"] = nbgrader("autograde", A, timeout=HARD_TIMEOUT)
    out["seconds"] = round(time.monotonic() - start, 1)
    out["leftovers"] = end_leftovers([mark])
    from nbgrader.api import Gradebook

    out["grades"] = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in STUDENTS:
            try:
                nb = gb.find_submission_notebook(A, A, student)
            except Exception as err:  # noqa: BLE001 - the student was never graded
                out["grades"][student] = f"no grades: {err}"
                continue
            out["grades"][student] = {g.name: (g.score, g.max_score) for g in nb.grades
                                      if g.max_score}
    return out


@pytest.fixture(scope="module")
def graded():
    scheduler = hostile_schedule.SCHEDULER
    if scheduler is None or "nbgrader" not in scheduler.extra:
        pytest.skip("the background nbgrader run was not started")
    return scheduler.extra["nbgrader"].result()


@pytest.mark.parametrize("student", list(STUDENTS))
def test_nbgrader_student_gains_nothing(graded, student):
    points = declared(A)
    lost = set(points) if STUDENTS[student] == "all" else set(STUDENTS[student])
    found = []
    if graded.get("error"):
        found.append(graded["error"])
    grades = graded.get("grades", {}).get(student)
    if not isinstance(grades, dict):
        found.append(f"{student} has no grades: {grades}")
    else:
        if set(grades) != set(points):
            found.append(f"graded cells {sorted(grades)} are not the checks {sorted(points)}")
        if sum(m for _, m in grades.values()) != sum(points.values()):
            found.append(f"possible {sum(m for _, m in grades.values())}, declared "
                         f"{sum(points.values())}")
        for name, (score, max_score) in sorted(grades.items()):
            if name in lost and score:
                found.append(f"{name}: {score}/{max_score}: GAINED (must be 0)")
            if name not in lost and score != max_score:
                found.append(f"{name}: {score}/{max_score}: an honest check lost its points")
    autograded = graded["course"] / "autograded" / student / A / f"{A}.ipynb"
    if not autograded.exists():
        found.append(f"no autograded notebook for {student} (no feedback possible)")
    if graded.get("leftovers"):
        found.append(f"processes outlived nbgrader: {graded['leftovers']}")
    if graded.get("autograde_rc") not in (0, None):
        found.append(f"nbgrader autograde exited with {graded.get('autograde_rc')}")
    assert not found, (f"{student} ({graded.get('seconds')} s):\n"
                       + "\n".join(f"- {p}" for p in found)
                       + f"\n--- nbgrader log (tail)\n{graded.get('log', '')[-5000:]}")
