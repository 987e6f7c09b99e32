"""Every exercise, in course order, with its checks: ``autograder.checks.<stem>`` for each stem of
:data:`~autograder.core.exercise.STEMS` (the list itself sits in the bottom layer, which the
questionnaire and the build read too)."""

from __future__ import annotations

import importlib

from autograder.core.commands import mnist_grade
from autograder.core.exercise import STEMS, Exercise
from autograder.core.model import Check

__all__ = ["STEMS", "checks_of", "exercise", "exercises", "hint"]


def exercise(stem: str) -> Exercise:
    """The :class:`Exercise` (with its checks) called ``stem``."""
    if stem not in STEMS:
        raise KeyError(f"no exercise called {stem!r}; the exercises are: {', '.join(STEMS)}")
    return importlib.import_module(f"autograder.checks.{stem}").EXERCISE


def exercises() -> list[Exercise]:
    """All exercises in course order (importing each check module once)."""
    return [exercise(s) for s in STEMS]


def checks_of(stem: str) -> list[Check]:
    """The checks of ``stem``; none when ``stem`` is not an exercise (a course assignment that
    is graded by hand only)."""
    try:
        return exercise(stem).checks
    except KeyError:
        return []


def hint(stem: str, level: int = 1, notebook: bool = False) -> str:
    """Hint ``level`` (1 = a nudge) of exercise ``stem``, with how many levels there are and how
    to ask for the next one: ``hint("<stem>", 2)`` in a ``notebook``, else the terminal command
    (``.venv/bin/mnist-grade hint <stem> 2``, as this shell can run it)."""
    ex = exercise(stem)
    level = max(1, min(level, len(ex.hints)))
    ask = f'hint("{stem}", {level + 1})' if notebook else mnist_grade("hint", stem, str(level + 1))
    more = f" (more: {ask})" if level < len(ex.hints) else ""
    return f"{ex.title}, hint {level} of {len(ex.hints)}: {ex.hints[level - 1]}{more}"
