"""The grading pipeline every front end calls: load a submission, run the exercise's checks,
return an :class:`~autograder.core.model.ExerciseReport` (:func:`grade`, :func:`grade_file`).

The student's code runs only in an isolated worker (:mod:`autograder.sandbox`): the checks, the
reference answers and the scoring stay here. Each declared check gets exactly one result, its
outcome sorted into a :class:`Status`, whatever the student's code does:

- a stub that still raises ``NotImplementedError`` is *not attempted*; a :class:`Wrong` (or a
  function the exercise forbids) is *wrong*;
- any other exception is an *error* reported at the student's own file and line; so are
  ``sys.exit``, ``os._exit``, a crash or an out-of-memory kill of the worker, each said in words;
- a check that runs past its deadline is a *timeout* (the worker and everything it started are
  killed, and the message says where the code was); the next check gets a fresh worker.

``MNIST_GRADE_UNISOLATED=1`` runs the student's code in this process instead, through the same
requests and plain data (:class:`~autograder.sandbox.client.InProcess`): a debugging aid for
maintainers only, and the benchmark's baseline; then nothing protects the grade.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from autograder.checks import registry
from autograder.core.errors import GraderError, SubmissionError
from autograder.core.feedback import Wrong, where_in_student_code
from autograder.core.model import Check, CheckResult, ExerciseReport, Status
from autograder.grading.isolated import read_source, stub_imports
from autograder.grading.loader import Submission
from autograder.sandbox import shared_zygote
from autograder.sandbox.client import (
    InProcess,
    MissingFunction,
    RemoteSubmission,
    SandboxError,
    StudentExit,
    WorkerEnded,
    WorkerRespawn,
    WorkerTimeout,
)
from autograder.sandbox.limits import Limits


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


def unisolated() -> bool:
    """True when ``MNIST_GRADE_UNISOLATED=1`` asks for the in-process debugging path."""
    return os.environ.get("MNIST_GRADE_UNISOLATED", "").strip() not in ("", "0")


def _timeout_message(limit: float, where: str) -> str:
    if "inside a library call" in where:
        return (f"stopped after {limit:g} s: the code did not finish; when stopped it was {where}. "
                "Are the tensors much larger than the exercise needs, or a loop calling PyTorch "
                "many more times than there are batches?")
    return (f"stopped after {limit:g} s: the code did not finish"
            + (f"; when stopped it was {where}" if where else "")
            + ". Look for a loop that never ends (a `while` whose condition never changes, or a "
              "loop over a growing list).")


def classify(err: BaseException, student_file: str, limit: float) -> tuple[Status, str]:
    """The status and student-facing message for an exception raised by a check."""
    if isinstance(err, CheckTimeout):
        return Status.TIMEOUT, _timeout_message(limit, "")
    if isinstance(err, WorkerTimeout):
        return Status.TIMEOUT, _timeout_message(limit, err.where)
    if isinstance(err, (WorkerEnded, StudentExit, WorkerRespawn)):
        return Status.ERROR, f"{err}."
    if isinstance(err, SandboxError):
        return Status.ERROR, (f"the grader could not run your code in its isolated worker: {err}. "
                              "This is a problem of the grading machine, not of your code; "
                              "please report it.")
    if isinstance(err, NotImplementedError):
        where = where_in_student_code(err, student_file, code=False)
        return (
            Status.NOT_ATTEMPTED,
            "not attempted yet: the stub still raises NotImplementedError"
            + (f" ({where})" if where else ""),
        )
    if isinstance(err, Wrong):
        return Status.WRONG, str(err)
    if getattr(err, "student_type", "") in ("ForbiddenShortcut", "ForbiddenImport"):
        where = where_in_student_code(err, student_file)
        return Status.WRONG, f"{err}" + (f"\n  at {where}" if where else "")
    if isinstance(err, (SubmissionError, GraderError, MissingFunction)):
        return Status.ERROR, str(err)
    name = getattr(err, "student_type", type(err).__name__)
    where = where_in_student_code(err, student_file)
    return Status.ERROR, (
        f"your code raised {name}: {err}"
        + (
            f"\n  at {where}"
            if where
            else "\n  (raised outside your file, from a call your code made)"
        )
    )


def run_check(check: Check, sub: Submission | RemoteSubmission | BaseException) -> CheckResult:
    """Run ``check`` on ``sub``; ``sub`` may be the exception that loading the file raised."""
    start = time.perf_counter()
    student_file = getattr(sub, "path", "")
    output, curves = "", None
    try:
        if isinstance(sub, BaseException):
            raise sub
        if isinstance(sub, RemoteSubmission):
            for attempt in (1, 2):  # once more in a fresh worker if the first could not fork
                sub.set_deadline(check.timeout)  # enforced by killing the worker, from outside
                mark = sub.output_mark()
                try:
                    with one_thread():
                        check.func(sub)
                    break
                except WorkerRespawn:
                    if attempt == 2:
                        raise
                    sub.close()
                finally:
                    sub.set_deadline(None)
                    output = sub.output_since(mark)
        else:  # the in-process debugging path
            with time_limit(check.timeout), one_thread():
                check.func(sub)
        status, message = Status.PASSED, ""
    except (Exception, CheckTimeout) as err:  # noqa: BLE001 - every failure is a result
        status, message = classify(err, student_file, check.timeout)
        curves = getattr(err, "curves", None)  # render.curves.with_curve: drawn in a notebook
    return CheckResult(
        exercise=check.exercise,
        name=check.name,
        description=check.description,
        points=check.points,
        earned=check.points if status is Status.PASSED else 0,
        status=status,
        message=message,
        seconds=round(time.perf_counter() - start, 3),
        output=_without_dumps(output),
        curves=curves,
    )


def _without_dumps(output: str) -> str:
    """The student's output, less the stack dumps the grader asked for (a timeout's "where")."""
    keep, skipping = [], False
    for line in output.splitlines(keepends=True):
        if line.startswith(("Current thread 0x", "Thread 0x")):
            skipping = True
        elif skipping and not line.startswith("  File ") and line.strip():
            skipping = False
        if not skipping and line.strip() != "[mnist-grade: python is running]":
            keep.append(line)
    return "".join(keep)


def load_submission(path: Path, exercise: str, patch: Path | None = None, timeout: float = 30.0,
                    limits: Limits | None = None, hide: tuple[str, ...] = ()):
    """The student's :class:`RemoteSubmission` (the file running in a fresh isolated worker), or
    the exception to report for every check if it cannot be loaded.

    ``SubmissionError`` keeps its message; any other exception raised while the file runs is
    re-raised from each check, so it is reported (not attempted, error, timeout) like a check's own.
    ``hide``: folders the worker must not see, on top of the grader's own (other students').
    """
    path = Path(path)
    if not path.exists():
        return SubmissionError(
            f"{path} does not exist: the exercise {exercise} is graded from this file. "
            "Keep the file names of exercises/ (or point --target at the folder that has them)."
        )
    try:
        sources = [(read_source(path), str(path))]
        if patch is not None:
            sources.append((read_source(Path(patch)), str(patch)))
    except SubmissionError as err:
        return err
    return load_sources(sources, str(path), exercise, timeout, limits, hide + neighbours(path))


def neighbours(path: Path) -> tuple[str, ...]:
    """The folder that holds the submission's folder (a class: other students' folders), to
    hide from the worker, unless it holds what the worker needs (this Python, its packages, the
    project) or is a system folder. The worker receives the submission's text, not its path."""
    import site
    import sysconfig

    folder = Path(path).resolve().parent.parent
    needed = [Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"],
                                          *site.getsitepackages())]
    from autograder.core.paths import ROOT

    needed.append(ROOT.resolve())
    if len(folder.parts) <= 2 or any(n == folder or folder in n.parents for n in needed):
        return ()
    return (str(folder),)


def load_sources(sources: list[tuple[str, str]], shown: str, exercise: str, timeout: float = 30.0,
                 limits: Limits | None = None, hide: tuple[str, ...] = ()):
    """Like :func:`load_submission`, for code that is not a file: ``sources`` are ``(text,
    filename)`` pairs run in order in one module (a notebook's cells); ``shown`` names it to the
    student. The text must compile (see :func:`autograder.grading.isolated.read_source`)."""
    path = Path(shown)
    ex = registry.exercise(exercise)
    limits = limits or Limits.from_env()
    limits = Limits(**{**limits.__dict__, "hide": tuple(limits.hide) + grader_folders() + hide})
    server = InProcess() if unisolated() else shared_zygote()
    sub = RemoteSubmission(sources, shown, exercise, server, limits,
                           probes=ex.probes, allow=dict(stub_imports(exercise)), forbid=ex.forbid)
    sub.set_deadline(timeout)
    try:
        sub.load()
        return sub
    except (Exception, CheckTimeout) as err:  # noqa: BLE001
        sub.close()
        if isinstance(err, NotImplementedError):
            return err
        if isinstance(err, SandboxError):
            return err
        status, message = classify(err, sources[0][1], timeout)
        return SubmissionError(f"{path.name} failed while it was loading: {message}")
    finally:
        sub.set_deadline(None)


def grader_folders() -> tuple[str, ...]:
    """The folders of this project no student's code may see: the grader, the reference, the
    solutions, the course, the tests (mutants), and the project's git history."""
    from autograder.core.paths import ROOT

    names = ("autograder", "mnist_ref", "solutions", "course", "tests", ".git", "benchmarks")
    return tuple(str(ROOT / n) for n in names if (ROOT / n).is_dir())


class Budget:
    """The total wall time one exercise may take (``Limits.budget``), on top of each check's own
    deadline: once it is spent, the remaining checks are scored *timeout* without running."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = Limits.from_env().budget if seconds is None else seconds
        self.start = time.monotonic()

    def spent(self, check: Check) -> CheckResult | None:
        """None while time is left; else the result that ``check`` gets without running."""
        if time.monotonic() - self.start < self.seconds:
            return None
        return CheckResult(
            exercise=check.exercise, name=check.name, description=check.description,
            points=check.points, earned=0, status=Status.TIMEOUT,
            message=f"not run: this exercise's checks used up its total time budget of "
                    f"{self.seconds:g} s (MNIST_GRADE_BUDGET) before reaching this one.",
        )


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
    budget = Budget()
    for check in exercise.checks:
        if names is not None and check.name not in names:
            continue
        result = budget.spent(check) or run_check(check, sub)
        report.results.append(result)
        if on_result is not None:
            on_result(result)
    return report


def grade_file(path: Path, stem: str, patch: Path | None = None, hide: tuple[str, ...] = (),
               **kwargs) -> ExerciseReport:
    """:func:`grade` the file ``path`` (``.py`` or ``.ipynb``), optionally patched (a mutant), in a
    fresh isolated worker that is gone when this returns; ``hide``: more folders it must not see."""
    sub = load_submission(path, stem, patch, hide=hide)
    try:
        return grade(stem, sub, source=str(path), **kwargs)
    finally:
        close(sub)


def close(sub) -> None:
    """End the worker of ``sub`` (anything else: nothing to do)."""
    if isinstance(sub, RemoteSubmission):
        sub.close()
