"""The gradebook, each student's files, nbgrader's database and the class report, from reports
made by hand (no grading here: the end-to-end tests grade)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from autograder.batch import class_report, outputs
from autograder.batch.layouts import StudentFiles
from autograder.checks.registry import checks_of
from autograder.core.model import CheckResult, ExerciseReport, Status

STEM = "e02_distances"


def exercise_report(failed: dict[str, str | None], status: Status = Status.WRONG,
                    source: str = "x.py") -> ExerciseReport:
    """e02's report with the checks in ``failed`` failed (with that named cause, or none)."""
    results = []
    for c in checks_of(STEM):
        if c.name in failed:
            cause = failed[c.name]
            msg = "it returned the wrong thing\n  expected: 1\n  got:      2" + (
                f"\n  likely cause: {cause}" if cause else "")
            results.append(CheckResult(STEM, c.name, c.description, c.points, 0, status, msg))
        else:
            results.append(CheckResult(STEM, c.name, c.description, c.points, c.points,
                                       Status.PASSED))
    return ExerciseReport(STEM, "Distances", source, results)


def rows_for(tmp_path: Path):
    first, second = (c.name for c in checks_of(STEM)[:2])
    journal = {("ann", STEM): ("h-ann", exercise_report({})),
               ("bob", STEM): ("h-bob", exercise_report({first: "the abs is missing"})),
               ("cyd", STEM): ("h-old", exercise_report({}))}  # graded from an older file
    students = [StudentFiles("ann", tmp_path / "ann", {STEM: tmp_path / "ann/e02.py"}),
                StudentFiles("bob", tmp_path / "bob", {STEM: tmp_path / "bob/e02.py"}),
                StudentFiles("cyd", tmp_path / "cyd", {STEM: tmp_path / "cyd/e02.py"}),
                StudentFiles("dee", tmp_path / "dee", missing={STEM: "not handed in: no file"},
                             files={}),
                StudentFiles("eve", tmp_path / "eve.zip", problem="eve.zip is corrupt")]
    digests = {("ann", STEM): "h-ann", ("bob", STEM): "h-bob", ("cyd", STEM): "h-new"}
    failures = {("cyd", STEM): "the grading process ended unexpectedly"}
    return outputs.collect(students, [STEM], journal, failures, digests)


def test_the_gradebook_has_a_row_per_student_and_says_why(tmp_path):
    rows = rows_for(tmp_path)
    possible = sum(c.points for c in checks_of(STEM))
    table = list(csv.DictReader(io.StringIO(outputs.gradebook_csv(rows, [STEM]))))
    got = {r["student"]: r for r in table}
    assert list(got) == ["ann", "bob", "cyd", "dee", "eve"]
    assert got["ann"][STEM] == got["ann"]["total"] == str(possible)
    assert got["bob"][STEM] == str(possible - checks_of(STEM)[0].points)
    assert got["cyd"][STEM] == "" and got["cyd"]["status"] == f"incomplete: {STEM} not graded"
    assert "the grading process ended unexpectedly" in got["cyd"]["notes"]
    assert got["dee"][STEM] == "0" and got["dee"]["status"] == "graded"
    assert "not handed in" in got["dee"]["notes"]
    assert got["eve"]["total"] == "" and got["eve"]["status"] == "not graded: eve.zip is corrupt"
    assert all(r["possible"] == str(possible) for r in table)


def test_each_student_gets_a_report_gradescope_results_and_feedback(tmp_path):
    rows = rows_for(tmp_path)
    gradebook = outputs.write(rows, [STEM], tmp_path / "out")
    assert gradebook == tmp_path / "out" / "gradebook.csv"
    bob = tmp_path / "out" / "students" / "bob"
    report = json.loads((bob / "report.json").read_text())
    assert report["score"] == rows[1].report.score and report["possible"] == rows[1].report.possible
    gs = json.loads((bob / "results.json").read_text())
    assert gs["score"] == report["score"] and len(gs["tests"]) == len(checks_of(STEM))
    text = (bob / "feedback.txt").read_text()
    first = checks_of(STEM)[0]
    assert f"WRONG 0/{first.points}  {first.description}" in text  # pytest exercises' words
    assert "likely cause: the abs is missing" in text
    assert "TOTAL" in text and "mnist-grade hint" in text
    eve = (tmp_path / "out" / "students" / "eve" / "feedback.txt").read_text()
    assert "could not be graded: eve.zip is corrupt" in eve and "WRONG" not in eve


def test_the_class_report_counts_passes_and_named_causes(tmp_path):
    first, second, third = (c.name for c in checks_of(STEM)[:3])
    reports = [exercise_report({}),
               exercise_report({first: "the abs is missing", second: "the abs is missing"}),
               exercise_report({first: "the abs is missing"}),
               exercise_report({first: "a | pipe in the cause"}),
               exercise_report({first: None, third: None}, status=Status.ERROR),
               exercise_report({c.name: None for c in checks_of(STEM)},
                               status=Status.NOT_ATTEMPTED)]
    rows = {(r.exercise, r.name): r for r in class_report.stats(reports)}
    a, b, c = rows[STEM, first], rows[STEM, second], rows[STEM, third]
    assert (a.graded, a.passed) == (6, 1)
    assert a.causes == {"the abs is missing": 2, "a | pipe in the cause": 1}
    assert a.statuses == {"error": 1, "not attempted": 1}
    assert (b.passed, dict(b.causes)) == (4, {"the abs is missing": 1})
    assert (c.passed, dict(c.statuses)) == (4, {"error": 1, "not attempted": 1})
    md, png = class_report.write(reports, 6, tmp_path)
    text = md.read_text()
    assert f"| {STEM} | {first} | 17% (1/6) | the abs is missing (2); a \\| pipe in the cause (1) |" \
           f" error 1, not attempted 1 |" in text
    assert text.index(f"Teach again first: {STEM} {first} (17% passed)") < text.index("| ---")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_the_named_cause_is_the_likely_cause_line():
    assert class_report.named_cause("summary\n  expected: 1\n  likely cause: forgot .abs()\n"
                                    "  read: the book") == "forgot .abs()"
    assert class_report.named_cause("your code raised ValueError: x") is None


def test_scores_go_into_nbgraders_gradebook(tmp_path):
    pytest.importorskip("nbgrader")
    from nbgrader.api import Gradebook

    db = tmp_path / "gradebook.db"
    with Gradebook(f"sqlite:///{db}") as gb:  # what `nbgrader generate_assignment` records
        gb.add_assignment(STEM)
        gb.add_notebook(STEM, STEM)
        for c in checks_of(STEM):
            gb.add_grade_cell(c.name, STEM, STEM, max_score=c.points, cell_type="code")
    rows = rows_for(tmp_path)
    assert outputs.write_nbgrader(rows, db) == []
    assert outputs.write_nbgrader(rows, db) == []  # again: updated, not duplicated
    first = checks_of(STEM)[0]
    with Gradebook(f"sqlite:///{db}") as gb:
        assert sorted(s.id for s in gb.students) == ["ann", "bob"]  # graded ones only
        bob = gb.find_submission(STEM, "bob")
        assert bob.score == rows[1].report.score
        assert gb.find_grade(first.name, STEM, STEM, "bob").auto_score == 0
        assert gb.find_submission(STEM, "ann").score == rows[0].report.score
        assert len(gb.find_assignment(STEM).submissions) == 2
    problems = outputs.write_nbgrader(rows, tmp_path / "missing.db")
    assert "does not exist" in problems[0]
    other = tmp_path / "other.db"
    Gradebook(f"sqlite:///{other}").close()
    assert "run `nbgrader generate_assignment e02_distances`" in outputs.write_nbgrader(rows,
                                                                                       other)[0]
