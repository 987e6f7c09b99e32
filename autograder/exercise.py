"""An exercise's metadata and the decorator that registers its checks.

Each module in :mod:`autograder.checks` defines one ``EXERCISE`` and decorates its check functions
with ``@EXERCISE.check(...)``; :mod:`autograder.registry` lists the modules in course order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from autograder.model import Check


@dataclass
class Exercise:
    """One step of the chapter.

    Args:
        stem: the shared file stem (``e03_mnist_loss``): ``solutions/<stem>.py``,
            ``exercises/<stem>.py`` and ``.ipynb``, ``autograder/checks/<stem>.py``.
        title: a short title for tables and notebooks.
        section: the book section to read.
        hints: layered hints, a nudge first, then more.
    """

    stem: str
    title: str
    section: str
    hints: list[str]
    checks: list[Check] = field(default_factory=list)

    def check(self, points: int, description: str, timeout: float = 20.0, hidden: bool = False):
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
