"""The batch's memory: every graded file, recorded the moment its result arrives.

One SQLite file beside the gradebook (``journal.sqlite``), in WAL mode with full sync, so a result
that was committed survives ``kill -9`` or a power cut, and a reader never sees half a write.
There is one row per (student, exercise), keyed by the student and the exercise, holding the hash
of the file that was graded (:func:`autograder.batch.layouts.digest`) and the exercise's report as
JSON. A run grades only what has no row, or a row for another hash (a resubmission, which then
replaces the old row): nothing is graded twice, nothing is duplicated, nothing finished is lost.

Only the instructor's process writes it (the grading processes and Dask workers return results;
they never see the file).
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from autograder.core.model import CheckResult, ExerciseReport, Status

SCHEMA = """
CREATE TABLE IF NOT EXISTS graded (
    student   TEXT NOT NULL,
    exercise  TEXT NOT NULL,
    digest    TEXT NOT NULL,   -- sha256 of the graded file (suffix and bytes)
    score     REAL NOT NULL,
    possible  REAL NOT NULL,
    report    TEXT NOT NULL,   -- the exercise's report, as JSON
    seconds   REAL NOT NULL,   -- grading time
    graded_at TEXT NOT NULL,   -- UTC, ISO 8601
    PRIMARY KEY (student, exercise)
);
"""


def report_to_dict(report: ExerciseReport) -> dict:
    """An exercise's report as plain data (what crosses between processes and is stored)."""
    return {"exercise": report.exercise, "title": report.title, "source": report.source,
            "results": [r.to_dict() for r in report.results]}


def report_from_dict(data: dict) -> ExerciseReport:
    results = [CheckResult(**{**r, "status": Status(r["status"])}) for r in data["results"]]
    return ExerciseReport(data["exercise"], data["title"], data["source"], results)


class Journal:
    """The journal at ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def digests(self) -> dict[tuple[str, str], str]:
        """The hash graded for each (student, exercise)."""
        return {(s, e): d for s, e, d in self.db.execute(
            "SELECT student, exercise, digest FROM graded")}

    def record(self, student: str, exercise: str, digest: str, report: dict,
               seconds: float) -> None:
        """Commit one result now (replacing the row of an older file of the same exercise)."""
        er = report_from_dict(report)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self.db:  # one transaction, committed on exit
            self.db.execute(
                "INSERT INTO graded VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (student, exercise) DO UPDATE SET digest = excluded.digest, "
                "score = excluded.score, possible = excluded.possible, "
                "report = excluded.report, seconds = excluded.seconds, "
                "graded_at = excluded.graded_at",
                (student, exercise, digest, er.score, er.possible, json.dumps(report),
                 round(seconds, 3), stamp))

    def reports(self) -> dict[tuple[str, str], tuple[str, ExerciseReport]]:
        """For each (student, exercise): the hash graded and its report."""
        return {(s, e): (d, report_from_dict(json.loads(r))) for s, e, d, r in self.db.execute(
            "SELECT student, exercise, digest, report FROM graded")}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
