"""What a batch leaves for the instructor and the students, all read from the journal.

- ``gradebook.csv``: one row per student, a column per exercise, the total, the possible total,
  the status (``graded``, or why not) and notes. A cell is empty where the exercise could not be
  graded (never a silent 0); an exercise not handed in scores 0, and the notes say so.
- ``students/<student>/``: ``report.json`` (the JSON report), ``results.json`` (Gradescope's)
  and ``feedback.txt``, the words of ``pytest exercises`` (:mod:`autograder.render.text`).
- with ``--nbgrader-db``: the scores in nbgrader's gradebook database, through nbgrader's own
  ``Gradebook`` API, so they show in formgrader (:func:`write_nbgrader`).

:func:`collect` joins what discovery found with the journal: one :class:`StudentResult` per
student, each selected exercise with exactly one report (a student who could not be graded gets
every check as an error saying why, so every report has the exercise's possible score).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from autograder.batch.layouts import StudentFiles
from autograder.core.errors import SubmissionError
from autograder.core.files import atomic_write
from autograder.core.model import ExerciseReport, Report
from autograder.grading.runner import grade
from autograder.render.reports import write_gradescope, write_json
from autograder.render.text import points, result_line, summary_table

GRADED, MISSING, UNGRADED = "graded", "not handed in", "not graded"


@dataclass
class StudentResult:
    """One student's row: a report per selected exercise, and what became of each."""

    student: str
    origin: str
    reports: dict[str, ExerciseReport] = field(default_factory=dict)
    state: dict[str, str] = field(default_factory=dict)  # stem -> GRADED, MISSING or UNGRADED
    problem: str = ""  # why nothing could be graded
    notes: list[str] = field(default_factory=list)

    @property
    def graded(self) -> bool:
        """Every selected exercise has a result (graded, or scored 0 as not handed in)."""
        return not self.problem and all(s != UNGRADED for s in self.state.values())

    @property
    def report(self) -> Report:
        return Report(exercises=list(self.reports.values()), target=self.origin)

    def status(self) -> str:
        if self.problem:
            return f"not graded: {self.problem}"
        ungraded = [s for s, st in self.state.items() if st == UNGRADED]
        return f"incomplete: {', '.join(ungraded)} not graded" if ungraded else GRADED


def _as_error(stem: str, message: str, source: str = "") -> ExerciseReport:
    """The report of ``stem`` when it cannot be graded: every check an error saying ``message``
    (no worker runs)."""
    return grade(stem, SubmissionError(message), source=source)


def collect(students: list[StudentFiles], stems: list[str], journal: dict,
            failures: dict[tuple[str, str], str], digests: dict[tuple[str, str], str]
            ) -> list[StudentResult]:
    """One :class:`StudentResult` per student. ``journal``: (student, stem) -> (digest, report);
    ``failures``: why a file could not be graded this run; ``digests``: the hash of each file
    found now (a journal row for another hash is an older submission, not this one's grade)."""
    rows = []
    for s in students:
        row = StudentResult(s.student, str(s.origin), problem=s.problem, notes=list(s.notes))
        for stem in stems:
            key = (s.student, stem)
            if s.problem:
                row.reports[stem] = _as_error(stem, f"not graded: {s.problem}")
                row.state[stem] = UNGRADED
            elif stem in s.missing:
                row.reports[stem] = _as_error(stem, s.missing[stem])
                row.state[stem] = MISSING
                row.notes.append(f"{stem}: {s.missing[stem]}")
            elif key in journal and journal[key][0] == digests.get(key):
                row.reports[stem] = journal[key][1]
                row.state[stem] = GRADED
            else:
                why = failures.get(key, "the batch stopped before this file was graded")
                row.reports[stem] = _as_error(
                    stem, f"not graded yet: {why}. This is not a fault of your code; the "
                          "instructor will grade it again.", str(s.files.get(stem, "")))
                row.state[stem] = UNGRADED
                row.notes.append(f"{stem}: not graded: {why}")
        rows.append(row)
    return rows


def gradebook_csv(rows: list[StudentResult], stems: list[str]) -> str:
    """The CSV gradebook (a header, then one row per student)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["student", *stems, "total", "possible", "status", "notes"])
    for r in rows:
        cells = [f"{r.reports[s].score:g}" if r.state[s] != UNGRADED else "" for s in stems]
        total = f"{sum(r.reports[s].score for s in stems):g}" if r.graded else ""
        possible = f"{sum(r.reports[s].possible for s in stems):g}"
        w.writerow([r.student, *cells, total, possible, r.status(), "; ".join(r.notes)])
    return buf.getvalue()


def feedback_text(row: StudentResult) -> str:
    """The student's feedback file: every check's line as ``pytest exercises`` words it, then
    the table of scores."""
    lines = [f"Chapter 4 exercises: feedback for {row.student}", ""]
    if row.problem:
        lines += [f"Your work could not be graded: {row.problem}", ""]
    for e in row.reports.values():
        if row.state[e.exercise] != GRADED:  # one reason, the same for every check
            if not row.problem:
                lines += [f"{e.exercise}: 0/{e.possible}: {e.results[0].message}", ""]
            continue
        lines.append(f"{e.exercise}: graded {e.source}")
        lines += ["  " + ln for r in e.results for ln in result_line(r).splitlines()]
        lines.append("")
    report = row.report
    lines.append(summary_table(report))
    if GRADED in row.state.values() and report.score < report.possible:
        lines += ["", "Each check above that did not pass says why. Stuck? `mnist-grade hint "
                      "<exercise>` (or hint('<exercise>') in the notebook) gives a nudge; ask "
                      "again for more."]
    return "\n".join(lines) + "\n"


def safe_name(student: str) -> str:
    """A folder name for ``student`` (their folder's or zip's name, without path tricks)."""
    name = re.sub(r"[^\w.@+-]", "_", student).lstrip(".")
    return name or "_"


def write(rows: list[StudentResult], stems: list[str], out: Path) -> Path:
    """``gradebook.csv`` and every student's three files; returns the gradebook's path."""
    for r in rows:
        folder = out / "students" / safe_name(r.student)
        write_json(r.report, folder / "report.json")
        write_gradescope(r.report, folder / "results.json")
        atomic_write(folder / "feedback.txt", feedback_text(r))
    return atomic_write(out / "gradebook.csv", gradebook_csv(rows, stems))


def write_nbgrader(rows: list[StudentResult], db: Path) -> list[str]:
    """Put every graded exercise's scores into nbgrader's gradebook ``db`` (the course's
    ``gradebook.db``), as ``nbgrader autograde`` would: each check's points as the auto score of
    the test cell named after it, in the assignment and notebook named after the exercise. A
    manual score a grader gave is kept (and the cell stays flagged for review). Returns what
    could not be written, each with the fix."""
    from nbgrader.api import Gradebook, MissingEntry

    problems: list[str] = []
    if not Path(db).exists():
        return [f"{db} does not exist: give the course's gradebook.db (nbgrader creates it with "
                "`nbgrader generate_assignment`)"]
    with Gradebook(f"sqlite:///{Path(db).resolve()}") as gb, warnings.catch_warnings():
        # nbgrader's add_submission makes SQLAlchemy warn about its own session; harmless
        warnings.filterwarnings("ignore", message="Object of type .* not in session")
        known = {a.name for a in gb.assignments}
        for r in rows:
            for stem, report in r.reports.items():
                if r.state[stem] != GRADED:
                    continue
                if stem not in known:
                    msg = (f"assignment {stem} is not in {db}: run `nbgrader generate_assignment "
                           f"{stem}` in the course first (it records the graded cells)")
                    if msg not in problems:
                        problems.append(msg)
                    continue
                gb.update_or_create_student(r.student)
                try:
                    gb.find_submission(stem, r.student)
                except MissingEntry:
                    gb.add_submission(stem, r.student)
                for result in report.results:
                    try:
                        g = gb.find_grade(result.name, stem, stem, r.student)
                    except MissingEntry:
                        problems.append(f"{stem}: no graded cell {result.name} in {db}: "
                                        "regenerate the assignment from the current course")
                        continue
                    g.auto_score = float(result.earned)
                    g.needs_manual_grade = g.manual_score is not None
                gb.db.commit()
    return problems


def score_line(rows: list[StudentResult]) -> str:
    graded = [r for r in rows if r.graded]
    if not graded:
        return "no student was graded completely"
    scores = sorted(r.report.score for r in graded)
    possible = graded[0].report.possible
    return (f"{len(graded)} students graded: median {points(scores[len(scores) // 2], possible)}, "
            f"lowest {points(scores[0], possible)}, highest {points(scores[-1], possible)}")
