"""``mnist-grade batch`` end to end on a small class made from the project's own answers: the
gradebook, the bad inputs as rows, the exit status, a rerun that grades nothing, a resubmission
that is regraded, the class report's numbers, nbgrader's database; and bad input (exit 2)."""

from __future__ import annotations

import csv
import sqlite3
import zipfile

import pytest
from batch_class import expected, must_fail, source, write_student

from autograder.checks.registry import checks_of
from autograder.cli import main

STEM = "e02_distances"
WORK = {"sol": "solution", "stub": "stub", "noabs": "e02_distances__no_abs",
        "reversed": "e02_distances__is_3_reversed", "zipped": "e02_distances__weighted_average"}


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    """The class folder: four student folders, one zip, a corrupt zip, an empty folder."""
    root = tmp_path_factory.mktemp("batch") / "class"
    for student, kind in WORK.items():
        if student != "zipped":
            write_student(root / student, {STEM: kind})
    with zipfile.ZipFile(root / "zipped.zip", "w") as z:
        z.writestr(f"my work/{STEM}.py", source(WORK["zipped"], STEM))
    (root / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    (root / "empty").mkdir()
    return root


def gradebook(out):
    with open(out / "gradebook.csv", newline="") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


def journal_rows(out):
    db = sqlite3.connect(out / "journal.sqlite")
    rows = db.execute("SELECT student, exercise, score, graded_at FROM graded").fetchall()
    db.close()
    return {(s, e): (score, at) for s, e, score, at in rows}


@pytest.fixture(scope="module")
def graded(klass, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    code = main(["batch", str(klass), "--out", str(out), "--workers", "2",
                 "--exercises", STEM])
    return out, code


def test_every_student_has_a_row_with_the_right_score(graded):
    out, code = graded
    assert code == 1  # two students could not be graded
    book = gradebook(out)
    assert sorted(book) == sorted([*WORK, "broken", "empty"])
    for student, kind in WORK.items():
        assert float(book[student][STEM]) == expected(STEM, kind), (student, book[student])
        assert book[student]["status"] == "graded"
    assert "not a zip file that can be read" in book["broken"]["status"]
    assert "is empty" in book["empty"]["status"]
    assert book["broken"][STEM] == book["broken"]["total"] == ""
    for student in [*WORK, "broken", "empty"]:
        folder = out / "students" / student
        assert {p.name for p in folder.iterdir()} == {"report.json", "results.json",
                                                      "feedback.txt"}


def test_the_class_report_has_the_numbers_of_the_class(graded):
    out, _ = graded
    text = (out / "class_report.md").read_text()
    assert "5 students graded" in text
    for check in checks_of(STEM):
        passed = sum(kind == "solution" or (kind != "stub" and check.name not in must_fail(kind))
                     for kind in WORK.values())
        assert f"| {STEM} | {check.name} | {passed / 5:.0%} ({passed}/5) |" in text, check.name
    single = next(line for line in text.splitlines() if "| mnist_distance_single |" in line)
    assert "the absolute value is missing" in single and "not attempted 1" in single
    png = out / "class_report.png"
    assert png.read_bytes()[:4] == b"\x89PNG"


def nbgrader_gradebook(path):
    """A gradebook that knows the exercise, as ``nbgrader generate_assignment`` leaves it."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{path}") as gb:
        gb.add_assignment(STEM)
        gb.add_notebook(STEM, STEM)
        for c in checks_of(STEM):
            gb.add_grade_cell(c.name, STEM, STEM, max_score=c.points, cell_type="code")
    return path


def test_a_rerun_grades_nothing_and_a_resubmission_is_regraded(graded, klass, capsys, tmp_path):
    from nbgrader.api import Gradebook

    out, _ = graded
    before = journal_rows(out)
    assert len(before) == 5
    capsys.readouterr()
    db = nbgrader_gradebook(tmp_path / "gradebook.db")
    assert main(["batch", str(klass), "--out", str(out), "--exercises", STEM,
                 "--nbgrader-db", str(db)]) == 1
    assert "0 files to grade, 5 already graded and unchanged" in capsys.readouterr().err
    assert journal_rows(out) == before  # not one row graded again
    book = gradebook(out)
    with Gradebook(f"sqlite:///{db}") as gb:  # the scores, as formgrader shows them
        assert {s.id for s in gb.students} == set(WORK)
        for student in WORK:
            assert gb.find_submission(STEM, student).score == float(book[student][STEM])

    (klass / "stub" / f"{STEM}.py").write_text(source("solution", STEM))  # resubmitted
    assert main(["batch", str(klass), "--out", str(out), "--exercises", STEM]) == 1
    assert "1 files to grade, 4 already graded" in capsys.readouterr().err
    after = journal_rows(out)
    assert len(after) == 5
    assert after[("stub", STEM)][0] == expected(STEM, "solution")
    assert {k: v for k, v in after.items() if k[0] != "stub"} == {
        k: v for k, v in before.items() if k[0] != "stub"}
    assert float(gradebook(out)["stub"][STEM]) == expected(STEM, "solution")


@pytest.mark.parametrize("args, words", [
    (["{tmp}/nope"], "does not exist: give the folder"),
    (["{tmp}", "--exercises", "e99_nothing"], "e99_nothing is not an exercise"),
    (["{tmp}", "--workers", "0"], "--workers 0: give at least 1"),
    (["{tmp}/one"], "looks like one student's folder"),
    (["/"], "which grading needs"),
])
def test_bad_input_exits_2_naming_the_path_and_the_fix(tmp_path, capsys, args, words):
    write_student(tmp_path / "one", {STEM: "stub"})
    argv = ["batch", *[a.format(tmp=tmp_path) for a in args], "--out", str(tmp_path / "out")]
    assert main(argv) == 2
    assert words in capsys.readouterr().err


def test_missing_out_is_an_argparse_error(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["batch", str(tmp_path)])
    assert exit_.value.code == 2
