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
    "e02a_sgd_by_hand",
    "e03_mnist_loss",
    "e03a_accuracy_as_loss",
    "e03b_minibatches",
    "e04_train_epoch",
    "e05_simple_net",
    "e05a_fastai_learner",
    "e05b_stuck_at_50",
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
        forbid: functions the stub tells the student not to use, each with the stub's reason,
            e.g. ``{"torch.nn.functional.cross_entropy": "write cross-entropy yourself"}``: in
            the worker they raise, naming the rule (the stub is the contract: forbid nothing
            the stub does not say).
        probes: the module of grader-written code the worker runs beside the student's (see
            :mod:`autograder.probes`); by default ``autograder.probes.<stem>`` when it exists,
            else the probes every exercise shares.
    """

    stem: str
    title: str
    section: str
    hints: list[str]
    checks: list[Check] = field(default_factory=list)
    forbid: dict[str, str] = field(default_factory=dict)
    probes: str = ""

    def __post_init__(self) -> None:
        if not self.probes:
            import importlib.util

            own = f"autograder.probes.{self.stem}"
            self.probes = own if importlib.util.find_spec(own) else "autograder.probes.common"

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
