"""``pytest exercises/<file>.py`` as a student first runs it: the file named on the command line,
a ``--target`` that does not exist, a notebook saved after the ``.py``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import nbformat
import pytest

from autograder.checks import registry

ROOT = Path(__file__).resolve().parents[2]


def pytest_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=folder, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def saved_after_the_py(folder: Path, stem: str, text: str) -> None:
    """Write ``<stem>.ipynb`` as another tool would, a minute after ``<stem>.py`` was saved."""
    py = folder / f"{stem}.py"
    os.utime(py, (time.time() - 60,) * 2)
    (folder / f"{stem}.ipynb").write_text(text)


def test_files_named_on_the_command_line(tmp_path):
    """One run, three students' files: a syntax error (e03), a notebook saved in JupyterLab with
    its check cell (e02), a notebook that is not JSON saved after a readable ``.py`` (e01)."""
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder, ignore=shutil.ignore_patterns("__pycache__"))
    e03 = folder / "e03_mnist_loss.py"
    e03.write_text(e03.read_text().replace("def sigmoid(x):", "def sigmoid(x:"))
    nb = nbformat.read(folder / "e02_distances.ipynb", as_version=4)
    solved = jupytext.reads((ROOT / "solutions" / "e02_distances.py").read_text(), fmt="py:percent")
    nb.cells = nb.cells[:1] + solved.cells + nb.cells[-2:]  # note, the answer, "check your work"
    saved_after_the_py(folder, "e02_distances", nbformat.writes(nb))
    saved_after_the_py(folder, "e01_stacking", '{"cells": [')

    report = tmp_path / "report.json"
    out = pytest_in(folder, "e01_stacking.py", "e02_distances.py", "e03_mnist_loss.py",
                    "--report-json", str(report))
    text = out.stdout + out.stderr
    data = {e["name"]: e for e in json.loads(report.read_text())["exercises"]}

    # the syntax error: said once per check, in the grader's words, never pytest's traceback
    assert "ERROR collecting" not in text and "Traceback" not in text and "0/0" not in text, text
    assert all("line" in c["message"] and "Python cannot read this file" in c["message"]
               for c in data["e03_mnist_loss"]["checks"])
    possible = sum(registry.exercise(s).possible
                   for s in ("e01_stacking", "e02_distances", "e03_mnist_loss"))
    assert re.search(rf"TOTAL\s+10/{possible}\b", text), text
    # the notebook's check cell does not stop the grader from loading the notebook
    assert data["e02_distances"]["score"] == data["e02_distances"]["possible"] == 10
    assert "e02_distances.ipynb (the notebook, saved after e02_distances.py)" in text
    # a notebook Jupyter cannot read is not graded over the .py saved before it
    assert data["e01_stacking"]["source"].endswith(
        "e01_stacking.py (e01_stacking.ipynb, saved later, is not a notebook Jupyter can read: "
        "open it in JupyterLab and save it again, or delete it)")
    assert {c["status"] for c in data["e01_stacking"]["checks"]} == {"not_attempted"}
    # the way to a hint names the first exercise not done, as a command
    assert re.search(r"Stuck\? `\S*mnist-grade hint e01_stacking`", text), text


def test_a_target_that_does_not_exist_is_a_usage_error(tmp_path):
    out = pytest_in(ROOT, "exercises/e02_distances.py", "--target", str(tmp_path / "nowhere"))
    assert out.returncode == 4, out.stdout + out.stderr  # pytest's usage error
    assert f"--target {tmp_path / 'nowhere'}: does not exist" in out.stderr
    assert "PASSED" not in out.stdout and "ERROR" not in out.stdout


EVIL_CONFTEST = '''import pathlib
pathlib.Path(__file__).with_name("ran_in_grader").write_text("conftest imported by pytest")
'''


@pytest.mark.slow  # three pytest runs (13 s): the slow tier, with the hostile suite
def test_a_target_folders_conftest_never_runs_in_the_grader(tmp_path):
    """``--target DIR`` with a space: pytest must not take ``DIR`` for a folder of tests and
    import ``DIR/conftest.py`` into the grader's process (it could patch the grader). In the
    project, ``pyproject.toml`` declares the option first; in a copy of ``exercises/`` elsewhere,
    the run is refused with a message that names the file and the safe spelling."""
    submission = tmp_path / "alice"
    submission.mkdir()
    shutil.copy(ROOT / "solutions" / "e02_distances.py", submission)
    (submission / "conftest.py").write_text(EVIL_CONFTEST)
    out = pytest_in(ROOT, "exercises/e02_distances.py", "--target", str(submission))
    assert not (submission / "ran_in_grader").exists()
    assert out.returncode == 0 and "failed" not in out.stdout, out.stdout + out.stderr

    elsewhere = tmp_path / "course"
    shutil.copytree(ROOT / "exercises", elsewhere / "exercises",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = pytest_in(elsewhere, "exercises/e02_distances.py", "--target", str(submission))
    assert not (submission / "ran_in_grader").exists()
    assert out.returncode == 4, out.stdout + out.stderr
    assert f"refusing to grade: {submission / 'conftest.py'} is not this project's" in out.stderr
    assert "--target=DIR" in out.stderr
    out = pytest_in(elsewhere, "exercises/e02_distances.py", f"--target={submission}")
    assert not (submission / "ran_in_grader").exists()
    assert out.returncode == 0, out.stdout + out.stderr
