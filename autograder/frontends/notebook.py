"""The notebook front end: ``check("e03_mnist_loss", globals())`` and ``hint("e03_mnist_loss")``.

The same checks as ``pytest exercises``, run on the functions defined in the notebook's kernel.
"""

from __future__ import annotations

import inspect

from autograder.checks import registry
from autograder.core.model import Report
from autograder.grading.loader import Submission
from autograder.grading.runner import grade
from autograder.render.text import result_line, summary_table


def check(stem: str, namespace: dict | None = None) -> Report:
    """Grade exercise ``stem`` on ``namespace`` (the notebook's ``globals()``) and print the result.

    Does nothing when the notebook's code runs as a module (the grader importing a paired ``.py``),
    so the check cell never grades itself.
    """
    if namespace is None:
        namespace = inspect.currentframe().f_back.f_globals
    report = Report(target="notebook")
    if namespace.get("__name__") != "__main__":
        return report
    sub = Submission(namespace, "<notebook>", stem)
    report.exercises.append(grade(stem, sub, source="this notebook",
                                  on_result=lambda r: print(result_line(r))))
    print()
    print(summary_table(report))
    return report


def hint(stem: str, level: int = 1) -> None:
    """Print hint ``level`` of exercise ``stem`` (1 is a nudge; higher levels say more)."""
    print(registry.hint(stem, level))
