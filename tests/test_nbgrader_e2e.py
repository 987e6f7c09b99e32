"""The instructor's workflow, end to end, with the real ``nbgrader`` command.

In a temporary folder: the generated course, ``nbgrader generate_assignment`` and
``release_assignment`` (to an exchange folder inside the course), three simulated students who
``fetch_assignment``, work and ``submit`` (one solves everything, one hands in the release
untouched, one makes known mistakes from ``tests/mutants/``), then ``collect``, ``autograde``, the
open questions graded by hand (through nbgrader's gradebook, as the formgrader does),
``generate_feedback`` and ``export`` to CSV. The exported grades must be full marks, zero, and
exactly the points of the checks the mistakes do not fail.

The students also do what nbgrader is weak at: the solver's code writes a warning and a line to
stderr while a check runs (must still get full marks); the mistaken student deletes one test cell
and duplicates another (the deleted one is put back and graded; the copy counts once).

Assignments: ``e03_mnist_loss`` and the questionnaire by default (about a minute);
``MNIST_E2E_ASSIGNMENTS=all`` (or a comma-separated list) runs every generated one.
"""

from __future__ import annotations

import copy
import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from course_students import ROOT, apply_mutants, expected_score, nb_meta, pick_mutants, solve

from autograder.build.course import COURSE, notebooks, outputs
from autograder.build.course.config import COURSE_ID
from autograder.checks.registry import checks_of
from autograder.core.markers import BEGIN

pytestmark = pytest.mark.slow

STUDENTS = ("solver", "untouched", "mistaken")
PREFER = {"e03_mnist_loss": ("where_swapped", "linear_no_bias")}
NOISE = ('__import__("warnings").warn("a harmless warning, like PyTorch\'s", UserWarning); '
         '__import__("sys").stderr.write("a harmless line on stderr\\n")')
TIMINGS: dict[str, float] = {}


def selected(available: list[str]) -> list[str]:
    wanted = os.environ.get("MNIST_E2E_ASSIGNMENTS", "e03_mnist_loss,questionnaire")
    if wanted == "all":
        return available
    return [a for a in wanted.split(",") if a in available]


class Course:
    """The temporary course folder and the commands run in it."""

    def __init__(self, tmp: Path, assignments: list[str]) -> None:
        self.tmp, self.dir, self.assignments = tmp, tmp / COURSE, assignments
        self.exchange, self.cache = tmp / "exchange", tmp / "cache"
        venv_bin = str(Path(sys.executable).parent)
        self.env = {**os.environ, "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
                    "MNIST_NBGRADER_EXCHANGE": str(self.exchange),
                    "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
        for out in outputs(ROOT):
            rel = out.path.relative_to(ROOT / COURSE)
            if rel.parts[0] != "source" or rel.parts[1] in assignments:
                (self.dir / rel).parent.mkdir(parents=True, exist_ok=True)
                (self.dir / rel).write_text(out.text)

    def nbgrader(self, *args: str, cwd: Path | None = None, student: bool = False) -> str:
        cmd = ["nbgrader", *args]
        if student:  # a student's machine: no course config, the exchange named explicitly
            cmd += [f"--course={COURSE_ID}", f"--Exchange.root={self.exchange}",
                    f"--Exchange.cache={self.cache}"]
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd or self.dir, env=self.env, capture_output=True,
                              text=True, timeout=600)
        TIMINGS[args[0]] = TIMINGS.get(args[0], 0.0) + time.perf_counter() - start
        assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr

    def source(self, a: str):
        return nbformat.read(self.dir / "source" / a / f"{a}.ipynb", as_version=4)

    def graded(self, student: str, a: str, step: str = "autograded"):
        return nbformat.read(self.dir / step / student / a / f"{a}.ipynb", as_version=4)


def answered(grade_id: str) -> bool:
    """The mistaken student answers the odd-numbered open questions only."""
    return int(grade_id[1:3]) % 2 == 1


def work(student: str, a: str, released, source, plan: dict):
    """What ``student`` hands in for assignment ``a``; records the expected score in ``plan``."""
    checks = checks_of(a)
    manual = [c for c in released.cells if nb_meta(c).get("solution") and nb_meta(c).get("grade")]
    if student == "untouched":
        plan[a, student] = 0
        return released
    if student == "solver":
        noisy = copy.deepcopy(source)  # every call of the first function writes to stderr
        first = next(c for c in noisy.cells if nb_meta(c).get("solution") and BEGIN in c.source)
        lines = first.source.splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip() == BEGIN)
        lines.insert(at + 1, lines[at][: lines[at].index("#")] + NOISE)
        first.source = "\n".join(lines)
        plan[a, student] = sum(c.points for c in checks) + sum(
            nb_meta(c)["points"] for c in manual)
        return solve(released, noisy)
    cases = pick_mutants(a, k=3, prefer=PREFER.get(a, ()))
    nb = apply_mutants(solve(released, source, answer=answered), cases)
    failed = {n for case in cases for n in case.must_fail}
    tests = [i for i, c in enumerate(nb.cells) if nb_meta(c).get("grade")
             and c.cell_type == "code"]
    passing = [i for i in tests if nb_meta(nb.cells[i])["grade_id"] not in failed]
    if len(passing) >= 2:  # delete one passing test cell, duplicate another
        twin = copy.deepcopy(nb.cells[passing[1]])
        twin.id = f"{twin.id[:50]}-copy"  # Jupyter gives a copied cell a new id
        nb.cells.insert(passing[1] + 1, twin)
        del nb.cells[passing[0]]
    plan[a, student] = expected_score(checks, cases) + sum(
        nb_meta(c)["points"] / 2 for c in manual if answered(nb_meta(c)["grade_id"]))
    plan[a, "cases"] = [c.name for c in cases]
    return nb


def grade_by_hand(course: Course, a: str) -> None:
    """The instructor's manual grades, set as the formgrader sets them: full points for the
    solver's answers, half the points of each of the mistaken student's."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.dir / 'gradebook.db'}") as gb:
        for student in ("solver", "mistaken"):
            for grade in gb.find_submission_notebook(a, a, student).grades:
                if grade.needs_manual_grade and grade.auto_score is None:
                    grade.manual_score = grade.max_score / (2 if student == "mistaken" else 1)
                    grade.needs_manual_grade = False
        gb.db.commit()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The whole workflow, once; yields the course, the expected scores and the exported rows."""
    start = time.perf_counter()
    course = Course(tmp_path_factory.mktemp("nbgrader"), selected(list(notebooks(ROOT))))
    plan: dict = {}
    for a in course.assignments:
        course.nbgrader("generate_assignment", a, "--force")
        course.nbgrader("release_assignment", a, "--force")
        for student in STUDENTS:
            home = course.tmp / "students" / student
            home.mkdir(parents=True, exist_ok=True)
            course.nbgrader("fetch_assignment", a, cwd=home, student=True)
            path = home / a / f"{a}.ipynb"
            nb = work(student, a, nbformat.read(path, as_version=4), course.source(a), plan)
            nbformat.write(nb, path)
            course.nbgrader("submit", a, f"--student={student}", cwd=home, student=True)
        course.nbgrader("collect", a)
        course.nbgrader("autograde", a)
        grade_by_hand(course, a)
        course.nbgrader("generate_feedback", a)
    course.nbgrader("export", "--to", str(course.dir / "grades.csv"))
    with open(course.dir / "grades.csv", newline="") as f:
        rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(f)}
    TIMINGS["total"] = time.perf_counter() - start
    yield course, plan, rows
    print("\nnbgrader e2e timings (s):", {k: round(v, 1) for k, v in TIMINGS.items()})


def test_assignments_ran(run):
    course, _, _ = run
    assert "e03_mnist_loss" in course.assignments or os.environ.get("MNIST_E2E_ASSIGNMENTS")


def test_exported_grades_full_zero_partial(run):
    course, plan, rows = run
    for a in course.assignments:
        possible = sum(c.points for c in checks_of(a)) + sum(
            nb_meta(c)["points"] for c in course.source(a).cells
            if nb_meta(c).get("solution") and nb_meta(c).get("grade"))
        for student in STUDENTS:
            row = rows[a, student]
            assert float(row["max_score"]) == possible, (a, student, row)
            assert float(row["score"]) == plan[a, student], (a, student, plan.get((a, "cases"))
                                                              , row)
        assert plan[a, "solver"] == possible
        assert 0 < plan[a, "mistaken"] < possible or not plan.get((a, "cases"))


def test_stderr_noise_costs_nothing(run):
    course, _, _ = run
    a = course.assignments[0]
    nb = course.graded("solver", a)
    text = "\n".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))
    assert "a harmless line on stderr" in text and "UserWarning" in text
    for c in nb.cells:
        if nb_meta(c).get("grade") and c.cell_type == "code":
            assert not [o for o in c.outputs if o.output_type == "error"
                        or o.get("name") == "stderr"], c.source


def test_deleted_test_cell_is_put_back_and_duplicate_counts_once(run):
    course, _, _ = run
    for a in course.assignments:
        if not checks_of(a):
            continue
        nb = course.graded("mistaken", a)
        ids = [nb_meta(c)["grade_id"] for c in nb.cells
               if nb_meta(c).get("grade") and c.cell_type == "code"]
        assert sorted(ids) == sorted(c.name for c in checks_of(a))  # each test cell once
        assert any("was missing from the submission" in c.source for c in nb.cells)


def test_feedback_shows_messages_not_check_code(run):
    course, plan, _ = run
    a = course.assignments[0]
    html = (course.dir / "feedback" / "mistaken" / a / f"{a}.html").read_text()
    assert "run_check" in html  # the one call a test cell holds
    for leak in ("expect_tensor", "Mistake(", "def mnist_loss_values", "sub.fn("):
        assert leak not in html
    if a == "e03_mnist_loss":
        assert "branches are swapped" in html  # the message of a failed check
        assert "mnist_loss has the reference" in html  # a hidden check's description


def test_release_hides_solutions_hidden_tests_and_rubric(run):
    course, _, _ = run
    for a in course.assignments:
        text = (course.dir / "release" / a / f"{a}.ipynb").read_text()
        for secret in ("BEGIN SOLUTION", "HIDDEN TESTS", "MARK SCHEME", "Rubric"):
            assert secret not in text, (a, secret)
        if "questionnaire" == a:
            graded = "\n".join(c.source for c in course.graded("solver", a).cells)
            assert "Rubric" in graded  # restored by autograde for the instructor
