"""The nbgrader front end: what an autograder test cell of the course notebooks runs.

Every test cell of ``course/source/<assignment>/<stem>.ipynb`` holds one call, e.g.::

    from autograder.frontends.nbgrader_cell import run_check
    run_check("e03_mnist_loss", "mnist_loss_values", globals())

so the same checks grade the notebook as ``pytest exercises`` (one implementation, two front ends)
and a hidden test cell shows the student no test code, only this call. :func:`run_check`

- prints the outcome and the check's message to STDOUT (nbgrader's feedback shows it);
- runs the check with warnings recorded and ``sys.stderr`` (and file descriptor 2, where C
  libraries write) captured, and re-prints what they caught on STDOUT: nbgrader scores a test
  cell 0 as soon as it writes anything to stderr, and a harmless PyTorch warning must not cost a
  correct answer its points;
- raises :class:`CheckNotPassed` (an ``AssertionError``) when the check did not pass, which is how
  nbgrader scores the cell 0. IPython shows it as one line (``_render_traceback_``), not a
  traceback through the grader's internals.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import warnings

from autograder.checks import registry
from autograder.core.model import Check, CheckResult, Status
from autograder.frontends.notebook import notebook_submission
from autograder.grading.runner import close
from autograder.grading.runner import run_check as run_one
from autograder.render.curves import show
from autograder.render.text import result_line


class CheckNotPassed(AssertionError):
    """A check did not pass: nbgrader gives its test cell 0 points. Shown as one line."""

    def _render_traceback_(self) -> list[str]:  # IPython calls this instead of a traceback
        return [f"{type(self).__name__}: {self}"]


class CellResult(CheckResult):
    """The :class:`CheckResult` a test cell returns: it shows nothing under the cell (the cell
    printed its line already; an ``execute_result`` in a test cell is read by nbgrader as a partial
    score, and a repr is not one) and has a one-line repr elsewhere."""

    def _ipython_display_(self) -> None:  # IPython calls this instead of showing a repr
        return None

    def __repr__(self) -> str:
        return f"<{self.exercise}::{self.name} {self.status.value} {self.earned:g}/{self.points}>"


def find_check(stem: str, name: str) -> Check:
    """The check called ``name`` of exercise ``stem``."""
    for c in registry.exercise(stem).checks:
        if c.name == name:
            return c
    raise KeyError(f"{stem} has no check called {name!r}: rebuild the course (mnist-grade build)")


@contextlib.contextmanager
def _fd2_to(file):
    """Point file descriptor 2 at ``file`` for the block (C-level writes to stderr land there)."""
    for stream in (sys.stderr, sys.__stderr__):
        with contextlib.suppress(Exception):
            stream.flush()
    try:
        saved = os.dup(2)
    except (OSError, ValueError):  # no usable fd 2 (some embedded interpreters): nothing to do
        yield
        return
    try:
        os.dup2(file.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@contextlib.contextmanager
def captured_stderr():
    """Collect warnings, ``sys.stderr`` and fd 2 during the block; yields a list that receives
    the collected text (one string per source) when the block ends."""
    collected: list[str] = []
    buffer = io.StringIO()
    with tempfile.TemporaryFile(mode="w+b") as fd_file, warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            with _fd2_to(fd_file), contextlib.redirect_stderr(buffer):
                yield collected
        finally:
            seen = []
            for w in ws:
                text = f"{w.category.__name__}: {w.message}"
                if text not in seen:
                    seen.append(text)
            collected.extend(seen)
            if buffer.getvalue().strip():
                collected.append(buffer.getvalue().rstrip())
            fd_file.seek(0)
            raw = fd_file.read().decode(errors="replace").rstrip()
            if raw.strip():
                collected.append(raw)


def run_check(stem: str, name: str, namespace: dict) -> CellResult | None:
    """Grade check ``name`` of exercise ``stem`` on the notebook's ``namespace`` (``globals()``).

    Prints the result on stdout; raises :class:`CheckNotPassed` unless it passed. Does nothing
    when the notebook's code runs as a module (``__name__`` is not ``"__main__"``), like
    :func:`autograder.frontends.notebook.check`.
    """
    if namespace.get("__name__") != "__main__":
        return None
    check = find_check(stem, name)
    with captured_stderr() as noise:
        sub = notebook_submission(stem, namespace)
        try:
            result = run_one(check, sub)
        finally:
            close(sub)
    print(result_line(result))
    show(result.curves)  # a failed training check's curve beside the reference's
    if noise:
        print("\n(written to stderr while the check ran; it does not change the score)")
        print("\n".join("    " + line for text in noise for line in text.splitlines()))
    sys.stdout.flush()
    if result.status is not Status.PASSED:
        raise CheckNotPassed(f"{stem}::{name} {result.status.value}, 0/{result.points} points "
                             "(the message above says why)")
    return CellResult(**result.__dict__)
