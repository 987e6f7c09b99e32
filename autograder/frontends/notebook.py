"""The notebook front end: ``check("e03_mnist_loss", globals())`` and ``hint("e03_mnist_loss")``.

The same checks as ``pytest exercises``, run on the functions the notebook defined (see
:mod:`autograder.frontends.kernel_code`), loaded in an isolated worker: never in the kernel.
"""

from __future__ import annotations

import inspect

from autograder.checks import registry
from autograder.core.errors import SubmissionError
from autograder.core.model import Report
from autograder.frontends.kernel_code import NOTEBOOK, kernel_source
from autograder.grading.runner import close, grade, load_sources
from autograder.render.curves import show
from autograder.render.text import result_line, summary_table


def check(stem: str, namespace: dict | None = None) -> None:
    """Grade exercise ``stem`` on ``namespace`` (the notebook's ``globals()``) and print the result.

    Returns nothing, so no ``Report(...)`` is echoed under the table. Does nothing when the
    notebook's code runs as a module (the grader loading the ``.py``), so the check cell never
    grades itself.
    """
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    report = Report(target="notebook")
    if namespace.get("__name__") != "__main__":
        return None
    sub = notebook_submission(stem, namespace)
    try:
        report.exercises.append(grade(stem, sub, source="this notebook",
                                      on_result=_print_result))
    finally:
        close(sub)
    print()
    print(summary_table(report))
    return None


def _print_result(result) -> None:
    """A check's line, and under a failed training check its curve beside the reference's."""
    print(result_line(result))
    show(result.curves)


def notebook_submission(stem: str, namespace: dict, timeout: float = 30.0):
    """The notebook's definitions loaded in a fresh worker (or the error to report for every
    check)."""
    try:
        source = kernel_source(namespace)
        compile(source, NOTEBOOK, "exec", dont_inherit=True)
    except SubmissionError as err:
        return err
    except SyntaxError as err:  # cannot happen for cells IPython ran; said plainly if it does
        return SubmissionError(f"the notebook's code does not compile: {err}")
    return load_sources([(source, NOTEBOOK)], NOTEBOOK, stem, timeout)


def hint(stem: str, level: int = 1) -> None:
    """Print hint ``level`` of exercise ``stem`` (1 is a nudge; higher levels say more)."""
    print(registry.hint(stem, level, notebook=True))
