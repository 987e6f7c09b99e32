"""The journal: one row per (student, exercise), committed at once, replaced by a resubmission,
kept across processes."""

from __future__ import annotations

import sqlite3

from autograder.batch.journal import Journal, report_from_dict, report_to_dict
from autograder.core.model import CheckResult, ExerciseReport, Status


def report(stem: str, earned: float) -> dict:
    e = ExerciseReport(stem, "title", f"{stem}.py", [
        CheckResult(stem, "a", "check a", 2, earned, Status.PASSED if earned else Status.WRONG,
                    "" if earned else "wrong\n  likely cause: a known mistake"),
        CheckResult(stem, "b", "check b", 1, 0, Status.NOT_ATTEMPTED, "not attempted yet")])
    return report_to_dict(e)


def test_a_report_survives_the_round_trip():
    data = report("e01_stacking", 2)
    back = report_from_dict(data)
    assert back.score == 2 and back.possible == 3 and back.results[1].status is Status.NOT_ATTEMPTED
    assert report_to_dict(back) == data


def test_one_row_per_student_and_exercise(tmp_path):
    path = tmp_path / "out" / "journal.sqlite"
    with Journal(path) as j:
        j.record("ann", "e01_stacking", "h1", report("e01_stacking", 0), 1.0)
        j.record("ann", "e02_distances", "h2", report("e02_distances", 2), 1.0)
        j.record("bob", "e01_stacking", "h3", report("e01_stacking", 2), 1.0)
    # committed: another connection (another process) sees every row, in WAL mode
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT COUNT(*) FROM graded").fetchone()[0] == 3
    db.close()
    with Journal(path) as j:
        assert j.digests() == {("ann", "e01_stacking"): "h1", ("ann", "e02_distances"): "h2",
                               ("bob", "e01_stacking"): "h3"}
        j.record("ann", "e01_stacking", "h1b", report("e01_stacking", 2), 1.0)  # resubmitted
        rows = j.reports()
    assert len(rows) == 3
    digest, er = rows["ann", "e01_stacking"]
    assert digest == "h1b" and er.score == 2


def test_a_commit_is_visible_before_the_journal_is_closed(tmp_path):
    j = Journal(tmp_path / "journal.sqlite")
    j.record("ann", "e01_stacking", "h", report("e01_stacking", 2), 1.0)
    other = sqlite3.connect(tmp_path / "journal.sqlite")
    assert other.execute("SELECT student, score FROM graded").fetchall() == [("ann", 2.0)]
    other.close()
    j.close()
