"""The generated nbgrader course, without running nbgrader's commands (that is
``test_nbgrader_e2e.py``): metadata nbgrader accepts, the same points as ``pytest exercises``,
test cells that hold no test code, the runtime's stderr handling, and copied cells."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
import pytest
from course_students import ROOT, apply_mutants, expected_score, nb_meta, pick_mutants, solve
from nbgrader.nbgraderformat import MetadataValidator
from traitlets.config import Config

from autograder.build.course import cells, config, notebooks, outputs, stems
from autograder.build.course.exercises import EXTRA_HIDDEN, is_hidden
from autograder.checks.registry import checks_of as graded_checks
from autograder.frontends.nbgrader_cell import CheckNotPassed, run_check
from autograder.grading.runner import close, load_submission
from autograder.grading.runner import run_check as run_one
from autograder.nbgrader_plugins.preprocessors import DropDuplicateIds

NOTEBOOKS = notebooks(ROOT)


def test_every_exercise_with_a_solution_has_a_notebook():
    assert stems(ROOT) and set(stems(ROOT)) <= set(NOTEBOOKS)
    assert "e03_mnist_loss" in NOTEBOOKS


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_metadata_is_valid_for_nbgrader(assignment):
    nb = NOTEBOOKS[assignment]
    nbformat.validate(nb)
    MetadataValidator().validate_nb(nb)  # schema version 3, grade ids unique, points on grades
    ids = [c.id for c in nb.cells]
    assert len(ids) == len(set(ids))
    for cell in nb.cells:
        meta = nb_meta(cell)
        if cell.cell_type == "markdown" and not meta.get("solution"):
            assert meta.get("locked"), cell.source[:80]
        if meta.get("grade") and cell.cell_type == "code":
            assert meta["locked"] and not meta["solution"]


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_one_test_cell_per_check_with_its_points(assignment):
    nb = NOTEBOOKS[assignment]
    tests = {nb_meta(c)["grade_id"]: nb_meta(c)["points"] for c in nb.cells
             if nb_meta(c).get("grade") and c.cell_type == "code"}
    assert tests == {c.name: c.points for c in graded_checks(assignment)}


@pytest.mark.slow  # a pytest exercises run in a subprocess, 8-9 s
def test_points_agree_with_pytest_exercises(tmp_path):
    """Notebook points == the checks' points == the possible of ``pytest exercises``."""
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, "-m", "pytest", "exercises", "-q", "-p", "no:cacheprovider",
                    f"--report-json={report}"], cwd=ROOT, capture_output=True, timeout=300)
    possible = {e["name"]: e["possible"] for e in json.loads(report.read_text())["exercises"]}
    for stem in stems(ROOT):
        nb_points = cells.points(NOTEBOOKS[stem])
        assert nb_points == sum(c.points for c in graded_checks(stem)) == possible[stem], stem


def test_questionnaire_points_are_checks_plus_written_answers():
    from autograder.quiz.catalogue import rubric

    nb = NOTEBOOKS.get("questionnaire")
    if nb is None:
        pytest.skip("no questionnaire yet")
    manual = {nb_meta(c)["grade_id"]: nb_meta(c)["points"] for c in nb.cells
              if nb_meta(c).get("grade") and c.cell_type == "markdown"}
    assert manual == {f"{q['id']}-answer": q["points"] for q in rubric() if q["points"]}
    auto = sum(c.points for c in graded_checks("questionnaire"))
    assert cells.points(nb) == auto + sum(manual.values())


@pytest.mark.parametrize("assignment", NOTEBOOKS)
def test_test_cells_only_call_run_check(assignment):
    """No test code to leak: a test cell is comments, one import and one call (hidden or not)."""
    checks = {c.name: c for c in graded_checks(assignment)}
    for cell in NOTEBOOKS[assignment].cells:
        if not (nb_meta(cell).get("grade") and cell.cell_type == "code"):
            continue
        check = checks[nb_meta(cell)["grade_id"]]
        call = f'run_check("{check.exercise}", "{check.name}", globals())'
        code = [line for line in cell.source.splitlines() if line and not line.startswith("# ")]
        if is_hidden(check):
            assert code == ["from autograder.frontends.nbgrader_cell import run_check",
                            "### BEGIN HIDDEN TESTS", call, "### END HIDDEN TESTS"]
        else:
            assert code == ["from autograder.frontends.nbgrader_cell import run_check", call]


@pytest.mark.parametrize("stem", stems(ROOT))
def test_hidden_policy(stem):
    """Training checks (a longer time limit) are hidden; every exercise keeps a visible check."""
    checks = graded_checks(stem)
    assert any(not is_hidden(c) for c in checks)
    for c in checks:
        assert is_hidden(c) == (c.hidden or c.timeout > 20 or c.name in
                                EXTRA_HIDDEN.get(stem, set()))


def test_solution_regions_are_kept_for_nbgrader():
    nb = NOTEBOOKS["e03_mnist_loss"]
    solutions = [c for c in nb.cells if nb_meta(c).get("solution")]
    assert solutions and all("### BEGIN SOLUTION" in c.source for c in solutions)


def test_config_sets_timeout_exchange_and_fixes():
    text = next(o.text for o in outputs(ROOT) if o.path.name == "nbgrader_config.py")
    c = Config()
    namespace = {"get_config": lambda: c, "__file__": str(ROOT / "course" / "nbgrader_config.py")}
    exec(compile(text, "nbgrader_config.py", "exec"), namespace)  # noqa: S102
    every = [ch for a in NOTEBOOKS for ch in graded_checks(a)]
    assert c.Execute.timeout > max(ch.timeout for ch in every)
    assert c.Execute.timeout == config.timeout(every)
    assert c.CourseDirectory.course_id == config.COURSE_ID
    assert c.Exchange.root.endswith("exchange")
    assert c.OverwriteCells.add_missing_cells is True
    names = [cls.__name__ for cls in c.Autograde.sanitize_preprocessors]
    assert "DropDuplicateIds" in names and "RestoreDeletedCells" in names
    assert re.search(c.IgnorePattern.pattern, "x.py:3: UserWarning: careful")


# --- the runtime of a test cell -------------------------------------------------------------


def solution_namespace(stem: str = "e03_mnist_loss", *cells: str, drop: str = "") -> dict:
    """A notebook kernel's ``globals()`` as the grader sees it: ``__name__`` and IPython's ``In``,
    the cells run so far (the solution, then ``cells``); ``drop``: a function left undefined."""
    import ast

    source = (ROOT / "solutions" / f"{stem}.py").read_text()
    if drop:
        tree = ast.parse(source)
        node = next(n for n in tree.body if getattr(n, "name", None) == drop)
        lines = source.splitlines()
        source = "\n".join(lines[: node.lineno - 1] + lines[node.end_lineno:])
    return {"__name__": "__main__", "In": ["", source, *cells]}


NOISY_SIGMOID = """
import os, sys, warnings
def sigmoid(x):
    warnings.warn("a harmless warning", UserWarning, stacklevel=2)
    sys.stderr.write("python-level stderr\\n")
    os.write(2, b"C-level stderr\\n")
    return 1 / (1 + torch.exp(-x))
"""


def test_run_check_keeps_the_students_stderr_out_of_the_cell(capfd):
    """The student's code runs in the isolated worker: what it writes to stderr (a warning, a
    print, C-level bytes) never reaches the test cell, whose stderr would cost its points."""
    ns = solution_namespace("e03_mnist_loss", NOISY_SIGMOID)
    result = run_check("e03_mnist_loss", "sigmoid_values", ns)
    out, err = capfd.readouterr()
    assert result.earned == result.points
    assert err == ""
    assert "PASSED" in out


def test_run_check_fails_with_the_message_and_a_one_line_error(capsys):
    ns = solution_namespace("e03_mnist_loss", "def sigmoid(x):\n    return 1 / (1 + x.exp())\n")
    with pytest.raises(CheckNotPassed) as info:
        run_check("e03_mnist_loss", "sigmoid_values", ns)
    out = capsys.readouterr().out
    assert "WRONG 0/1" in out and "exp(-x)" in out
    assert isinstance(info.value, AssertionError)
    assert info.value._render_traceback_() == [f"CheckNotPassed: {info.value}"]
    assert "\n" not in str(info.value)


def test_run_check_is_silent_when_the_notebook_runs_as_a_module():
    ns = solution_namespace()
    ns["__name__"] = "submission_e03_mnist_loss"
    assert run_check("e03_mnist_loss", "sigmoid_values", ns) is None


def test_run_check_names_an_unknown_check():
    with pytest.raises(KeyError, match="mnist-grade build"):
        run_check("e03_mnist_loss", "no_such_check", solution_namespace())


# --- students who copy cells; known mistakes in a notebook -----------------------------------


def test_copied_cells_count_once_and_stay_valid():
    """nbgrader's DeduplicateIds leaves metadata its own validator rejects (issue #1083);
    DropDuplicateIds keeps the last copy graded and makes the others ordinary cells."""
    from nbgrader.preprocessors import DeduplicateIds

    nb = NOTEBOOKS["e03_mnist_loss"]
    at = next(i for i, c in enumerate(nb.cells) if nb_meta(c).get("grade"))
    copied = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    twin = nbformat.from_dict(json.loads(json.dumps(copied.cells[at])))
    twin.id = "a-copy"
    copied.cells.insert(at, twin)
    resources = {}
    theirs, _ = DeduplicateIds().preprocess(nbformat.from_dict(copied), resources)
    with pytest.raises(Exception, match="[Ss]chema|version"):
        MetadataValidator().validate_nb(theirs)
    ours, _ = DropDuplicateIds().preprocess(copied, resources)
    MetadataValidator().validate_nb(ours)
    assert "nbgrader" not in ours.cells[at].metadata
    assert nb_meta(ours.cells[at + 1])["grade_id"] == nb_meta(nb.cells[at])["grade_id"]
    assert cells.points(ours) == cells.points(nb)


@pytest.mark.parametrize("stem", [s for s in stems(ROOT) if pick_mutants(s)][:1])
def test_mutated_notebook_scores_as_the_mutants_say(stem, tmp_path):
    """The mistaken student of the end-to-end test, graded in process: the expected partial
    score holds before nbgrader is involved."""
    source = NOTEBOOKS[stem]
    cases = pick_mutants(stem, prefer=("where_swapped", "linear_no_bias"))
    path = tmp_path / f"{stem}.ipynb"
    nbformat.write(apply_mutants(solve(source, source), cases), path)
    sub = load_submission(path, stem)
    checks = graded_checks(stem)
    try:
        earned = sum(run_one(c, sub).earned for c in checks)
    finally:
        close(sub)
    assert earned == expected_score(checks, cases) < sum(c.points for c in checks)


def test_a_deleted_solution_cell_is_named_in_the_message(capsys):
    """nbgrader does not put back solution cells: the checks of a deleted function fail and
    say which function to restore."""
    ns = solution_namespace("e03_mnist_loss", drop="sigmoid")
    with pytest.raises(CheckNotPassed):
        run_check("e03_mnist_loss", "sigmoid_values", ns)
    assert "has no `sigmoid`" in capsys.readouterr().out
