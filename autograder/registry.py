"""Every exercise, in course order. One stem per exercise, shared by every file that belongs to it."""

from __future__ import annotations

import importlib

from autograder.exercise import Exercise

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


def exercise(stem: str) -> Exercise:
    """The :class:`Exercise` (with its checks) called ``stem``."""
    if stem not in STEMS:
        raise KeyError(f"no exercise called {stem!r}; the exercises are: {', '.join(STEMS)}")
    return importlib.import_module(f"autograder.checks.{stem}").EXERCISE


def exercises() -> list[Exercise]:
    """All exercises in course order (importing each check module once)."""
    return [exercise(s) for s in STEMS]


def hint(stem: str, level: int = 1) -> str:
    """Hint ``level`` (1 = a nudge) of exercise ``stem``, with how many levels there are."""
    ex = exercise(stem)
    level = max(1, min(level, len(ex.hints)))
    more = f" (more: hint({stem!r}, {level + 1}))" if level < len(ex.hints) else ""
    return f"{ex.title}, hint {level} of {len(ex.hints)}: {ex.hints[level - 1]}{more}"
