"""The grading data model: a check, its result, and a report with score and possible.

Renderers (:mod:`autograder.render`) and front ends (:mod:`autograder.frontends`) only read these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import Enum

#: A check's default time limit in seconds; a check that asks for more trains a model on real data.
DEFAULT_TIMEOUT = 20.0


class Status(str, Enum):
    """How a check ended."""

    PASSED = "passed"
    WRONG = "wrong"  # the code ran and gave a wrong answer
    ERROR = "error"  # the code raised (or a function is missing)
    NOT_ATTEMPTED = "not_attempted"  # the stub still raises NotImplementedError
    TIMEOUT = "timeout"  # the check ran past its time limit


@dataclass(frozen=True)
class Check:
    """One graded property of one exercise.

    Args:
        exercise: the exercise stem, e.g. ``"e03_mnist_loss"``.
        name: short identifier, unique within the exercise (``mnist_loss_values``).
        description: one sentence for the student: what is checked.
        points: what the check is worth.
        func: ``func(sub)`` raises :class:`autograder.core.feedback.Wrong` (or anything) to fail;
            ``sub`` is the student's :class:`autograder.grading.loader.Submission`.
        timeout: seconds before the check is stopped and scored ``timeout``.
        hidden: in nbgrader, graded in a hidden test cell (the feedback still shows its message).
    """

    exercise: str
    name: str
    description: str
    points: int
    func: Callable
    timeout: float = DEFAULT_TIMEOUT
    hidden: bool = False

    @property
    def id(self) -> str:
        return f"{self.exercise}::{self.name}"


@dataclass
class CheckResult:
    """What one check found: earned points out of ``points``, and a message for the student."""

    exercise: str
    name: str
    description: str
    points: int
    earned: float
    status: Status
    message: str = ""
    seconds: float = 0.0
    output: str = ""  # what the student's code printed (stdout and stderr) while the check ran
    curves: dict | None = None  # a failed training check's curves, as plain data, for a notebook

    def to_dict(self) -> dict:
        d = asdict(self)
        d["status"] = self.status.value
        return d


@dataclass
class ExerciseReport:
    """All check results of one exercise."""

    exercise: str
    title: str
    source: str  # the graded file, as shown to the student
    results: list[CheckResult] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(r.earned for r in self.results)

    @property
    def possible(self) -> int:
        return sum(r.points for r in self.results)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)


@dataclass
class Report:
    """The whole grading run."""

    exercises: list[ExerciseReport] = field(default_factory=list)
    target: str = ""
    device: str = ""

    @property
    def score(self) -> float:
        return sum(e.score for e in self.exercises)

    @property
    def possible(self) -> int:
        return sum(e.possible for e in self.exercises)

    def exercise(self, stem: str, title: str = "", source: str = "") -> ExerciseReport:
        """The report of ``stem``, created on first use."""
        for e in self.exercises:
            if e.exercise == stem:
                return e
        e = ExerciseReport(stem, title, source)
        self.exercises.append(e)
        return e

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "possible": self.possible,
            "target": self.target,
            "device": self.device,
            "exercises": [
                {
                    "name": e.exercise,
                    "title": e.title,
                    "source": e.source,
                    "score": e.score,
                    "possible": e.possible,
                    "checks": [r.to_dict() for r in e.results],
                }
                for e in self.exercises
            ],
        }
