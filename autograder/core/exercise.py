"""The exercises' stems in course order, an exercise's metadata, and the decorator that
registers its checks.

Each module in :mod:`autograder.checks` defines one ``EXERCISE`` and decorates its check functions
with ``@EXERCISE.check(...)``; :mod:`autograder.checks.registry` finds the module of each stem of
:data:`STEMS`. The list lives here, at the bottom, because every layer keys on it: the
questionnaire names the exercise that practises a question, the build writes one set of files per
stem, the checks are looked up by it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from autograder.core.model import DEFAULT_TIMEOUT, Check

#: Every exercise, in course order: one stem per exercise, shared by every file that belongs to it
#: (``solutions/<stem>.py``, ``exercises/<stem>.py`` and ``.ipynb``, ``autograder/checks/<stem>``,
#: ``course/source/<stem>/``).
STEMS: list[str] = [
    "e01_stacking",
    "e02_distances",
    "e03_mnist_loss",
    "e04_train_epoch",
    "e05_simple_net",
    "e06_ten_digits",
    "e07_learner",
    "questionnaire",
]


@dataclass
class Exercise:
    """One step of the chapter.

    Args:
        stem: the shared file stem (``e03_mnist_loss``): ``solutions/<stem>.py``,
            ``exercises/<stem>.py`` and ``.ipynb``, ``autograder/checks/<stem>``.
        title: a short title for tables and notebooks.
        section: the book section to read.
        hints: layered hints, a nudge first, then more.
    """

    stem: str
    title: str
    section: str
    hints: list[str]
    checks: list[Check] = field(default_factory=list)

    def check(self, points: int, description: str, timeout: float = DEFAULT_TIMEOUT,
              hidden: bool = False):
        """Register the decorated ``func(sub)`` as a check of this exercise, in definition order."""

        def register(func: Callable) -> Callable:
            if any(c.name == func.__name__ for c in self.checks):
                raise ValueError(f"{self.stem}: two checks are called {func.__name__}")
            self.checks.append(
                Check(self.stem, func.__name__, description, points, func, timeout, hidden)
            )
            return func

        return register

    @property
    def possible(self) -> int:
        return sum(c.points for c in self.checks)
