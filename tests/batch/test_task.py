"""One file graded as plain data: a ``.py``, an nbgrader notebook (its test cells are the grader's,
not run in the worker), and a student who tries to read a classmate's file from the class folder."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from batch_class import ROOT, expected, source

from autograder.batch.task import grade_task, notebook_code, task
from autograder.core.errors import SubmissionError


def test_a_py_file_is_graded_into_plain_data(tmp_path):
    path = tmp_path / "ann" / "e02_distances.py"
    path.parent.mkdir()
    path.write_text(source("e02_distances__no_abs", "e02_distances"))
    result = grade_task(task("ann", "e02_distances", path, "h"))
    assert json.loads(json.dumps(result)) == result  # nothing but plain data
    assert "failed" not in result, result
    report = result["report"]
    assert report["source"] == str(path)
    assert sum(r["earned"] for r in report["results"]) == expected("e02_distances",
                                                                  "e02_distances__no_abs")


def nbgrader_notebook(stem: str) -> nbformat.NotebookNode:
    """The course's source notebook of ``stem``: the solution in its solution cells, nbgrader's
    test cells (``run_check(...)``, which import the grader) after them."""
    return nbformat.read(ROOT / "course" / "source" / stem / f"{stem}.ipynb", as_version=4)


def test_an_nbgrader_notebook_is_graded_without_its_test_cells(tmp_path):
    nb = nbgrader_notebook("e02_distances")
    tests = [i for i, c in enumerate(nb.cells)
             if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert tests and "run_check" in nb.cells[tests[0]].source
    path = tmp_path / "ann" / "e02_distances" / "e02_distances.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)
    code = notebook_code(path)
    assert "run_check(" not in code.replace("# (a test cell", "")
    assert f"# cell {tests[0]}\n" in code  # cell numbers are the notebook's
    result = grade_task(task("ann", "e02_distances", path, "h"))
    assert "failed" not in result, result
    scores = [(r["name"], r["status"], r["message"][:200]) for r in result["report"]["results"]]
    assert all(s == "passed" for _, s, _ in scores), scores


def test_the_check_cell_of_an_exercise_notebook_is_not_graded(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import torch\nx = 1"),
                nbformat.v4.new_code_cell("%matplotlib inline\nfrom autograder.frontends.notebook "
                                          "import check, hint\n\ncheck('e02_distances', "
                                          "globals())\ny = 2")]
    path = tmp_path / "e02_distances.ipynb"
    nbformat.write(nb, path)
    code = notebook_code(path)
    assert "# (the grader's own line, not graded) from autograder" in code
    assert "# (the grader's own line, not graded) check('e02_distances'" in code
    assert "\ny = 2" in code  # the student's own lines of that cell stay


def test_a_notebook_that_does_not_compile_names_the_line(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("def f(:\n    pass")]
    path = tmp_path / "e02_distances.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(SubmissionError, match="line 2 of its code cells"):
        notebook_code(path)
    path.write_text("{not json")
    with pytest.raises(SubmissionError, match="not a notebook Jupyter can read"):
        notebook_code(path)


SPY = '''
import pathlib
_theirs = pathlib.Path({other!r})
try:
    _text = _theirs.read_text()
except OSError as _err:
    _text = f"UNREADABLE {{type(_err).__name__}}"


def mnist_distance(a, b):
    raise ValueError("LEAKED " + _text[:300])
'''


def test_a_student_cannot_read_a_classmates_file_from_the_class_folder(tmp_path):
    other = tmp_path / "class" / "bob" / "e02_distances.py"
    other.parent.mkdir(parents=True)
    other.write_text("SECRET_OF_BOB = 1\n" + source("solution", "e02_distances"))
    mine = tmp_path / "class" / "eve" / "e02_distances.py"
    mine.parent.mkdir(parents=True)
    mine.write_text(source("solution", "e02_distances") + SPY.format(other=str(other)))

    def messages(hide):
        result = grade_task(task("eve", "e02_distances", mine, "h"), hide=hide)
        return " ".join(r["message"] for r in result["report"]["results"])

    assert "SECRET_OF_BOB" in messages(())  # the spy works where nothing hides the class
    hidden = messages((str(tmp_path / "class"),))  # as the batch grades
    assert "LEAKED UNREADABLE" in hidden and "SECRET_OF_BOB" not in hidden
    assert Path(other).read_text().startswith("SECRET_OF_BOB")  # and untouched
