"""The grading pipeline every front end calls: load a submission, run the exercise's checks,
return an :class:`~autograder.core.model.ExerciseReport` (:func:`grade`, :func:`grade_file`).

Each check runs alone, with a time limit, its outcome sorted into a :class:`Status`.

A stub that still raises ``NotImplementedError`` is *not attempted*; a :class:`Wrong` is *wrong*;
any other exception is an *error* reported at the student's own file and line; a check that runs
past its limit (an infinite loop) is a *timeout*, and the other checks still run.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from autograder.checks import registry
from autograder.core.errors import GraderError, SubmissionError
from autograder.core.feedback import Wrong, where_in_student_code
from autograder.core.model import Check, CheckResult, ExerciseReport, Status
from autograder.grading.loader import Submission


class CheckTimeout(BaseException):
    """Raised inside a check that ran past its time limit (a BaseException: student code that
    catches ``Exception`` cannot swallow it)."""


@contextmanager
def time_limit(seconds: float):
    """Interrupt the block after ``seconds`` with :class:`CheckTimeout` (main thread, POSIX).

    Elsewhere (a worker thread, Windows) the block runs without a limit.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def on_alarm(signum, frame):
        raise CheckTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def one_thread():
    """Run the block on one CPU thread, then restore the setting.

    The checks' tensors are small: on a few cores a thread pool costs more than it saves (several
    times more on a busy machine), so every check runs single-threaded.
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def classify(err: BaseException, student_file: str, limit: float) -> tuple[Status, str]:
    """The status and student-facing message for an exception raised by a check."""
    if isinstance(err, CheckTimeout):
        return Status.TIMEOUT, (
            f"stopped after {limit:g} s: the code did not finish. Look for a loop that never ends "
            "(a `while` whose condition never changes, or a loop over a growing list)."
        )
    if isinstance(err, NotImplementedError):
        where = where_in_student_code(err, student_file, code=False)
        return (
            Status.NOT_ATTEMPTED,
            "not attempted yet: the stub still raises NotImplementedError"
            + (f" ({where})" if where else ""),
        )
    if isinstance(err, Wrong):
        return Status.WRONG, str(err)
    if isinstance(err, (SubmissionError, GraderError)):
        return Status.ERROR, str(err)
    where = where_in_student_code(err, student_file)
    return Status.ERROR, (
        f"your code raised {type(err).__name__}: {err}"
        + (
            f"\n  at {where}"
            if where
            else "\n  (raised outside your file, from a call your code made)"
        )
    )


def run_check(check: Check, sub: Submission | BaseException) -> CheckResult:
    """Run ``check`` on ``sub``; ``sub`` may be the exception that loading the file raised."""
    start = time.perf_counter()
    student_file = getattr(sub, "path", "")
    try:
        if isinstance(sub, BaseException):
            raise sub
        with time_limit(check.timeout), one_thread():
            check.func(sub)
        status, message = Status.PASSED, ""
    except (Exception, CheckTimeout) as err:  # noqa: BLE001 - every failure is a result
        status, message = classify(err, student_file, check.timeout)
    return CheckResult(
        exercise=check.exercise,
        name=check.name,
        description=check.description,
        points=check.points,
        earned=check.points if status is Status.PASSED else 0,
        status=status,
        message=message,
        seconds=round(time.perf_counter() - start, 3),
    )


def load_submission(path: Path, exercise: str, patch: Path | None = None, timeout: float = 30.0):
    """The student's :class:`Submission`, or the exception to report for every check if it fails.

    ``SubmissionError`` keeps its message; any other exception raised while the file runs is
    re-raised from each check, so it is reported (not attempted, error, timeout) like a check's own.
    """
    try:
        with time_limit(timeout):
            return Submission.from_file(path, exercise, patch)
    except SubmissionError as err:
        return err
    except (Exception, CheckTimeout) as err:  # noqa: BLE001
        if isinstance(err, NotImplementedError):
            return err
        status, message = classify(err, str(path), timeout)
        return SubmissionError(f"{Path(path).name} failed while it was loading: {message}")


def grade(
    stem: str,
    sub: Submission | BaseException,
    *,
    source: str = "",
    names: set[str] | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
) -> ExerciseReport:
    """Run the checks of exercise ``stem`` on ``sub`` (or only those called ``names``), in their
    declared order; ``on_result`` sees each result as it comes (a front end printing progress)."""
    exercise = registry.exercise(stem)
    report = ExerciseReport(stem, exercise.title, source)
    for check in exercise.checks:
        if names is not None and check.name not in names:
            continue
        result = run_check(check, sub)
        report.results.append(result)
        if on_result is not None:
            on_result(result)
    return report


def grade_file(path: Path, stem: str, patch: Path | None = None, **kwargs) -> ExerciseReport:
    """:func:`grade` the file ``path`` (``.py`` or ``.ipynb``), optionally patched (a mutant)."""
    return grade(stem, load_submission(path, stem, patch), source=str(path), **kwargs)
