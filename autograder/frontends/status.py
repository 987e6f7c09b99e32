"""``mnist-grade status``: every exercise of a student's folder graded, in a table, and what to do
next.

Each exercise is graded as ``pytest exercises`` grades it (the file saved last, ``.py`` or
notebook, in a fresh isolated worker: :func:`grade_exercise`); the table shows its points, how far
it is (done, in progress, not started) and the first check that does not pass; the lines under it
say which file to open next and the commands that help (:func:`next_steps`).
``mnist-grade watch`` (:mod:`autograder.frontends.watch`) shares these pieces.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from autograder.checks import registry
from autograder.core.commands import mnist_grade
from autograder.core.model import CheckResult, ExerciseReport, Status
from autograder.core.paths import EXERCISES, ROOT
from autograder.frontends.graded import graded_file
from autograder.grading.runner import close, grade, load_submission
from autograder.render.text import points


def default_folder() -> Path:
    """Where the student's exercises are: ``./exercises`` (the repository root), else the current
    folder when it holds exercise files, else the project's own ``exercises/``."""
    here = Path.cwd()
    if (here / EXERCISES).is_dir():
        return Path(EXERCISES)
    if any((here / f"{stem}.py").exists() for stem in registry.STEMS):
        return Path(".")
    # a clone's own exercises/; an installed package has none: ./exercises, named in the message
    return ROOT / EXERCISES if (ROOT / EXERCISES).is_dir() else Path(EXERCISES)


@dataclass
class Verdict:
    """One exercise as graded now: its report, the file graded (and why that one), and when."""

    report: ExerciseReport
    file: Path
    note: str = ""
    seconds: float = 0.0
    at: float = field(default_factory=time.time)  # when it was graded

    @property
    def stem(self) -> str:
        return self.report.exercise

    @property
    def done(self) -> bool:
        return self.report.possible > 0 and self.report.score >= self.report.possible

    @property
    def started(self) -> bool:
        return any(r.status is not Status.NOT_ATTEMPTED for r in self.report.results)

    @property
    def first_failing(self) -> CheckResult | None:
        """The first check, in the exercise's order, that did not pass."""
        return next((r for r in self.report.results if r.status is not Status.PASSED), None)

    @property
    def state(self) -> str:
        if not self.file.exists():
            return "no file"
        return "done" if self.done else "in progress" if self.started else "not started"


def grade_exercise(folder: Path, stem: str,
                   on_verdict: Callable[[Verdict], None] | None = None) -> Verdict:
    """Grade exercise ``stem`` of ``folder`` (the file saved last) in a fresh worker;
    ``on_verdict`` sees the verdict before the worker is ended (a front end showing it sooner)."""
    start = time.perf_counter()
    path, note = graded_file(Path(folder) / f"{stem}.py")
    sub = load_submission(path, stem)
    try:
        verdict = Verdict(grade(stem, sub, source=str(path)), path, note,
                          time.perf_counter() - start)
        if on_verdict is not None:
            on_verdict(verdict)
    finally:
        close(sub)
    return verdict


def grade_all(folder: Path, on_verdict: Callable[[Verdict], None] | None = None) -> list[Verdict]:
    """Every exercise of ``folder`` in course order; ``on_verdict`` sees each as it comes."""
    verdicts = []
    for stem in registry.STEMS:
        verdict = grade_exercise(folder, stem)
        verdicts.append(verdict)
        if on_verdict is not None:
            on_verdict(verdict)
    return verdicts


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def _todo(first: CheckResult | None, width: int = 60) -> str:
    """The first check that does not pass, shortened, with how it ended unless not attempted."""
    if first is None:
        return ""
    how = "" if first.status is Status.NOT_ATTEMPTED else f" [{first.status.value}]"
    return _short(first.description, width) + how


def status_table(verdicts: list[Verdict]) -> str:
    """Per exercise: points, state, and the first check that does not pass."""
    rows = [("exercise", "points", "state", "first check that does not pass")]
    for v in verdicts:
        first = v.first_failing
        rows.append((v.stem, points(v.report.score, v.report.possible), v.state, _todo(first)))
    done = sum(v.done for v in verdicts)
    score = sum(v.report.score for v in verdicts)
    rows.append(("TOTAL", points(score, sum(v.report.possible for v in verdicts)),
                 f"{done} of {len(verdicts)} done", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]

    def line(r):
        return f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(rows[0]), rule, *map(line, rows[1:-1]), rule, line(rows[-1])])


def progress_line(verdicts: list[Verdict]) -> str:
    """``progress: [###.....] 3/8 exercises done, 27/70 points``."""
    done = sum(v.done for v in verdicts)
    score = sum(v.report.score for v in verdicts)
    possible = sum(v.report.possible for v in verdicts)
    width = 20
    filled = round(width * score / possible) if possible else 0
    return (f"progress: [{'#' * filled}{'.' * (width - filled)}] {done}/{len(verdicts)} exercises "
            f"done, {points(score, possible)} points")


def next_steps(verdicts: list[Verdict]) -> str:
    """What to do next: the first exercise not done, its file, and the commands that help."""
    todo = next((v for v in verdicts if not v.done), None)
    if todo is None:
        return ("Every exercise is done: full marks. The chapter's questionnaire is next, if you "
                f"have not done it: `{mnist_grade('quiz')}`.")
    first = todo.first_failing
    lines = [f"Next: {todo.file}{todo.note}"]
    if first is not None:
        lines.append(f"  first check that does not pass: {_todo(first, 200)}")
    lines += [
        f"  `{mnist_grade('watch', todo.stem)}` grades it again on every save;",
        f"  stuck? `{mnist_grade('hint', todo.stem)}` gives a nudge.",
    ]
    return "\n".join(lines)


def main(folder: str | None = None, out=None) -> int:
    """``mnist-grade status``: grade every exercise, print the table and the next step."""
    out = out or sys.stdout
    where = Path(folder) if folder else default_folder()
    if not where.is_dir():
        print(f"mnist-grade status: {where} is not a folder (give the folder of your exercise "
              "files with --folder)", file=sys.stderr)
        return 2
    print(f"grading {where}/ ...", file=out, flush=True)
    verdicts = grade_all(where, lambda v: print(
        f"  {v.stem}: {points(v.report.score, v.report.possible)}", file=out, flush=True))
    print(file=out)
    print(status_table(verdicts), file=out)
    print(progress_line(verdicts), file=out)
    print(file=out)
    print(next_steps(verdicts), file=out)
    return 0
